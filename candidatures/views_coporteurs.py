"""The collectivité on a file: the pilot service invites its people as co-porteurs, hands
rubrics to them, and both write in the thread with the collectivité."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from . import coporteurs, permissions
from .fiche import PAR_CODE, RUBRIQUES
from .forms_coporteurs import ConfierRubriquesForm, EchangeForm, InvitationCoporteurForm
from .models import Message
from .transitions import TransitionRefusee
from .views import candidature_visible
from .views_depot import ecrire_sur_le_fil


@login_required
def inviter(request, pk):
    cand = candidature_visible(request.user, pk)
    decision = permissions.peut_inviter_coporteur(request.user, cand)
    if not decision:
        messages.error(request, decision.raison)
        return redirect("candidatures:detail", cand.pk)
    form = InvitationCoporteurForm(request.POST or None, candidature=cand)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            coporteur, invitation = coporteurs.inviter(
                request.user,
                cand,
                code=d["collectivite"],
                email=d["email"],
                prenom=d["prenom"],
                nom=d["nom"],
            )
        except TransitionRefusee as refus:
            form.add_error(None, str(refus))
        else:
            if getattr(invitation, "deja_en_attente", False):
                messages.success(
                    request,
                    f"{invitation.email} a déjà une invitation en attente pour "
                    f"{coporteur.organisation} : le dossier lui sera ouvert avec son compte.",
                )
            elif invitation:
                messages.success(
                    request,
                    f"Invitation envoyée à {invitation.email} : {coporteur.organisation} est "
                    "co-porteur du dossier. Le lien est valable une seule fois.",
                )
            else:
                messages.success(
                    request,
                    f"{d['email']} a déjà un compte pour {coporteur.organisation} : le dossier "
                    "lui est ouvert et un message l'en avertit.",
                )
            return redirect(reverse("candidatures:detail", args=[cand.pk]) + "#coporteurs")
    return render(
        request,
        "candidatures/inviter_coporteur.html",
        {"titre": "Inviter la collectivité", "c": cand, "form": form},
    )


@login_required
@require_POST
def confier(request, pk):
    """The service ticks the rubrics the collectivité completes."""
    cand = candidature_visible(request.user, pk)
    form = ConfierRubriquesForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choisissez parmi les rubriques proposées.")
    else:
        try:
            codes = coporteurs.confier_rubriques(request.user, cand, form.cleaned_data["rubriques"])
        except TransitionRefusee as refus:
            messages.error(request, str(refus))
        else:
            if codes:
                messages.success(
                    request,
                    "Rubriques à compléter par la collectivité : "
                    + ", ".join(PAR_CODE[c].titre for c in sorted(codes, key=_ordre))
                    + ".",
                )
            else:
                messages.success(request, "Aucune rubrique n'est confiée à la collectivité.")
    return redirect(reverse("candidatures:detail", args=[cand.pk]) + "#rubriques-confiees")


def _ordre(code):
    return [r.code for r in RUBRIQUES].index(code)


@login_required
@require_POST
def ecrire(request, pk):
    """A message in the thread with the collectivité."""
    return ecrire_sur_le_fil(request, pk, Message.Fil.COPORTEURS, EchangeForm)
