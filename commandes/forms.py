"""Forms of the bons de commande."""

from decimal import Decimal

from django import forms
from django.utils import timezone

from socle.formulaires import FormulaireDsfr, MontantField

from .models import Unite, engagement_chorus


def _date(label, aide="Par défaut : aujourd'hui."):
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=aide,
    )


class BonForm(FormulaireDsfr):
    objet = forms.CharField(
        label="Objet",
        max_length=300,
        help_text="Ce qui est commandé, par exemple : « Atelier Flash de Péronne — tranche 1 ».",
    )
    quantite = forms.IntegerField(
        label="Quantité",
        min_value=1,
        initial=1,
        error_messages={"min_value": "La quantité est un nombre entier, au moins 1."},
    )
    unite = forms.ChoiceField(
        label="Unité",
        choices=Unite.choices,
        initial=Unite.FORFAIT,
        help_text="Le bon indique la quantité, l'unité et le prix unitaire (montant HT divisé "
        "par la quantité).",
    )
    montant_ht = MontantField(label="Montant HT (€)", min_value=Decimal("0.01"))
    taux_tva = forms.DecimalField(
        label="Taux de TVA (%)",
        max_digits=4,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        help_text="Taux normal : 20 %.",
    )
    fin_execution = forms.DateField(
        label="Fin de la période d'exécution",
        # A date input shows only an ISO value: the French format would leave it empty.
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text="Le bon s'exécute de sa notification au titulaire jusqu'à cette date.",
        error_messages={"required": "Indiquez la date de fin de la période d'exécution."},
    )
    engagement_juridique = forms.CharField(
        label="N° d'engagement juridique (Chorus)",
        max_length=10,
        required=False,
        validators=[engagement_chorus],
        help_text="10 chiffres ; nécessaire pour émettre le bon.",
    )
    code_service = forms.CharField(
        label="Code service (Chorus Pro)",
        max_length=100,
        required=False,
        help_text="Nécessaire pour émettre le bon : la facture du titulaire le portera.",
    )


class EmissionForm(FormulaireDsfr):
    date = _date("Date d'émission")


class NotificationForm(FormulaireDsfr):
    date = _date("Date de notification au titulaire")


class ServiceFaitForm(FormulaireDsfr):
    date = forms.DateField(
        label="Date du service fait",
        widget=forms.DateInput(attrs={"type": "date"}),
        initial=timezone.localdate,
    )
    commentaire = forms.CharField(
        label="Attestation",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "Ce qui a été livré, par exemple : « feuille de route et fiche synthétique reçues »."
        ),
    )


class AnnulationForm(FormulaireDsfr):
    motif = forms.CharField(label="Motif de l'annulation", widget=forms.Textarea(attrs={"rows": 3}))
