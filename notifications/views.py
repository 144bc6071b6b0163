"""The person's notifications: the list, following one marks it read, and the choice of
which ones arrive by e-mail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import compteur, services
from .forms import PreferencesForm
from .models import Notification


@login_required
def liste(request):
    notifications = request.user.notifications.all()
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/liste.html",
        {"titre": "Notifications", "page": page},
    )


@login_required
@require_POST
def ouvrir(request, pk):
    notification = get_object_or_404(Notification, pk=pk, destinataire=request.user)
    if notification.lue_le is None:
        notification.lue_le = timezone.now()
        notification.save(update_fields=["lue_le"])
    lien = notification.lien
    if not lien or not url_has_allowed_host_and_scheme(lien, allowed_hosts={request.get_host()}):
        return redirect("notifications:liste")
    return redirect(lien)


@login_required
@require_POST
def tout_marquer_lu(request):
    request.user.notifications.non_lues().update(lue_le=timezone.now())
    compteur.oublier(request.user.pk)
    return redirect("notifications:liste")


@login_required
def preferences(request):
    actuelles = dict(request.user.preferences.values_list("evenement", "mode"))
    form = PreferencesForm(request.POST or None, personne=request.user, actuelles=actuelles)
    if request.method == "POST" and form.is_valid():
        services.enregistrer_preferences(request.user, form.modes())
        messages.success(request, "Vos préférences de notification sont enregistrées.")
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"titre": "Préférences de notification", "form": form},
    )
