"""The feuille de route of an atelier: read, filtered and exported by everyone who sees the
atelier, written by its titulaire (axes d'intervention and their actions clés).

An axe or an action of an atelier the user cannot see answers 404, whatever its number; so
does the feuille de route for the collectivité before the service validated it
(``permissions.peut_lire_feuille_de_route``).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify

from ateliers import permissions as permissions_atelier
from ateliers.pages import atelier_visible, fil_atelier, page_formulaire
from journal.transitions import TransitionRefusee
from socle.actions import signaler

from . import feuille_de_route, permissions, services
from .forms import ActionForm, AxeForm, ConfirmationForm, FiltreFeuilleDeRouteForm
from .models import ActionCle, Axe


def _filtres(request):
    form = FiltreFeuilleDeRouteForm(request.GET or None)
    if form.is_valid():
        return form, form.cleaned_data
    return form, {}


def _feuille_lisible(user, atelier_pk):
    atelier = atelier_visible(user, atelier_pk)
    if not permissions.peut_lire_feuille_de_route(user, atelier):
        raise Http404("Feuille de route non validée.")
    return atelier


@login_required
def feuille(request, atelier_pk):
    user = request.user
    atelier = _feuille_lisible(user, atelier_pk)
    form, filtres = _filtres(request)
    selection = feuille_de_route.actions(atelier, **filtres)
    axes = list(feuille_de_route.axes(atelier, selection))
    return render(
        request,
        "livrables/feuille_de_route.html",
        {
            "titre": f"Feuille de route — {atelier.candidature.titre}",
            "atelier": atelier,
            "axes": axes,
            "nombre_actions": sum(len(a.actions_retenues) for a in axes),
            "cout_total": feuille_de_route.cout_total(selection),
            "form": form,
            "filtre_actif": any(filtres.values()),
            "requete": request.GET.urlencode(),
            "peut_rediger": permissions_atelier.peut_rediger(user, atelier),
            "fil": fil_atelier(atelier, ("Feuille de route", "")),
        },
    )


@login_required
def exporter_feuille(request, atelier_pk):
    atelier = _feuille_lisible(request.user, atelier_pk)
    _form, filtres = _filtres(request)
    contenu = feuille_de_route.exporter_csv(feuille_de_route.actions(atelier, **filtres))
    reponse = HttpResponse(contenu, content_type="text/csv; charset=utf-8")
    nom = f"feuille-de-route-{atelier.reference}-{slugify(atelier.candidature.titre)[:40]}.csv"
    reponse["Content-Disposition"] = f'attachment; filename="{nom}"'
    return reponse


def _exiger_redaction(request, atelier):
    decision = permissions_atelier.peut_rediger(request.user, atelier)
    if not decision:
        messages.error(request, decision.raison)
        return redirect("livrables:feuille_de_route", atelier.pk)
    return None


def _formulaire_feuille(request, atelier, formulaire, enregistrer, titre, succes, instance=None):
    """The page that writes an axe or an action: refused with the reason unless the user may
    write the feuille de route; ``instance`` is a fresh copy (the form changes it)."""
    refus = _exiger_redaction(request, atelier)
    if refus:
        return refus
    form = formulaire(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            enregistrer(form.cleaned_data)
        except (TransitionRefusee, ValidationError) as refus:
            signaler(form, refus)
        else:
            messages.success(request, succes)
            return redirect("livrables:feuille_de_route", atelier.pk)
    retour = reverse("livrables:feuille_de_route", args=[atelier.pk])
    return page_formulaire(
        request,
        atelier,
        titre,
        form,
        retour,
        fil_atelier(atelier, ("Feuille de route", retour), (titre, "")),
    )


def _axe_visible(user, pk):
    """The axe, with its atelier (404 unless the user may read the feuille de route)."""
    axe = get_object_or_404(Axe, pk=pk)
    axe.atelier = _feuille_lisible(user, axe.atelier_id)
    return axe


def _action_visible(user, pk):
    action = get_object_or_404(ActionCle.objects.select_related("axe"), pk=pk)
    action.axe.atelier = _feuille_lisible(user, action.axe.atelier_id)
    return action


@login_required
def ajouter_axe(request, atelier_pk):
    atelier = _feuille_lisible(request.user, atelier_pk)
    return _formulaire_feuille(
        request,
        atelier,
        AxeForm,
        lambda d: services.enregistrer_axe(request.user, atelier, **d),
        "Ajouter un axe d'intervention",
        "Axe ajouté.",
    )


@login_required
def modifier_axe(request, pk):
    axe = _axe_visible(request.user, pk)
    return _formulaire_feuille(
        request,
        axe.atelier,
        AxeForm,
        lambda d: services.enregistrer_axe(request.user, axe.atelier, axe, **d),
        f"Modifier l'axe « {axe.titre} »",
        "Axe modifié.",
        Axe.objects.get(pk=axe.pk),
    )


@login_required
def ajouter_action(request, axe_pk):
    axe = _axe_visible(request.user, axe_pk)
    return _formulaire_feuille(
        request,
        axe.atelier,
        ActionForm,
        lambda d: services.enregistrer_action(request.user, axe, **d),
        f"Ajouter une action à l'axe « {axe.titre} »",
        "Action ajoutée.",
    )


@login_required
def modifier_action(request, pk):
    action = _action_visible(request.user, pk)
    return _formulaire_feuille(
        request,
        action.axe.atelier,
        ActionForm,
        lambda d: services.enregistrer_action(request.user, action.axe, action, **d),
        f"Modifier l'action « {action.intitule} »",
        "Action modifiée.",
        ActionCle.objects.get(pk=action.pk),
    )


@login_required
def supprimer(request, quoi, pk):
    """Delete an axe (with its actions) or an action, after confirmation."""
    if quoi == "axe":
        objet = _axe_visible(request.user, pk)
        atelier = objet.atelier
        titre = f"Supprimer l'axe « {objet.titre} » et ses actions"
        supprimer_objet = services.supprimer_axe
    elif quoi == "action":
        objet = _action_visible(request.user, pk)
        atelier = objet.axe.atelier
        titre = f"Supprimer l'action « {objet.intitule} »"
        supprimer_objet = services.supprimer_action
    else:
        raise Http404("Inconnu")
    refus = _exiger_redaction(request, atelier)
    if refus:
        return refus
    form = ConfirmationForm(request.POST or None)
    if request.method == "POST":
        supprimer_objet(request.user, objet)
        messages.success(request, "Supprimé.")
        return redirect("livrables:feuille_de_route", atelier.pk)
    retour = reverse("livrables:feuille_de_route", args=[atelier.pk])
    return page_formulaire(
        request,
        atelier,
        titre,
        form,
        retour,
        fil_atelier(atelier, ("Feuille de route", retour), ("Supprimer", "")),
        "Supprimer",
        "La suppression est définitive.",
    )
