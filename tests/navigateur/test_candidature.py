"""In a real browser: an agent declares an intention, the DGALN confirms the opportunity, the
agent fills the fiche, tries to deposit too early, attaches both letters and deposits; the
DGALN finds the file in its inbox. axe-core checks every page on the way (WCAG 2 A/AA)."""

import pytest
from playwright.sync_api import expect

from demo.fichiers import pdf_demo
from tests.navigateur.outils import accessible, connecter, message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_intention_to_deposit(page, demo):
    connecter(page, "agent.ddtm80@demo.gouv.fr")
    page.get_by_role("link", name="Déclarer une intention de candidature").first.click()
    accessible(page)
    page.get_by_label("Titre du projet").fill("Berges de la Somme à Amiens")
    page.get_by_label("Échelle").select_option(label="Quartier")
    champ = page.get_by_label("Ajouter une commune")
    champ.press_sequentially("Amie", delay=50)
    # The suggestion list is filled from the référentiel while typing; one is picked.
    page.get_by_role("option", name="Amiens (80021) — Somme").click()
    expect(page.get_by_role("button", name="Retirer Amiens (80021)")).to_be_visible()
    page.get_by_role("button", name="Transmettre l'intention à la DGALN").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Berges de la Somme à Amiens")
    expect(page.get_by_text("Intention déclarée").first).to_be_visible()
    accessible(page)
    adresse = page.url

    connecter(page, "instructeur@demo.gouv.fr")
    page.goto(adresse)
    page.get_by_role("link", name="Confirmer l'opportunité").click()
    accessible(page)
    page.get_by_label("Message au service").fill("Allez-y.")
    page.get_by_role("button", name="Confirmer l'opportunité").click()
    # The file goes back to the service as a draft, which the DGALN does not see: the
    # instructeur lands on its inbox (not on a 404 under the message).
    expect(page.get_by_role("heading", level=1)).to_have_text("Dossiers à instruire")
    expect(message(page, "Opportunité confirmée : le service est prévenu")).to_be_visible()
    accessible(page)

    connecter(page, "agent.ddtm80@demo.gouv.fr")
    page.goto(adresse)
    etape = page.get_by_role("region", name="Prochaine étape")
    expect(etape).to_contain_text("Déposer le dossier — à faire par le service déconcentré")
    expect(etape).to_contain_text("Il manque encore")
    etape.get_by_role("link", name="Déposer le dossier").click()
    expect(page.get_by_text("Le dossier ne peut pas encore être déposé")).to_be_visible()
    expect(page.get_by_text("au moins une thématique")).to_be_visible()
    accessible(page)

    page.get_by_role("link", name="compléter « Stratégie et enjeux »").first.click()
    accessible(page)
    page.get_by_label("Intention de la stratégie d'aménagement").fill("Ouvrir la ville sur l'eau.")
    page.locator("label", has_text="Reconversion des friches").click()  # as a person does
    expect(page.get_by_label("Reconversion des friches")).to_be_checked()
    page.get_by_label("Secteur et périmètre de réflexion").fill("Les berges entre deux ponts.")
    page.get_by_label("Enjeux").fill("Inondations, continuités écologiques.")
    page.get_by_label("Problématiques").fill("Foncier morcelé.")
    page.get_by_label("Objectifs").fill("Un plan-guide des berges.")
    page.get_by_role("button", name="Enregistrer et continuer").click()

    expect(page.get_by_text("Rubrique « Stratégie et enjeux » enregistrée.")).to_be_visible()
    accessible(page)
    page.get_by_label("Acteur ou structure").first.fill("Amiens Métropole")
    page.get_by_role("button", name="Enregistrer et continuer").click()

    accessible(page)
    page.get_by_label("Nom et prénom").first.fill("Jeanne Élue")
    page.get_by_label("Adresse e-mail").first.fill("jeanne@amiens.example")
    page.get_by_label("Nom et prénom").nth(1).fill("Camille Lefèvre")
    page.get_by_label("Adresse e-mail").nth(1).fill("camille@ddtm80.example")
    page.get_by_label("Début souhaité").fill("2027-03-01")
    page.get_by_role("button", name="Enregistrer et continuer").click()

    accessible(page)
    for nature, nom in (
        ("Courrier de soutien signé du maire ou du président de l'EPCI", "maire.pdf"),
        ("Courrier de soutien signé du préfet ou du sous-préfet, adressé à la DGALN", "prefet.pdf"),
    ):
        page.get_by_label("Nature de la pièce").select_option(label=nature)
        page.get_by_label("Fichier").set_input_files(
            {"name": nom, "mimeType": "application/pdf", "buffer": pdf_demo(nom)}
        )
        page.get_by_role("button", name="Ajouter la pièce").click()
        expect(page.get_by_text(f"Pièce « {nom} » ajoutée.")).to_be_visible()

    page.get_by_role("link", name="Vérifier et déposer le dossier").click()
    expect(page.get_by_text("Le dossier est complet")).to_be_visible()
    page.get_by_role("button", name="Déposer le dossier").click()
    expect(page.get_by_text("Votre récépissé de dépôt porte le numéro")).to_be_visible()
    expect(page.get_by_text("Déposée").first).to_be_visible()

    connecter(page, "instructeur@demo.gouv.fr")
    page.get_by_role("link", name="Dossiers à instruire").click()
    page.get_by_label("Rechercher").fill("berges amiens")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("link", name="Berges de la Somme à Amiens")).to_be_visible()
    expect(page.get_by_text("1 dossier", exact=True)).to_be_visible()
    accessible(page)
