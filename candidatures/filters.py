"""The filters of the candidature lists (reviewer inbox and service list)."""

import re

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q

from comptes.models import Organisation
from referentiels.models import Departement, Region, Thematique
from socle.filtres import LONGUEUR_RECHERCHE, FiltreDeListe, Select, valeurs_distinctes

from .models import Candidature, StatutCandidature
from .recherche import normaliser

MOT = re.compile(r"[a-z0-9]+")


class CandidatureFilter(FiltreDeListe):
    q = django_filters.CharFilter(
        label="Rechercher",
        method="rechercher",
        max_length=LONGUEUR_RECHERCHE,
        widget=forms.TextInput(
            attrs={"class": "fr-input", "placeholder": "Titre, commune, EPCI, enjeux…"}
        ),
    )
    statut = django_filters.ChoiceFilter(
        label="État", choices=StatutCandidature.choices, empty_label="Tous", widget=Select
    )
    annee = django_filters.ChoiceFilter(
        label="Année", choices=(), empty_label="Toutes", widget=Select
    )
    region = django_filters.ModelChoiceFilter(
        label="Région",
        queryset=Region.objects.filter(actif=True).only("code", "nom"),
        method="filtrer_region",
        empty_label="Toutes",
        widget=Select,
    )
    departement = django_filters.ModelChoiceFilter(
        label="Département",
        queryset=Departement.objects.filter(actif=True).only("code", "nom"),
        method="filtrer_departement",
        empty_label="Tous",
        widget=Select,
    )
    service = django_filters.ModelChoiceFilter(
        label="Service",
        queryset=Organisation.objects.services().order_by("nom").only("id", "nom"),
        empty_label="Tous",
        widget=Select,
    )
    thematique = django_filters.ModelChoiceFilter(
        label="Thématique",
        field_name="thematiques",
        queryset=Thematique.objects.only("id", "libelle"),
        distinct=True,  # a many-to-many join: one row per file
        empty_label="Toutes",
        widget=Select,
    )
    instructeur = django_filters.ModelChoiceFilter(
        label="Instructeur",
        queryset=get_user_model()
        .objects.dgaln()
        .order_by("last_name", "email")
        .only("id", "first_name", "last_name", "email"),
        null_label="Non attribué",
        empty_label="Tous",
        widget=Select,
    )
    tri = django_filters.OrderingFilter(
        label="Trier par",
        fields=(
            ("titre", "titre"),
            ("date_dernier_depot", "depot"),
            ("statut", "statut"),
            ("service__nom", "service"),
            ("modifie_le", "modification"),
        ),
        field_labels={
            "titre": "Titre",
            "date_dernier_depot": "Date de dépôt",
            "statut": "État",
            "service__nom": "Service",
            "modifie_le": "Dernière modification",
        },
        empty_label="Par défaut",
        widget=Select,
    )

    class Meta:
        model = Candidature
        fields = ()

    def __init__(self, *args, annees=(), dgaln=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["annee"].extra["choices"] = [(a, a) for a in annees]
        if not dgaln:
            # A service's list: its own files, no need to filter by territory or reviewer.
            for nom in ("region", "departement", "service", "instructeur"):
                del self.filters[nom]

    @classmethod
    def pour(cls, user, donnees, queryset):
        """The DGALN filters by territory, service and reviewer; a service only its own files.
        The years offered are those of the files ``user`` sees."""
        annees = valeurs_distinctes(queryset, "annee")
        return cls(donnees or None, queryset=queryset, annees=annees, dgaln=user.est_dgaln)

    def rechercher(self, queryset, name, value):
        """Every word must start a word of the file (PostgreSQL: the full-text index of
        migration 0005); elsewhere, every word must appear in it."""
        mots = MOT.findall(normaliser(value))[:10]
        if not mots:
            return queryset
        if connection.vendor == "postgresql":
            # Words of letters and digits only: nothing of the tsquery syntax gets through.
            requete = SearchQuery(
                " & ".join(f"{mot}:*" for mot in mots), search_type="raw", config="simple"
            )
            return queryset.annotate(
                mots_du_dossier=SearchVector("recherche", config="simple")
            ).filter(mots_du_dossier=requete)
        for mot in mots:
            queryset = queryset.filter(recherche__contains=mot)
        return queryset

    def filtrer_region(self, queryset, name, value):
        return queryset.filter(Q(service__region=value) | Q(service__departement__region=value))

    def filtrer_departement(self, queryset, name, value):
        return queryset.filter(
            Q(service__departement=value) | Q(communes__departement=value)
        ).distinct()
