"""The admin of login security (django-axes, django-otp's TOTP devices), in French, still
doing what administrators come for: lifting a lockout, resetting a colleague's device."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.administration.test_toutes_les_pages import MOTS_NON_FRANCAIS
from tests.factories import MOT_DE_PASSE, UserFactory
from tests.outils import texte, texte_lu

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrateur():
    navigateur = Client()
    navigateur.force_login(UserFactory(administrateur=True))
    return navigateur


def tenter(client, email, mot_de_passe):
    return client.post(
        reverse("login"), {"username": email, "password": mot_de_passe}, REMOTE_ADDR="192.0.2.10"
    )


def test_an_administrator_sees_the_lockout_and_lifts_it(client, administrateur, settings):
    from axes.models import AccessAttempt

    agent = UserFactory(email="agent@exemple.gouv.fr")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        tenter(client, agent.email, "mauvais")
    assert tenter(client, agent.email, MOT_DE_PASSE).status_code == 429

    liste = administrateur.get(reverse("admin:axes_accessattempt_changelist"))
    lu = texte_lu(liste)
    assert "Sécurité des connexions › Tentatives de connexion" in lu
    assert "Navigateur (user agent)" in lu and "Par verrouillage" in lu
    assert "Verrouillé" in lu
    assert not MOTS_NON_FRANCAIS.findall(lu)

    tentative = AccessAttempt.objects.get()
    fiche = administrateur.get(reverse("admin:axes_accessattempt_change", args=[tentative.pk]))
    assert "agent@exemple.gouv.fr depuis 192.0.2.10" in texte_lu(fiche)
    administrateur.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [tentative.pk], "post": "yes"},
    )
    assert not AccessAttempt.objects.exists()
    assert tenter(client, agent.email, MOT_DE_PASSE).status_code == 302


def test_the_attempts_left_before_the_lockout(client, administrateur, settings):
    agent = UserFactory()
    tenter(client, agent.email, "mauvais")
    liste = administrateur.get(reverse("admin:axes_accessattempt_changelist"))
    restants = settings.AXES_FAILURE_LIMIT - 1
    assert f"{restants} essais restants" in texte_lu(liste)


def test_expired_attempts_are_cleaned_up_in_french(client, administrateur, settings):
    from axes.models import AccessAttempt

    tenter(client, UserFactory().email, "mauvais")
    AccessAttempt.objects.update(attempt_time=timezone.now() - 2 * settings.AXES_COOLOFF_TIME)
    reponse = administrateur.post(
        reverse("admin:axes_accessattempt_changelist"),
        {
            "action": "cleanup_expired_attempts",
            "_selected_action": [AccessAttempt.objects.get().pk],
        },
        follow=True,
    )
    assert "1 tentative expirée supprimée." in texte(reponse)
    assert not AccessAttempt.objects.exists()


def test_an_administrator_resets_a_colleague_s_totp_device(administrateur):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    collegue = UserFactory(instructeur=True)
    appareil = TOTPDevice.objects.create(user=collegue, name="Téléphone")

    liste = texte_lu(administrateur.get(reverse("admin:otp_totp_totpdevice_changelist")))
    assert "Double authentification › Appareils TOTP" in liste
    assert "Créé le" in liste and "Par date de création" in liste
    assert not MOTS_NON_FRANCAIS.findall(liste)
    # The colleague's secret stays theirs: neither its key nor its QR code is shown.
    fiche = administrateur.get(reverse("admin:otp_totp_totpdevice_change", args=[appareil.pk]))
    assert "Appareils TOTP › Téléphone" in texte_lu(fiche)
    assert appareil.key not in fiche.content.decode()
    assert not MOTS_NON_FRANCAIS.findall(texte_lu(fiche))
    code_qr = administrateur.get(reverse("admin:otp_totp_totpdevice_config", args=[appareil.pk]))
    assert code_qr.status_code == 403

    administrateur.post(
        reverse("admin:otp_totp_totpdevice_delete", args=[appareil.pk]), {"post": "yes"}
    )
    assert not TOTPDevice.objects.filter(user=collegue).exists()
