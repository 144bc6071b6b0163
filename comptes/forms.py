"""Forms of the accounts: login by e-mail and password management, in DSFR markup."""

from django.contrib.auth import forms as auth_forms
from django.db import transaction
from django.template import loader

from config.formulaires import FormulaireDsfr

from .tasks import envoyer_email


class ConnexionForm(FormulaireDsfr, auth_forms.AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "Adresse e-mail ou mot de passe incorrect. Attention : le mot de passe tient "
            "compte des majuscules."
        ),
        "inactive": "Ce compte est désactivé. Contactez l'administrateur DGALN.",
    }

    def clean(self):
        # E-mail addresses are stored in lower case: accept any case at login.
        if self.cleaned_data.get("username"):
            self.cleaned_data["username"] = self.cleaned_data["username"].strip().lower()
        return super().clean()


class MotDePasseOublieForm(FormulaireDsfr, auth_forms.PasswordResetForm):
    """Sends the reset link through the Celery queue, once the request has committed."""

    def get_users(self, email):
        return super().get_users(email.strip().lower())

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        sujet = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        corps = loader.render_to_string(email_template_name, context)
        transaction.on_commit(lambda: envoyer_email.delay(sujet, corps, [to_email]))


class NouveauMotDePasseForm(FormulaireDsfr, auth_forms.SetPasswordForm):
    pass


class ChangementMotDePasseForm(FormulaireDsfr, auth_forms.PasswordChangeForm):
    pass
