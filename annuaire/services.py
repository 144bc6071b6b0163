"""Account administration by a DGALN administrateur: deactivate, reactivate, move a person to
another organisation. Each change is one transaction and one event of the audit journal, on
the person's account (shown as the account's timeline).

Accounts are never deleted once they act: the journal's link to its actor is RESTRICT, and a
deactivated person's past actions keep their name.
"""

from django.db import transaction

from comptes.journal import ActionCompte
from comptes.models import Organisation, Role, User
from comptes.permissions import peut_administrer
from journal.models import enregistrer
from journal.transitions import TransitionRefusee, exiger


def _verrouiller(compte):
    return User.objects.select_for_update().get(pk=compte.pk)


def _motif(motif):
    motif = (motif or "").strip()
    if not motif:
        raise TransitionRefusee("Indiquez le motif.")
    return motif


@transaction.atomic
def desactiver(acteur, compte, motif):
    """The person can no longer log in (open sessions end at their next page); their files stay
    with their organisation and their name stays on what they did."""
    exiger(peut_administrer(acteur, compte))
    compte = _verrouiller(compte)
    if not compte.is_active:
        raise TransitionRefusee("Ce compte est déjà désactivé.")
    motif = _motif(motif)
    compte.is_active = False
    compte.save(update_fields=["is_active"])
    enregistrer(
        compte, acteur, ActionCompte.DESACTIVATION, "Compte désactivé", "actif", "désactivé", motif
    )
    return compte


@transaction.atomic
def reactiver(acteur, compte, motif=""):
    exiger(peut_administrer(acteur, compte))
    compte = _verrouiller(compte)
    if compte.is_active:
        raise TransitionRefusee("Ce compte est déjà actif.")
    compte.is_active = True
    compte.save(update_fields=["is_active"])
    enregistrer(
        compte,
        acteur,
        ActionCompte.REACTIVATION,
        "Compte réactivé",
        "désactivé",
        "actif",
        motif.strip(),
    )
    return compte


@transaction.atomic
def deplacer(acteur, compte, organisation, role, motif):
    """Attach the person to another organisation (and role): they see that organisation's files
    from now on, and no longer those of the previous one."""
    exiger(peut_administrer(acteur, compte))
    compte = _verrouiller(compte)
    motif = _motif(motif)
    role = Role(role)
    attendu = User.ORGANISATION_DU_ROLE[role]
    if organisation.type != attendu:
        raise TransitionRefusee(
            f"Un « {role.label} » doit être rattaché à une organisation de type "
            f"« {Organisation.Type(attendu).label} »."
        )
    if not organisation.actif:
        raise TransitionRefusee(f"L'organisation « {organisation} » est désactivée.")
    if organisation.pk == compte.organisation_id and role == compte.role:
        raise TransitionRefusee("La personne est déjà rattachée à cette organisation avec ce rôle.")
    avant = f"{compte.organisation or 'aucune organisation'} ({compte.get_role_display()})"
    compte.organisation = organisation
    compte.role = role
    compte.save()  # the role's group follows (User.save)
    apres = f"{organisation} ({compte.get_role_display()})"
    enregistrer(
        compte,
        acteur,
        ActionCompte.RATTACHEMENT,
        f"Rattachement changé : {avant} → {apres}",
        commentaire=motif,
    )
    return compte
