from django.contrib import admin

from .models import Atelier


@admin.register(Atelier)
class AtelierAdmin(admin.ModelAdmin):
    list_display = ("__str__", "titulaire", "service_pilote", "accord_cadre", "cree_le")
    list_filter = ("accord_cadre", "titulaire")
    list_select_related = ("candidature", "titulaire", "service_pilote", "accord_cadre")
    search_fields = ("candidature__titre",)
    readonly_fields = ("cree_le",)
