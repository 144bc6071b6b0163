from django.contrib import admin

from .models import Candidature


@admin.register(Candidature)
class CandidatureAdmin(admin.ModelAdmin):
    list_display = ("titre", "annee", "statut", "service", "cree_le")
    list_filter = ("statut", "annee", "echelle")
    list_select_related = ("service",)
    search_fields = ("titre", "communes__nom", "service__nom")
    autocomplete_fields = ("communes", "epci", "service")
    readonly_fields = ("cree_par", "cree_le", "modifie_le")
