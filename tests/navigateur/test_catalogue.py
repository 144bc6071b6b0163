"""In a real browser: a visitor discovers the ateliers réalisés (map, filters, an atelier's
page, open data); the DGALN reads its dashboard, where the State's chart components draw
each figure beside its table. axe-core checks every page on the way (WCAG 2 A/AA)."""

import pytest
from playwright.sync_api import expect

from tests.navigateur.outils import connecter, violations_wcag

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_finds_an_atelier_on_the_catalogue(page, demo):
    page.goto("/")
    page.get_by_role("link", name="Découvrir les ateliers réalisés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Les ateliers réalisés")
    # The demo's closed atelier and the five of its imported history.
    expect(page.get_by_text("6 ateliers réalisés depuis 2021")).to_be_visible()
    # The map is drawn, and its figures are in the table beside it.
    expect(page.locator("map-chart svg").first).to_be_visible()
    tableau = page.get_by_role("table", name="Ateliers réalisés par département (données)")
    expect(tableau.get_by_role("row", name="Somme 4")).to_be_visible()
    assert violations_wcag(page) == []

    page.get_by_label("Année").select_option("2023")
    page.get_by_label("Titulaire").select_option(label="Groupement Ville Ouverte")
    page.get_by_role("button", name="Filtrer").click()
    expect(
        page.get_by_role("heading", name="1 atelier correspond à votre recherche")
    ).to_be_visible()
    page.get_by_role("link", name="Reconquête du site Sueur").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reconquête du site Sueur")
    expect(page.get_by_text("Groupement Ville Ouverte")).to_be_visible()
    assert violations_wcag(page) == []

    page.get_by_role("link", name="Données ouvertes").click()
    expect(page.get_by_role("link", name="Télécharger le GeoJSON")).to_be_visible()
    assert violations_wcag(page) == []


def test_dgaln_reads_the_dashboard_charts_and_tables(page, demo):
    connecter(page, "instructeur@demo.gouv.fr")
    page.get_by_role("link", name="Pilotage").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pilotage du programme")
    expect(page.locator("bar-chart canvas").first).to_be_visible()
    expect(page.locator("map-chart svg").first).to_be_visible()
    expect(
        page.get_by_role("table", name="Ateliers par phase, tout le programme (données)")
    ).to_be_visible()
    assert violations_wcag(page) == []
