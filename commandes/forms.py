"""Forms of the bons de commande."""

from decimal import Decimal

from django import forms
from django.utils import timezone

from socle.formulaires import FormulaireDsfr, MontantField

from .models import engagement_chorus


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
    montant_ht = MontantField(label="Montant HT (€)", min_value=Decimal("0.01"))
    taux_tva = forms.DecimalField(
        label="Taux de TVA (%)",
        max_digits=4,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        help_text="Taux normal : 20 %.",
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
