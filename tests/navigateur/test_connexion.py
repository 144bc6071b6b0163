"""In a real browser: the public page, then each demo account logs in and reaches its home."""

import pytest
from playwright.sync_api import expect

from demo.donnees import MOT_DE_PASSE_DEMO
from tests.navigateur.outils import violations_wcag

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMPTES = {
    "agent.ddtm80@demo.gouv.fr": "Tableau de bord — DDTM 80 — Somme",
    "instructeur@demo.gouv.fr": "Tableau de bord — DGALN",
    "admin@demo.gouv.fr": "Tableau de bord — DGALN",
    "prestataire@ville-ouverte.demo": "Tableau de bord — Ville Ouverte",
}


def test_public_home_is_styled_by_the_dsfr_and_accessible(page):
    page.goto("/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Les Ateliers Flash")
    # The DSFR stylesheet is really applied (served by the project, not a CDN).
    police = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Marianne" in police
    assert violations_wcag(page) == []


def test_each_demo_account_logs_in_through_the_form_and_lands_on_its_home(page, demo):
    """One demo for every account (loading it is most of a browser test's time): a wrong
    password first, then each account in turn, from the public home page."""
    page.goto("/comptes/connexion/")
    page.get_by_label("Adresse e-mail").fill("agent.ddtm80@demo.gouv.fr")
    page.get_by_label("Mot de passe").fill("pas-le-bon")
    page.get_by_role("button", name="Se connecter").click()

    expect(page.get_by_text("Adresse e-mail ou mot de passe incorrect")).to_be_visible()
    assert violations_wcag(page) == []

    for email, titre in COMPTES.items():
        page.goto("/")
        page.get_by_role("link", name="Se connecter").first.click()
        page.get_by_label("Adresse e-mail").fill(email)
        page.get_by_label("Mot de passe").fill(MOT_DE_PASSE_DEMO)
        page.get_by_role("button", name="Se connecter").click()

        expect(page.get_by_role("heading", level=1)).to_have_text(titre)
        assert violations_wcag(page) == [], email

        page.get_by_role("button", name="Se déconnecter").click()
        expect(page.get_by_role("link", name="Se connecter").first).to_be_visible()
