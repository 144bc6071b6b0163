"""The collectivité on a file: the pilot service invites its people as co-porteurs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from . import coporteurs, permissions
from .forms_coporteurs import InvitationCoporteurForm
from .transitions import TransitionRefusee
from .views import candidature_visible


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
            if invitation:
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
