"""The collectivité's checklist for the on-site days, on the atelier's page: each engagement
ticked off (or unticked) by a POST of its button, by the collectivité or by the pilot service
on its behalf."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from journal.transitions import TransitionRefusee

from . import services
from .pages import atelier_visible


@login_required
@require_POST
def cocher(request, pk, code):
    user = request.user
    atelier = atelier_visible(user, pk)
    engagement = get_object_or_404(atelier.engagements, code=code)
    fait = request.POST.get("fait") == "1"
    try:
        services.cocher_engagement(user, atelier, engagement, fait)
    except TransitionRefusee as refus:
        messages.error(request, str(refus))
    else:
        messages.success(
            request,
            f"« {engagement.libelle} » : {'fait' if fait else 'à nouveau à faire'}.",
        )
    return redirect(reverse("ateliers:detail", args=[atelier.pk]) + "#engagements")
