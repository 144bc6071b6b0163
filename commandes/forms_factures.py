"""Forms of the invoices."""

from decimal import Decimal

from django import forms
from django.utils import timezone

from socle.fichiers import PDF, libelle_formats, taille_maximale
from socle.formulaires import FormulaireDsfr, MontantField

from .modeles_factures import NatureFacture


def _date(label, aide="", requise=True):
    return forms.DateField(
        label=label,
        required=requise,
        # A date input shows only an ISO value: the French format would leave it empty.
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        initial=timezone.localdate,
        help_text=aide,
    )


class FactureForm(FormulaireDsfr):
    nature = forms.ChoiceField(label="Nature", choices=NatureFacture.choices)
    numero = forms.CharField(label="N° de la facture", max_length=40)
    reference_chorus = forms.CharField(
        label="Référence dans Chorus Pro",
        max_length=40,
        help_text="Le numéro que Chorus Pro a donné à la facture déposée.",
    )
    recue_le = _date(
        "Reçue dans Chorus Pro le",
        "Le délai de paiement de 30 jours court de ce jour, ou du service fait s'il est plus tard.",
    )
    montant_ht = MontantField(label="Montant HT (€)", min_value=Decimal("0.01"))
    montant_tva = MontantField(
        label="TVA (€)", min_value=Decimal("0"), help_text="Au taux du bon de commande."
    )
    fichier = forms.FileField(
        label="La facture en PDF",
        help_text=f"Format accepté : {libelle_formats((PDF,))}. "
        f"Taille maximale : {taille_maximale() // (1024 * 1024)} Mo.",
    )
    remplace = forms.TypedChoiceField(
        label="Remplace la facture rejetée",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="Une facture rectificative reprend le délai de paiement là où le rejet l'a "
        "suspendu.",
    )

    def __init__(self, *args, rectifiables=(), **kwargs):
        super().__init__(*args, **kwargs)
        if rectifiables:
            self.fields["remplace"].choices = [("", "Aucune (nouvelle facture)")] + [
                (f.pk, f"Facture {f.numero} rejetée le {f.rejetee_le:%d/%m/%Y}")
                for f in rectifiables
            ]
        else:
            del self.fields["remplace"]


class AcceptationForm(FormulaireDsfr):
    date = _date("Date d'acceptation")


class RejetForm(FormulaireDsfr):
    motif = forms.CharField(
        label="Motif du rejet",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ce que le titulaire doit corriger ; il le lit dans sa notification.",
    )
    date = _date("Date du rejet")


class MiseEnPaiementForm(FormulaireDsfr):
    date = _date(
        "Date de mise en paiement",
        "Après l'échéance, l'État doit des intérêts moratoires et l'indemnité forfaitaire de 40 €.",
    )
