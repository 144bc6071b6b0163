"""In a real browser, journey 2: the instructeur filters the inbox, opens a deposited file,
takes it and asks for a complement on one rubric; the agent completes that rubric and
deposits again; the instructeur sees what changed, declares the file eligible and attributes
it by the tourniquet. axe-core checks every page on the way (WCAG 2 A/AA)."""

import pytest
from playwright.sync_api import expect

from tests.navigateur.outils import accessible, connecter, message, prochaine_etape

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOSSIER = "Revitalisation du centre-bourg d'Abbeville"


def test_complement_requested_then_file_eligible_and_attributed(page, demo):
    # 1. The instructeur finds the deposited file through the inbox's filters.
    connecter(page, "instructeur@demo.gouv.fr")
    page.get_by_role("link", name="Dossiers à instruire").click()
    accessible(page)
    page.get_by_label("État").select_option(label="Déposée")
    page.get_by_label("Département").select_option(label="Somme (80)")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_text("1 dossier", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Friche ferroviaire de Redon")).to_have_count(0)
    accessible(page)
    page.get_by_role("link", name=DOSSIER).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DOSSIER)
    accessible(page)
    adresse = page.url

    prochaine_etape(page).get_by_role("link", name="Prendre en charge").click()
    accessible(page)
    page.get_by_role("button", name="Confier le dossier").click()
    expect(message(page, "Dossier attribué.")).to_be_visible()
    expect(page.get_by_text("En instruction").first).to_be_visible()

    # 2. It asks for a complement on the actors only.
    prochaine_etape(page).get_by_role("link", name="Demander un complément").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Demander un complément")
    accessible(page)
    page.get_by_label("Ce qui manque au dossier").fill(
        "Qui porte le foncier ? Citez l'établissement public foncier."
    )
    page.locator("label", has_text="Acteurs et ressources documentaires").click()
    page.get_by_role("button", name="Demander le complément").click()
    expect(message(page, "Complément demandé : le service est prévenu.")).to_be_visible()
    accessible(page)

    # 3. The agent reads the request, completes the rubric and deposits again.
    connecter(page, "agent.ddtm80@demo.gouv.fr")
    page.goto(adresse)
    alerte = page.get_by_role("heading", name="Complément demandé le")
    expect(alerte).to_be_visible()
    expect(page.get_by_text("Citez l'établissement public foncier.").first).to_be_visible()
    expect(page.get_by_text("Rubriques à compléter : Acteurs et ressources")).to_be_visible()
    accessible(page)
    page.get_by_role("link", name="Compléter la fiche").click()
    expect(page.get_by_role("group", name="Acteurs à mobiliser")).to_be_visible()
    accessible(page)
    acteurs = page.get_by_label("Acteur ou structure")
    vide = next(i for i in range(acteurs.count()) if not acteurs.nth(i).input_value())
    acteurs.nth(vide).fill("EPF Hauts-de-France")
    page.get_by_label("Rôle").nth(vide).fill("portage foncier des îlots")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    expect(
        message(page, "Rubrique « Acteurs et ressources documentaires » enregistrée.")
    ).to_be_visible()

    page.goto(adresse)
    page.get_by_role("link", name="Déposer le dossier").click()
    expect(page.get_by_text("Le dossier est complet")).to_be_visible()
    accessible(page)
    page.get_by_role("button", name="Déposer le dossier").click()
    expect(page.get_by_text("Votre récépissé de dépôt porte le numéro")).to_be_visible()

    # 4. The instructeur sees what changed, declares it eligible and attributes it.
    connecter(page, "instructeur@demo.gouv.fr")
    page.goto(adresse)
    changements = page.get_by_role("table", name="Ce qui a changé")
    expect(changements).to_contain_text("EPF Hauts-de-France")
    accessible(page)
    prochaine_etape(page).get_by_role("link", name="Déclarer éligible").click()
    accessible(page)
    page.get_by_label("Motif").fill("Foncier clarifié, portage politique fort.")
    page.get_by_role("button", name="Déclarer éligible").click()
    expect(message(page, "Dossier déclaré éligible : le service est prévenu.")).to_be_visible()

    prochaine_etape(page).get_by_role("link", name="Attribuer par le tourniquet").click()
    accessible(page)
    # The demo's rotation owes nothing and last served POLAU: Atelier de l'Ourcq comes next.
    titulaire = "Groupement Atelier de l'Ourcq"
    expect(page.get_by_role("heading", name=f"Titulaire proposé : {titulaire}")).to_be_visible()
    page.get_by_role("button", name=f"Confirmer l'attribution à {titulaire}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DOSSIER)
    expect(page.get_by_text(f"Atelier attribué à « {titulaire} »").first).to_be_visible()
    # The atelier now exists, in its first phase, and the titulaire sees it.
    expect(page.get_by_text("Cadrage et appropriation").first).to_be_visible()
    accessible(page)
    connecter(page, "prestataire@atelier-ourcq.demo")
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Ateliers"
    ).click()
    expect(page.get_by_role("link", name=DOSSIER)).to_be_visible()
