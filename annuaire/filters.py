"""The filters of the directory: organisations, and people across them."""

import django_filters
from django import forms
from django.db.models import Q

from comptes.models import Organisation, Role, User
from referentiels.models import Region
from socle.filtres import LONGUEUR_RECHERCHE, Select


def _texte(placeholder):
    return forms.TextInput(attrs={"class": "fr-input", "placeholder": placeholder})


ETATS = (("actif", "Actifs"), ("inactif", "Désactivés"))


class _FiltreAnnuaire(django_filters.FilterSet):
    """The région and state filters both lists share; ``territoire`` is the path to the
    organisation ("" for organisations), ``champ_actif`` the field that says it is active."""

    territoire = ""
    champ_actif = "actif"

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

    def filtrer_region(self, queryset, name, value):
        # A regional service has a région; a departmental one, a département in a région.
        return queryset.filter(
            Q(**{f"{self.territoire}region": value})
            | Q(**{f"{self.territoire}departement__region": value})
        )

    def filtrer_etat(self, queryset, name, value):
        return queryset.filter(**{self.champ_actif: value == "actif"})


class OrganisationFilter(_FiltreAnnuaire):
    q = django_filters.CharFilter(
        label="Rechercher",
        method="rechercher",
        max_length=LONGUEUR_RECHERCHE,
        widget=_texte("Nom, département, SIRET…"),
    )
    type = django_filters.ChoiceFilter(
        label="Type", choices=Organisation.Type.choices, empty_label="Tous", widget=Select
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


class PersonneFilter(_FiltreAnnuaire):
    territoire = "organisation__"
    champ_actif = "is_active"

    q = django_filters.CharFilter(
        label="Rechercher",
        method="rechercher",
        max_length=LONGUEUR_RECHERCHE,
        widget=_texte("Nom, e-mail, organisation…"),
    )
    role = django_filters.ChoiceFilter(
        label="Rôle", choices=Role.choices, empty_label="Tous", widget=Select
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
