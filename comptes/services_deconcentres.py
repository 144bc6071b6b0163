"""The State's services déconcentrés, derived from the territorial référentiel.

One DDT per département, a DDTM in the 26 coastal ones, one DREAL per metropolitan région
and one DEAL per overseas région. Île-de-France is organised differently: Paris and the
petite couronne (75, 92, 93, 94) have no DDT, the DRIEAT covers the région. Everything stays
editable in the admin; this only fills in what is missing, and is safe to run again.
"""

from django.db import transaction

from referentiels.models import Departement, Region, Zone

from .models import Organisation

DEPARTEMENTS_LITTORAUX = frozenset(
    {
        *("06", "11", "13", "14", "17", "22", "27", "29", "2A", "2B", "30", "33", "34"),
        *("35", "40", "44", "50", "56", "59", "62", "64", "66", "76", "80", "83", "85"),
    }
)
ILE_DE_FRANCE = "11"
PETITE_COURONNE = frozenset({"75", "92", "93", "94"})

T = Organisation.TypeService


def _service_du_departement(dep: Departement):
    if dep.zone != Zone.METRO or dep.code in PETITE_COURONNE:
        return None  # overseas: the DEAL; Paris and petite couronne: the DRIEAT
    type_service = T.DDTM if dep.code in DEPARTEMENTS_LITTORAUX else T.DDT
    nom = f"{type_service} {dep.code} — {dep.nom}"
    return type_service, nom


def _service_de_la_region(region: Region):
    if region.zone == Zone.DROM:
        return T.DEAL, f"DEAL {region.nom}"
    if region.zone == Zone.METRO:
        if region.code == ILE_DE_FRANCE:
            return T.DRIEAT, "DRIEAT Île-de-France"
        return T.DREAL, f"DREAL {region.nom}"
    return None  # collectivités d'outre-mer: no service of the programme's network


@transaction.atomic
def generer_services_deconcentres():
    """Create the missing services; return how many were created."""
    existants = set(
        Organisation.objects.services().values_list("type_service", "departement_id", "region_id")
    )
    attendus = [
        (_service_du_departement(dep), dep, None) for dep in Departement.objects.filter(actif=True)
    ] + [
        (_service_de_la_region(region), None, region)
        for region in Region.objects.filter(actif=True)
    ]
    a_creer = [
        Organisation(
            type=Organisation.Type.SERVICE,
            type_service=service[0],
            nom=service[1],
            departement=dep,
            region=region,
        )
        for service, dep, region in attendus
        if service and (service[0], dep and dep.code, region and region.code) not in existants
    ]
    Organisation.objects.bulk_create(a_creer)
    return len(a_creer)
