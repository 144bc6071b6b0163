"""The second factor made compulsory for administrateurs (DOUBLE_FACTEUR_ADMINISTRATEURS)."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.comptes.test_securite import code_actuel, pas_suivant, tenter
from tests.factories import MOT_DE_PASSE, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def obligatoire(settings):
    settings.DOUBLE_FACTEUR_ADMINISTRATEURS = True


def test_off_an_administrateur_without_a_second_factor_works_as_before(client):
    administrateur = UserFactory(administrateur=True)
    tenter(client, administrateur.email, MOT_DE_PASSE)
    assert client.get(reverse("tableau_de_bord")).status_code == 200


def test_on_an_administrateur_must_set_it_up_before_any_page(client, obligatoire):
    administrateur = UserFactory(administrateur=True)
    tenter(client, administrateur.email, MOT_DE_PASSE)

    for url in (reverse("tableau_de_bord"), reverse("admin:index"), reverse("comptes:profil")):
        reponse = client.get(url, follow=True)
        assert reponse.redirect_chain[-1][0] == reverse("comptes:double_authentification")
        page = reponse.content.decode()
        assert "demande la double authentification : activez-la pour continuer" in page
        assert "<svg" in page  # the QR code to scan

    device = TOTPDevice.objects.get(user=administrateur, confirmed=False)
    reponse = client.post(
        reverse("comptes:double_authentification"), {"code": code_actuel(device)}, follow=True
    )
    assert "La double authentification est activée" in reponse.content.decode()
    assert client.get(reverse("tableau_de_bord")).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 200


def test_on_it_cannot_be_turned_off_by_an_administrateur(client, obligatoire):
    administrateur = UserFactory(administrateur=True)
    client.force_login(administrateur)
    device = TOTPDevice.objects.create(user=administrateur, name="Téléphone", confirmed=True)
    # This session passed the code (as at login).
    pas_suivant(device)
    client.post(reverse("logout"))
    tenter(client, administrateur.email, MOT_DE_PASSE)
    client.post(reverse("connexion_code"), {"code": code_actuel(device)})
    pas_suivant(device)

    reponse = client.post(reverse("comptes:double_authentification"), {"code": code_actuel(device)})

    assert "obligatoire pour les administrateurs" in reponse.content.decode()
    assert TOTPDevice.objects.filter(user=administrateur, confirmed=True).exists()


def test_on_other_roles_are_not_held(client, obligatoire):
    for personne in (UserFactory(), UserFactory(instructeur=True)):
        client.force_login(personne)
        assert client.get(reverse("tableau_de_bord")).status_code == 200


def test_on_logging_out_stays_possible(client, obligatoire):
    administrateur = UserFactory(administrateur=True)
    client.force_login(administrateur)
    assert client.post(reverse("logout"))["Location"] == reverse("accueil_public")
    assert "_auth_user_id" not in client.session
