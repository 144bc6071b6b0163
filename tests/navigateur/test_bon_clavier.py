"""In a real browser and with the keyboard only, journey 3: the agent of the pilot service
logs in, opens the atelier, prepares a bon de commande, emits it and downloads its PDF, which
the emission queued, once the queue has rendered it (a real Celery worker in CI). Each element is
reached with Tab, with a visible focus, and activated with Enter; axe-core checks each page."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from demo.donnees import MOT_DE_PASSE_DEMO
from tests.documents.conftest import texte_pdf
from tests.navigateur.clavier import activer, saisir
from tests.navigateur.outils import accessible, message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ATELIER = "Corbie, abbaye et bords de Somme"


def test_agent_emits_a_bon_and_downloads_its_pdf_with_the_keyboard_only(
    page,
    demo,
    file_de_taches,
):
    page.goto("/")
    activer(page, page.get_by_role("link", name="Se connecter").first)
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion à l'espace des services")
    accessible(page)
    saisir(page, page.get_by_label("Adresse e-mail"), "agent.ddtm80@demo.gouv.fr")
    saisir(page, page.get_by_label("Mot de passe").first, MOT_DE_PASSE_DEMO)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tableau de bord")

    menu = page.get_by_role("navigation", name="Menu principal")
    activer(page, menu.get_by_role("link", name="Ateliers"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ateliers")
    activer(page, page.get_by_role("link", name=ATELIER))
    expect(page.get_by_role("heading", level=1)).to_have_text(ATELIER)

    activer(page, page.get_by_role("link", name="Préparer un bon de commande"))
    expect(page.get_by_label("Montant HT (€)")).to_be_visible()
    accessible(page)
    saisir(page, page.get_by_label("Objet"), "Atelier Flash de Corbie — cadrage et site")
    saisir(page, page.get_by_label("Montant HT (€)"), "18 500")
    saisir(page, page.get_by_label("N° d'engagement juridique (Chorus)"), "2100077777")
    saisir(page, page.get_by_label("Code service (Chorus Pro)"), "DDTM80-SUA")
    activer(page, page.get_by_role("button", name="Enregistrer le brouillon"))
    expect(page.get_by_text("22 200,00 €")).to_be_visible()  # TTC at 20 %
    accessible(page)
    numero = page.get_by_role("heading", level=1).inner_text().removeprefix("Bon de commande ")

    activer(page, page.get_by_role("link", name="Émettre le bon"))
    expect(page.get_by_label("Date d'émission")).to_be_visible()
    accessible(page)
    activer(page, page.get_by_role("button", name="Émettre le bon"))
    expect(message(page, "Bon émis.")).to_be_visible()

    # No button to press: the page waits for the queue, then offers the file.
    expect(page.get_by_role("button", name="Générer le PDF")).to_have_count(0)
    telechargement = page.get_by_role("link", name="Télécharger : ")
    expect(telechargement).to_be_visible(timeout=60_000)
    accessible(page)
    with page.expect_download() as fichier:
        activer(page, telechargement)
    assert fichier.value.suggested_filename.endswith(".pdf")
    texte = texte_pdf(Path(fichier.value.path()).read_bytes())
    assert f"Bon de commande n° {numero}" in texte
    assert "18 500,00 €" in texte and "22 200,00 €" in texte
    if file_de_taches:  # rendered by the worker process, not by the web server
        assert "documents.tasks.rendre_document" in file_de_taches.read_text()
