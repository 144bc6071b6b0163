"""The filters of the ateliers list (the page and its export)."""

import django_filters

from socle.filtres import FiltreDeListe

from .models import Atelier, Phase


class AtelierFilter(FiltreDeListe):
    phase = django_filters.ChoiceFilter(
        label="Phase", field_name="phase", choices=Phase.choices, empty_label="Toutes"
    )

    class Meta:
        model = Atelier
        fields = ()
