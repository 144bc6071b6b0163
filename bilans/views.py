"""The bilan's page and the follow-up's page of an atelier (thin: the atelier the person may
see, else 404; the rule, else back to the atelier with its reason; one service)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse

from ateliers.pages import atelier_visible, fil_atelier, page_formulaire
from socle.actions import signaler
from socle.decisions import TransitionRefusee
from socle.formats import date_longue

from . import permissions, services
from .forms import BilanForm, SuiteForm
from .models import DELAI_DE_CORRECTION, Bilan


def _retour(atelier, ancre):
    return reverse("ateliers:detail", args=[atelier.pk]) + f"#{ancre}"


@login_required
def repondre(request, pk):
    user = request.user
    atelier = atelier_visible(user, pk)
    cote = permissions.cote_de(user, atelier)
    bilan = Bilan.objects.filter(atelier=atelier, cote=cote).first() if cote else None
    decision = permissions.peut_repondre(user, atelier, bilan)
    if not decision:
        messages.error(request, decision.raison)
        return redirect("ateliers:detail", atelier.pk)
    form = BilanForm(request.POST or None, initial=BilanForm.initiales(bilan))
    if request.method == "POST" and form.is_valid():
        try:
            services.repondre(user, atelier, **form.cleaned_data)
        except TransitionRefusee as refus:
            signaler(form, refus)
        else:
            messages.success(request, "Bilan enregistré. Merci !")
            return redirect(_retour(atelier, "bilan"))
    if bilan is not None and bilan.est_rempli:
        explication = (
            f"Rempli le {date_longue(bilan.repondu_le)} par {bilan.auteur} : vous pouvez le "
            f"corriger jusqu'au {date_longue(bilan.modifiable_jusqu_au)}."
        )
    else:
        explication = (
            "Une seule réponse pour votre "
            f"{cote.label.lower()} ; elle se corrige pendant {DELAI_DE_CORRECTION} jours. La "
            "DGALN la lit, le titulaire ne la lit pas ; le pilotage du programme en fait la "
            "synthèse."
        )
    return page_formulaire(
        request,
        atelier,
        f"Bilan de l'atelier — {cote.label.lower()}",
        form,
        _retour(atelier, "bilan"),
        fil_atelier(atelier, ("Bilan", "")),
        bouton="Enregistrer le bilan",
        explication=explication,
    )


@login_required
def ajouter_suite(request, pk):
    user = request.user
    atelier = atelier_visible(user, pk)
    decision = permissions.peut_ajouter_suite(user, atelier)
    if not decision:
        messages.error(request, decision.raison)
        return redirect("ateliers:detail", atelier.pk)
    form = SuiteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.ajouter_suite(user, atelier, **form.cleaned_data)
        except TransitionRefusee as refus:
            signaler(form, refus)
        else:
            messages.success(request, "Suite enregistrée.")
            return redirect(_retour(atelier, "et-apres"))
    return page_formulaire(
        request,
        atelier,
        "Et après ? Une suite de l'atelier",
        form,
        _retour(atelier, "et-apres"),
        fil_atelier(atelier, ("Et après ?", "")),
        bouton="Enregistrer la suite",
        explication="Ce que l'atelier a permis depuis sa clôture : un document d'urbanisme "
        "modifié, une étude, des travaux, un financement… ou rien pour l'instant. Les suites "
        "figurent sur la page publique de l'atelier lorsqu'il est publié, sans nom.",
    )
