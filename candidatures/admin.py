from django.contrib import admin

from journal.admin import lire_les_noms
from journal.administration import JournalDesModifications
from socle.administration import AutocompletionSure, ListeLegere, ValeursRelues

from .models import Candidature, Depot, Piece


class LectureSeuleInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PieceInline(LectureSeuleInline):
    model = Piece
    fields = ("type", "nom_fichier", "taille", "ajoutee_par", "ajoutee_le")
    readonly_fields = fields


class DepotInline(LectureSeuleInline):
    model = Depot
    fields = ("numero", "date", "auteur")
    readonly_fields = fields


# A file is named by its title, without its long texts.
lire_les_noms(Candidature.objects.only("titre"))


@admin.register(Candidature)
class CandidatureAdmin(ListeLegere, JournalDesModifications, AutocompletionSure, admin.ModelAdmin):
    """Reference data of a file can be corrected here, each change written to its audit
    journal; its state only moves in the portal, through the transitions. Once deposited,
    its service and campaign are fixed; a file is never deleted (its journal, pièces and
    deposits rely on it)."""

    list_display = ("titre", "annee", "statut", "service", "instructeur", "date_dernier_depot")
    list_filter = ("statut", ("annee", ValeursRelues), "echelle", "thematiques")
    list_select_related = ("service", "instructeur")
    # Not the file's long texts: its title, its service's name and its instructor's.
    colonnes_de_la_liste = (
        "titre",
        "annee",
        "statut",
        "date_dernier_depot",
        "service__nom",
        "instructeur__first_name",
        "instructeur__last_name",
        "instructeur__email",
    )
    search_fields = ("titre", "communes__nom", "service__nom")
    autocomplete_fields = ("communes", "epci", "service")
    readonly_fields = (
        "statut",
        "instructeur",
        "motif_decision",
        "date_premier_depot",
        "date_dernier_depot",
        "date_decision",
        "cree_par",
        "cree_le",
        "modifie_le",
    )
    inlines = (PieceInline, DepotInline)

    def get_readonly_fields(self, request, obj=None):
        depose = obj is not None and obj.date_premier_depot is not None
        return (*self.readonly_fields, *(("service", "annee") if depose else ()))

    def has_delete_permission(self, request, obj=None):
        return False
