"""Setting up the accords-cadres and their groupements (DGALN administrators).

The tourniquet's state and ledger are read-only here: they only move through attributions
in the portal, so that the ledger stays the proof that the announced rule was followed.
"""

from django.contrib import admin

from journal.admin import LectureSeule
from socle.administration import AutocompletionSure

from .models import AccordCadre, MembreGroupement, Titulaire, TourDeTourniquet


class TitulaireInline(admin.TabularInline):
    model = Titulaire
    extra = 0
    fields = ("rang", "nom", "actif")
    ordering = ("rang",)
    show_change_link = True


@admin.register(AccordCadre)
class AccordCadreAdmin(admin.ModelAdmin):
    list_display = (
        "reference",
        "intitule",
        "date_debut",
        "date_fin",
        "montant_max_ht",
        "regle_ecart",
        "statut",
    )
    list_filter = ("statut", "regle_ecart")
    search_fields = ("reference", "intitule")
    date_hierarchy = "date_debut"
    inlines = [TitulaireInline]
    readonly_fields = ("rang_dernier_servi", "tours_dus", "cree_le", "modifie_le", "modifie_par")
    fieldsets = (
        (None, {"fields": ("reference", "intitule", "statut")}),
        ("Durée (quatre ans au plus)", {"fields": ("date_debut", "date_fin")}),
        ("Montants", {"fields": ("montant_max_ht", "taux_tva", "montant_atelier_ht")}),
        ("Tourniquet", {"fields": ("regle_ecart", "rang_dernier_servi", "tours_dus")}),
        ("Suivi", {"fields": ("cree_le", "modifie_le", "modifie_par")}),
    )

    def save_model(self, request, obj, form, change):
        obj.modifie_par = request.user
        super().save_model(request, obj, form, change)


class MembreInline(AutocompletionSure, admin.TabularInline):
    model = MembreGroupement
    extra = 0
    fields = ("organisation", "role", "specialite")
    autocomplete_fields = ("organisation",)


@admin.register(Titulaire)
class TitulaireAdmin(admin.ModelAdmin):
    list_display = ("nom", "accord_cadre", "rang", "actif", "mandataire_affiche")
    list_filter = ("accord_cadre", "actif")
    list_select_related = ("accord_cadre",)
    search_fields = ("nom", "membres__organisation__nom")
    readonly_fields = ("cree_le", "modifie_le")
    inlines = [MembreInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("membres__organisation")

    @admin.display(description="mandataire")
    def mandataire_affiche(self, obj):
        return obj.mandataire or "—"


@admin.register(TourDeTourniquet)
class TourDeTourniquetAdmin(LectureSeule, admin.ModelAdmin):
    list_display = (
        "numero",
        "accord_cadre",
        "date",
        "candidature",
        "titulaire",
        "nature",
        "issue",
        "motif",
        "acteur",
    )
    list_filter = ("accord_cadre", "issue", "nature", "motif")
    list_select_related = ("accord_cadre", "candidature", "titulaire", "acteur")
    search_fields = ("candidature__titre", "titulaire__nom")
