"""Invitations, the invited person's first visit, and one's own profile.

Views parse the input, call one function of ``services`` and render; the rules live in
``permissions`` and are checked again by the services.
"""

from base64 import b32encode

import django_otp
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from socle.decisions import refuser_sinon

from . import double_facteur, permissions, proconnect, services
from .forms import (
    AcceptationForm,
    ChangementEmailForm,
    CodeForm,
    ConnexionForm,
    InvitationForm,
    ProfilForm,
)
from .models import Invitation

INVITATIONS_ACCEPTEES_AFFICHEES = 20


@login_required
def invitations(request):
    refuser_sinon(permissions.peut_inviter(request.user))
    visibles = permissions.invitations_visibles(
        request.user, Invitation.objects.select_related("organisation", "invite_par")
    )
    return render(
        request,
        "comptes/invitations.html",
        {
            "titre": "Invitations",
            "en_cours": visibles.en_cours().order_by("-envoyee_le", "-id"),
            "acceptees": visibles.filter(acceptee_le__isnull=False)
            .select_related("compte")
            .order_by("-acceptee_le")[:INVITATIONS_ACCEPTEES_AFFICHEES],
        },
    )


@login_required
def inviter(request):
    refuser_sinon(permissions.peut_inviter(request.user))
    form = InvitationForm(request.POST or None, acteur=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _ = services.inviter(request.user, **form.valeurs())
        except services.Refus as refus:
            form.add_error(None, str(refus))
        else:
            messages.success(
                request,
                f"Invitation envoyée à {invitation.email}. Le lien est valable jusqu'au "
                f"{invitation.expire_le:%d/%m/%Y}.",
            )
            return redirect("comptes:invitations")
    if "role" in form.fields:
        chapeau = "La personne reçoit un lien pour choisir son mot de passe."
    else:
        chapeau = (
            f"Vous invitez un collègue de « {request.user.organisation} », avec le rôle "
            f"« {request.user.get_role_display()} ». Il reçoit un lien pour choisir son mot de "
            "passe."
        )
    return render(
        request,
        "includes/formulaire.html",
        {
            "titre": "Inviter une personne",
            "chapeau": chapeau,
            "form": form,
            "bouton": "Envoyer l'invitation",
            "retour": reverse("comptes:invitations"),
            "fil": [("Invitations", reverse("comptes:invitations")), ("Inviter une personne", "")],
        },
    )


def _action_sur_invitation(request, pk, service, succes):
    invitation = get_object_or_404(
        permissions.invitations_visibles(request.user, Invitation.objects.all()), pk=pk
    )
    try:
        service(request.user, invitation)
    except services.Refus as refus:
        messages.error(request, str(refus))
    else:
        messages.success(request, succes.format(email=invitation.email))
    return redirect("comptes:invitations")


@login_required
@require_POST
def renvoyer(request, pk):
    return _action_sur_invitation(
        request,
        pk,
        services.renvoyer,
        "Invitation envoyée à nouveau à {email}, avec un nouveau lien.",
    )


@login_required
@require_POST
def annuler(request, pk):
    return _action_sur_invitation(request, pk, services.annuler, "Invitation de {email} annulée.")


def accepter_invitation(request, jeton):
    """The invited person's page: choose a password, then land on the role's home page."""
    invitation = services.invitation_du_jeton(jeton)
    raison = services.raison_lien_inutilisable(invitation)
    if raison:
        return render(
            request,
            "comptes/invitation_inutilisable.html",
            {"titre": "Invitation inutilisable", "raison": raison},
            status=410 if invitation else 404,
        )
    form = AcceptationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            compte = services.accepter(jeton, form.cleaned_data["password1"])
        except services.Refus as refus:
            form.add_error(None, str(refus))
        except ValidationError as erreur:
            form.add_error("password1", erreur)
        else:
            login(request, compte, backend="comptes.backends.MotDePasseBackend")
            messages.success(request, f"Bienvenue {compte.first_name} : votre compte est prêt.")
            return redirect("tableau_de_bord")
    return render(
        request,
        "comptes/accepter_invitation.html",
        {"titre": "Créer votre compte", "invitation": invitation, "form": form},
    )


@login_required
def profil(request):
    form = ProfilForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.modifier_profil(request.user, **form.cleaned_data)
        except services.Refus as refus:
            form.add_error(None, str(refus))
        else:
            messages.success(request, "Votre profil est enregistré.")
            return redirect("comptes:profil")
    return render(
        request,
        "comptes/profil.html",
        {
            "titre": "Mon profil",
            "form": form,
            "peut_inviter": permissions.peut_inviter(request.user),
            "peut_double_facteur": permissions.peut_gerer_double_facteur(request.user),
            "double_facteur_actif": double_facteur.appareil(request.user) is not None,
        },
    )


@login_required
def changer_email(request):
    form = ChangementEmailForm(request.POST or None, personne=request.user)
    if request.method == "POST" and form.is_valid():
        nouvel_email = form.cleaned_data["nouvel_email"]
        try:
            services.demander_changement_email(request.user, nouvel_email)
        except services.Refus as refus:
            form.add_error("nouvel_email", str(refus))
        else:
            messages.info(
                request,
                f"Un lien de confirmation est envoyé à {nouvel_email.strip().lower()}. "
                "Votre adresse change lorsque vous le suivez.",
            )
            return redirect("comptes:profil")
    return render(
        request,
        "includes/formulaire.html",
        {
            "titre": "Changer d'adresse e-mail",
            "chapeau": f"Votre adresse actuelle : {request.user.email}.",
            "explication": "Nous envoyons un lien de confirmation à la nouvelle adresse ; "
            "rien ne change tant que vous ne l'avez pas suivi.",
            "form": form,
            "bouton": "Envoyer le lien de confirmation",
            "retour": reverse("comptes:profil"),
            "fil": [("Mon profil", reverse("comptes:profil")), ("Changer d'adresse e-mail", "")],
        },
    )


def confirmer_email(request, jeton):
    """GET asks for a click (mail scanners follow links), POST changes the address."""
    if request.method == "POST":
        try:
            personne = services.confirmer_changement_email(jeton)
        except services.Refus as refus:
            return render(
                request,
                "comptes/confirmer_email.html",
                {"titre": "Confirmation impossible", "raison": str(refus)},
                status=410,
            )
        messages.success(request, f"Votre adresse e-mail est désormais {personne.email}.")
        return redirect("comptes:profil" if request.user.is_authenticated else "login")
    return render(
        request, "comptes/confirmer_email.html", {"titre": "Confirmer votre nouvelle adresse"}
    )


class ConnexionView(auth_views.LoginView):
    """The password step; a person with a second factor goes on to the code step."""

    form_class = ConnexionForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, proconnect=proconnect.actif())

    def form_valid(self, form):
        user = form.get_user()
        if double_facteur.appareil(user) is None:
            return super().form_valid(form)
        double_facteur.mettre_en_attente(self.request, user, self.get_success_url())
        return redirect("connexion_code")


def connexion_code(request):
    user, _ = double_facteur.en_attente(request)
    if user is None:
        messages.info(request, "Saisissez d'abord votre adresse e-mail et votre mot de passe.")
        return redirect("login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            suite = double_facteur.terminer_connexion(request, form.cleaned_data["code"])
        except double_facteur.Refus as refus:
            form.add_error("code", str(refus))
        else:
            return redirect(suite)
    return render(
        request,
        "registration/connexion_code.html",
        {
            "titre": "Double authentification",
            "intro": "Saisissez le code affiché par votre application d'authentification.",
            "bouton": "Valider",
            "form": form,
        },
    )


@login_required
def double_authentification(request):
    refuser_sinon(permissions.peut_gerer_double_facteur(request.user))
    active = double_facteur.appareil(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = double_facteur.desactiver if active else double_facteur.activer
        try:
            device = action(request.user, form.cleaned_data["code"])
        except double_facteur.Refus as refus:
            form.add_error("code", str(refus))
        else:
            if device is not None:  # just set up: this session has passed it
                django_otp.login(request, device)
            messages.success(
                request,
                "La double authentification est désactivée."
                if active
                else "La double authentification est activée : elle vous sera demandée à "
                "chaque connexion.",
            )
            return redirect("comptes:profil")
    contexte = {"titre": "Double authentification", "form": form, "active": active}
    if not active:
        device = double_facteur.appareil_a_confirmer(request.user)
        contexte.update(
            qr_code=mark_safe(double_facteur.qr_code_svg(device)),  # segno's own markup
            secret=b32encode(device.bin_key).decode(),
        )
    return render(request, "comptes/double_authentification.html", contexte)
