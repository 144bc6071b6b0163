"""Charts shown with their data: the State's chart components (``@gouvfr/dsfr-chart``, served
from ``node_modules`` by staticfiles) draw them in the browser, and the same figures always
sit beside them in a table, for screen readers, for a printout, and where the components are
not installed (a machine without npm): a chart is never the only way to read a figure.
"""

import json
from dataclasses import dataclass

from .formats import euros as en_euros


@dataclass
class Graphique:
    """A bar chart or a map: a title, the rows (label, value) and the table's headers."""

    identifiant: str
    titre: str
    lignes: list  # [(label, value)], or [(code, label, value)] for a map
    entetes: tuple = ("", "Nombre")
    genre: str = "barres"  # "barres", "carte-departements" or "carte-regions"
    unite: str = ""
    horizontal: bool = False
    # Amounts in euros: the data table writes them as « 20 000,00 € ».
    euros: bool = False

    @property
    def est_carte(self):
        return self.genre.startswith("carte")

    @property
    def table(self):
        """Rows of the data table: label then value (a map lists only the places that have
        something; the page says the others have none)."""
        lignes = [ligne[-2:] for ligne in self.lignes if not self.est_carte or ligne[-1]]
        if self.euros:
            return [(libelle, en_euros(valeur)) for libelle, valeur in lignes]
        return lignes

    @property
    def x(self):
        return json.dumps([[str(ligne[-2]) for ligne in self.lignes]], ensure_ascii=False)

    @property
    def y(self):
        return json.dumps([[_nombre(ligne[-1]) for ligne in self.lignes]])

    @property
    def nom(self):
        return json.dumps([self.entetes[1]], ensure_ascii=False)

    @property
    def donnees_carte(self):
        """``{"75": 3, …}``: the map's values keyed by département or région code."""
        return json.dumps({code: _nombre(valeur) for code, _, valeur in self.lignes})

    @property
    def total(self):
        return sum(_nombre(ligne[-1]) for ligne in self.lignes)

    @property
    def niveau(self):
        return "reg" if self.genre == "carte-regions" else "dep"


def _nombre(valeur):
    return float(valeur) if not isinstance(valeur, int) else valeur
