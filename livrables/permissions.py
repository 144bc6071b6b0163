"""Who may do what on a livrable, with the reason when the answer is no.

The titulaire uploads versions; the pilot service and the DGALN validate the latest one or
send it back. The feuille de route and the fiche synthétique are written by the titulaire
(``ateliers.permissions.peut_rediger``). Seeing a livrable is seeing its atelier.
"""

from ateliers.permissions import est_du_service_pilote, est_du_titulaire, peut_definir_livrables
from comptes.permissions import est_dgaln
from socle.decisions import OUI, non

from .models import StatutLivrable, Version


def _etat(livrable):
    return f"Le livrable « {livrable.nom} » est « {StatutLivrable(livrable.statut).label.lower()} »"


def peut_deposer(user, livrable):
    atelier = livrable.atelier
    if not est_du_titulaire(user, atelier):
        return non("Seul le titulaire de l'atelier dépose ses livrables.")
    if atelier.est_cloture:
        return non("L'atelier est clôturé : il ne reçoit plus de livrable.")
    if livrable.statut == StatutLivrable.VALIDE:
        return non(f"{_etat(livrable)} : il ne reçoit plus de nouvelle version.")
    return OUI


def peut_statuer(user, livrable):
    """Validate the version waiting for an opinion, or send it back with a comment."""
    if not (est_du_service_pilote(user, livrable.atelier) or est_dgaln(user)):
        return non("Le service pilote et la DGALN valident les livrables.")
    if livrable.statut != StatutLivrable.DEPOSE:
        return non(f"{_etat(livrable)} : aucune version n'attend d'avis.")
    # The antivirus has the first word: nobody reviews a file nobody may open.
    attente = livrable.versions.filter(avis=Version.Avis.EN_ATTENTE).first()
    if attente and attente.est_en_analyse:
        return non(
            f"La version {attente.numero} est en cours d'analyse antivirus : "
            "vous pourrez l'ouvrir et donner votre avis une fois vérifiée."
        )
    if attente and attente.est_infecte:
        return non(
            f"La version {attente.numero} a été refusée (virus détecté) : "
            "le titulaire doit en déposer une autre."
        )
    return OUI


def peut_modifier(user, livrable):
    """Change the due date or the title of an expected livrable."""
    decision = peut_definir_livrables(user, livrable.atelier)
    if decision and livrable.statut == StatutLivrable.VALIDE:
        return non(f"{_etat(livrable)} : il ne se modifie plus.")
    return decision


def peut_retirer(user, livrable, nombre_versions=None):
    """Remove an expected livrable entered by mistake: only while no version was uploaded."""
    decision = peut_definir_livrables(user, livrable.atelier)
    if not decision:
        return decision
    if nombre_versions is None:
        nombre_versions = livrable.versions.count()
    if nombre_versions:
        return non("Une version a déjà été déposée : le livrable ne peut plus être retiré.")
    return OUI


def actions_possibles(user, livrable, nombre_versions):
    return {
        "deposer": peut_deposer(user, livrable),
        "statuer": peut_statuer(user, livrable),
        "modifier": peut_modifier(user, livrable),
        "retirer": peut_retirer(user, livrable, nombre_versions),
    }
