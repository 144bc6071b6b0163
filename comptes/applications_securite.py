"""The two third-party apps that protect logins, under French names in the admin.

INSTALLED_APPS lists these configurations in place of the packages' own: same apps, same
labels (``axes``, ``otp_totp``), same tables and permissions; only what the admin shows of the
apps and their models changes. django-axes' French catalogue leaves its own labels half
translated, and django-otp's TOTP plugin marks none of its strings for translation, so
neither a translation nor a locale of ours could name them.

The names of the models and their records are set here, once the models are loaded; the
labels of their fields, which Django writes into migrations, are left alone and translated
by their admin pages instead (``comptes.admin_securite``).
"""

from axes.apps import AppConfig as AxesConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TotpConfig


def _identifiant(acces):
    return acces.username or "identifiant inconnu"


def _provenance(acces):
    return f" depuis {acces.ip_address}" if acces.ip_address else ""


def _tentative(tentative):
    """« agent@exemple.gouv.fr depuis 192.0.2.7 »: whom the count of failures is about."""
    return f"{_identifiant(tentative)}{_provenance(tentative)}"


def _connexion(connexion):
    """« agent@exemple.gouv.fr, le 2 décembre 2026 à 15:28 »."""
    from socle.formats import date_heure_longue

    return f"{_identifiant(connexion)}, le {date_heure_longue(connexion.attempt_time)}"


def _echec(echec):
    """« agent@exemple.gouv.fr depuis 192.0.2.7, le 2 décembre 2026 à 15:28 (verrouillé) »."""
    from socle.formats import date_heure_longue

    verrouille = " (verrouillé)" if echec.locked_out else ""
    moment = date_heure_longue(echec.attempt_time)
    return f"{_identifiant(echec)}{_provenance(echec)}, le {moment}{verrouille}"


class SecuriteDesConnexionsConfig(AxesConfig):
    """django-axes: failed logins counted per (address, IP address), lockouts, their logs."""

    verbose_name = "Sécurité des connexions"

    def ready(self):
        super().ready()
        # The records' names head their change pages, breadcrumbs and the admin's messages;
        # django-axes' own are English (« Attempted Access: 2026-12-02 14:28:26.430120+00:00 »).
        self.get_model("AccessAttempt").__str__ = _tentative
        self.get_model("AccessLog").__str__ = _connexion
        self.get_model("AccessFailureLog").__str__ = _echec
        # Not registered in the admin, but named in the journal's filter of record types.
        # Migrations read a model's Meta as declared (``original_attrs``): they do not see it.
        options = self.get_model("AccessAttemptExpiration")._meta
        options.verbose_name = "expiration de tentative de connexion"
        options.verbose_name_plural = "expirations de tentatives de connexion"


class DoubleAuthentificationConfig(TotpConfig):
    """django-otp's TOTP plugin: the authenticator apps of the optional second factor."""

    verbose_name = "Double authentification"

    def ready(self):
        super().ready()
        # Migrations read the model's Meta as declared (``original_attrs``): they do not see it.
        options = self.get_model("TOTPDevice")._meta
        options.verbose_name = "appareil TOTP"
        options.verbose_name_plural = "appareils TOTP"
