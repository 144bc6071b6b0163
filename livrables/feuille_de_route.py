"""Reading the feuille de route: its axes with their key actions, filtered, and its CSV export.

The same selection feeds the page and the export, so what is downloaded is what is shown. The
CSV goes through the exports' writer: the titulaire types the titles, descriptions and porteurs,
and a cell starting with « = » must reach the spreadsheet as text, never as a formula.
"""

from operator import attrgetter

from django.db.models import Prefetch, Sum

from exports.formats import texte_csv
from exports.listes import EUROS, Colonne

from .models import ActionCle, Axe

COLONNES = (
    Colonne("Axe", attrgetter("axe.titre")),
    Colonne("Action", attrgetter("intitule")),
    Colonne("Description", attrgetter("description")),
    Colonne("Thématique", attrgetter("thematique.libelle")),
    Colonne("Famille", lambda action: action.thematique.get_famille_display()),
    Colonne("Priorité", lambda action: action.get_priorite_display()),
    Colonne("Porteur", attrgetter("porteur")),
    Colonne("Coût estimé (€ HT)", attrgetter("cout_estime"), EUROS),
)


def actions(atelier, thematique=None, priorite="", porteur=""):
    qs = ActionCle.objects.filter(axe__atelier=atelier).select_related("thematique")
    if thematique:
        qs = qs.filter(thematique=thematique)
    if priorite:
        qs = qs.filter(priorite=priorite)
    if porteur:
        qs = qs.filter(porteur__icontains=porteur.strip())
    return qs.order_by("axe__ordre", "axe_id", "ordre", "id")


def axes(atelier, selection):
    """The axes, each with ``actions_retenues``: its actions in ``selection``; all the axes
    are kept so that an axe without a matching action still shows (as empty)."""
    return Axe.objects.filter(atelier=atelier).prefetch_related(
        Prefetch("actions", queryset=selection, to_attr="actions_retenues")
    )


def cout_total(selection):
    return selection.aggregate(total=Sum("cout_estime"))["total"]


def exporter_csv(selection):
    """CSV for a spreadsheet in French: UTF-8 with BOM, semicolons, decimal commas."""
    contenu, _nombre = texte_csv(COLONNES, selection.select_related("axe"))
    return contenu
