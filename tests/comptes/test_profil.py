"""The profile page: identity, e-mail change with confirmation, password change."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import MOT_DE_PASSE, UserFactory
from tests.outils import texte_lu

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent(client):
    personne = UserFactory(email="paul@ddt80.example", first_name="Paul", last_name="Agent")
    client.force_login(personne)
    return personne


def test_the_person_edits_name_function_and_phone(client, agent):
    page = texte_lu(client.get(reverse("comptes:profil")))
    assert "paul@ddt80.example" in page and str(agent.organisation) in page
    reponse = client.post(
        reverse("comptes:profil"),
        {
            "first_name": "Paule",
            "last_name": "Agent",
            "fonction": "Chargée d'études urbanisme",
            "telephone": "03 22 00 00 00",
        },
        follow=True,
    )
    assert "Votre profil est enregistré." in texte_lu(reponse)
    agent.refresh_from_db()
    assert (agent.first_name, agent.fonction, agent.telephone) == (
        "Paule",
        "Chargée d'études urbanisme",
        "03 22 00 00 00",
    )
    # The header shows the new name.
    assert "Paule Agent — Agent de service déconcentré" in texte_lu(reponse)


def test_a_name_is_required(client, agent):
    reponse = client.post(reverse("comptes:profil"), {"first_name": "", "last_name": "Agent"})
    assert "Ce champ est obligatoire." in texte_lu(reponse)
    agent.refresh_from_db()
    assert agent.first_name == "Paul"


def demander(client, nouvel_email, mot_de_passe=MOT_DE_PASSE, capture=None):
    with capture(execute=True):
        return client.post(
            reverse("comptes:changer_email"),
            {"nouvel_email": nouvel_email, "mot_de_passe": mot_de_passe},
            follow=True,
        )


def lien(message):
    return re.search(r"http://[^/\s]+(/comptes/adresse-e-mail/[^\s]+/)", message.body).group(1)


def test_an_e_mail_change_takes_effect_once_the_new_address_confirms(
    client, agent, django_capture_on_commit_callbacks
):
    reponse = demander(
        client, "Paul.Agent@Somme.gouv.fr", capture=django_capture_on_commit_callbacks
    )
    assert "Un lien de confirmation est envoyé à paul.agent@somme.gouv.fr." in texte_lu(reponse)
    agent.refresh_from_db()
    assert agent.email == "paul@ddt80.example"  # nothing changes yet
    (message,) = mail.outbox
    assert message.to == ["paul.agent@somme.gouv.fr"]
    url = lien(message)

    # Opening the link (a mail scanner does) changes nothing; the button does.
    assert "Confirmer ma nouvelle adresse" in texte_lu(client.get(url))
    agent.refresh_from_db()
    assert agent.email == "paul@ddt80.example"
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(url, follow=True)
    assert "Votre adresse e-mail est désormais paul.agent@somme.gouv.fr." in texte_lu(reponse)
    agent.refresh_from_db()
    assert agent.email == "paul.agent@somme.gouv.fr"
    # The former address is told.
    assert mail.outbox[1].to == ["paul@ddt80.example"]
    assert "paul.agent@somme.gouv.fr" in mail.outbox[1].body

    # The link works once; the new address logs in.
    reponse = client.post(url)
    assert reponse.status_code == 410 and "déjà été utilisé" in texte_lu(reponse)
    client.logout()
    reponse = client.post(
        reverse("login"), {"username": "paul.agent@somme.gouv.fr", "password": MOT_DE_PASSE}
    )
    assert reponse.status_code == 302


def test_an_e_mail_change_needs_the_password_and_a_free_address(
    client, agent, django_capture_on_commit_callbacks
):
    page = texte_lu(
        demander(client, "neuf@ddt.example", "faux", django_capture_on_commit_callbacks)
    )
    assert "Mot de passe incorrect." in page
    UserFactory(email="prise@ddt.example")
    page = texte_lu(
        demander(client, "prise@ddt.example", capture=django_capture_on_commit_callbacks)
    )
    assert "Cette adresse e-mail est déjà celle d'un autre compte." in page
    page = texte_lu(
        demander(client, "paul@ddt80.example", capture=django_capture_on_commit_callbacks)
    )
    assert "C'est déjà votre adresse e-mail." in page
    assert mail.outbox == []


def test_an_expired_or_forged_confirmation_link_is_refused(
    client, agent, settings, django_capture_on_commit_callbacks
):
    demander(client, "neuf@ddt.example", capture=django_capture_on_commit_callbacks)
    url = lien(mail.outbox[0])
    settings.CHANGEMENT_EMAIL_DUREE_VALIDITE = -1
    reponse = client.post(url)
    assert reponse.status_code == 410 and "Ce lien de confirmation a expiré" in texte_lu(reponse)
    reponse = client.post(url.replace(url[-8:-1], "AAAAAAA"))
    assert "Ce lien de confirmation n'est pas valide." in texte_lu(reponse)
    agent.refresh_from_db()
    assert agent.email == "paul@ddt80.example"


def test_the_profile_links_to_password_change_and_preferences(client, agent):
    page = client.get(reverse("comptes:profil")).content.decode()
    assert reverse("password_change") in page
    assert reverse("notifications:preferences") in page
    reponse = client.post(
        reverse("password_change"),
        {
            "old_password": MOT_DE_PASSE,
            "new_password1": "Un-nouveau-mot-de-passe-2026",
            "new_password2": "Un-nouveau-mot-de-passe-2026",
        },
    )
    assert reponse.status_code == 302
    agent.refresh_from_db()
    assert agent.check_password("Un-nouveau-mot-de-passe-2026")


def test_the_profile_needs_a_login(client):
    reponse = client.get(reverse("comptes:profil"))
    assert reponse.status_code == 302 and reponse.url.startswith(reverse("login"))
