"""The optional second factor of DGALN staff: a TOTP code from an authenticator app.

Login happens in two steps for a person whose TOTP device is confirmed: the password (checked
and rate-limited by django-axes) only records, in the session, who is half-way; the session is
authenticated once a valid code is entered. django-otp's TOTP device throttles wrong codes
(each failure doubles the wait), and a half-way login expires after ``DELAI_CODE``.
"""

import time

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import login as ouvrir_session
from django.db import transaction
from django_otp import login as valider_facteur
from django_otp.plugins.otp_totp.models import TOTPDevice

from journal.models import enregistrer

from . import permissions
from .journal import ActionCompte
from .models import Role
from .services import Refus

CLE_SESSION = "connexion_en_deux_temps"
# Set when ProConnect vouches for a second factor (its `amr` claim): it counts as the portal's.
CLE_SECOND_FACTEUR_EXTERNE = "proconnect_second_facteur"
DELAI_CODE = 300  # seconds between the password and the code
CODE_INCORRECT = "Code incorrect ou expiré. Saisissez le code affiché par votre application."


def exige(user):
    """With DOUBLE_FACTEUR_ADMINISTRATEURS on, an administrateur must have a second factor."""
    return settings.DOUBLE_FACTEUR_ADMINISTRATEURS and user.role == Role.ADMINISTRATEUR


def session_verifiee(request):
    """Whether this session passed a second factor: a TOTP code, or one ProConnect vouched for."""
    return request.user.is_verified() or bool(request.session.get(CLE_SECOND_FACTEUR_EXTERNE))


def appareil(user):
    """The person's confirmed TOTP device, or None."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def mettre_en_attente(request, user, suite):
    request.session[CLE_SESSION] = {
        "user": user.pk,
        "backend": user.backend,
        "suite": suite,
        "depuis": time.time(),
    }


def en_attente(request):
    """The person half-way through logging in, or None (none, or too late)."""
    etat = request.session.get(CLE_SESSION)
    if not etat or time.time() - etat["depuis"] > DELAI_CODE:
        request.session.pop(CLE_SESSION, None)
        return None, None
    user = get_user_model().objects.filter(pk=etat["user"], is_active=True).first()
    return user, etat


def terminer_connexion(request, code):
    """Check the code of the person half-way; open their session, or raise ``Refus``."""
    user, etat = en_attente(request)
    if user is None:
        raise Refus("Le délai est dépassé : saisissez à nouveau votre mot de passe.")
    device = appareil(user)
    autorise, _ = device.verify_is_allowed()
    if not autorise:
        raise Refus("Trop de codes erronés : patientez quelques instants avant de réessayer.")
    if not device.verify_token(code):
        raise Refus(CODE_INCORRECT)
    request.session.pop(CLE_SESSION, None)
    ouvrir_session(request, user, backend=etat["backend"])
    valider_facteur(request, device)
    return etat["suite"]


def appareil_a_confirmer(user):
    """The device being set up (created on first visit), whose secret the page shows."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name="Application d'authentification", confirmed=False
        )
    return device


def qr_code_svg(device):
    return segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000091")


def _exiger_droit(user):
    decision = permissions.peut_gerer_double_facteur(user)
    if not decision:
        raise Refus(decision.raison)


@transaction.atomic
def activer(user, code):
    _exiger_droit(user)
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(code):
        raise Refus(CODE_INCORRECT)
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    enregistrer(user, user, ActionCompte.DOUBLE_FACTEUR, "Double authentification activée")
    return device


@transaction.atomic
def desactiver(user, code):
    _exiger_droit(user)
    device = appareil(user)
    if device is None:
        raise Refus("La double authentification n'est pas activée.")
    if exige(user):
        raise Refus(
            "La double authentification est obligatoire pour les administrateurs : elle ne peut "
            "pas être désactivée."
        )
    if not device.verify_token(code):
        raise Refus(CODE_INCORRECT)
    TOTPDevice.objects.filter(user=user).delete()
    enregistrer(user, user, ActionCompte.DOUBLE_FACTEUR, "Double authentification désactivée")
