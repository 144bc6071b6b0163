"""The filters of the bons de commande list (the page and its export)."""

import django_filters

from socle.filtres import FiltreDeListe

from .models import BonDeCommande, StatutBon


class BonDeCommandeFilter(FiltreDeListe):
    statut = django_filters.ChoiceFilter(
        label="État", choices=StatutBon.choices, empty_label="Tous"
    )

    class Meta:
        model = BonDeCommande
        fields = ()
