"""An organisation is who it says: a SIRET that exists (14 digits, right key), one name per
kind of organisation — refused in French in the admin, not stored."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from comptes.models import Organisation
from socle.identifiants import valider_siret
from tests.factories import SocieteFactory, UserFactory
from tests.outils import texte_lu

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("siret", "code"),
    [
        ("123", "siret_format"),
        ("ABCDEFGHIJKLMN", "siret_format"),
        ("7325829020003", "siret_format"),  # 13 digits
        ("73282932000075", "siret_cle"),  # one digit off
    ],
)
def test_a_wrong_siret_is_refused_with_its_reason(siret, code):
    with pytest.raises(ValidationError) as erreur:
        valider_siret(siret)
    assert erreur.value.code == code


@pytest.mark.parametrize(
    "siret",
    [
        "73282932000074",  # a real SIRET (INSEE's example of the Luhn key)
        "35600000000048",  # La Poste's head office, by the Luhn key too
        "35600000000024",  # another of La Poste's: its digits sum to a multiple of 5
    ],
)
def test_a_right_siret_is_accepted(siret):
    valider_siret(siret)


@pytest.fixture
def administrateur(client):
    client.force_login(UserFactory(administrateur=True))
    return client


def _societe(**champs):
    return {"type": "prestataire", "nom": "Atelier Nouveau", "actif": "on", **champs}


def test_the_admin_refuses_a_wrong_siret_beside_the_field(administrateur):
    reponse = administrateur.post(
        reverse("admin:comptes_organisation_add"), _societe(siret="12345678901234")
    )
    assert "Ce SIRET n'existe pas : sa clé de contrôle est fausse." in texte_lu(reponse)
    assert not Organisation.objects.filter(nom="Atelier Nouveau").exists()


def test_the_admin_refuses_a_second_company_of_the_same_name(administrateur):
    SocieteFactory(nom="Ville Ouverte")
    reponse = administrateur.post(
        reverse("admin:comptes_organisation_add"), _societe(nom="ville ouverte")
    )
    assert "Une organisation de ce type porte déjà ce nom." in texte_lu(reponse)
    assert Organisation.objects.filter(nom__iexact="Ville Ouverte").count() == 1
