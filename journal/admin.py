import datetime

from django.contrib import admin
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db import connections
from django.db.models import Max, Min
from django.utils import timezone

from socle.administration import ListeLegere, ValeursRelues

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


# How the journal's list reads the records of a kind, for their name only (a file's title
# without its long texts, an atelier with its file's title): each app's admin adds its own
# kinds, the journal being below them all.
LECTURES_DES_NOMS = []


def lire_les_noms(queryset):
    """``queryset`` (of one model, with what its ``__str__`` reads) reads the records of that
    kind the journal's list names."""
    LECTURES_DES_NOMS.append(queryset)


@admin.register(Evenement)
class EvenementAdmin(ListeLegere, LectureSeule, admin.ModelAdmin):
    """Read-only: the journal is evidence, nobody edits it."""

    list_display = ("date", "libelle", "objet_concerne", "acteur", "etat_apres")
    list_filter = ("content_type", ("action", ValeursRelues), "interne")
    list_select_related = ("acteur", "content_type")
    colonnes_de_la_liste = (
        "date",
        "libelle",
        "etat_apres",
        "object_id",
        "content_type__app_label",
        "content_type__model",
        "acteur__first_name",
        "acteur__last_name",
        "acteur__email",
    )
    search_fields = ("libelle", "commentaire", "acteur__email")
    date_hierarchy = "date"

    def get_queryset(self, request):
        # The records the events concern, read per kind of record, not one per row.
        noms = GenericPrefetch("objet", LECTURES_DES_NOMS) if LECTURES_DES_NOMS else "objet"
        return super().get_queryset(request).prefetch_related(noms)

    def changelist_view(self, request, extra_context=None):
        reponse = super().changelist_view(request, extra_context)
        cl = (getattr(reponse, "context_data", None) or {}).get("cl")
        if cl is not None:
            reponse.context_data["annees_du_journal"] = _annees(cl)
        return reponse

    @admin.display(description="enregistrement concerné")
    def objet_concerne(self, obj):
        objet = obj.objet  # read once: each reading asks for the kind of record again
        if objet is None:
            return f"{obj.content_type.name} n° {obj.object_id} (supprimé)"
        return f"{obj.content_type.name} : {objet}"


def _annees(cl):
    """The years of the date hierarchy's first level, as Django's ``date_hierarchy`` lists
    them, found with the index on the date (the first event of each year) rather than by
    truncating every date of the journal. None when Django's own levels apply: a year, month
    or day chosen, or all the events within one year."""
    champ = cl.date_hierarchy
    if any(cle.startswith(f"{champ}__") for cle in cl.params):
        return None
    bornes = cl.queryset.order_by().aggregate(premier=Min(champ), dernier=Max(champ))
    if bornes["premier"] is None:
        return None
    premiere, derniere = (timezone.localtime(bornes[b]).year for b in ("premier", "dernier"))
    if premiere == derniere:
        return None

    def debut(annee):
        return timezone.make_aware(datetime.datetime(annee, 1, 1))

    premiers = [
        cl.queryset.filter(**{f"{champ}__gte": debut(a), f"{champ}__lt": debut(a + 1)})
        .order_by(champ)
        .values_list(champ, flat=True)[:1]
        for a in range(premiere, derniere + 1)
    ]
    if connections[cl.queryset.db].features.supports_slicing_ordering_in_compound:
        dates = premiers[0].union(*premiers[1:], all=True)  # one query
    else:  # SQLite: one per year
        dates = [d for premier in premiers for d in premier]
    annees = sorted({timezone.localtime(d).year for d in dates})
    return {
        "show": True,
        "choices": [
            {
                "link": cl.get_query_string({f"{champ}__year": str(a)}, [f"{champ}__"]),
                "title": str(a),
            }
            for a in annees
        ],
    }
