"""The filters of the directory: organisations, and people across them."""

import django_filters
from django import forms
from django.db.models import Q

from candidatures.filters import Select
from comptes.models import Organisation, Role, User
from referentiels.models import Region


def _texte(placeholder):
    return forms.TextInput(attrs={"class": "fr-input", "placeholder": placeholder})


ETATS = (("actif", "Actifs"), ("inactif", "Désactivés"))


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Rechercher", method="rechercher", widget=_texte("Nom, département, SIRET…")
    )
    type = django_filters.ChoiceFilter(
        label="Type", choices=Organisation.Type.choices, empty_label="Tous", widget=Select
    )
    region = django_filters.ModelChoiceFilter(
        label="Région",
        queryset=Region.objects.filter(actif=True),
        method="filtrer_region",
        empty_label="Toutes",
        widget=Select,
    )
    etat = django_filters.ChoiceFilter(
        label="État", choices=ETATS, method="filtrer_etat", empty_label="Tous", widget=Select
    )

    class Meta:
        model = Organisation
        fields = ["q", "type", "region", "etat"]

    def rechercher(self, queryset, name, value):
        return queryset.filter(
            Q(nom__icontains=value)
            | Q(departement__nom__icontains=value)
            | Q(departement__code=value)
            | Q(region__nom__icontains=value)
            | Q(siret=value)
        )

    def filtrer_region(self, queryset, name, value):
        return queryset.filter(Q(region=value) | Q(departement__region=value))

    def filtrer_etat(self, queryset, name, value):
        return queryset.filter(actif=value == "actif")


class PersonneFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Rechercher", method="rechercher", widget=_texte("Nom, e-mail, organisation…")
    )
    role = django_filters.ChoiceFilter(
        label="Rôle", choices=Role.choices, empty_label="Tous", widget=Select
    )
    region = django_filters.ModelChoiceFilter(
        label="Région",
        queryset=Region.objects.filter(actif=True),
        method="filtrer_region",
        empty_label="Toutes",
        widget=Select,
    )
    etat = django_filters.ChoiceFilter(
        label="État", choices=ETATS, method="filtrer_etat", empty_label="Tous", widget=Select
    )

    class Meta:
        model = User
        fields = ["q", "role", "region", "etat"]

    def rechercher(self, queryset, name, value):
        return queryset.filter(
            Q(first_name__icontains=value)
            | Q(last_name__icontains=value)
            | Q(email__icontains=value)
            | Q(fonction__icontains=value)
            | Q(organisation__nom__icontains=value)
        )

    def filtrer_region(self, queryset, name, value):
        return queryset.filter(
            Q(organisation__region=value) | Q(organisation__departement__region=value)
        )

    def filtrer_etat(self, queryset, name, value):
        return queryset.filter(is_active=value == "actif")
