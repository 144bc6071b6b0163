"""Tables the portal exports beside its lists: figures computed for a page (a consumption per
year and titulaire), not rows of a model that a FilterSet selects.

An app declares a ``Tableau`` in its ``exports`` module, as it declares a ``Liste``: who may
have it (a ``socle.decisions`` rule, the page's own), its rows for the query string, and its
columns (``exports.listes.Colonne``, written by ``exports.formats`` as every list is). A table
is small by nature (a few dozen rows): its file is always sent at once, never queued.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone

from .formats import ecrire


@dataclass(frozen=True)
class Tableau:
    code: str
    titre: str
    # (user, query string) -> the rows, for a person the rule allows.
    lignes: Callable
    colonnes: tuple
    # user -> Decision: the rule of the page that shows the table.
    autorise: Callable


_TABLEAUX = {}


def enregistrer(tableau):
    _TABLEAUX[tableau.code] = tableau
    return tableau


def tableau(code):
    try:
        return _TABLEAUX[code]
    except KeyError:
        raise Http404("Tableau inconnu.") from None


def fichier(tableau, user, format, donnees):
    """``(bytes, name)``: the table for ``user`` with the page's query string ``donnees``."""
    lignes = tableau.lignes(user, donnees)
    contenu, _nombre = ecrire(format, tableau.colonnes, lignes, tableau.titre)
    return contenu, f"{tableau.code}-{timezone.localdate():%Y-%m-%d}.{format}"
