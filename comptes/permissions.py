"""Who may invite whom, manage whose invitations, and administer accounts, with the reason
when the answer is no.

The rule of the house: an administrateur DGALN invites anyone into any organisation; an agent
invites colleagues into their own service, a prestataire into their own company, and neither
ever grants a DGALN role. An agent also invites the people of a collectivité, but only as
co-porteurs of one of its service's files: ``candidatures.coporteurs`` checks the file, this
module only that the role and the organisation go together. Accounts are deactivated or
moved only by an administrateur.
"""

from django.db.models import Q

from socle.decisions import OUI, non

from .models import ROLES_DGALN, Organisation, Role, User

# The role a person may give to the colleagues they invite (administrateurs: any).
ROLE_INVITABLE = {Role.AGENT: Role.AGENT, Role.PRESTATAIRE: Role.PRESTATAIRE}


def _actif(user):
    return user.is_authenticated and user.is_active


def est_administrateur(user):
    return _actif(user) and user.role == Role.ADMINISTRATEUR


def est_dgaln(user):
    """Someone of the DGALN (instructeur or administrateur), with an active account: the
    business apps' rules all ask this one question."""
    return _actif(user) and user.est_dgaln


def peut_inviter(user, role=None, organisation=None):
    """May ``user`` invite someone at all, or with this ``role`` into this ``organisation``?"""
    if not _actif(user):
        return non("Connectez-vous pour inviter une personne.")
    if user.role == Role.ADMINISTRATEUR:
        if role and organisation and organisation.type != User.ORGANISATION_DU_ROLE[role]:
            attendu = Organisation.Type(User.ORGANISATION_DU_ROLE[role]).label
            return non(
                f"Un « {Role(role).label} » doit être rattaché à une organisation de type "
                f"« {attendu} »."
            )
        if organisation and not organisation.actif:
            return non(f"L'organisation « {organisation} » est désactivée.")
        return OUI
    if (
        user.role == Role.AGENT
        and role == Role.COLLECTIVITE
        and organisation is not None
        and organisation.type == Organisation.Type.COLLECTIVITE
    ):
        return OUI
    if user.role not in ROLE_INVITABLE or user.organisation_id is None:
        return non(
            "Seul un administrateur DGALN invite des personnes de la DGALN ou d'une autre "
            "organisation."
        )
    if role and role != ROLE_INVITABLE[user.role]:
        if role in ROLES_DGALN:
            return non("Seul un administrateur DGALN peut attribuer un rôle de la DGALN.")
        return non(f"Vous ne pouvez inviter que des « {Role(ROLE_INVITABLE[user.role]).label} ».")
    if organisation and organisation.pk != user.organisation_id:
        return non(f"Vous ne pouvez inviter que des collègues de « {user.organisation} ».")
    return OUI


def invitations_visibles(user, invitations):
    """The invitations ``user`` sees in the list: all for an administrateur, their own
    organisation's for the people who may invite into it, none otherwise."""
    if est_administrateur(user):
        return invitations
    if peut_inviter(user):
        # An agent also follows the collectivités' people they invited on their files.
        return invitations.filter(
            Q(organisation_id=user.organisation_id) | Q(invite_par_id=user.pk)
        )
    return invitations.none()


def peut_gerer_invitation(user, invitation):
    """Send again or cancel ``invitation``."""
    decision = peut_inviter(user, invitation.role, invitation.organisation)
    if not decision:
        return decision
    if invitation.acceptee_le:
        return non("Cette invitation a déjà été acceptée.")
    if invitation.annulee_le:
        return non("Cette invitation a été annulée.")
    return OUI


def peut_administrer(user, compte):
    """Deactivate, reactivate or move ``compte`` to another organisation."""
    if not est_administrateur(user):
        return non("Seul un administrateur DGALN gère les comptes.")
    if compte.pk == user.pk:
        return non("Vous ne pouvez pas modifier votre propre compte depuis l'annuaire.")
    return OUI


def peut_voir_annuaire(user):
    if _actif(user) and user.role in ROLES_DGALN:
        return OUI
    return non("L'annuaire des organisations est réservé à la DGALN.")


def peut_gerer_double_facteur(user):
    """The optional second factor (TOTP) is offered to DGALN staff, who decide and attribute."""
    if not _actif(user):
        return non("Connectez-vous pour gérer la double authentification.")
    if user.role not in ROLES_DGALN:
        return non("La double authentification est proposée aux agents de la DGALN.")
    return OUI


def peut_ouvrir_administration(user):
    """Django's admin (accords-cadres, organisations, accounts, référentiels) opens to active
    staff accounts, which ``User.save`` makes of the administrateurs (and superusers)."""
    if _actif(user) and user.is_staff:
        return OUI
    return non("L'administration est réservée aux administrateurs DGALN.")
