"""Who may do what on a candidature, with the reason when the answer is no.

Only the *who* lives here (and the rules of what is not a change of state: editing the fiche,
writing in the thread); which transition leaves from which state is ``workflow.CANDIDATURE``.
Each rule answers ``Decision(ok, raison)``. Seeing a file at all is decided by
``Candidature.objects.visible_to(user)``.
"""

from comptes.permissions import est_dgaln
from socle.decisions import OUI, non

from .fiche import ACTEURS, CONTACTS, PIECES, RUBRIQUES, STRATEGIE, TERRITOIRE
from .models import Piece, StatutCandidature

S = StatutCandidature

# What the service may hand to the collectivité. « Territoire » stays the service's: the
# file's communes and EPCI say which collectivités may be co-porteurs, so a co-porteur does
# not redraw them. « Pièces » needs no hand-over: the collectivité uploads its own support
# letter whenever the pièces are open, and the other pièces are the service's.
CONFIABLES = (STRATEGIE, ACTEURS, CONTACTS)
# The states whose fiche may still be edited, now or after a request for complements.
FICHE_VIVANTE = (S.INTENTION, S.BROUILLON, S.DEPOSEE, S.EN_INSTRUCTION, S.COMPLEMENT_DEMANDE)


def est_du_service(user, candidature):
    return (
        user.is_authenticated
        and user.is_active
        and user.est_agent
        and user.organisation_id == candidature.service_id
    )


def _collectivites(candidature):
    """The organisations co-porteuses of the file, read once per file instance: a page asks
    for them for every section and button."""
    if not hasattr(candidature, "_collectivites"):
        candidature._collectivites = set(
            candidature.coporteurs.values_list("organisation_id", flat=True)
        )
    return candidature._collectivites


def est_coporteur(user, candidature):
    """A member of a collectivité invited on this file (``CoPorteur``)."""
    if not (user.is_authenticated and user.is_active and user.est_collectivite):
        return False
    return user.organisation_id in _collectivites(candidature)


def rubriques_confiees(candidature):
    """The codes of the rubrics handed to the collectivité, read once per file instance."""
    if not hasattr(candidature, "_confiees"):
        candidature._confiees = set(
            candidature.rubriques_confiees.values_list("rubrique", flat=True)
        )
    return candidature._confiees


def peut_confier(user, candidature):
    """Hand rubrics to the collectivité, or take them back: the service, while the fiche may
    still be edited."""
    if not est_du_service(user, candidature):
        return non("Seuls les agents du service qui porte le dossier confient des rubriques.")
    if candidature.statut not in FICHE_VIVANTE:
        return non(f"{_etat(candidature)} : sa fiche n'est plus modifiable.")
    return OUI


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
    """Edit a rubric: the service, or the collectivité for the rubrics handed to it (for the
    pièces, ``peut_ajouter_piece``); both under the same rules of state."""
    if est_coporteur(user, candidature):
        if rubrique == TERRITOIRE.code:
            return non(
                "Le territoire du dossier reste rédigé par le service : ses communes et son "
                "EPCI désignent les collectivités co-porteuses."
            )
        if rubrique != PIECES.code and rubrique not in rubriques_confiees(candidature):
            return non("Le service n'a pas confié cette rubrique à la collectivité.")
    elif not est_du_service(user, candidature):
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


def peut_ajouter_piece(user, candidature, type_piece=None):
    """Upload a pièce: the service, any kind; the collectivité, its support letter only (the
    maire's or the EPCI président's), whether or not the rubric is handed to it."""
    decision = peut_modifier(user, candidature, PIECES.code)
    if (
        decision
        and est_coporteur(user, candidature)
        and type_piece
        not in (
            None,
            Piece.Type.LETTRE_COLLECTIVITE,
        )
    ):
        return non(
            "La collectivité dépose le courrier de soutien du maire ou du président de l'EPCI ; "
            "les autres pièces sont déposées par le service."
        )
    return decision


def peut_supprimer_piece(user, piece):
    """Remove a pièce while the pièces are open: the service, any; the collectivité, those its
    own people uploaded."""
    candidature = piece.candidature
    decision = peut_modifier(user, candidature, PIECES.code)
    if (
        decision
        and est_coporteur(user, candidature)
        and piece.ajoutee_par.organisation_id != user.organisation_id
    ):
        return non("La collectivité ne supprime que les pièces qu'elle a déposées.")
    return decision


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


def peut_lire_echanges(user, candidature):
    """Read the thread with the collectivité and its attachments: the service, the
    co-porteurs, and the DGALN once it sees the file (it writes to the co-porteurs there)."""
    if not (
        est_dgaln(user) or est_du_service(user, candidature) or est_coporteur(user, candidature)
    ):
        return non("Les échanges avec la collectivité sont lus par elle, le service et la DGALN.")
    return OUI


def peut_ecrire_echanges(user, candidature):
    """Write in the thread with the collectivité: its readers, while the file is alive; the
    atelier, once attributed, has its own thread with the collectivité."""
    decision = peut_lire_echanges(user, candidature)
    if not decision:
        return decision
    if candidature.statut == S.ATTRIBUEE:
        return non("L'atelier est attribué : les échanges se poursuivent sur la page de l'atelier.")
    if candidature.statut not in FICHE_VIVANTE:
        return non(f"{_etat(candidature)} : ses échanges sont clos.")
    if not _collectivites(candidature):
        return non(
            "Aucune collectivité n'est encore co-porteuse du dossier : le service l'invite "
            "d'abord (section « Collectivités co-porteuses »)."
        )
    return OUI


def peut_annoter(user, candidature):
    if not est_dgaln(user):
        return non("Les notes internes sont réservées à la DGALN.")
    return OUI


def rubriques_modifiables(user, candidature):
    """The sections of the fiche this person may edit now, in the order of the fiche: for
    the collectivité, those handed to it, and the pièces (its support letter)."""
    if est_coporteur(user, candidature):
        ouvertes = rubriques_ouvertes(candidature) & (
            rubriques_confiees(candidature) | {PIECES.code}
        )
    elif est_du_service(user, candidature):
        ouvertes = rubriques_ouvertes(candidature)
    else:
        return []
    return [r for r in RUBRIQUES if r.code in ouvertes]
