"""Login by e-mail, logout and password reset by e-mail link."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import MOT_DE_PASSE, UserFactory

pytestmark = pytest.mark.django_db


def _connexion(client, email, mot_de_passe=MOT_DE_PASSE, **extra):
    return client.post(reverse("login"), {"username": email, "password": mot_de_passe, **extra})


def test_login_page_is_in_french_and_dsfr(client):
    page = client.get(reverse("login")).content.decode()

    assert "Connexion à l'espace des services" in page
    assert 'class="fr-input"' in page
    assert "Adresse e-mail" in page
    assert "Mot de passe oublié" in page
    # DSFR marks optional fields, not required ones.
    assert "fr-required-marker" not in page


def test_agent_logs_in_with_their_email_in_any_case_and_lands_on_dashboard(client):
    agent = UserFactory(email="camille@somme.gouv.fr")

    reponse = _connexion(client, "Camille@Somme.gouv.fr")

    assert reponse.status_code == 302
    assert reponse.url == reverse("tableau_de_bord")
    page = client.get(reponse.url).content.decode()
    assert f"Tableau de bord — {agent.organisation}" in page


def test_wrong_password_is_refused_with_a_french_message(client):
    UserFactory(email="camille@somme.gouv.fr")

    reponse = _connexion(client, "camille@somme.gouv.fr", "mauvais")

    assert reponse.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrect" in reponse.content.decode()
    assert "_auth_user_id" not in client.session


def test_deactivated_account_cannot_log_in(client):
    UserFactory(email="parti@somme.gouv.fr", is_active=False)

    reponse = _connexion(client, "parti@somme.gouv.fr")

    assert "_auth_user_id" not in client.session
    assert "incorrect" in reponse.content.decode()


def test_next_parameter_is_followed_but_never_to_another_site(client):
    UserFactory(email="camille@somme.gouv.fr")

    ailleurs = _connexion(client, "camille@somme.gouv.fr", next="https://exemple.com/")
    assert ailleurs.url == reverse("tableau_de_bord")


def test_logout_is_a_post_and_ends_the_session(client):
    user = UserFactory()
    client.force_login(user)

    reponse = client.post(reverse("logout"))

    assert reponse.url == reverse("accueil_public")
    assert client.get(reverse("tableau_de_bord")).status_code == 302


def test_dashboard_requires_login(client):
    reponse = client.get(reverse("tableau_de_bord"))
    assert reponse.status_code == 302
    assert reponse.url.startswith(reverse("login"))


def test_password_reset_by_email_link_then_login_with_the_new_password(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="camille@somme.gouv.fr")

    # The e-mail is queued once the request's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(reverse("password_reset"), {"email": "CAMILLE@somme.gouv.fr"})
    assert reponse.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["camille@somme.gouv.fr"]
    assert "réinitialisation" in message.subject
    lien = re.search(r"https?://[^/]+(/\S+)", message.body).group(1)

    formulaire = client.get(lien, follow=True)
    assert "Choisissez un nouveau mot de passe" in formulaire.content.decode()
    nouveau = "Encore-un-meilleur-mot-de-passe-2026"
    client.post(
        formulaire.redirect_chain[-1][0],
        {"new_password1": nouveau, "new_password2": nouveau},
    )

    assert _connexion(client, "camille@somme.gouv.fr", nouveau).status_code == 302
    # The link served once: it is dead now.
    assert "Lien invalide ou expiré" in client.get(lien, follow=True).content.decode()


def test_password_reset_for_unknown_address_sends_nothing_and_reveals_nothing(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(reverse("password_reset"), {"email": "inconnu@exemple.fr"})

    assert reponse.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_weak_new_password_is_refused_in_french(client):
    user = UserFactory()
    client.force_login(user)

    reponse = client.post(
        reverse("password_change"),
        {"old_password": MOT_DE_PASSE, "new_password1": "12345678", "new_password2": "12345678"},
    )

    page = reponse.content.decode()
    assert "Ce mot de passe est trop court" in page
    assert "entièrement numérique" in page
