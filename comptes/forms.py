"""Forms of the accounts, in DSFR markup: login by e-mail, passwords, invitations, profile."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template import loader

from socle.formulaires import FormulaireDsfr, FormulaireModeleDsfr

from . import permissions
from .models import Organisation, Role, User
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

    # The same words as the login form's (Django's French says "Courriel").
    email = forms.EmailField(
        label="Adresse e-mail",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

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


class InvitationForm(FormulaireDsfr):
    """Whom to invite. An administrateur chooses the role and the organisation; an agent or a
    prestataire invites into their own organisation with their own role (fields hidden)."""

    # The length of ``User.email``: Django's validator alone lets 320 characters through.
    email = forms.EmailField(label="Adresse e-mail professionnelle", max_length=254)
    prenom = forms.CharField(label="Prénom", max_length=150)
    nom = forms.CharField(label="Nom", max_length=150)
    role = forms.ChoiceField(label="Rôle")
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.none(),
        help_text="Service déconcentré, DGALN ou société prestataire.",
    )

    def __init__(self, *args, acteur, **kwargs):
        super().__init__(*args, **kwargs)
        self.acteur = acteur
        if acteur.role == Role.ADMINISTRATEUR:
            self.fields["role"].choices = [("", "Choisir un rôle"), *Role.choices]
            self.fields["organisation"].queryset = Organisation.objects.filter(actif=True).exclude(
                type=Organisation.Type.COLLECTIVITE
            )
        else:
            del self.fields["role"]
            del self.fields["organisation"]

    def valeurs(self):
        donnees = dict(self.cleaned_data)
        if "role" not in self.fields:
            donnees["role"] = permissions.ROLE_INVITABLE[self.acteur.role]
            donnees["organisation"] = self.acteur.organisation
        return donnees


class AcceptationForm(FormulaireDsfr):
    """The invited person chooses a password (Django's validators, in French)."""

    password1 = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Confirmation du mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean(self):
        donnees = super().clean()
        p1, p2 = donnees.get("password1"), donnees.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "Les deux mots de passe ne correspondent pas.")
        elif p1:
            personne = User(
                email=self.invitation.email,
                first_name=self.invitation.prenom,
                last_name=self.invitation.nom,
            )
            try:
                password_validation.validate_password(p1, personne)
            except ValidationError as erreur:
                self.add_error("password1", erreur)
        return donnees


class ProfilForm(FormulaireModeleDsfr):
    class Meta:
        model = User
        fields = ("first_name", "last_name", "fonction", "telephone")
        labels = {"first_name": "Prénom", "last_name": "Nom", "fonction": "Fonction"}
        help_texts = {"telephone": "Visible des personnes qui suivent vos dossiers."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True


class ChangementEmailForm(FormulaireDsfr):
    nouvel_email = forms.EmailField(label="Nouvelle adresse e-mail", max_length=254)
    mot_de_passe = forms.CharField(
        label="Votre mot de passe actuel",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Pour confirmer que c'est bien vous.",
    )

    def __init__(self, *args, personne, **kwargs):
        super().__init__(*args, **kwargs)
        self.personne = personne

    def clean_mot_de_passe(self):
        mot_de_passe = self.cleaned_data["mot_de_passe"]
        if not self.personne.check_password(mot_de_passe):
            raise ValidationError("Mot de passe incorrect.")
        return mot_de_passe


class CodeForm(FormulaireDsfr, forms.Form):
    """A six-digit code from the authenticator app."""

    code = forms.RegexField(
        label="Code à six chiffres",
        help_text="Le code affiché par votre application d'authentification.",
        regex=r"^\d{6}$",
        max_length=6,
        error_messages={"invalid": "Le code compte six chiffres."},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": 6}
        ),
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip()
