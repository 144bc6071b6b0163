"""The kinds of document the portal renders, declared by the apps that own their source.

Each business app describes its documents in its ``pdf`` module (``candidatures.pdf``,
``commandes.pdf``, ``livrables.pdf``), loaded when the portal starts: which model they are
made from, the template, the data snapshot, who may see them and the file name.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404


@dataclass(frozen=True)
class Genre:
    code: str
    libelle: str
    modele: type
    gabarit: str
    # The data the document shows, as JSON-serialisable values (already formatted text).
    donnees: Callable
    # Whether a person may see (hence ask for and download) the document of a source.
    visible: Callable
    nom_fichier: Callable
    titre: Callable
    # Where the document is shown (the page of its source), for links and redirections.
    lien: Callable


_GENRES = {}


def enregistrer(genre):
    _GENRES[genre.code] = genre
    return genre


def genre(code):
    try:
        return _GENRES[code]
    except KeyError:
        raise Http404("Type de document inconnu.") from None


def genres():
    return dict(_GENRES)
