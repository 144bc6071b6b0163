"""The lists the portal exports, declared by the apps that own them.

Each business app describes the export of its list in its ``exports`` module
(``candidatures.exports``, ``ateliers.exports``, ``commandes.exports``, ``livrables.exports``),
loaded when the portal starts: the rows a person sees (the list's own ``visible_to``), the
list's FilterSet and the columns, each a French header and a function giving a typed value
(dates as dates, amounts as ``Decimal``) that the writers turn into spreadsheet cells. The list
page is built on the same rows and FilterSet (``exports.pages``): the file holds what the
screen shows. The file may read its rows as values (``rangees``, see ``exports.rangees``)
rather than as the page's model instances: its columns are then given those values.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone

# The kinds of value a column holds: they decide the cell's format in both files.
TEXTE = "texte"
NOMBRE = "nombre"
EUROS = "euros"
TAUX = "taux"  # a rate in %, as a number (20.00)
DATE = "date"


@dataclass(frozen=True)
class Colonne:
    entete: str
    valeur: Callable  # row (instance or ``Rangee``) -> str, int, Decimal, date or None
    genre: str = TEXTE
    # Whether ``user`` gets this column (the list page hides it from them too); None: everyone.
    pour: Callable | None = None


@dataclass(frozen=True)
class Liste:
    code: str
    titre: str
    # The rows ``user`` may see, in the order of the list page, with what the page shows
    # joined or prefetched (the file adds its ``complements``).
    lignes: Callable
    # The list page's FilterSet (``socle.filtres.FiltreDeListe``): the same filters, by
    # construction.
    filtre: type
    colonnes: tuple
    # The URL name of the list page.
    page: str
    # What the file's columns read beyond what the page shows (a prefetch, an annotation):
    # queryset -> queryset. The list page (``exports.pages``) does without it.
    complements: Callable | None = None
    # What the columns read that no query holds (an invoice's deadline, computed from its
    # dates): an iterable of rows -> an iterable of what each column is given, taken as the
    # file's rows stream in, in a fixed number of queries.
    enrichir: Callable | None = None
    # The file's rows without model instances (``exports.rangees``): the filtered queryset
    # -> an iterable of what each column is given (its values, read chunk by chunk). The
    # list page still reads ``lignes``' instances; without it, the file reads them too.
    rangees: Callable | None = None

    def filtrer(self, user, donnees, page=False):
        """The list's FilterSet for ``user`` applied to ``donnees`` (the page's query string),
        over the file's rows, or the list page's with ``page``: the same rows either way."""
        lignes = self.lignes(user)
        if self.complements and not page:
            lignes = self.complements(lignes)
        return self.filtre.pour(user, donnees, lignes)

    def colonnes_pour(self, user):
        return [c for c in self.colonnes if c.pour is None or c.pour(user)]


_LISTES = {}


def enregistrer(liste):
    _LISTES[liste.code] = liste
    return liste


def liste(code):
    try:
        return _LISTES[code]
    except KeyError:
        raise Http404("Liste inconnue.") from None


def listes():
    return dict(_LISTES)


def jour(moment):
    """The local date of a timestamp (a date column shows the day, as the page does)."""
    return timezone.localdate(moment) if moment else None


def oui_non(valeur):
    return "Oui" if valeur else "Non"
