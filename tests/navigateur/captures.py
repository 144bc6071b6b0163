"""Screenshots of the portal's main pages for the README, taken on the demo data in real
Chromium: `make captures` writes them to docs/screenshots/.

Not collected by `make test` (its name is not test_*.py): run it through `make captures`, or
`pytest tests/navigateur/captures.py`. Each page is checked with axe-core before its picture
is taken, so the README never shows an inaccessible page.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.navigateur.outils import accessible, connecter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOSSIER = Path(os.environ.get("CAPTURES_DIR", Path(__file__).parents[2] / "docs/screenshots"))
HAUTEUR_MAXIMALE = 1500


def capturer(page, nom, titre):
    """Check the page is the one expected and accessible, then save its top part."""
    expect(page.get_by_role("heading", level=1)).to_contain_text(titre)
    page.wait_for_load_state("networkidle")
    accessible(page)
    hauteur = min(page.evaluate("document.documentElement.scrollHeight"), HAUTEUR_MAXIMALE)
    page.screenshot(
        path=DOSSIER / f"{nom}.png",
        full_page=True,
        clip={"x": 0, "y": 0, "width": page.viewport_size["width"], "height": hauteur},
        animations="disabled",
    )


def ouvrir(page, lien):
    page.get_by_role("link", name=lien).first.click()


def test_captures(page, demo):
    DOSSIER.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto("/")
    capturer(page, "01-accueil", "Les Ateliers Flash")
    ouvrir(page, "Découvrir les ateliers réalisés")
    capturer(page, "02-catalogue", "Les ateliers réalisés")
    ouvrir(page, "Reconquête du site Sueur")
    capturer(page, "03-atelier-realise", "Reconquête du site Sueur")

    connecter(page, "agent.ddtm80@demo.gouv.fr")
    capturer(page, "04-tableau-de-bord-service", "Tableau de bord")
    ouvrir(page, "Candidatures")
    ouvrir(page, "Entrée de ville nord d'Albert")
    ouvrir(page, "Compléter la fiche")
    capturer(page, "05-fiche-de-candidature", "Fiche de candidature")

    connecter(page, "instructeur@demo.gouv.fr")
    ouvrir(page, "Dossiers à instruire")
    capturer(page, "06-dossiers-a-instruire", "Dossiers")
    ouvrir(page, "Friche ferroviaire de Redon")
    capturer(page, "07-dossier-en-instruction", "Friche ferroviaire de Redon")
    page.goto("/candidatures/")
    page.get_by_label("État").select_option(label="Éligible")
    page.get_by_role("button", name="Filtrer").click()
    ouvrir(page, "Centre-ville de Péronne")
    ouvrir(page, "Attribuer par le tourniquet")
    capturer(page, "08-attribution-tourniquet", "Attribuer")
    page.goto("/pilotage/")
    expect(page.locator("bar-chart canvas").first).to_be_visible()
    capturer(page, "09-pilotage", "Pilotage du programme")

    connecter(page, "agent.ddtm80@demo.gouv.fr")
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Ateliers"
    ).click()
    ouvrir(page, "Ham, cœur de ville")
    capturer(page, "10-atelier", "Ham, cœur de ville")
    page.get_by_role("table", name="Bons de commande").get_by_role("link").first.click()
    capturer(page, "11-bon-de-commande", "Bon de commande")

    connecter(page, "prestataire@ville-ouverte.demo")
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Ateliers"
    ).click()
    ouvrir(page, "Ham, cœur de ville")
    page.get_by_role("table", name="Livrables").get_by_role("link").first.click()
    capturer(page, "12-livrable", "")
