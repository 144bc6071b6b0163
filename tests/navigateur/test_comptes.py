"""In a real browser: an agent invites a colleague, who follows the e-mailed link, chooses a
password and lands on the service's home page, then chooses which e-mails to receive; an
administrateur finds the colleague in the directory and deactivates the account. axe-core
checks every page on the way (WCAG 2 A/AA)."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from comptes.models import User
from notifications.models import Preference
from tests.navigateur.outils import accessible as verifier
from tests.navigateur.outils import saisir_identifiants as se_connecter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOUVEAU_MOT_DE_PASSE = "Littoral-Picard-2026"


def test_invitation_preferences_and_deactivation(page, demo):
    se_connecter(page, "agent.ddtm80@demo.gouv.fr")
    page.get_by_role("link", name=re.compile("Mon profil")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon profil")
    verifier(page)
    page.get_by_role("link", name="Inviter des collègues").click()
    verifier(page)
    page.get_by_role("link", name="Inviter une personne").click()
    verifier(page)
    page.get_by_label("Adresse e-mail professionnelle").fill(
        "margot.roux@developpement-durable.gouv.fr"
    )
    page.get_by_label("Prénom").fill("Margot")
    page.get_by_label("Nom", exact=True).fill("Roux")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    expect(page.get_by_text("Invitation envoyée à margot.roux@")).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile("Margot Roux"))).to_be_visible()
    verifier(page)
    page.get_by_role("button", name="Se déconnecter").click()

    (message,) = [m for m in mail.outbox if m.to == ["margot.roux@developpement-durable.gouv.fr"]]
    lien = re.search(r"/comptes/invitation/[^\s/]+/", message.body).group(0)
    page.goto(lien)
    expect(page.get_by_text("Camille Lefèvre vous invite")).to_be_visible()
    verifier(page)
    page.get_by_label("Mot de passe").first.fill(NOUVEAU_MOT_DE_PASSE)
    page.get_by_label("Confirmation du mot de passe").fill(NOUVEAU_MOT_DE_PASSE)
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord — DDTM 80 — Somme")
    expect(page.get_by_text("Bienvenue Margot : votre compte est prêt.")).to_be_visible()

    page.get_by_role("link", name=re.compile("Mon profil")).click()
    page.get_by_role("link", name="Préférences de notification").click()
    verifier(page)
    page.get_by_role("group", name="Nouveau message").get_by_text("Récapitulatif quotidien").click()
    page.get_by_role("button", name="Enregistrer mes préférences").click()
    expect(page.get_by_text("Vos préférences de notification sont enregistrées.")).to_be_visible()
    margot = User.objects.get(email="margot.roux@developpement-durable.gouv.fr")
    assert Preference.objects.get(personne=margot, evenement="message").mode == "quotidien"
    page.get_by_role("button", name="Se déconnecter").click()

    se_connecter(page, "admin@demo.gouv.fr")
    page.get_by_role("link", name="Annuaire").first.click()
    verifier(page)
    page.get_by_label("Rechercher").fill("Somme")
    page.get_by_role("button", name="Filtrer").click()
    page.get_by_role("link", name="DDTM 80 — Somme").click()
    verifier(page)
    page.get_by_role("link", name="Margot Roux").click()
    verifier(page)
    page.get_by_role("link", name="Désactiver le compte").click()
    page.get_by_label("Motif").fill("Erreur d'adresse : doublon.")
    page.get_by_role("button", name="Désactiver le compte").click()
    expect(page.get_by_text("Le compte est désactivé.")).to_be_visible()
    expect(page.get_by_text("Erreur d'adresse : doublon.")).to_be_visible()
    verifier(page)
    page.get_by_role("button", name="Se déconnecter").click()

    se_connecter(page, margot.email, NOUVEAU_MOT_DE_PASSE)
    expect(page.get_by_text("Adresse e-mail ou mot de passe incorrect")).to_be_visible()
