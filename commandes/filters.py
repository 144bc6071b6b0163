"""The filters of the bons de commande and invoices lists (the pages and their exports)."""

import django_filters
from django.utils import timezone

from marches.models import AccordCadre
from socle.filtres import FiltreDeListe, Select

from . import paiement
from .modeles_factures import Facture, StatutFacture
from .models import BonDeCommande, StatutBon

EN_RETARD = "en_retard"


class BonDeCommandeFilter(FiltreDeListe):
    statut = django_filters.ChoiceFilter(
        label="État", choices=StatutBon.choices, empty_label="Tous"
    )

    class Meta:
        model = BonDeCommande
        fields = ()


class FactureFilter(FiltreDeListe):
    statut = django_filters.ChoiceFilter(
        label="État", choices=StatutFacture.choices, empty_label="Tous", widget=Select
    )
    # Unpaid past the deadline, or paid after it: what costs the State interest.
    retard = django_filters.ChoiceFilter(
        label="Délai de paiement",
        choices=[(EN_RETARD, "En retard (ou payée en retard)")],
        method="filtrer_retard",
        empty_label="Toutes",
        widget=Select,
    )
    accord_cadre = django_filters.ModelChoiceFilter(
        label="Accord-cadre",
        field_name="bon__atelier__accord_cadre",
        queryset=AccordCadre.objects.order_by("-date_debut").only("id", "reference"),
        empty_label="Tous",
        widget=Select,
    )
    annee = django_filters.ChoiceFilter(
        label="Année de réception",
        field_name="recue_le__year",
        choices=(),
        empty_label="Toutes",
        widget=Select,
    )

    class Meta:
        model = Facture
        fields = ()

    def __init__(self, *args, annees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["annee"].extra["choices"] = [(a, a) for a in annees]

    @classmethod
    def pour(cls, user, donnees, queryset):
        """The years offered are those of the invoices ``user`` sees (one query)."""
        annees = sorted({jour.year for jour in queryset.dates("recue_le", "year")}, reverse=True)
        return cls(donnees or None, queryset=queryset, annees=annees)

    def filtrer_retard(self, queryset, name, value):
        """The deadline is ``commandes.paiement``'s rule, computed here on the few fields it
        reads (one query), rather than written again in SQL."""
        aujourd_hui = timezone.localdate()
        candidates = (
            queryset.select_related(None)
            .select_related("bon")
            .exclude(statut=StatutFacture.REJETEE)
            .filter(bon__date_service_fait__isnull=False)
            .only(
                "statut",
                "recue_le",
                "jours_deja_courus",
                "mise_en_paiement_le",
                "montant_ttc",
                "bon__date_service_fait",
            )
            .order_by()
        )
        en_retard = [
            f.pk for f in candidates if paiement.retard(f, aujourd_hui, taux_bce={}) is not None
        ]
        return queryset.filter(pk__in=en_retard)
