"""The one CSV writer of the portal and its formula guard (list exports, the feuille de
route and the open data all write through ``exports.formats.texte_csv``)."""

import csv
import datetime
import io
from decimal import Decimal

import pytest

from exports.formats import cellule_csv, texte_csv
from exports.listes import EUROS, Colonne


@pytest.mark.parametrize("debut", ["=", "+", "-", "@", "\t", "\r"])
def test_text_that_a_spreadsheet_would_run_gets_a_quote(debut):
    assert cellule_csv(f"{debut}1+1") == f"'{debut}1+1"


@pytest.mark.parametrize(
    ("valeur", "cellule"),
    [
        ("Promenade = canal", "Promenade = canal"),  # only the first character counts
        (Decimal("-12.50"), "-12,50"),  # numbers are numbers, negative or not
        (-1.5534, "-1.5534"),
        (2026, "2026"),
        (datetime.date(2026, 11, 25), "25/11/2026"),
        (None, ""),
    ],
)
def test_other_values_are_written_as_they_are(valeur, cellule):
    assert cellule_csv(valeur) == cellule


def test_the_writer_counts_rows_and_takes_its_separator():
    colonnes = [Colonne("Titre", lambda r: r[0]), Colonne("Montant", lambda r: r[1], EUROS)]
    contenu, nombre = texte_csv(colonnes, [("=1+1", Decimal("10.5")), ("Un, deux", None)], ",")
    assert nombre == 2
    assert contenu.startswith("\ufeff") and contenu.endswith("\r\n")
    lignes = list(csv.reader(io.StringIO(contenu.lstrip("\ufeff"))))
    assert lignes == [["Titre", "Montant"], ["'=1+1", "10,50"], ["Un, deux", ""]]
