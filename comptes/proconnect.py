"""Sign-in with ProConnect, the State's OpenID Connect federation, on mozilla-django-oidc.

Off unless ``PROCONNECT_*`` are set (``config/proconnect.py``). The provider's endpoints, its
issuer and its keys come from its discovery document, fetched when first needed and kept an
hour. What the library leaves open is closed here:

- the ID token is verified RS256 against the provider's JWKS, with its audience, issuer and
  expiry; the nonce and the state are the library's;
- the ``email`` claim names an existing account; none is ever created from a claim, and an
  unknown address or a deactivated account gets its own page;
- ``given_name``, ``usual_name`` and ``siret`` update the profile where they differ, in the
  account's journal;
- a second factor the provider vouches for (``amr``) counts as the portal's; otherwise a
  person with a TOTP device still gives a code;
- logging out also ends the provider's session (``end_session_endpoint``, ``id_token_hint``).
"""

import hashlib
import logging
import secrets
from urllib.parse import urlencode, urlsplit

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from mozilla_django_oidc import views as oidc_views
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from journal.models import enregistrer
from socle.identifiants import valider_siret

from . import backends, double_facteur
from .journal import ActionCompte

logger = logging.getLogger(__name__)

DUREE_DECOUVERTE = 3600  # seconds the discovery document is kept
POINTS_D_ACCES = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
# `amr` values that mean a second factor (ProConnect's list, and RFC 8176's).
FACTEURS_FORTS = {"mfa", "totp", "otp", "pop", "hwk", "swk", "sms"}
CLE_ETAT_DECONNEXION = "proconnect_etat_deconnexion"
PROFIL = (("first_name", "given_name", "prénom"), ("last_name", "usual_name", "nom"))

ECHEC_VERIFICATION = (
    "La connexion avec ProConnect n'a pas pu être vérifiée (lien expiré, déjà utilisé ou "
    "réponse non conforme). Cliquez à nouveau sur « S'identifier avec ProConnect »."
)
ECHEC_INDISPONIBLE = (
    "ProConnect ne répond pas pour l'instant. Réessayez dans quelques minutes, ou connectez-vous "
    "avec votre adresse e-mail et votre mot de passe."
)
ECHEC_INTERROMPU = (
    "La connexion avec ProConnect a été interrompue. Cliquez à nouveau sur « S'identifier avec "
    "ProConnect » pour reprendre."
)


def actif():
    return bool(
        settings.PROCONNECT_DISCOVERY_URL
        and settings.PROCONNECT_CLIENT_ID
        and settings.PROCONNECT_CLIENT_SECRET
    )


def decouverte():
    """The provider's discovery document (raises ``requests.RequestException`` when down)."""
    url = settings.PROCONNECT_DISCOVERY_URL
    cle = "proconnect:decouverte:" + hashlib.sha256(url.encode()).hexdigest()
    document = cache.get(cle)
    if document is None:
        reponse = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        reponse.raise_for_status()
        document = reponse.json()
        cache.set(cle, document, DUREE_DECOUVERTE)
    return document


def fin_de_session():
    """The provider's ``end_session_endpoint``, or None (none declared, or the provider down)."""
    try:
        return decouverte().get("end_session_endpoint")
    except (requests.RequestException, ValueError):
        return None


def reglage(nom, *defaut):
    """mozilla-django-oidc's settings, with the endpoints read from the discovery document."""
    if nom in POINTS_D_ACCES:
        return decouverte()[POINTS_D_ACCES[nom]]
    if nom == "OIDC_RP_CLIENT_ID":
        return settings.PROCONNECT_CLIENT_ID
    if nom == "OIDC_RP_CLIENT_SECRET":
        return settings.PROCONNECT_CLIENT_SECRET
    return import_from_settings(nom, *defaut)


class ProConnectBackend(OIDCAuthenticationBackend):
    """Answers only the callback of ProConnect (which passes a nonce), never a password."""

    get_settings = staticmethod(reglage)
    OIDC_RP_SIGN_ALGO = "RS256"
    OIDC_RP_IDP_SIGN_KEY = None
    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: reglage("OIDC_OP_TOKEN_ENDPOINT"))
    OIDC_OP_USER_ENDPOINT = property(lambda self: reglage("OIDC_OP_USER_ENDPOINT"))
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: reglage("OIDC_OP_JWKS_ENDPOINT"))
    OIDC_RP_CLIENT_ID = property(lambda self: settings.PROCONNECT_CLIENT_ID)
    OIDC_RP_CLIENT_SECRET = property(lambda self: settings.PROCONNECT_CLIENT_SECRET)

    def __init__(self, *args, **kwargs):
        # The library's own reads every setting at once: here they are read when used.
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if request is None or "nonce" not in kwargs or not actif():
            return None
        return super().authenticate(request, **kwargs)

    def get_user(self, user_id):
        # Django's check (a deactivated account's open sessions end), through the cache.
        return backends.lire(self, user_id)

    def verify_token(self, token, **kwargs):
        try:
            entete = jwt.get_unverified_header(token)
            if entete.get("alg") != self.OIDC_RP_SIGN_ALGO or "kid" not in entete:
                raise SuspiciousOperation("Jeton de ProConnect sans signature RS256 ni clé nommée.")
            return super().verify_token(token, **kwargs)
        except jwt.PyJWTError as erreur:
            raise SuspiciousOperation(f"Jeton de ProConnect refusé : {erreur}") from erreur

    def _verify_jws(self, payload, key):
        return jwt.decode(
            payload,
            key,
            algorithms=[self.OIDC_RP_SIGN_ALGO],
            audience=settings.PROCONNECT_CLIENT_ID,
            issuer=decouverte()["issuer"],
        )

    def get_or_create_user(self, access_token, id_token, payload):
        self.request.proconnect_amr = payload.get("amr") or []
        if "exp" not in payload:
            raise SuspiciousOperation("Jeton d'identité de ProConnect sans expiration.")
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is None:
            self.request.proconnect_adresse_inconnue = True
        return user

    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email)

    def update_user(self, user, claims):
        if not user.is_active:
            return user
        mettre_a_jour_le_profil(user, claims)
        return user


@transaction.atomic
def mettre_a_jour_le_profil(user, claims):
    """The names and SIRET that ProConnect gives, where they differ, in the account's journal."""
    changes = []
    for champ, claim, libelle in PROFIL:
        valeur = (claims.get(claim) or "").strip()[:150]
        if valeur and valeur != getattr(user, champ):
            changes.append((champ, libelle, getattr(user, champ), valeur))
    siret = "".join((claims.get("siret") or "").split())
    if siret and siret != user.siret:
        try:
            valider_siret(siret)
        except ValidationError:
            logger.warning("ProConnect : SIRET invalide ignoré pour le compte %s", user.pk)
        else:
            changes.append(("siret", "SIRET", user.siret, siret))
    if not changes:
        return
    for champ, _, _, valeur in changes:
        setattr(user, champ, valeur)
    user.save(update_fields=[champ for champ, *_ in changes])
    # The journal is sealed for good: it names the fields, never the person's names (which
    # the retention rules later remove from the account); the SIRET is an establishment's.
    siret = [(avant, apres) for champ, _, avant, apres in changes if champ == "siret"]
    enregistrer(
        user,
        user,
        ActionCompte.PROFIL_PROCONNECT,
        "Profil mis à jour par ProConnect : " + ", ".join(libelle for _, libelle, *_ in changes),
        avant=f"SIRET : {siret[0][0] or '—'}" if siret else "",
        apres=f"SIRET : {siret[0][1]}" if siret else "",
    )


def second_facteur_atteste(request):
    return bool(set(getattr(request, "proconnect_amr", [])) & FACTEURS_FORTS)


class Connexion(oidc_views.OIDCAuthenticationRequestView):
    """The button: to the provider, with a fresh state and nonce kept in the session."""

    get_settings = staticmethod(reglage)

    def __init__(self, *args, **kwargs):
        super(oidc_views.OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request):
        if not actif():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = reglage("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except (requests.RequestException, KeyError, ValueError) as erreur:
            logger.warning("ProConnect injoignable : %s", erreur)
            messages.error(request, ECHEC_INDISPONIBLE)
            return redirect("login")
        self.OIDC_RP_CLIENT_ID = settings.PROCONNECT_CLIENT_ID
        return super().get(request)


class Retour(oidc_views.OIDCAuthenticationCallbackView):
    """The provider's redirection back: a session, the code step, or a page saying why not."""

    get_settings = staticmethod(reglage)

    def get(self, request):
        if not actif():
            raise Http404
        try:
            return super().get(request)
        except SuspiciousOperation as erreur:
            logger.warning("ProConnect : %s", erreur)
            return self.echec(ECHEC_VERIFICATION)
        except (requests.RequestException, KeyError, ValueError) as erreur:
            logger.warning("ProConnect injoignable : %s", erreur)
            return self.echec(ECHEC_INDISPONIBLE)

    def echec(self, raison):
        messages.error(self.request, raison)
        return redirect("login")

    def refus(self, titre, raison):
        contexte = {"titre": titre, "raison": raison}
        return render(self.request, "registration/proconnect_refus.html", contexte, status=403)

    def login_failure(self):
        if getattr(self.request, "proconnect_adresse_inconnue", False):
            return self.refus(
                "Aucun compte pour cette adresse",
                "ProConnect vous a bien identifié, mais votre adresse e-mail n'ouvre aucun compte "
                "du portail : les comptes sont ouverts sur invitation. Demandez à un collègue de "
                "votre service, ou à la DGALN (bureau AD1), de vous inviter avec cette adresse.",
            )
        user = getattr(self, "user", None)
        if user is not None and not user.is_active:
            return self.refus(
                "Compte désactivé",
                "Votre compte du portail est désactivé. Si vous en avez encore besoin, demandez "
                "à la DGALN (bureau AD1) ou à un collègue de votre service de le réactiver.",
            )
        if self.request.GET.get("error"):
            return self.echec(ECHEC_INTERROMPU)
        return self.echec(ECHEC_VERIFICATION)

    def login_success(self):
        if not second_facteur_atteste(self.request) and double_facteur.appareil(self.user):
            double_facteur.mettre_en_attente(self.request, self.user, self.success_url)
            return redirect("connexion_code")
        reponse = super().login_success()
        if second_facteur_atteste(self.request):
            self.request.session[double_facteur.CLE_SECOND_FACTEUR_EXTERNE] = True
        return reponse


class Deconnexion(auth_views.LogoutView):
    """Logging out after ProConnect also ends the provider's session, as ProConnect asks."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get("oidc_id_token")
        reponse = super().post(request, *args, **kwargs)
        if not (id_token and actif()):
            return reponse
        fin = fin_de_session()
        if not fin:
            return reponse
        etat = secrets.token_urlsafe(32)
        request.session[CLE_ETAT_DECONNEXION] = etat
        parametres = {
            "id_token_hint": id_token,
            "state": etat,
            "post_logout_redirect_uri": request.build_absolute_uri(
                reverse("proconnect_deconnexion")
            ),
        }
        return redirect(f"{fin}?{urlencode(parametres)}")


class DeconnexionAutorisee:
    """The logout button (a form in the header of every signed-in page) ends at the provider:
    the Content Security Policy's form-action, which browsers check on the redirection too,
    allows the provider's end_session_endpoint for sessions opened by ProConnect."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reponse = self.get_response(request)
        if "oidc_id_token" in request.session and actif():
            fin = fin_de_session()
            if fin:
                morceaux = urlsplit(fin)
                mise_a_jour = dict(getattr(reponse, "_csp_update", None) or {})
                mise_a_jour["form-action"] = [f"{morceaux.scheme}://{morceaux.netloc}"]
                reponse._csp_update = mise_a_jour
        return reponse


def retour_deconnexion(request):
    if not actif():
        raise Http404
    attendu = request.session.pop(CLE_ETAT_DECONNEXION, None)
    if attendu and secrets.compare_digest(attendu, request.GET.get("state", "")):
        messages.success(request, "Vous êtes déconnecté du portail et de ProConnect.")
    return redirect(settings.LOGOUT_REDIRECT_URL)
