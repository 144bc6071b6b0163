"""The filters of the bons de commande list (the page and its export)."""

import django_filters

from socle.filtres import FiltreDeListe

from .models import BonDeCommande, Statut


class BonDeCommandeFilter(FiltreDeListe):
    statut = django_filters.ChoiceFilter(label="État", choices=Statut.choices, empty_label="Tous")

    class Meta:
        model = BonDeCommande
        fields = ()
