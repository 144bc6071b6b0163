from django.contrib import admin

from journal.admin import LectureSeule

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
