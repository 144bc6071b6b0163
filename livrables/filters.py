"""The filters of the livrables list (the page and its export)."""

import django_filters
from django.utils import timezone

from socle.filtres import FiltreDeListe

from .models import Livrable, StatutLivrable

EN_RETARD = "en_retard"


class LivrableFilter(FiltreDeListe):
    # A state, or "en retard": not validated and past its due date (whatever its state).
    statut = django_filters.ChoiceFilter(
        label="État",
        choices=[*StatutLivrable.choices, (EN_RETARD, "En retard")],
        method="filtrer_statut",
        empty_label="Tous",
    )

    class Meta:
        model = Livrable
        fields = ()

    def filtrer_statut(self, queryset, name, value):
        if value == EN_RETARD:
            return queryset.en_retard(timezone.localdate())
        return queryset.filter(statut=value)
