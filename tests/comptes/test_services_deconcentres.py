"""The network of services déconcentrés derived from the référentiel."""

from comptes.models import Organisation
from comptes.services_deconcentres import generer_services_deconcentres


def _service(**filtres):
    return Organisation.objects.services().get(**filtres)


def test_each_territory_gets_its_service(referentiel):
    generer_services_deconcentres()

    assert _service(departement_id="80").type_service == "DDTM"  # coastal
    assert _service(departement_id="01").type_service == "DDT"
    assert _service(departement_id="2A").type_service == "DDTM"
    assert _service(region_id="32").nom == "DREAL Hauts-de-France"
    assert _service(region_id="01").nom == "DEAL Guadeloupe"
    assert _service(region_id="11").type_service == "DRIEAT"
    # Paris and the petite couronne are covered by the DRIEAT; overseas by the DEAL.
    assert not Organisation.objects.filter(departement_id__in=["75", "92", "971"]).exists()
    assert Organisation.objects.services().filter(type_service="DDTM").count() == 26
    assert Organisation.objects.services().filter(type_service="DREAL").count() == 12
    assert Organisation.objects.services().filter(type_service="DEAL").count() == 5


def test_generation_is_idempotent_and_keeps_hand_edits(referentiel):
    generer_services_deconcentres()
    somme = _service(departement_id="80")
    somme.nom = "DDTM de la Somme"
    somme.save()

    assert generer_services_deconcentres() == 0
    assert _service(departement_id="80").nom == "DDTM de la Somme"
