"""In a real browser and with the keyboard, the territory's communes one at a time: the agent
types, picks a suggestion with the arrows and Enter, sees it as a tag, removes a tag with
Enter on its button, hears each change in the live region, and sends the form; axe-core checks
the page (WCAG 2 A/AA)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.navigateur.outils import accessible, connecter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def choisir(page, champ, saisie, suggestion):
    champ.press_sequentially(saisie, delay=50)
    expect(page.get_by_role("option", name=suggestion)).to_be_visible()
    champ.press("ArrowDown")
    expect(page.get_by_role("option", name=suggestion)).to_have_attribute("aria-selected", "true")
    champ.press("Enter")


def test_communes_are_picked_and_removed_one_by_one_with_the_keyboard(page, demo):
    connecter(page, "agent.ddtm80@demo.gouv.fr")
    page.goto(reverse("candidatures:intention"))
    annonce = page.locator("#annonce-communes")
    champ = page.get_by_role("combobox", name="Ajouter une commune")
    expect(page.get_by_text("Aucune commune retenue pour l'instant.")).to_be_visible()

    choisir(page, champ, "Amie", "Amiens (80021) — Somme")
    amiens = page.get_by_role("button", name="Retirer Amiens (80021)")
    expect(amiens).to_have_text("Amiens (80021)")
    expect(annonce).to_have_text("Amiens (80021) ajoutée")
    expect(champ).to_have_value("")
    expect(champ).to_be_focused()
    expect(page.get_by_role("listbox")).to_be_hidden()
    accessible(page)

    choisir(page, champ, "80001", "Abbeville (80001) — Somme")
    abbeville = page.get_by_role("button", name="Retirer Abbeville (80001)")
    expect(abbeville).to_be_visible()
    expect(annonce).to_have_text("Abbeville (80001) ajoutée")

    # The tags come just before the field: Shift+Tab reaches them, Enter removes one.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    expect(amiens).to_be_focused()
    page.keyboard.press("Enter")
    expect(amiens).to_have_count(0)
    expect(annonce).to_have_text("Amiens (80021) retirée")
    expect(abbeville).to_be_focused()
    accessible(page)

    page.get_by_label("Titre du projet").fill("Le port d'Abbeville")
    page.get_by_label("Échelle").select_option(label="Quartier")
    # Enter in the title sends the form, as it did before « Ajouter la commune » was there.
    page.get_by_label("Titre du projet").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Le port d'Abbeville")
    communes = page.locator("dt", has_text="Communes").locator("xpath=following-sibling::dd[1]")
    expect(communes).to_have_text("Abbeville (80001)")
