"""Livrables in the admin: read-only (they come from the portal), for support and audit."""

from django.contrib import admin

from journal.admin import LectureSeule

from .models import Livrable, Version


class VersionInline(LectureSeule, admin.TabularInline):
    model = Version
    fields = ("numero", "nom_fichier", "taille", "deposee_par", "deposee_le", "avis", "avis_par")
    readonly_fields = fields
    extra = 0


@admin.register(Livrable)
class LivrableAdmin(LectureSeule, admin.ModelAdmin):
    list_display = ("__str__", "atelier", "type", "echeance", "statut")
    list_filter = ("type", "statut")
    list_select_related = ("atelier__candidature",)
    search_fields = ("intitule", "atelier__candidature__titre")
    date_hierarchy = "echeance"
    inlines = [VersionInline]
