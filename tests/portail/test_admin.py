"""The Django admin that DGALN administrators use to set up the programme."""

import pytest
from django.urls import reverse

from comptes.models import Organisation
from tests.factories import AtelierFactory, MembreFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrateur(client):
    client.force_login(UserFactory(administrateur=True))
    AtelierFactory()
    MembreFactory(role="mandataire")
    return client


def test_admin_explains_a_service_without_its_territory(administrateur):
    reponse = administrateur.post(
        reverse("admin:comptes_organisation_add"),
        {"type": "service", "nom": "DDT sans territoire", "type_service": "DDT", "actif": "on"},
    )
    assert "Une DDT ou une DDTM est rattachée à un département." in reponse.content.decode()
    assert not Organisation.objects.filter(nom="DDT sans territoire").exists()


def test_a_commune_key_with_a_nul_byte_is_refused_on_the_form(administrateur):
    # Found by the fuzzer on PostgreSQL: the autocomplete looked the key up and failed (500).
    reponse = administrateur.post(
        reverse("admin:comptes_organisation_add"),
        {"type": "collectivite", "nom": "Commune X", "commune": "80\x00021", "actif": "on"},
    )
    assert reponse.status_code == 200
    assert reponse.context["adminform"].form.errors["commune"]
    assert not Organisation.objects.filter(nom="Commune X").exists()


def test_a_key_beyond_the_database_s_integers_is_refused_on_the_form(administrateur):
    # Found by the fuzzer on SQLite: the autocomplete looked the key up and overflowed (500).
    reponse = administrateur.post(
        reverse("admin:candidatures_candidature_add"), {"service": str(2**70)}
    )
    assert reponse.status_code == 200
    assert reponse.context["adminform"].form.errors["service"]


def test_admin_refuses_an_accord_cadre_longer_than_four_years(administrateur):
    reponse = administrateur.post(
        reverse("admin:marches_accordcadre_add"),
        {
            "reference": "AC-TROP-LONG",
            "intitule": "Trop long",
            "date_debut": "01/09/2025",
            "date_fin": "01/10/2029",
            "montant_max_ht": "1000000",
            "taux_tva": "20",
            "statut": "preparation",
            "titulaires-TOTAL_FORMS": "0",
            "titulaires-INITIAL_FORMS": "0",
        },
    )
    assert "Un accord-cadre dure au plus quatre ans" in reponse.content.decode()


def test_agents_and_instructeurs_are_kept_out_of_the_admin(client):
    for user in (UserFactory(), UserFactory(instructeur=True), UserFactory(prestataire=True)):
        client.force_login(user)
        reponse = client.get(reverse("admin:comptes_user_changelist"))
        assert reponse.status_code == 302
        assert reponse.url.startswith(reverse("admin:login"))


def test_admin_refuses_a_second_accord_cadre_in_force(administrateur):
    from tests.factories import accord_en_vigueur

    accord_en_vigueur()
    reponse = administrateur.post(
        reverse("admin:marches_accordcadre_add"),
        {
            "reference": "AC-DEUX",
            "intitule": "Un second en vigueur",
            "date_debut": "01/09/2025",
            "date_fin": "31/08/2029",
            "montant_max_ht": "1000000",
            "taux_tva": "20",
            "montant_atelier_ht": "20000",
            "regle_ecart": "garde_sa_place",
            "statut": "en_vigueur",
            "titulaires-TOTAL_FORMS": "0",
            "titulaires-INITIAL_FORMS": "0",
        },
    )
    assert "Un seul accord-cadre peut être en vigueur à la fois." in reponse.content.decode()
