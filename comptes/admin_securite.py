"""The admin of login security, in French: django-axes' attempts, lockouts and logs, and the
TOTP devices of django-otp.

The packages' own ModelAdmins are kept (their columns, filters, fieldsets, read-only fields,
actions and views) and registered again under subclasses that only name things in French
(``socle.administration.IntitulesFrancais``). An administrator lifts a lockout by deleting
the attempt, and resets a colleague's second factor by deleting their device.
"""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.conf import settings as reglages_axes
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from socle.administration import IntitulesFrancais
from socle.formats import pluriel

# Registered by the packages themselves, before comptes in INSTALLED_APPS.
admin.site.unregister([AccessAttempt, AccessLog, AccessFailureLog, TOTPDevice])

# The fields every record of django-axes has (its abstract AccessBase).
INTITULES_AXES = {
    "ip_address": "adresse IP",
    "user_agent": "navigateur (user agent)",
    "username": "identifiant saisi",
    "http_accept": "formats acceptés par le navigateur",
    "path_info": "page de connexion",
}


@admin.register(AccessAttempt)
class TentativeAdmin(IntitulesFrancais, AccessAttemptAdmin):
    """One row per (address, IP address, browser) that failed: deleting it lifts the lockout."""

    intitules = {
        **INTITULES_AXES,
        "attempt_time": "dernier échec le",
        "failures_since_start": "nombre d'échecs",
        "get_data": "paramètres de l'adresse (GET)",
        "post_data": "données envoyées (POST)",
        "expiration": "expire le",
    }
    titres_des_filtres = {"attempt_time": "date du dernier échec", "locked_out": "verrouillage"}

    @admin.display(description="état")
    def status(self, obj):
        restants = reglages_axes.AXES_FAILURE_LIMIT - obj.failures_since_start
        if restants <= 0:
            return "Verrouillé"
        return f"{restants} essai{pluriel(restants)} restant{pluriel(restants)}"

    @admin.action(description="Supprimer les tentatives expirées")
    def cleanup_expired_attempts(self, request, queryset):
        # django-axes 8.3 reads the login's moment on the request, which only its login
        # requests carry (its own action fails here); without one, it counts from now.
        request.axes_attempt_time = getattr(request, "axes_attempt_time", None)
        nombre = self.handler.clean_expired_user_attempts(request=request)
        s = pluriel(nombre)
        self.message_user(request, f"{nombre} tentative{s} expirée{s} supprimée{s}.")


@admin.register(AccessLog)
class ConnexionAdmin(IntitulesFrancais, AccessLogAdmin):
    intitules = {
        **INTITULES_AXES,
        "attempt_time": "connexion le",
        "logout_time": "déconnexion le",
    }
    titres_des_filtres = {"attempt_time": "date de connexion", "logout_time": "date de déconnexion"}


@admin.register(AccessFailureLog)
class EchecAdmin(IntitulesFrancais, AccessFailureLogAdmin):
    intitules = {**INTITULES_AXES, "attempt_time": "échec le", "locked_out": "verrouillé"}
    titres_des_filtres = {"attempt_time": "date de l'échec", "locked_out": "verrouillage"}


@admin.register(TOTPDevice)
class AppareilTotpAdmin(IntitulesFrancais, TOTPDeviceAdmin):
    """The authenticator app a person scanned: deleting it resets their second factor."""

    intitules = {
        "user": "utilisateur",
        "name": "nom",
        "confirmed": "confirmé",
        "created_at": "créé le",
        "last_used_at": "dernière utilisation le",
        "key": "clé secrète",
        "step": "pas de temps",
        "t0": "origine des pas de temps (t0)",
        "digits": "nombre de chiffres",
        "tolerance": "tolérance",
        "drift": "décalage",
        "throttling_failure_timestamp": "dernier code erroné le",
        "throttling_failure_count": "codes erronés à la suite",
    }
    titres_des_filtres = {
        "created_at": "date de création",
        "last_used_at": "date de dernière utilisation",
        "confirmed": "confirmation",
    }
    aides = {
        "user": "La personne à qui appartient cet appareil.",
        "name": "Le nom sous lequel la personne reconnaît cet appareil.",
        "confirmed": "L'appareil sert à la connexion une fois confirmé par un premier code.",
        "created_at": "Quand l'appareil a été enregistré.",
        "last_used_at": "Quand un code de cet appareil a été accepté pour la dernière fois.",
        "key": "La clé secrète partagée avec l'application, en hexadécimal (40 octets au plus).",
        "step": "La durée de validité d'un code, en secondes.",
        "t0": "L'heure Unix à partir de laquelle les pas de temps sont comptés.",
        "digits": "Le nombre de chiffres d'un code.",
        "tolerance": "Le nombre de pas de temps acceptés avant ou après l'heure du serveur.",
        "drift": "De combien de pas de temps l'horloge de l'appareil s'écarte de la nôtre.",
        "throttling_failure_timestamp": (
            "Le dernier code erroné ; vide si le dernier code saisi était le bon."
        ),
        "throttling_failure_count": "Le nombre de codes erronés saisis à la suite.",
    }
    sections = {
        "Identity": "Appareil",
        "Timestamps": "Dates",
        "Configuration": "Configuration",
        "State": "Synchronisation",
        "Throttling": "Codes erronés",
    }
    search_help_text = "Recherche par adresse e-mail de la personne"

    @admin.display(description="code QR")
    def qrcode_link(self, device):
        url = reverse("admin:otp_totp_totpdevice_config", kwargs={"pk": device.pk})
        return format_html('<a href="{}">Afficher le code QR</a>', url)

    def config_view(self, request, pk):
        """The page of the QR code, under a French title (its template is ours)."""
        reponse = super().config_view(request, pk)
        appareil = reponse.context_data["device"]
        reponse.context_data.update(title="Code QR", subtitle=str(appareil), opts=self.opts)
        return reponse
