"""The fiche synthétique of an atelier (the page the public catalogue shows of it): read by
everyone who sees the atelier (the collectivité once validated), written by its titulaire, with
its images, validated on its page by the pilot service (``validation_fiche``), after which it
no longer changes.

An image of an atelier the user cannot see answers 404, whatever its number; so do the fiche
and its images for the collectivité before the service validated them.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from ateliers.pages import atelier_visible, fil_atelier, page_formulaire
from ateliers.permissions import est_du_service_pilote
from journal.transitions import TransitionRefusee
from socle.actions import Action, signaler, traiter
from socle.fichiers import envoyer

from . import permissions, services, validation_fiche
from .forms import ConfirmationForm, FicheForm, ImageForm
from .models import FicheSynthetique, ImageFiche


def _fiche_lisible(user, atelier_pk):
    """The atelier whose fiche ``user`` may read, else 404."""
    atelier = atelier_visible(user, atelier_pk)
    if not permissions.peut_lire_fiche(user, atelier, services.fiche_de(atelier)):
        raise Http404("Fiche synthétique non validée.")
    return atelier


@login_required
@require_http_methods(["GET", "POST"])
def fiche(request, atelier_pk):
    """The fiche; the pilot service validates it here (a POST of the page's button)."""
    user = request.user
    atelier = _fiche_lisible(user, atelier_pk)
    fiche_ = services.fiche_de(atelier)
    validation = validation_fiche.peut_valider(user, atelier, fiche_)
    if request.method == "POST":
        try:
            validation_fiche.valider(user, atelier)
        except TransitionRefusee as refus:
            messages.error(request, str(refus))
        else:
            messages.success(request, "Fiche synthétique validée : le titulaire est prévenu.")
        return redirect(_retour_fiche(atelier))
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
            "peut_rediger": validation_fiche.peut_modifier(user, atelier, fiche_),
            "peut_valider": validation,
            # Why the service cannot validate yet (what the fiche lacks), for the service only.
            "pas_encore_validable": (
                validation.raison if not validation and est_du_service_pilote(user, atelier) else ""
            ),
            "fil": fil_atelier(atelier, ("Fiche synthétique", "")),
        },
    )


def _retour_fiche(atelier):
    return reverse("livrables:fiche", args=[atelier.pk])


@login_required
def modifier_fiche(request, atelier_pk):
    user = request.user
    atelier = _fiche_lisible(user, atelier_pk)
    decision = validation_fiche.peut_modifier(user, atelier, services.fiche_de(atelier))
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
    lambda u, a: validation_fiche.peut_modifier(u, a, services.fiche_de(a)),
    lambda u, a, d: services.ajouter_image(u, a, d["fichier"], d["legende"], d["credit"]),
    "Image ajoutée.",
)
RETIRER_IMAGE = Action(
    "Retirer l'image",
    "",
    "Retirer l'image",
    ConfirmationForm,
    lambda u, im: validation_fiche.peut_modifier(u, im.fiche.atelier, im.fiche),
    lambda u, im, d: services.retirer_image(u, im),
    "Image retirée.",
)


@login_required
def ajouter_image(request, atelier_pk):
    atelier = _fiche_lisible(request.user, atelier_pk)
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
    if not permissions.peut_lire_fiche(user, atelier, image.fiche):
        raise Http404("Fiche synthétique non validée.")
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
