"""The livrables list, as a page and as a file (CSV or XLSX): its rows and columns, for
``exports``."""

from django.db.models import Count
from django.utils import timezone

from exports.listes import DATE, NOMBRE, Colonne, Liste, enregistrer, oui_non

from .filters import LivrableFilter
from .models import Livrable


def lignes(user):
    return (
        Livrable.objects.visible_to(user)
        .select_related("atelier__candidature", "atelier__titulaire", "atelier__service_pilote")
        .order_by("echeance", "id")
    )


LISTE = enregistrer(
    Liste(
        code="livrables",
        titre="Livrables",
        lignes=lignes,
        filtre=LivrableFilter,
        page="livrables:liste",
        # The file's « Versions déposées » column; the page does not show it.
        complements=lambda livrables: livrables.annotate(nombre_versions=Count("versions")),
        colonnes=(
            Colonne("Livrable", lambda lv: lv.nom),
            Colonne("Type", lambda lv: lv.get_type_display()),
            Colonne("Famille", lambda lv: lv.famille),
            Colonne("Atelier", lambda lv: lv.atelier.candidature.titre),
            Colonne("Référence de l'atelier", lambda lv: lv.atelier.candidature.reference),
            Colonne("Titulaire", lambda lv: lv.atelier.titulaire.nom),
            Colonne("Service pilote", lambda lv: lv.atelier.service_pilote.nom),
            Colonne("Échéance", lambda lv: lv.echeance, DATE),
            Colonne("État", lambda lv: lv.get_statut_display()),
            Colonne("En retard", lambda lv: oui_non(lv.est_en_retard(timezone.localdate()))),
            Colonne("Versions déposées", lambda lv: lv.nombre_versions, NOMBRE),
        ),
    )
)
