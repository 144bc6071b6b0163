from django import forms
from django.contrib import admin

from ateliers import admin as admin_des_ateliers
from ateliers.models import Atelier
from journal.admin import LectureSeule
from socle.administration import ListeLegere
from socle.formats import euros

from .models import BonDeCommande, Facture, TauxBCE


@admin.register(BonDeCommande)
class BonDeCommandeAdmin(ListeLegere, LectureSeule, admin.ModelAdmin):
    """Bons are emitted and executed in the portal by the pilot services: read-only here."""

    list_display = (
        "numero",
        "atelier",
        "statut",
        "montant_ht",
        "montant_ttc",
        "engagement_juridique",
        "date_emission",
    )
    list_filter = ("statut", "atelier__accord_cadre", "atelier__titulaire")
    list_select_related = ("atelier__candidature",)
    colonnes_de_la_liste = (
        "numero",
        "statut",
        "montant_ht",
        "montant_ttc",
        "engagement_juridique",
        "date_emission",
        "atelier__candidature__titre",
    )
    search_fields = ("numero", "engagement_juridique", "atelier__candidature__titre", "objet")


@admin.register(Facture)
class FactureAdmin(LectureSeule, admin.ModelAdmin):
    """Invoices are recorded, accepted and paid in the portal: read-only here."""

    list_display = ("numero", "bon", "nature", "statut", "montant_ttc", "recue_le")
    list_filter = ("statut", "nature", "bon__atelier__accord_cadre")
    list_select_related = ("bon",)
    search_fields = ("numero", "reference_chorus", "bon__numero")
    show_full_result_count = False


@admin.register(TauxBCE)
class TauxBCEAdmin(admin.ModelAdmin):
    """The ECB's main refinancing rate on the first day of each semester: late-payment
    interest on invoices runs at it plus 8 points."""

    list_display = ("semestre", "taux")


class AtelierAvecSesBons(forms.ModelForm):
    """An atelier's planned amount never falls below what its bons already commit."""

    def clean_montant_ht(self):
        montant = self.cleaned_data["montant_ht"]
        engage = BonDeCommande.objects.filter(atelier=self.instance).engages().total_ht()
        if engage and montant is not None and montant < engage:
            raise forms.ValidationError(
                f"Les bons de commande émis pour cet atelier engagent déjà {euros(engage)} HT : "
                "le montant prévu ne peut pas être inférieur."
            )
        return montant


# The atelier's admin knows its bons from here (bons sit above ateliers).
admin.site.unregister(Atelier)


@admin.register(Atelier)
class AtelierAdmin(admin_des_ateliers.AtelierAdmin):
    form = AtelierAvecSesBons
