"""In a real browser: an agent filters the bons de commande, downloads the CSV of that screen,
then asks for a large XLSX export, is told it is being prepared, and downloads it from
"Mes exports" once the worker has written it. axe-core checks both pages (WCAG 2 A/AA)."""

from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from commandes.models import BonDeCommande
from tests.factories import MOT_DE_PASSE, AtelierFactory, UserFactory
from tests.navigateur.outils import accessible, connecter, message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AGENT = "agent@ddt.example"


@pytest.fixture
def bons():
    atelier = AtelierFactory(candidature__titre="Centre de Péronne")
    agent = UserFactory(organisation=atelier.service_pilote, email=AGENT)
    for ordre, statut in enumerate(["emis", "emis", "brouillon"], start=1):
        BonDeCommande.objects.create(
            atelier=atelier,
            ordre=ordre,
            numero=f"{atelier.reference}-{ordre}",
            objet=f"Bon {ordre}",
            montant_ht="1000.00",
            taux_tva="20.00",
            statut=statut,
            cree_par=agent,
        )


def test_an_agent_exports_the_filtered_list_then_a_large_one(page, bons, settings):
    connecter(page, AGENT, MOT_DE_PASSE)
    page.goto("/commandes/")
    page.get_by_label("État").select_option(label="Émis")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("status").filter(has_text="bons de commande")).to_have_text(
        "2 bons de commande"
    )
    accessible(page)

    with page.expect_download() as telechargement:
        page.get_by_role("link", name="Exporter en CSV").click()
    fichier = telechargement.value
    assert fichier.suggested_filename == (f"bons-de-commande-{timezone.localdate():%Y-%m-%d}.csv")
    contenu = Path(fichier.path()).read_text(encoding="utf-8-sig")
    assert contenu.count("\n") == 3  # the header and the two emitted bons
    assert "Brouillon" not in contenu

    settings.EXPORT_SEUIL_SYNCHRONE = 1
    page.get_by_role("link", name="Exporter en XLSX").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes exports")
    expect(message(page, "Votre export de 2 lignes est en préparation")).to_be_visible()
    # Without a broker the task ran once the request committed: the file is ready.
    page.reload()
    expect(page.get_by_text("Prêt", exact=True)).to_be_visible()
    accessible(page)
    with page.expect_download() as telechargement:
        page.get_by_role("link", name="Télécharger").click()
    assert telechargement.value.suggested_filename.endswith(".xlsx")
