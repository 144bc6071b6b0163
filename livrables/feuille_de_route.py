"""Reading the feuille de route: its axes with their key actions, filtered, and its CSV export.

The same selection feeds the page and the export, so what is downloaded is what is shown.
"""

import csv
import io

from django.db.models import Prefetch, Sum

from .models import ActionCle, Axe

COLONNES = (
    "Axe",
    "Action",
    "Description",
    "Thématique",
    "Famille",
    "Priorité",
    "Porteur",
    "Coût estimé (€ HT)",
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


def _montant(valeur):
    if valeur is None:
        return ""
    return f"{valeur:.2f}".replace(".", ",")


def exporter_csv(selection):
    """CSV for a spreadsheet in French: UTF-8 with BOM, semicolons, decimal commas."""
    tampon = io.StringIO()
    tampon.write("\ufeff")
    ecrivain = csv.writer(tampon, delimiter=";")
    ecrivain.writerow(COLONNES)
    for action in selection.select_related("axe"):
        ecrivain.writerow(
            [
                action.axe.titre,
                action.intitule,
                action.description,
                action.thematique.libelle,
                action.thematique.get_famille_display(),
                action.get_priorite_display(),
                action.porteur,
                _montant(action.cout_estime),
            ]
        )
    return tampon.getvalue()
