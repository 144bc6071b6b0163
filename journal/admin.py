from django.contrib import admin

from .models import Evenement


class LectureSeule:
    """A ModelAdmin mixin for records only the portal writes: shown, never added, changed or
    deleted by hand (the journal, the tourniquet's ledger, the bons de commande…)."""

    def has_add_permission(self, request, obj=None):
        # ``obj``: Django passes the parent record when it asks an inline.
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Evenement)
class EvenementAdmin(LectureSeule, admin.ModelAdmin):
    """Read-only: the journal is evidence, nobody edits it."""

    list_display = ("date", "libelle", "objet_concerne", "acteur", "etat_apres")
    list_filter = ("content_type", "action", "interne")
    list_select_related = ("acteur", "content_type")
    search_fields = ("libelle", "commentaire", "acteur__email")
    date_hierarchy = "date"

    def get_queryset(self, request):
        # The records the events concern, read per kind of record, not one per row.
        return super().get_queryset(request).prefetch_related("objet")

    @admin.display(description="enregistrement concerné")
    def objet_concerne(self, obj):
        if obj.objet is None:
            return f"{obj.content_type.name} n° {obj.object_id} (supprimé)"
        return f"{obj.content_type.name} : {obj.objet}"
