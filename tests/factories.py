"""factory_boy factories for the whole portal, with traits for each role.

They build on the référentiel sample (fixture ``referentiel``) when they need territories.
"""

import datetime
from decimal import Decimal

import factory

from ateliers.models import Atelier
from candidatures.models import (
    Acteur,
    Candidature,
    CoPorteur,
    Echelle,
    Piece,
    StatutCandidature,
)
from comptes.models import Organisation, Role, User
from livrables.models import Livrable
from livrables.models import Type as LivrableType
from marches.models import AccordCadre, MembreGroupement, Titulaire
from referentiels.models import Commune, Departement, Region, Thematique
from tests.fichiers import pdf

MOT_DE_PASSE = "Un-mot-de-passe-solide-42"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "32"
    nom = "Hauts-de-France"


class DepartementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Departement
        django_get_or_create = ("code",)

    code = "80"
    nom = "Somme"
    region = factory.SubFactory(RegionFactory)


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("code",)

    # Five characters whatever the number of communes the whole run creates (each test rolls
    # its own back, and get_or_create reuses a code still present).
    code = factory.Sequence(lambda n: f"80{n % 1000:03d}")
    nom = factory.Sequence(lambda n: f"Commune {n}")
    departement = factory.SubFactory(DepartementFactory)


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    type = Organisation.Type.SERVICE
    type_service = Organisation.TypeService.DDT
    departement = factory.SubFactory(
        DepartementFactory, code=factory.Sequence(lambda n: f"{(n % 89) + 1:02d}")
    )
    nom = factory.LazyAttribute(lambda o: f"{o.type_service} {o.departement.code}")


class DgalnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("type", "nom")

    type = Organisation.Type.DGALN
    nom = "DGALN — AD1"


class SocieteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    type = Organisation.Type.PRESTATAIRE
    nom = factory.Sequence(lambda n: f"Société {n}")


class CollectiviteFactory(factory.django.DjangoModelFactory):
    """A commune's organisation, named as ``Organisation.objects.de_la_collectivite`` names it."""

    class Meta:
        model = Organisation

    type = Organisation.Type.COLLECTIVITE
    commune = factory.SubFactory(CommuneFactory)
    nom = factory.LazyAttribute(lambda o: f"{o.commune.commune_de} ({o.commune.code})")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.gouv.fr")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Durand{n}")
    role = Role.AGENT
    organisation = factory.SubFactory(ServiceFactory)
    password = factory.PostGenerationMethodCall("set_password", MOT_DE_PASSE)

    @factory.post_generation
    def _enregistrer(obj, create, extracted, **kwargs):
        if create:
            obj.save()

    class Params:
        instructeur = factory.Trait(
            role=Role.INSTRUCTEUR, organisation=factory.SubFactory(DgalnFactory)
        )
        administrateur = factory.Trait(
            role=Role.ADMINISTRATEUR, organisation=factory.SubFactory(DgalnFactory)
        )
        prestataire = factory.Trait(
            role=Role.PRESTATAIRE, organisation=factory.SubFactory(SocieteFactory)
        )
        collectivite = factory.Trait(
            role=Role.COLLECTIVITE, organisation=factory.SubFactory(CollectiviteFactory)
        )


class AccordCadreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccordCadre

    reference = factory.Sequence(lambda n: f"AC-{n}")
    intitule = "Ateliers Flash 2025–2029"
    date_debut = datetime.date(2025, 9, 1)
    date_fin = datetime.date(2029, 8, 31)
    montant_max_ht = Decimal("3000000")
    statut = AccordCadre.Statut.PREPARATION


def accord_en_vigueur(**kwargs):
    """The one accord-cadre in force (created on first use)."""
    return AccordCadre.objects.en_vigueur() or AccordCadreFactory(
        statut=AccordCadre.Statut.EN_VIGUEUR, **kwargs
    )


class TitulaireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Titulaire

    accord_cadre = factory.LazyFunction(accord_en_vigueur)
    nom = factory.Sequence(lambda n: f"Groupement {n}")
    rang = factory.Sequence(lambda n: n + 1)


class MembreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembreGroupement

    titulaire = factory.SubFactory(TitulaireFactory)
    organisation = factory.SubFactory(SocieteFactory)
    role = MembreGroupement.Role.COTRAITANT


class CandidatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidature

    titre = factory.Sequence(lambda n: f"Candidature {n}")
    annee = 2026
    statut = StatutCandidature.DEPOSEE
    echelle = Echelle.COMMUNE
    service = factory.SubFactory(ServiceFactory)
    cree_par = factory.SubFactory(UserFactory, organisation=factory.SelfAttribute("..service"))


def coporteur(candidature, membre=None):
    """Make a collectivité co-porteur of ``candidature`` and return one of its members
    (``membre``'s organisation, or a new commune's person)."""
    membre = membre or UserFactory(collectivite=True)
    CoPorteur.objects.get_or_create(
        candidature=candidature,
        organisation=membre.organisation,
        defaults={"ajoute_par": candidature.cree_par},
    )
    if hasattr(candidature, "_collectivites"):
        del candidature._collectivites
    return membre


class ThematiqueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thematique
        django_get_or_create = ("libelle",)

    libelle = "Reconversion des friches"
    famille = Thematique.Famille.TERRITORIALES


class PieceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Piece

    candidature = factory.SubFactory(CandidatureFactory)
    type = Piece.Type.LETTRE_COLLECTIVITE
    fichier = factory.LazyFunction(lambda: pdf("courrier.pdf"))
    nom_fichier = "courrier.pdf"
    type_mime = "application/pdf"
    taille = factory.LazyAttribute(lambda o: o.fichier.size)
    ajoutee_par = factory.SelfAttribute("candidature.cree_par")


def completer(candidature):
    """Fill every part of the fiche that the deposit requires, and attach both letters."""
    Candidature.objects.filter(pk=candidature.pk).update(
        strategie="Reconvertir la friche",
        secteur="Le quartier de la gare",
        enjeux="Recyclage foncier",
        problematiques="Sols pollués",
        objectifs="Un plan-guide",
        ref_collectivite_nom="Marie Maire",
        ref_collectivite_email="maire@commune.example",
        ref_service_nom="Paul Agent",
        ref_service_email="agent@ddt.example",
        periode_debut=datetime.date(2027, 3, 1),
    )
    candidature.refresh_from_db()
    candidature.thematiques.add(ThematiqueFactory())
    Acteur.objects.create(candidature=candidature, nom="Conseil municipal")
    if not candidature.communes.exists() and not candidature.epci_id:
        candidature.communes.add(CommuneFactory(departement=candidature.service.departement))
    PieceFactory(candidature=candidature, type=Piece.Type.LETTRE_COLLECTIVITE)
    PieceFactory(candidature=candidature, type=Piece.Type.LETTRE_PREFET)
    return candidature


class AtelierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Atelier
        skip_postgeneration_save = True

    candidature = factory.SubFactory(CandidatureFactory, statut=StatutCandidature.ATTRIBUEE)
    titulaire = factory.SubFactory(TitulaireFactory)
    accord_cadre = factory.SelfAttribute("titulaire.accord_cadre")
    service_pilote = factory.SelfAttribute("candidature.service")

    @factory.post_generation
    def suivi(atelier, create, extracted, **kwargs):
        # As the attribution does: one planning line per phase and an empty programme.
        if create:
            atelier.preparer_suivi()


class LivrableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Livrable

    atelier = factory.SubFactory(AtelierFactory)
    type = LivrableType.FEUILLE_DE_ROUTE
    echeance = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
    cree_par = factory.LazyAttribute(lambda o: UserFactory(organisation=o.atelier.service_pilote))
