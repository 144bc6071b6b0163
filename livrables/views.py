"""Livrables (the titulaire uploads, the service and the DGALN validate), the feuille de
route (read, filtered, exported; written by the titulaire) and the fiche synthétique.

Every page starts from what the user may see: a livrable, axe or image of an atelier the user
cannot see answers 404, whatever its number.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from ateliers import permissions as permissions_atelier
from ateliers.views import atelier_visible, fil_atelier, page_formulaire
from journal.models import Evenement
from journal.transitions import TransitionRefusee
from socle.actions import Action, signaler, traiter
from socle.fichiers import envoyer

from . import feuille_de_route, permissions, services, transitions
from .filters import LivrableFilter
from .forms import (
    ActionForm,
    AvisForm,
    AxeForm,
    ConfirmationForm,
    FicheForm,
    FiltreFeuilleDeRouteForm,
    ImageForm,
    LivrableForm,
    ModificationLivrableForm,
    RepriseForm,
    VersionForm,
)
from .models import ActionCle, Axe, FicheSynthetique, ImageFiche, Livrable

PAR_PAGE = 25


def livrable_visible(user, pk):
    livrable = get_object_or_404(
        Livrable.objects.visible_to(user).select_related(
            "atelier__candidature", "atelier__titulaire", "atelier__service_pilote"
        ),
        pk=pk,
    )
    return livrable


def _retour_atelier(atelier):
    return reverse("ateliers:detail", args=[atelier.pk]) + "#livrables"


@login_required
def liste(request):
    """Every livrable the user may see; filter by state or lateness."""
    aujourd_hui = timezone.localdate()
    filtre = LivrableFilter.pour(
        request.user,
        request.GET,
        Livrable.objects.visible_to(request.user)
        .select_related("atelier__candidature", "atelier__titulaire", "atelier__service_pilote")
        .order_by("echeance", "id"),
    )
    page = Paginator(filtre.qs, PAR_PAGE).get_page(request.GET.get("page"))
    for livrable in page.object_list:
        livrable.retard = livrable.est_en_retard(aujourd_hui)
    return render(
        request,
        "livrables/liste.html",
        {
            "titre": "Livrables",
            "page": page,
            "livrables": page.object_list,
            "statuts": filtre.filters["statut"].extra["choices"],
            "statut": request.GET.get("statut", ""),
            "fil": [("Livrables", "")],
        },
    )


@login_required
def ajouter(request, atelier_pk):
    user = request.user
    atelier = atelier_visible(user, atelier_pk)
    decision = permissions_atelier.peut_definir_livrables(user, atelier)
    if not decision:
        messages.error(request, decision.raison)
        return redirect(_retour_atelier(atelier))
    form = LivrableForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            livrable = transitions.ajouter(user, atelier, d["type"], d["echeance"], d["intitule"])
        except TransitionRefusee as refus:
            signaler(form, refus)
        else:
            messages.success(request, f"« {livrable.nom} » attendu : le titulaire est prévenu.")
            return redirect(_retour_atelier(atelier))
    return page_formulaire(
        request,
        atelier,
        "Ajouter un livrable attendu",
        form,
        _retour_atelier(atelier),
        fil_atelier(atelier, ("Ajouter un livrable", "")),
        "Ajouter le livrable",
        "Les livrables sont convenus entre les porteurs et le titulaire : stratégiques (feuille "
        "de route, esquisse de plan-guide), opérationnels (cahier des charges, charte, éléments "
        "de communication) et de capitalisation (fiche synthétique).",
    )


def _fil_livrable(livrable, ici=None):
    fil = fil_atelier(
        livrable.atelier,
        (livrable.nom, reverse("livrables:detail", args=[livrable.pk]) if ici else ""),
    )
    if ici:
        fil.append((ici, ""))
    return fil


@login_required
def detail(request, pk):
    user = request.user
    livrable = livrable_visible(user, pk)
    versions = list(livrable.versions.select_related("deposee_par", "avis_par"))
    actions = permissions.actions_possibles(user, livrable, len(versions))
    form = None
    if actions["deposer"]:
        form = VersionForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                version = transitions.deposer(
                    user, livrable, form.cleaned_data["fichier"], form.cleaned_data["note"]
                )
            except (TransitionRefusee, ValidationError) as refus:
                signaler(form, refus)
            else:
                messages.success(
                    request, f"Version {version.numero} déposée : le service pilote est prévenu."
                )
                return redirect("livrables:detail", livrable.pk)
    elif request.method == "POST":
        messages.error(request, actions["deposer"].raison)
        return redirect("livrables:detail", livrable.pk)
    evenements = Evenement.objects.pour(livrable).visibles_par(user)
    return render(
        request,
        "livrables/detail.html",
        {
            "titre": f"{livrable.nom} — {livrable.atelier.candidature.titre}",
            "livrable": livrable,
            "atelier": livrable.atelier,
            "retard": livrable.est_en_retard(),
            "versions": versions,
            "actions": actions,
            "form": form,
            "evenements": evenements,
            "fil": _fil_livrable(livrable),
        },
    )


MODIFIER = Action(
    "Modifier le livrable attendu",
    "Le titulaire est prévenu de la nouvelle échéance.",
    "Enregistrer",
    ModificationLivrableForm,
    permissions.peut_modifier,
    lambda u, lv, d: transitions.modifier(u, lv, d["echeance"], d["intitule"]),
    "Livrable modifié.",
)


@login_required
def modifier(request, pk):
    livrable = livrable_visible(request.user, pk)
    retour = reverse("livrables:detail", args=[livrable.pk])
    initial = {"intitule": livrable.intitule, "echeance": livrable.echeance}
    reponse, form = traiter(request, MODIFIER, livrable, retour, initial)
    if reponse:
        return reponse
    return page_formulaire(
        request,
        livrable.atelier,
        f"Modifier « {livrable.nom} »",
        form,
        retour,
        _fil_livrable(livrable, "Modifier"),
        explication=MODIFIER.explication,
    )


ACTIONS = {
    "valider": Action(
        "Valider la version",
        "Le livrable est validé ; le titulaire est prévenu.",
        "Valider",
        AvisForm,
        permissions.peut_statuer,
        lambda u, lv, d: transitions.valider(u, lv, d["commentaire"]),
        "Livrable validé : le titulaire est prévenu.",
    ),
    "reprendre": Action(
        "Demander une reprise",
        "Le titulaire est prévenu avec votre commentaire et déposera une nouvelle version.",
        "Demander la reprise",
        RepriseForm,
        permissions.peut_statuer,
        lambda u, lv, d: transitions.demander_reprise(u, lv, d["commentaire"]),
        "Reprise demandée : le titulaire est prévenu.",
    ),
    "retirer": Action(
        "Retirer le livrable attendu",
        "Le livrable n'est plus attendu ; cela reste tracé dans l'historique de l'atelier.",
        "Retirer le livrable",
        ConfirmationForm,
        permissions.peut_retirer,
        lambda u, lv, d: transitions.retirer(u, lv),
        "Livrable retiré.",
        danger=True,
    ),
}


@login_required
def action(request, pk, nom):
    if nom not in ACTIONS:
        raise Http404("Action inconnue")
    act = ACTIONS[nom]
    livrable = livrable_visible(request.user, pk)
    retour = (
        _retour_atelier(livrable.atelier)
        if nom == "retirer"
        else reverse("livrables:detail", args=[livrable.pk])
    )
    reponse, form = traiter(request, act, livrable, retour)
    if reponse:
        return reponse
    return page_formulaire(
        request,
        livrable.atelier,
        f"{act.titre} — {livrable.nom}",
        form,
        reverse("livrables:detail", args=[livrable.pk]),
        _fil_livrable(livrable, act.titre),
        act.bouton,
        act.explication,
    )


@login_required
def telecharger_version(request, pk, version_pk):
    livrable = livrable_visible(request.user, pk)
    version = get_object_or_404(livrable.versions, pk=version_pk)
    return envoyer(version.fichier, version.nom_fichier)


# ---------------------------------------------------------------------------------------------
# The feuille de route


def _filtres(request):
    form = FiltreFeuilleDeRouteForm(request.GET or None)
    if form.is_valid():
        return form, form.cleaned_data
    return form, {}


@login_required
def feuille(request, atelier_pk):
    user = request.user
    atelier = atelier_visible(user, atelier_pk)
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
    atelier = atelier_visible(request.user, atelier_pk)
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
    """The axe, with its atelier (404 unless the user sees the atelier)."""
    axe = get_object_or_404(Axe, pk=pk)
    axe.atelier = atelier_visible(user, axe.atelier_id)
    return axe


def _action_visible(user, pk):
    action = get_object_or_404(ActionCle.objects.select_related("axe"), pk=pk)
    action.axe.atelier = atelier_visible(user, action.axe.atelier_id)
    return action


@login_required
def ajouter_axe(request, atelier_pk):
    atelier = atelier_visible(request.user, atelier_pk)
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


# ---------------------------------------------------------------------------------------------
# The fiche synthétique


@login_required
def fiche(request, atelier_pk):
    user = request.user
    atelier = atelier_visible(user, atelier_pk)
    fiche_ = services.fiche_de(atelier)
    return render(
        request,
        "livrables/fiche.html",
        {
            "titre": f"Fiche synthétique — {atelier.candidature.titre}",
            "atelier": atelier,
            "fiche": fiche_,
            "enregistree": fiche_.pk is not None,
            "images": list(fiche_.images.all()) if fiche_.pk else [],
            "format": FicheSynthetique.FORMAT,
            "images_max": FicheSynthetique.IMAGES_MAX,
            "peut_rediger": permissions_atelier.peut_rediger(user, atelier),
            "fil": fil_atelier(atelier, ("Fiche synthétique", "")),
        },
    )


def _retour_fiche(atelier):
    return reverse("livrables:fiche", args=[atelier.pk])


@login_required
def modifier_fiche(request, atelier_pk):
    user = request.user
    atelier = atelier_visible(user, atelier_pk)
    decision = permissions_atelier.peut_rediger(user, atelier)
    if not decision:
        messages.error(request, decision.raison)
        return redirect(_retour_fiche(atelier))
    form = FicheForm(request.POST or None, instance=services.fiche_de(atelier))
    if request.method == "POST" and form.is_valid():
        try:
            services.enregistrer_fiche(
                user, atelier, **{n: form.cleaned_data[n] for n in FicheForm.Meta.fields}
            )
        except TransitionRefusee as refus:
            signaler(form, refus)
        else:
            messages.success(request, "Fiche synthétique enregistrée.")
            return redirect(_retour_fiche(atelier))
    return page_formulaire(
        request,
        atelier,
        "Rédiger la fiche synthétique",
        form,
        _retour_fiche(atelier),
        fil_atelier(atelier, ("Fiche synthétique", _retour_fiche(atelier)), ("Rédiger", "")),
        explication="La fiche présente l'atelier au public, dans le catalogue des ateliers "
        "réalisés : écrivez pour un lecteur qui ne connaît pas le territoire.",
    )


AJOUTER_IMAGE = Action(
    "Ajouter une image à la fiche",
    f"{FicheSynthetique.IMAGES_MAX} images au plus : photographies de l'atelier, plans, schémas.",
    "Ajouter l'image",
    ImageForm,
    permissions_atelier.peut_rediger,
    lambda u, a, d: services.ajouter_image(u, a, d["fichier"], d["legende"], d["credit"]),
    "Image ajoutée.",
)
RETIRER_IMAGE = Action(
    "Retirer l'image",
    "",
    "Retirer l'image",
    ConfirmationForm,
    lambda u, im: permissions_atelier.peut_rediger(u, im.fiche.atelier),
    lambda u, im, d: services.retirer_image(u, im),
    "Image retirée.",
)


@login_required
def ajouter_image(request, atelier_pk):
    atelier = atelier_visible(request.user, atelier_pk)
    reponse, form = traiter(request, AJOUTER_IMAGE, atelier, _retour_fiche(atelier))
    if reponse:
        return reponse
    return page_formulaire(
        request,
        atelier,
        AJOUTER_IMAGE.titre,
        form,
        _retour_fiche(atelier),
        fil_atelier(atelier, ("Fiche synthétique", _retour_fiche(atelier)), ("Image", "")),
        AJOUTER_IMAGE.bouton,
        AJOUTER_IMAGE.explication,
    )


def _image_visible(user, pk):
    image = get_object_or_404(ImageFiche.objects.select_related("fiche"), pk=pk)
    atelier = atelier_visible(user, image.fiche.atelier_id)
    image.fiche.atelier = atelier
    return image


@login_required
def image(request, pk):
    image_ = _image_visible(request.user, pk)
    return envoyer(image_.fichier, image_.nom_fichier, en_ligne=True)


@login_required
def retirer_image(request, pk):
    image_ = _image_visible(request.user, pk)
    atelier = image_.fiche.atelier
    reponse, form = traiter(request, RETIRER_IMAGE, image_, _retour_fiche(atelier))
    if reponse:
        return reponse
    return page_formulaire(
        request,
        atelier,
        f"Retirer l'image « {image_.legende} »",
        form,
        _retour_fiche(atelier),
        fil_atelier(atelier, ("Fiche synthétique", _retour_fiche(atelier)), ("Retirer", "")),
        RETIRER_IMAGE.bouton,
    )
