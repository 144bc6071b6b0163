"""Every change to invitations and to one's own account: one function each, taking the acting
person, checking the rule of ``permissions`` and doing the whole change in one transaction.

E-mails (the invitation link, the confirmation of a new address) leave through the Celery
queue once the change has committed.
"""

import hashlib
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from . import permissions
from .models import Invitation, User
from .tasks import envoyer_email

logger = logging.getLogger(__name__)


class Refus(Exception):
    """A change refused, with the reason shown to the person."""


def _exiger(decision):
    if not decision:
        raise Refus(decision.raison)


def _empreinte(jeton):
    return hashlib.sha256(jeton.encode()).hexdigest()


def _envoyer_apres_validation(sujet, corps, destinataire):
    def envoyer():
        try:
            envoyer_email.delay(sujet, corps, [destinataire])
        except (OperationalError, OSError):
            logger.exception("E-mail « %s » non mis en file pour %s", sujet, destinataire)

    transaction.on_commit(envoyer)


def _normaliser_email(email):
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise Refus("Saisissez une adresse e-mail valide.") from None
    return email


# --- Invitations ----------------------------------------------------------------------------


def lien_invitation(jeton):
    return settings.SITE_URL + reverse("comptes:accepter_invitation", args=[jeton])


def _nouveau_jeton(invitation):
    jeton = secrets.token_urlsafe(32)
    maintenant = timezone.now()
    invitation.empreinte_jeton = _empreinte(jeton)
    invitation.envoyee_le = maintenant
    invitation.expire_le = maintenant + timedelta(hours=settings.INVITATION_DUREE_VALIDITE)
    return jeton


def _envoyer_invitation(invitation, jeton):
    contexte = {
        "invitation": invitation,
        "lien": lien_invitation(jeton),
        "organisation": invitation.organisation,
        "role": invitation.get_role_display(),
        "expire_le": timezone.localtime(invitation.expire_le),
    }
    corps = loader.render_to_string("comptes/emails/invitation.txt", contexte)
    sujet = "[Ateliers Flash] Invitation au portail des Ateliers Flash"
    _envoyer_apres_validation(sujet, corps, invitation.email)


@transaction.atomic
def inviter(acteur, *, email, prenom, nom, role, organisation, objet=""):
    """Invite a person; returns ``(invitation, jeton)`` (the token is only in the e-mail)."""
    _exiger(permissions.peut_inviter(acteur, role, organisation))
    email = _normaliser_email(email)
    if not (prenom or "").strip() or not (nom or "").strip():
        raise Refus("Indiquez le prénom et le nom de la personne invitée.")
    if User.objects.filter(email=email).exists():
        raise Refus(
            f"Un compte existe déjà pour {email}. S'il est désactivé ou rattaché à une autre "
            "organisation, demandez à un administrateur DGALN de le modifier."
        )
    if Invitation.objects.en_cours().filter(email=email).exists():
        raise Refus(
            f"Une invitation est déjà en cours pour {email} : renvoyez-la depuis la liste "
            "des invitations."
        )
    invitation = Invitation(
        email=email,
        prenom=prenom.strip(),
        nom=nom.strip(),
        role=role,
        organisation=organisation,
        invite_par=acteur,
        objet=objet,
    )
    jeton = _nouveau_jeton(invitation)
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:  # the same address invited at the same instant by someone else
        raise Refus(f"Une invitation est déjà en cours pour {email}.") from None
    _envoyer_invitation(invitation, jeton)
    return invitation, jeton


def _verrouiller(invitation):
    return (
        Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
    )


@transaction.atomic
def renvoyer(acteur, invitation):
    """Send the invitation again with a new link, valid for a new period."""
    invitation = _verrouiller(invitation)
    _exiger(permissions.peut_gerer_invitation(acteur, invitation))
    jeton = _nouveau_jeton(invitation)
    invitation.envois += 1
    invitation.save(update_fields=["empreinte_jeton", "envoyee_le", "expire_le", "envois"])
    _envoyer_invitation(invitation, jeton)
    return invitation, jeton


@transaction.atomic
def annuler(acteur, invitation):
    invitation = _verrouiller(invitation)
    _exiger(permissions.peut_gerer_invitation(acteur, invitation))
    invitation.annulee_le = timezone.now()
    invitation.save(update_fields=["annulee_le"])
    return invitation


def invitation_du_jeton(jeton):
    """The invitation of a link, whatever its state, or None for a link that never existed
    (or was replaced by a newer one)."""
    return (
        Invitation.objects.select_related("organisation", "invite_par")
        .filter(empreinte_jeton=_empreinte(jeton))
        .first()
    )


def raison_lien_inutilisable(invitation):
    """Why this invitation's link cannot be used any more, or "" if it can."""
    if invitation is None:
        return (
            "Ce lien d'invitation n'est pas valide. Il a peut-être été remplacé par un envoi "
            "plus récent : utilisez le dernier e-mail reçu."
        )
    if invitation.acceptee_le:
        return "Cette invitation a déjà été utilisée : connectez-vous avec votre adresse e-mail."
    if invitation.annulee_le:
        return "Cette invitation a été annulée."
    if invitation.est_expiree():
        expiration = timezone.localtime(invitation.expire_le)
        return (
            f"Cette invitation a expiré le {expiration:%d/%m/%Y à %H:%M}. "
            f"Demandez à {invitation.invite_par} de vous l'envoyer à nouveau."
        )
    return ""


@transaction.atomic
def accepter(jeton, mot_de_passe):
    """Create the invited person's account with the chosen password; returns the account."""
    invitation = invitation_du_jeton(jeton)
    if invitation is not None:
        invitation = _verrouiller(invitation)
    raison = raison_lien_inutilisable(invitation)
    if raison:
        raise Refus(raison)
    if User.objects.filter(email=invitation.email).exists():
        raise Refus(f"Un compte existe déjà pour {invitation.email} : connectez-vous.")
    compte = User(
        email=invitation.email,
        first_name=invitation.prenom,
        last_name=invitation.nom,
        role=invitation.role,
        organisation=invitation.organisation,
    )
    password_validation.validate_password(mot_de_passe, compte)
    compte.set_password(mot_de_passe)
    compte.full_clean(exclude=["password", "username"])
    compte.save()
    invitation.acceptee_le = timezone.now()
    invitation.compte = compte
    invitation.save(update_fields=["acceptee_le", "compte"])
    return compte


# --- One's own account ----------------------------------------------------------------------

SEL_CHANGEMENT_EMAIL = "comptes.changement-email"


@transaction.atomic
def modifier_profil(personne, *, first_name, last_name, fonction="", telephone=""):
    if not first_name.strip() or not last_name.strip():
        raise Refus("Indiquez votre prénom et votre nom.")
    personne.first_name = first_name.strip()
    personne.last_name = last_name.strip()
    personne.fonction = fonction.strip()
    personne.telephone = telephone.strip()
    personne.save(update_fields=["first_name", "last_name", "fonction", "telephone"])
    return personne


def demander_changement_email(personne, nouvel_email):
    """Send a confirmation link to the new address; nothing changes until it is followed.

    The link is signed and names the current address too, so it works once: after the change
    (or any other change of address) it no longer matches.
    """
    nouvel_email = _normaliser_email(nouvel_email)
    if nouvel_email == personne.email:
        raise Refus("C'est déjà votre adresse e-mail.")
    if User.objects.filter(email=nouvel_email).exists():
        raise Refus("Cette adresse e-mail est déjà celle d'un autre compte.")
    jeton = signing.dumps(
        {"pk": personne.pk, "ancien": personne.email, "nouveau": nouvel_email},
        salt=SEL_CHANGEMENT_EMAIL,
    )
    lien = settings.SITE_URL + reverse("comptes:confirmer_email", args=[jeton])
    corps = loader.render_to_string(
        "comptes/emails/changement_email.txt",
        {
            "personne": personne,
            "lien": lien,
            "heures": settings.CHANGEMENT_EMAIL_DUREE_VALIDITE,
        },
    )
    _envoyer_apres_validation(
        "[Ateliers Flash] Confirmez votre nouvelle adresse e-mail", corps, nouvel_email
    )
    return jeton


@transaction.atomic
def confirmer_changement_email(jeton):
    try:
        donnees = signing.loads(
            jeton,
            salt=SEL_CHANGEMENT_EMAIL,
            max_age=timedelta(hours=settings.CHANGEMENT_EMAIL_DUREE_VALIDITE),
        )
    except signing.SignatureExpired:
        raise Refus(
            "Ce lien de confirmation a expiré : demandez le changement à nouveau."
        ) from None
    except signing.BadSignature:
        raise Refus("Ce lien de confirmation n'est pas valide.") from None
    personne = User.objects.select_for_update().filter(pk=donnees["pk"], is_active=True).first()
    if personne is None or personne.email != donnees["ancien"]:
        raise Refus("Ce lien de confirmation a déjà été utilisé.")
    if User.objects.filter(email=donnees["nouveau"]).exists():
        raise Refus("Cette adresse e-mail est déjà celle d'un autre compte.")
    ancien = personne.email
    personne.email = donnees["nouveau"]
    personne.save(update_fields=["email"])
    corps = loader.render_to_string(
        "comptes/emails/email_change.txt", {"personne": personne, "ancien": ancien}
    )
    # The former address is told, so that a stolen session cannot change it silently.
    _envoyer_apres_validation("[Ateliers Flash] Votre adresse e-mail a changé", corps, ancien)
    return personne
