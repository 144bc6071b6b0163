from django.contrib import admin

from .models import Atelier


@admin.register(Atelier)
class AtelierAdmin(admin.ModelAdmin):
    """An atelier is born of an attribution in the portal; only its planned amount is editable."""

    list_display = (
        "__str__",
        "statut",
        "titulaire",
        "service_pilote",
        "accord_cadre",
        "montant_ht",
        "cree_le",
    )
    list_filter = ("statut", "accord_cadre", "titulaire")
    list_select_related = ("candidature", "titulaire", "service_pilote", "accord_cadre")
    search_fields = ("candidature__titre",)
    readonly_fields = (
        "candidature",
        "accord_cadre",
        "titulaire",
        "service_pilote",
        "attribue_par",
        "statut",
        "date_cloture",
        "cree_le",
    )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
