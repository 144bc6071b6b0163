"""The public catalogue's filters: a text search, theme family, région, département, year and
titulaire."""

import django_filters
from django import forms

from ateliers.models import Atelier
from ateliers.territoires import situes
from marches.models import Titulaire
from referentiels.models import Departement, Region, Thematique
from socle.filtres import LONGUEUR_RECHERCHE, Select

from . import memoire, recherche, selecteurs


def _annees():
    def calcul():
        annees = selecteurs.publies().order_by().values_list("candidature__annee")
        return [(a, str(a)) for a in sorted({a for (a,) in annees.distinct()}, reverse=True)]

    return memoire.memoriser("annees", calcul)


def _titulaires():
    def calcul():
        noms = Titulaire.objects.filter(ateliers__in=selecteurs.publies()).values_list(
            "nom", flat=True
        )
        return [(n, n) for n in sorted(set(noms))]

    return memoire.memoriser("titulaires", calcul)


class CatalogueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Rechercher",
        method="rechercher",
        max_length=LONGUEUR_RECHERCHE,
        widget=forms.TextInput(
            attrs={
                "class": "fr-input",
                "type": "search",
                "placeholder": "Titre, commune, département, thème…",
            }
        ),
    )
    famille = django_filters.ChoiceFilter(
        label="Famille de transitions",
        choices=Thematique.Famille.choices,
        method="filtrer_famille",
        empty_label="Toutes",
        widget=Select,
    )
    region = django_filters.ModelChoiceFilter(
        label="Région",
        queryset=Region.objects.filter(actif=True).order_by("nom"),
        method="filtrer_region",
        empty_label="Toutes",
        widget=Select,
    )
    departement = django_filters.ModelChoiceFilter(
        label="Département",
        queryset=Departement.objects.filter(actif=True).order_by("code"),
        method="filtrer_departement",
        empty_label="Tous",
        widget=Select,
    )
    annee = django_filters.ChoiceFilter(
        label="Année",
        choices=_annees,
        field_name="candidature__annee",
        empty_label="Toutes",
        widget=Select,
    )
    titulaire = django_filters.ChoiceFilter(
        label="Titulaire",
        choices=_titulaires,
        field_name="titulaire__nom",
        empty_label="Tous",
        widget=Select,
    )

    class Meta:
        model = Atelier
        fields = ["q", "famille", "region", "departement", "annee", "titulaire"]

    def rechercher(self, queryset, name, value):
        return recherche.filtrer(queryset, value)

    def filtrer_region(self, queryset, name, value):
        return situes(queryset, departement__region=value)

    def filtrer_departement(self, queryset, name, value):
        return situes(queryset, departement=value)

    def filtrer_famille(self, queryset, name, value):
        return queryset.filter(
            pk__in=Atelier.objects.filter(candidature__thematiques__famille=value).values("pk")
        )
