from django.contrib import admin

from socle.administration import AutocompletionSure, ListeLegere

from .models import EPCI, Commune, Departement, ProgrammeANCT, Region, Thematique


class TerritoireDesactivable:
    """Territories are never deleted here (files, services and the journal point at them):
    the référentiel's import deactivates those INSEE removes, and « Actif » does it by hand."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Region)
class RegionAdmin(TerritoireDesactivable, admin.ModelAdmin):
    list_display = ("code", "nom", "zone", "actif")
    list_filter = ("zone", "actif")
    search_fields = ("code", "nom")


@admin.register(Departement)
class DepartementAdmin(TerritoireDesactivable, admin.ModelAdmin):
    list_display = ("code", "nom", "region", "zone", "actif")
    list_filter = ("region", "zone", "actif")
    list_select_related = ("region",)
    search_fields = ("code", "nom")


@admin.register(EPCI)
class EPCIAdmin(TerritoireDesactivable, admin.ModelAdmin):
    list_display = ("siren", "nom", "type", "population", "actif")
    list_filter = ("type", "actif")
    search_fields = ("siren", "nom")


@admin.register(Commune)
class CommuneAdmin(ListeLegere, TerritoireDesactivable, AutocompletionSure, admin.ModelAdmin):
    list_display = ("code", "nom", "departement", "epci", "population", "actif")
    list_filter = ("actif", "departement__region", "departement")
    list_select_related = ("departement", "epci")
    colonnes_de_la_liste = (
        "code",
        "nom",
        "population",
        "actif",
        "departement__nom",
        "departement__code",
        "epci__nom",
    )
    search_fields = ("code", "nom", "codes_postaux")
    autocomplete_fields = ("epci",)


@admin.register(Thematique)
class ThematiqueAdmin(admin.ModelAdmin):
    list_display = ("libelle", "famille", "ordre", "actif")
    list_editable = ("ordre", "actif")
    list_filter = ("famille", "actif")
    search_fields = ("libelle",)


@admin.register(ProgrammeANCT)
class ProgrammeANCTAdmin(admin.ModelAdmin):
    list_display = ("libelle", "ordre", "actif")
    list_editable = ("ordre", "actif")
    list_filter = ("actif",)
    search_fields = ("libelle",)
