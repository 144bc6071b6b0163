"""The ateliers list, as a page and as a file (CSV or XLSX): its rows and columns, for
``exports``."""

from exports.listes import DATE, EUROS, Colonne, Liste, enregistrer

from .filters import AtelierFilter
from .models import Atelier


def lignes(user):
    return (
        Atelier.objects.visible_to(user)
        .select_related("candidature__service", "titulaire", "accord_cadre", "service_pilote")
        .order_by("-cree_le")
    )


def territoire(ateliers):
    """The file's « Territoire » column reads the communes and the EPCI."""
    return ateliers.select_related("candidature__epci").prefetch_related("candidature__communes")


LISTE = enregistrer(
    Liste(
        code="ateliers",
        titre="Ateliers",
        lignes=lignes,
        filtre=AtelierFilter,
        page="ateliers:liste",
        complements=territoire,
        colonnes=(
            Colonne("Référence", lambda a: a.reference),
            Colonne("Atelier", lambda a: a.candidature.titre),
            Colonne("Territoire", lambda a: a.candidature.territoire()),
            Colonne("Phase", lambda a: a.get_phase_display()),
            Colonne("Titulaire", lambda a: a.titulaire.nom),
            Colonne("Service pilote", lambda a: a.service_pilote.nom),
            Colonne("Accord-cadre", lambda a: a.accord_cadre.reference),
            Colonne("Montant prévu HT (€)", lambda a: a.montant_ht, EUROS),
            Colonne("Attribué le", lambda a: a.attribue_le, DATE),
            Colonne("Clôturé le", lambda a: a.date_cloture, DATE),
        ),
    )
)
