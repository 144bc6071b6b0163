"""In a real browser, against a real OpenID Connect provider on loopback standing in for
ProConnect: from the button on the login page to the dashboard, and back out of both."""

import pytest
from playwright.sync_api import expect

from tests.factories import UserFactory
from tests.navigateur.outils import message, violations_wcag
from tests.proconnect.outils import fournisseur_demarre

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def fournisseur(tmp_path_factory, live_server):
    with fournisseur_demarre(
        tmp_path_factory.mktemp("oidc"),
        [f"{live_server.url}/comptes/proconnect/retour/"],
        [f"{live_server.url}/comptes/proconnect/deconnexion/"],
    ) as f:
        yield f


def test_an_agent_signs_in_with_proconnect_and_out_of_both(page, fournisseur, settings):
    fournisseur.reglages(settings)
    agent = UserFactory(email="camille.roux@somme.gouv.fr", first_name="C.", last_name="Roux")
    fournisseur.connaitre(agent.email, given_name="Camille", usual_name="Roux")

    page.goto("/comptes/connexion/")
    assert violations_wcag(page) == []
    page.get_by_role("link", name="S’identifier avec ProConnect").click()
    # At the provider: its own sign-in page.
    expect(page.get_by_role("heading", level=1)).to_have_text("Fournisseur d'identité de test")
    page.get_by_label("Adresse e-mail").fill(agent.email)
    page.get_by_role("button", name="Se connecter").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Tableau de bord")
    # The name ProConnect gives is now the profile's, in the header.
    expect(page.get_by_role("link", name="Mon profil : Camille Roux").first).to_be_visible()

    page.get_by_role("button", name="Se déconnecter").click()
    expect(message(page, "Vous êtes déconnecté du portail et de ProConnect.")).to_be_visible()
    # Signing in again goes through the provider's page: its session has ended too.
    page.goto("/comptes/connexion/")
    page.get_by_role("link", name="S’identifier avec ProConnect").click()
    expect(page.get_by_label("Adresse e-mail")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fournisseur d'identité de test")


def test_an_unknown_address_reads_whom_to_ask_for_an_invitation(page, fournisseur, settings):
    fournisseur.reglages(settings)
    page.goto("/comptes/connexion/")
    page.get_by_role("link", name="S’identifier avec ProConnect").click()
    page.get_by_label("Adresse e-mail").fill("nouvelle@ailleurs.gouv.fr")
    page.get_by_role("button", name="Se connecter").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Aucun compte pour cette adresse")
    expect(page.get_by_text("de vous inviter avec cette adresse")).to_be_visible()
    assert violations_wcag(page) == []
    # Another address: leave this one's ProConnect session first.
    page.get_by_role("button", name="Se déconnecter de ProConnect").click()
    expect(message(page, "Vous êtes déconnecté du portail et de ProConnect.")).to_be_visible()
    page.goto("/comptes/connexion/")
    page.get_by_role("link", name="S’identifier avec ProConnect").click()
    expect(page.get_by_label("Adresse e-mail")).to_be_visible()
