"""Bilans, follow-ups and their requests in the admin: read-only (they come from the portal),
for support and audit."""

from django.contrib import admin

from journal.admin import LectureSeule

from .models import Bilan, DemandeDeSuites, Suite


@admin.register(Bilan)
class BilanAdmin(LectureSeule, admin.ModelAdmin):
    list_display = ("__str__", "cote", "demande_le", "relance_le", "repondu_le", "recommande")
    list_filter = ("cote", "recommande")
    list_select_related = ("atelier__candidature",)
    search_fields = ("atelier__candidature__titre",)


@admin.register(Suite)
class SuiteAdmin(LectureSeule, admin.ModelAdmin):
    list_display = ("__str__", "nature", "programme", "date", "cree_le")
    list_filter = ("nature", "programme")
    list_select_related = ("atelier__candidature", "programme")
    search_fields = ("atelier__candidature__titre", "texte")
    date_hierarchy = "date"


@admin.register(DemandeDeSuites)
class DemandeDeSuitesAdmin(LectureSeule, admin.ModelAdmin):
    list_display = ("__str__", "mois", "envoyee_le")
    list_filter = ("mois",)
    list_select_related = ("atelier__candidature",)
