"""Published and unpublished ateliers around two départements, for the catalogue's tests.

Each has its fiche synthétique, validated by its pilot service (the catalogue shows no atelier
before): what hides some of them is the publication alone."""

import datetime

import pytest
from django.utils import timezone

from ateliers.models import Phase, Publication
from livrables.models import FicheSynthetique
from tests.factories import (
    AtelierFactory,
    CommuneFactory,
    DepartementFactory,
    RegionFactory,
    ServiceFactory,
    ThematiqueFactory,
    TitulaireFactory,
    UserFactory,
)

PERSONNEL = {
    "ref_collectivite_nom": "Marie Confidentielle",
    "ref_collectivite_email": "marie.confidentielle@mairie.example",
    "ref_collectivite_telephone": "03 22 11 22 33",
    "ref_service_nom": "Paul Secret",
    "ref_service_email": "paul.secret@ddt.gouv.fr",
    "ref_service_telephone": "03 22 44 55 66",
}


def fiche_validee(atelier):
    """The atelier's fiche synthétique, written and validated by its pilot service."""
    service = UserFactory(organisation=atelier.service_pilote)
    return FicheSynthetique.objects.create(
        atelier=atelier,
        annee=atelier.candidature.annee,
        territoire="Le territoire",
        maitrise_ouvrage="La commune",
        contexte="Un contexte.",
        enjeux="Des enjeux.",
        productions="Une feuille de route.",
        suites="Des études.",
        modifie_par=service,
        validee_le=timezone.now(),
        validee_par=service,
    )


def _atelier(
    phase=Phase.CLOTURE, annee=2024, commune=None, theme=None, valider_la_fiche=True, **kwargs
):
    atelier = AtelierFactory(phase=phase, candidature__annee=annee, **kwargs)
    if phase == Phase.CLOTURE:
        atelier.date_cloture = datetime.date(annee + 1, 3, 29)
        atelier.save()
    type(atelier.candidature).objects.filter(pk=atelier.candidature_id).update(**PERSONNEL)
    if commune:
        atelier.candidature.communes.add(commune)
    if theme:
        atelier.candidature.thematiques.add(theme)
    if valider_la_fiche:
        fiche_validee(atelier)
    return atelier


@pytest.fixture
def catalogue(db):
    somme = DepartementFactory(code="80", nom="Somme", region=RegionFactory(code="32"))
    bretagne = RegionFactory(code="53", nom="Bretagne")
    ille = DepartementFactory(code="35", nom="Ille-et-Vilaine", region=bretagne)
    doullens = CommuneFactory(
        code="80253", nom="Doullens", departement=somme, latitude="50.1567", longitude="2.3411"
    )
    vitre = CommuneFactory(code="35360", nom="Vitré", departement=ille)
    friches = ThematiqueFactory(libelle="Reconversion des friches", famille="territoriales")
    risques = ThematiqueFactory(libelle="Gestion des risques", famille="environnementales")
    ville_ouverte = TitulaireFactory(nom="Groupement Ville Ouverte")
    ourcq = TitulaireFactory(nom="Atelier de l'Ourcq")
    service80 = ServiceFactory(departement=somme, type_service="DDTM")
    service35 = ServiceFactory(departement=ille, type_service="DDTM")
    return {
        "sueur": _atelier(
            commune=doullens,
            theme=friches,
            titulaire=ville_ouverte,
            candidature__titre="Reconquête du site Sueur",
            candidature__service=service80,
            annee=2023,
        ),
        "vitre": _atelier(
            commune=vitre,
            theme=risques,
            titulaire=ourcq,
            candidature__titre="Vitré, la Vilaine et ses crues",
            candidature__service=service35,
            annee=2025,
        ),
        "en_cours": _atelier(
            phase=Phase.PRODUCTION,
            commune=doullens,
            candidature__titre="Atelier encore en cours",
            candidature__service=service80,
        ),
        "publie_tot": _atelier(
            phase=Phase.RESTITUTION,
            commune=vitre,
            titulaire=ourcq,
            candidature__titre="Publié avant sa clôture",
            candidature__service=service35,
            publication=Publication.PUBLIE,
            annee=2026,
        ),
        "retire": _atelier(
            commune=doullens,
            candidature__titre="Clôturé mais retiré",
            candidature__service=service80,
            publication=Publication.NON_PUBLIE,
        ),
    }


PUBLIES = {"Reconquête du site Sueur", "Vitré, la Vilaine et ses crues", "Publié avant sa clôture"}
CACHES = {"Atelier encore en cours", "Clôturé mais retiré"}
