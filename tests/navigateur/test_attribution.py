"""In a real browser: the instructeur attributes an eligible file by the tourniquet (setting
the first titulaire aside), the pilot service prepares, emits and notifies a bon de commande,
and the titulaire finds it. axe-core checks every page on the way (WCAG 2 A/AA)."""

import pytest
from playwright.sync_api import expect

from tests.navigateur.outils import accessible, connecter, prochaine_etape

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_attribution_then_bon_de_commande(page, demo):
    connecter(page, "instructeur@demo.gouv.fr")
    page.get_by_role("link", name="Dossiers à instruire").click()
    page.get_by_label("État").select_option(label="Éligible")
    page.get_by_role("button", name="Filtrer").click()
    page.get_by_role("link", name="Centre-ville de Péronne").click()
    prochaine_etape(page).get_by_role("link", name="Attribuer par le tourniquet").click()
    accessible(page)
    # The demo's rotation owes nothing and last served POLAU: Atelier de l'Ourcq comes next.
    expect(
        page.get_by_role("heading", name="Titulaire proposé : Groupement Atelier de l'Ourcq")
    ).to_be_visible()
    page.get_by_text("Indisponible", exact=False).first.click()
    page.get_by_label("Précisions").fill("Équipe mobilisée sur un autre atelier en janvier.")
    page.get_by_role("button", name="Écarter Groupement Atelier de l'Ourcq").click()
    expect(page.get_by_text("est écarté pour ce dossier")).to_be_visible()
    accessible(page)
    page.get_by_role("button", name="Confirmer l'attribution à Groupement Ville Ouverte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Centre-ville de Péronne")
    expect(
        page.get_by_text("Atelier attribué à « Groupement Ville Ouverte »").first
    ).to_be_visible()
    accessible(page)
    atelier = page.url

    page.get_by_role("link", name="Accords-cadres").click()
    page.get_by_role("link", name="AC-AF-2025").click()
    expect(page.get_by_text("Registre vérifié")).to_be_visible()
    expect(
        page.get_by_role("cell", name="Titulaire écarté — titulaire indisponible")
    ).to_be_visible()
    accessible(page)

    connecter(page, "agent.ddtm80@demo.gouv.fr")
    page.goto(atelier)
    page.get_by_role("link", name="Préparer un bon de commande").click()
    accessible(page)
    page.get_by_label("Montant HT (€)").fill("20 000")
    page.get_by_label("N° d'engagement juridique (Chorus)").fill("2100099999")
    page.get_by_label("Code service (Chorus Pro)").fill("DDTM80-SUA")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_text("Montant TTC")).to_be_visible()
    expect(page.get_by_text("24 000,00 €")).to_be_visible()
    accessible(page)
    prochaine_etape(page).get_by_role("link", name="Émettre le bon").click()
    accessible(page)
    page.get_by_role("button", name="Émettre le bon").click()
    expect(page.get_by_text("Bon émis.")).to_be_visible()
    prochaine_etape(page).get_by_role("link", name="Notifier au titulaire").click()
    page.get_by_role("button", name="Notifier le bon").click()
    expect(page.get_by_text("Bon notifié : le titulaire est prévenu.")).to_be_visible()
    numero = page.get_by_role("heading", level=1).inner_text().removeprefix("Bon de commande ")

    connecter(page, "prestataire@ville-ouverte.demo")
    page.get_by_role("link", name="Bons de commande").click()
    expect(page.get_by_role("link", name=numero)).to_be_visible()
    accessible(page)
    page.get_by_role("link", name=numero).click()
    expect(page.get_by_text("Notifié au titulaire").first).to_be_visible()
    expect(page.get_by_role("link", name="Émettre le bon")).to_have_count(0)
    accessible(page)
