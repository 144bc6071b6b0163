from django.contrib import admin

from journal.administration import JournalDesModifications

from .models import Atelier


@admin.register(Atelier)
class AtelierAdmin(JournalDesModifications, admin.ModelAdmin):
    """An atelier is born of an attribution in the portal; only its planned amount is editable
    here (publication in the catalogue is decided on its page, recorded in its journal)."""

    list_display = (
        "__str__",
        "phase",
        "titulaire",
        "service_pilote",
        "accord_cadre",
        "montant_ht",
        "publication",
        "cree_le",
    )
    list_filter = ("phase", "publication", "exemple_inspirant", "historique", "accord_cadre")
    list_select_related = ("candidature", "titulaire", "service_pilote", "accord_cadre")
    search_fields = ("candidature__titre", "reference_historique")
    readonly_fields = (
        "candidature",
        "accord_cadre",
        "titulaire",
        "service_pilote",
        "attribue_par",
        "phase",
        "date_cloture",
        # Publication is the DGALN's decision on the atelier's page (recorded in its journal).
        "publication",
        "exemple_inspirant",
        "historique",
        "reference_historique",
        "cree_le",
    )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
