"""Setting up the accords-cadres and their groupements (DGALN administrators).

The tourniquet's state and ledger are read-only here: they only move through attributions
in the portal, and — once the rotation has served — through the traced decision of the
« Modifier le tourniquet » page (``decisions.modifier_tourniquet``), so that the ledger stays
the proof that the announced rule was followed.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.forms.models import BaseInlineFormSet
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from journal.admin import LectureSeule
from journal.administration import JournalDesModifications
from journal.transitions import TransitionRefusee
from socle.administration import AutocompletionSure

from .decisions import modifier_tourniquet
from .forms import TourniquetForm
from .models import AccordCadre, DecisionTourniquet, MembreGroupement, Titulaire, TourDeTourniquet

ORDRE_FIGE = (
    "Le tourniquet de cet accord-cadre a déjà servi : l'ordre des titulaires, leur situation "
    "et leur accord-cadre ne changent plus ici. Pour changer l'ordre ou écarter un titulaire, "
    "utilisez « Modifier le tourniquet » : la décision et son motif sont inscrits au registre."
)


def _tourniquet_a_servi(accord_cadre):
    return accord_cadre is not None and accord_cadre.registre_tourniquet.exists()


class OrdreFigeSignale:
    """Say why the ranks are read-only, on the page that shows them."""

    def accord_cadre_de(self, obj):
        raise NotImplementedError

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if request.method == "GET" and obj and _tourniquet_a_servi(self.accord_cadre_de(obj)):
            messages.info(request, ORDRE_FIGE)
        return super().change_view(request, object_id, form_url, extra_context)


class TitulairesFormSet(BaseInlineFormSet):
    def save_existing_objects(self, commit=True):
        if commit:
            # Swapping two ranks: free the moved rows' ranks first, so that the uniqueness of
            # (accord-cadre, rang) holds after each row is saved.
            deplaces = [
                f.instance.pk
                for f in self.initial_forms
                if "rang" in f.changed_data and not self._should_delete_form(f)
            ]
            Titulaire.objects.filter(pk__in=deplaces).update(rang=F("rang") + 1000)
        return super().save_existing_objects(commit)


class TitulaireInline(admin.TabularInline):
    model = Titulaire
    formset = TitulairesFormSet
    extra = 0
    fields = ("rang", "nom", "actif")
    ordering = ("rang",)
    show_change_link = True

    def get_readonly_fields(self, request, obj=None):
        # ``obj``: the accord-cadre. Once its tourniquet has served, the order is evidence.
        return ("rang", "actif") if _tourniquet_a_servi(obj) else ()

    def has_delete_permission(self, request, obj=None):
        return not _tourniquet_a_servi(obj) and super().has_delete_permission(request, obj)


@admin.register(AccordCadre)
class AccordCadreAdmin(JournalDesModifications, OrdreFigeSignale, admin.ModelAdmin):
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

    change_form_template = "admin/marches/accordcadre/change_form.html"

    def accord_cadre_de(self, obj):
        return obj

    def save_model(self, request, obj, form, change):
        obj.modifie_par = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/tourniquet/",
                self.admin_site.admin_view(self.tourniquet_view),
                name="marches_accordcadre_tourniquet",
            ),
            *super().get_urls(),
        ]

    def tourniquet_view(self, request, object_id):
        """Change the order or set a titulaire aside, with a reason (a traced decision)."""
        accord = get_object_or_404(AccordCadre, pk=object_id)
        if not self.has_change_permission(request, accord):
            raise PermissionDenied
        titulaires = list(accord.titulaires.order_by("rang"))
        form = TourniquetForm(request.POST or None, titulaires=titulaires)
        if request.method == "POST" and form.is_valid():
            try:
                decision = modifier_tourniquet(
                    request.user, accord, form.choix(), form.cleaned_data["motif"]
                )
            except TransitionRefusee as refus:
                form.add_error(None, str(refus))
            else:
                messages.success(
                    request, f"{decision.libelle}. La décision est inscrite au registre."
                )
                return redirect("admin:marches_accordcadre_change", accord.pk)
        contexte = {
            **self.admin_site.each_context(request),
            "title": f"Modifier le tourniquet — {accord.reference}",
            "accord": accord,
            "form": form,
            "decisions": accord.decisions_tourniquet.select_related("acteur").order_by("-date"),
            "opts": self.model._meta,
            "original": accord,
            "lien_accord": reverse("admin:marches_accordcadre_change", args=[accord.pk]),
        }
        return TemplateResponse(request, "admin/marches/accordcadre/tourniquet.html", contexte)


class MembresFormSet(BaseInlineFormSet):
    """A groupement has exactly one mandataire, checked on the whole form before anything is
    saved (two rows marked « Mandataire » used to end on a database error)."""

    def clean(self):
        super().clean()
        membres = [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        mandataires = [m for m in membres if m.get("role") == MembreGroupement.Role.MANDATAIRE]
        if len(mandataires) > 1:
            noms = " et ".join(f"« {m['organisation']} »" for m in mandataires)
            raise ValidationError(
                f"Un groupement n'a qu'un mandataire : {noms} sont marqués « Mandataire ». "
                "Marquez les autres « Co-traitant »."
            )
        if membres and not mandataires:
            raise ValidationError(
                "Désignez le mandataire du groupement : la société qui le représente et "
                "signe pour lui (rôle « Mandataire »)."
            )


class MembreInline(AutocompletionSure, admin.TabularInline):
    model = MembreGroupement
    formset = MembresFormSet
    extra = 0
    fields = ("organisation", "role", "specialite")
    autocomplete_fields = ("organisation",)


@admin.register(Titulaire)
class TitulaireAdmin(JournalDesModifications, OrdreFigeSignale, admin.ModelAdmin):
    list_display = ("nom", "accord_cadre", "rang", "actif", "mandataire_affiche")
    list_filter = ("accord_cadre", "actif")
    list_select_related = ("accord_cadre",)
    search_fields = ("nom", "membres__organisation__nom")
    readonly_fields = ("cree_le", "modifie_le")
    inlines = [MembreInline]

    def accord_cadre_de(self, obj):
        return obj.accord_cadre

    def get_readonly_fields(self, request, obj=None):
        fige = obj is not None and _tourniquet_a_servi(obj.accord_cadre)
        return (*self.readonly_fields, *(("accord_cadre", "rang", "actif") if fige else ()))

    def has_delete_permission(self, request, obj=None):
        fige = obj is not None and _tourniquet_a_servi(obj.accord_cadre)
        return not fige and super().has_delete_permission(request, obj)

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


@admin.register(DecisionTourniquet)
class DecisionTourniquetAdmin(LectureSeule, admin.ModelAdmin):
    list_display = ("date", "accord_cadre", "libelle", "motif", "acteur")
    list_filter = ("accord_cadre",)
    list_select_related = ("accord_cadre", "acteur")
    search_fields = ("libelle", "motif")
