from django.contrib import admin

from journal.admin import LectureSeule

from .models import Export


@admin.register(Export)
class ExportAdmin(LectureSeule, admin.ModelAdmin):
    """Read-only: exports are asked for from the lists and written by the worker."""

    list_display = ("titre", "format", "demandeur", "statut", "lignes", "demande_le", "termine_le")
    list_filter = ("liste", "format", "statut")
    list_select_related = ("demandeur",)
    search_fields = ("demandeur__email", "titre")
    readonly_fields = [f.name for f in Export._meta.fields]
