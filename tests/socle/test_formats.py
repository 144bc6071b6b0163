"""Amounts and dates as the whole portal writes them (pages, PDFs, e-mails, messages)."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template

from socle.formats import date_heure_longue, date_longue, euros, pluriel


@pytest.mark.parametrize(
    ("montant", "texte"),
    [
        (Decimal("20000"), "20\u202f000,00\u00a0€"),
        (Decimal("1234567.891"), "1\u202f234\u202f567,89\u00a0€"),
        (Decimal("12.345"), "12,35\u00a0€"),  # half-up to the cent, as the bons compute
        (Decimal("999.999"), "1\u202f000,00\u00a0€"),
        (0, "0,00\u00a0€"),
        (Decimal("-0.001"), "0,00\u00a0€"),  # no « -0,00 »
        (Decimal("-12.5"), "-12,50\u00a0€"),
        (Decimal("-1234567.5"), "-1\u202f234\u202f567,50\u00a0€"),
        (Decimal("3000000000.00"), "3\u202f000\u202f000\u202f000,00\u00a0€"),
        (35000, "35\u202f000,00\u00a0€"),
        ("19500.5", "19\u202f500,50\u00a0€"),
        (None, "—"),
        ("", "—"),
        ("pas un nombre", "—"),
    ],
)
def test_amounts_are_written_the_french_way(montant, texte):
    assert euros(montant) == texte


def test_an_amount_without_decimals():
    assert euros(Decimal("20000.40"), decimales=0) == "20\u202f000\u00a0€"


def test_dates_are_written_the_french_way():
    assert date_longue(datetime.date(2025, 9, 1)) == "1er septembre 2025"
    assert date_longue(datetime.date(2029, 8, 31)) == "31 août 2029"
    assert date_longue(None) == ""


def test_a_moment_is_written_in_the_portal_s_time_zone_with_the_1er():
    # 23:30 UTC on 30 November is already 1 December, 00:30, in Paris.
    moment = datetime.datetime(2026, 11, 30, 23, 30, tzinfo=datetime.UTC)
    assert date_heure_longue(moment) == "1er décembre 2026 à 00:30"
    assert date_longue(moment) == "1er décembre 2026"
    assert date_heure_longue(None) == ""


def test_templates_use_the_same_functions():
    gabarit = Template("{% load formats %}{{ m|euros }} / {{ v|euros }} / {{ d|date_longue }}")
    rendu = gabarit.render(
        Context({"m": Decimal("20000"), "v": None, "d": datetime.date(2026, 11, 1)})
    )
    assert rendu == "20\u202f000,00\u00a0€ / — / 1er novembre 2026"


@pytest.mark.parametrize(
    ("nombre", "suffixes", "attendu"),
    [
        (0, "s", ""),
        (1, "s", ""),
        (1.5, "s", ""),
        (2, "s", "s"),
        (1, "son,leur", "son"),
        (3, "son,leur", "leur"),
        (0, "ent", ""),
        (5, "ent", "ent"),
    ],
)
def test_french_plural_is_singular_below_two(nombre, suffixes, attendu):
    # « 0 dossier », « 1,5 jour » in French, where Django's pluralize writes « 0 dossiers ».
    assert pluriel(nombre, suffixes) == attendu


def test_no_template_uses_the_english_plural():
    from pathlib import Path

    from django.conf import settings

    anglais = [
        str(f.relative_to(settings.BASE_DIR))
        for f in Path(settings.BASE_DIR, "templates").rglob("*.html")
        if "|pluralize" in f.read_text()
    ]
    assert anglais == []


@pytest.mark.parametrize(
    ("titre", "attendu"),
    [
        ("Modification de accord-cadre", "Modification d’accord-cadre"),
        ("Affichage de événement", "Affichage d’événement"),
        ("Affichage de historique", "Affichage d’historique"),
        ("Modification de candidature", "Modification de candidature"),
    ],
)
def test_de_elides_before_a_vowel_in_admin_titles(titre, attendu):
    from socle.formats import elision

    assert elision(titre) == attendu
