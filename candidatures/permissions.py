"""Who may do what on a candidature, with the reason when the answer is no.

Only the *who* lives here (and the rules of what is not a change of state: editing the fiche,
writing in the thread); which transition leaves from which state is ``workflow.CANDIDATURE``.
Each rule answers ``Decision(ok, raison)``. Seeing a file at all is decided by
``Candidature.objects.visible_to(user)``.
"""

from comptes.permissions import est_dgaln
from socle.decisions import OUI, non

from .fiche import RUBRIQUES, TERRITOIRE
from .models import StatutCandidature


def est_du_service(user, candidature):
    return (
        user.is_authenticated
        and user.is_active
        and user.est_agent
        and user.organisation_id == candidature.service_id
    )


def est_coporteur(user, candidature):
    """A member of a collectivité invited on this file (``CoPorteur``). Read once per file
    instance: a page asks this for every section and button."""
    if not (user.is_authenticated and user.is_active and user.est_collectivite):
        return False
    if not hasattr(candidature, "_collectivites"):
        candidature._collectivites = set(
            candidature.coporteurs.values_list("organisation_id", flat=True)
        )
    return user.organisation_id in candidature._collectivites


def peut_inviter_coporteur(user, candidature):
    """Invite people of the file's commune or EPCI: the service that carries it, while the
    file is alive (an attributed file is alive too: the atelier follows)."""
    if not est_du_service(user, candidature):
        return non("Seuls les agents du service qui porte le dossier invitent la collectivité.")
    if candidature.statut in (
        StatutCandidature.OPPORTUNITE_DECLINEE,
        StatutCandidature.NON_ELIGIBLE,
        StatutCandidature.SANS_SUITE,
    ):
        return non(f"{_etat(candidature)} : il n'accueille plus de co-porteur.")
    return OUI


def _etat(candidature):
    return f"Le dossier est à l'état « {StatutCandidature(candidature.statut).label} »"


def rubriques_ouvertes(candidature):
    """The sections the service may edit in the file's current state."""
    if candidature.statut == StatutCandidature.INTENTION:
        return {TERRITOIRE.code}
    if candidature.statut == StatutCandidature.BROUILLON:
        return {r.code for r in RUBRIQUES}
    if candidature.statut == StatutCandidature.COMPLEMENT_DEMANDE:
        demande = candidature.demandes_complement.filter(levee_le__isnull=True).first()
        return set(demande.rubriques) if demande else set()
    return set()


def peut_modifier(user, candidature, rubrique):
    if not est_du_service(user, candidature):
        return non("Seuls les agents du service qui porte le dossier peuvent le modifier.")
    if rubrique in rubriques_ouvertes(candidature):
        return OUI
    if candidature.statut == StatutCandidature.INTENTION:
        return non(
            "La fiche de candidature s'ouvre lorsque la DGALN a confirmé l'opportunité : "
            "seule l'intention peut être modifiée pour l'instant."
        )
    if candidature.statut == StatutCandidature.COMPLEMENT_DEMANDE:
        return non("Cette rubrique ne fait pas partie du complément demandé par la DGALN.")
    return non(f"{_etat(candidature)} : il n'est plus modifiable.")


def retire_par_son_service(user, candidature):
    """Classing a file sans suite is, for the service that carries it, withdrawing it: the
    button reads « Retirer le dossier » there, « Classer sans suite » at the DGALN."""
    return est_du_service(user, candidature)


def peut_ecrire(user, candidature):
    """Write in the file's thread (service ⇄ DGALN)."""
    if not (est_dgaln(user) or est_du_service(user, candidature)):
        return non("Seuls la DGALN et le service qui porte le dossier échangent sur ce fil.")
    if candidature.statut == StatutCandidature.BROUILLON:
        return non(
            "Le dossier est en brouillon : la DGALN ne le voit pas encore. "
            "Les échanges s'ouvrent au dépôt."
        )
    return OUI


def peut_lire_fil(user, candidature):
    """Read the thread and its attachments: the two sides of the exchange only. The titulaire
    of the atelier reads the fiche and its pièces, not what the service and the DGALN said
    to each other while the file was reviewed."""
    if not (est_dgaln(user) or est_du_service(user, candidature)):
        return non("Les échanges entre le service et la DGALN ne sont lus que par eux.")
    return OUI


def peut_annoter(user, candidature):
    if not est_dgaln(user):
        return non("Les notes internes sont réservées à la DGALN.")
    return OUI


def rubriques_modifiables(user, candidature):
    """The sections of the fiche this person may edit now, in the order of the fiche."""
    if not est_du_service(user, candidature):
        return []
    ouvertes = rubriques_ouvertes(candidature)
    return [r for r in RUBRIQUES if r.code in ouvertes]
