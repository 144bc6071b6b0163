"""The livrables list, as a page and as a file (CSV or XLSX): its rows and columns, for
``exports``. The file reads values (``exports.rangees``), not the page's instances."""

from django.db.models import Count
from django.utils import timezone

from candidatures import exports as candidatures
from exports.listes import DATE, NOMBRE, Colonne, Liste, enregistrer, oui_non
from exports.rangees import affichage, lire

from .filters import LivrableFilter
from .models import Livrable


def lignes(user):
    return (
        Livrable.objects.visible_to(user)
        .select_related("atelier__candidature", "atelier__titulaire", "atelier__service_pilote")
        .order_by("echeance", "id")
    )


CHAMPS = (
    "intitule",
    "type",
    "atelier__candidature_id",
    "atelier__candidature__annee",
    "atelier__candidature__titre",
    "atelier__titulaire__nom",
    "atelier__service_pilote__nom",
    "echeance",
    "statut",
    "nombre_versions",
)


def reference(lv):
    """The reference of the livrable's atelier's candidature."""
    return candidatures.reference(lv["atelier__candidature__annee"], lv["atelier__candidature_id"])


type_de_livrable = affichage(Livrable, "type")
statut = affichage(Livrable, "statut")

LISTE = enregistrer(
    Liste(
        code="livrables",
        titre="Livrables",
        lignes=lignes,
        filtre=LivrableFilter,
        page="livrables:liste",
        # The file's « Versions déposées » column; the page does not show it.
        complements=lambda livrables: livrables.annotate(nombre_versions=Count("versions")),
        # The file reads values (``exports.rangees``); the model's code names them and says
        # which are late.
        rangees=lambda livrables: lire(livrables, CHAMPS),
        colonnes=(
            Colonne("Livrable", lambda lv: Livrable.nom.fget(lv)),
            Colonne("Type", lambda lv: type_de_livrable(lv["type"])),
            Colonne("Famille", lambda lv: Livrable.famille.fget(lv)),
            Colonne("Atelier", lambda lv: lv["atelier__candidature__titre"]),
            Colonne("Référence de l'atelier", reference),
            Colonne("Titulaire", lambda lv: lv["atelier__titulaire__nom"]),
            Colonne("Service pilote", lambda lv: lv["atelier__service_pilote__nom"]),
            Colonne("Échéance", lambda lv: lv["echeance"], DATE),
            Colonne("État", lambda lv: statut(lv["statut"])),
            Colonne(
                "En retard",
                lambda lv: oui_non(Livrable.est_en_retard(lv, timezone.localdate())),
            ),
            Colonne("Versions déposées", lambda lv: lv["nombre_versions"], NOMBRE),
        ),
    )
)
