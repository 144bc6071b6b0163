from django import forms
from django.contrib import admin

from ateliers import admin as admin_des_ateliers
from ateliers.models import Atelier
from journal.admin import LectureSeule
from socle.formats import euros

from .models import BonDeCommande


@admin.register(BonDeCommande)
class BonDeCommandeAdmin(LectureSeule, admin.ModelAdmin):
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
    search_fields = ("numero", "engagement_juridique", "atelier__candidature__titre", "objet")


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
