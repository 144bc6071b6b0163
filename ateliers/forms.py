"""Forms of the atelier: the attribution by the tourniquet."""

from decimal import Decimal

from django import forms

from config.formulaires import FormulaireDsfr, MontantField
from marches.models import TourDeTourniquet


class AttributionForm(FormulaireDsfr):
    # The titulaire the instructeur saw: the transition refuses if the rotation has moved.
    titulaire = forms.IntegerField(widget=forms.HiddenInput)
    montant_ht = MontantField(
        label="Montant prévu de l'atelier HT (€)",
        max_digits=10,
        min_value=Decimal("0.01"),
        help_text="Environ 20 000 € HT ; il servira de montant par défaut aux bons de commande.",
    )


class EcartForm(FormulaireDsfr):
    titulaire = forms.IntegerField(widget=forms.HiddenInput)
    motif = forms.ChoiceField(
        label="Motif",
        choices=TourDeTourniquet.Motif.choices,
        widget=forms.RadioSelect,
    )
    commentaire = forms.CharField(
        label="Précisions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Par exemple : la date de l'échange avec le titulaire.",
    )
