"""The layout of the history file: its columns, the row it gives once checked, and the errors
that refuse it. ``docs/import-historique.md`` documents the same columns (a test compares)."""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from comptes.models import Organisation
from marches.models import AccordCadre, Titulaire
from referentiels.models import EPCI

PREMIERE_ANNEE = 2019

# Required in the header; every value required too, except ``communes`` when ``epci`` is given.
COLONNES_OBLIGATOIRES = (
    "reference",
    "annee",
    "titre",
    "echelle",
    "communes",
    "service",
    "accord_cadre",
    "titulaire",
    "date_cloture",
)
# May be left out of the header altogether.
COLONNES_FACULTATIVES = (
    "epci",
    "thematiques",
    "montant_ht",
    "latitude",
    "longitude",
    "maitrise_ouvrage",
    "contexte",
    "enjeux",
    "productions",
    "suites",
    "axes",
    "exemple_inspirant",
)
COLONNES = COLONNES_OBLIGATOIRES + COLONNES_FACULTATIVES

MONTANT_PAR_DEFAUT = Decimal("20000.00")
# France with its overseas territories, roughly (La Réunion to Dunkerque, Guyane to Mayotte).
LATITUDES = (Decimal(-22), Decimal(52))
LONGITUDES = (Decimal(-62), Decimal(56))

OUI_NON = {"oui": True, "vrai": True, "1": True, "non": False, "faux": False, "0": False}


class HistoriqueInvalide(Exception):
    """The file cannot be imported; ``erreurs`` says why, in French, one line per problem."""

    def __init__(self, erreurs):
        self.erreurs = list(erreurs)
        nombre = len(self.erreurs)
        titre = (
            f"Fichier refusé, rien n'a été importé ({nombre} erreur{'s' if nombre > 1 else ''}) :"
        )
        super().__init__("\n".join([titre, *(f"- {e}" for e in self.erreurs)]))


@dataclass
class Ligne:
    """One checked row of the file, its references resolved to objects."""

    numero: int
    reference: str
    annee: int
    titre: str
    echelle: str
    communes: list
    service: Organisation
    accord_cadre: AccordCadre
    titulaire: Titulaire
    date_cloture: date
    epci: EPCI | None = None
    thematiques: list = field(default_factory=list)
    montant_ht: Decimal = MONTANT_PAR_DEFAUT
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    maitrise_ouvrage: str = ""
    contexte: str = ""
    enjeux: str = ""
    productions: str = ""
    suites: str = ""
    axes: list = field(default_factory=list)
    exemple_inspirant: bool = False


class ValeurInvalide(Exception):
    """What is wrong with one cell, in French (the caller adds the line and the column)."""


def cle(texte):
    """Compare names loosely: no case, no accents, one kind of dash, apostrophe and space."""
    texte = unicodedata.normalize("NFKD", texte or "")
    texte = "".join(c for c in texte if not unicodedata.combining(c)).lower()
    texte = re.sub(r"[\u2010-\u2015\u2212]", "-", texte).replace("\u2019", "'")
    return " ".join(texte.split())
