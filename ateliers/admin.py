from django.contrib import admin

from journal.admin import lire_les_noms
from journal.administration import JournalDesModifications
from socle.administration import ListeLegere

from .models import Atelier

# An atelier is named by its file's title.
lire_les_noms(Atelier.objects.select_related("candidature").only("candidature__titre"))


@admin.register(Atelier)
class AtelierAdmin(ListeLegere, JournalDesModifications, admin.ModelAdmin):
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
    colonnes_de_la_liste = (
        "phase",
        "montant_ht",
        "publication",
        "cree_le",
        "candidature__titre",
        "titulaire__nom",
        "service_pilote__nom",
        "accord_cadre__reference",
        "accord_cadre__intitule",
    )
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
