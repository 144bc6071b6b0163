"""The ateliers list, as a page and as a file (CSV or XLSX): its rows and columns, for
``exports``. The file reads values (``exports.rangees``), the communes of a chunk of ateliers
in one query."""

from candidatures import exports as candidatures
from exports.listes import DATE, EUROS, Colonne, Liste, enregistrer
from exports.rangees import affichage, lire, plusieurs

from .filters import AtelierFilter
from .models import Atelier


def lignes(user):
    return (
        Atelier.objects.visible_to(user)
        .select_related("candidature__service", "titulaire", "accord_cadre", "service_pilote")
        .order_by("-cree_le")
    )


CHAMPS = (
    "reference_historique",
    "candidature_id",
    "candidature__annee",
    "candidature__titre",
    "candidature__epci__nom",
    "phase",
    "titulaire__nom",
    "service_pilote__nom",
    "accord_cadre__reference",
    "montant_ht",
    "historique",
    "cree_le",
    "date_cloture",
)


def rangees(ateliers):
    return lire(ateliers, CHAMPS, plusieurs("communes", "candidature_id", candidatures.communes))


def reference(a):
    """``Atelier.reference``: the historical one, else its candidature's."""
    return a["reference_historique"] or candidatures.reference(
        a["candidature__annee"], a["candidature_id"]
    )


phase = affichage(Atelier, "phase")

LISTE = enregistrer(
    Liste(
        code="ateliers",
        titre="Ateliers",
        lignes=lignes,
        filtre=AtelierFilter,
        page="ateliers:liste",
        rangees=rangees,
        colonnes=(
            Colonne("Référence", reference),
            Colonne("Atelier", lambda a: a["candidature__titre"]),
            Colonne(
                "Territoire",
                lambda a: candidatures.territoire(a["communes"], a["candidature__epci__nom"]),
            ),
            Colonne("Phase", lambda a: phase(a["phase"])),
            Colonne("Titulaire", lambda a: a["titulaire__nom"]),
            Colonne("Service pilote", lambda a: a["service_pilote__nom"]),
            Colonne("Accord-cadre", lambda a: a["accord_cadre__reference"]),
            Colonne("Montant prévu HT (€)", lambda a: a["montant_ht"], EUROS),
            Colonne("Attribué le", lambda a: Atelier.attribue_le.fget(a), DATE),
            Colonne("Clôturé le", lambda a: a["date_cloture"], DATE),
        ),
    )
)
