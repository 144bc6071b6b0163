"""Asking for a document, following its progress (a small htmx poll), downloading it, and
retrying after a failure. Every view checks that the person may see the document's source:
the same rule as the source's own page, declared with the document kind."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from journal.transitions import TransitionRefusee
from socle.fichiers import envoyer

from . import services
from .genres import genre as genre_de
from .models import Document, StatutDocument
from .templatetags.documents_tags import bloc


def _document_visible(user, pk):
    document = get_object_or_404(Document.objects.select_related("content_type"), pk=pk)
    if not services.peut_voir(user, document):
        raise Http404("Document introuvable")
    return document


def _retour(document):
    return (
        genre_de(document.genre).lien(document.source)
        + f"#document-{document.genre}-{document.object_id}"
    )


@login_required
@require_POST
def demander(request, code, pk):
    genre = genre_de(code)
    source = genre.modele._default_manager.filter(pk=pk).first()
    if source is None or not genre.visible(request.user, source):
        raise Http404("Document introuvable")
    try:
        document, cree = services.demander(request.user, code, source)
    except TransitionRefusee as refus:
        messages.error(request, str(refus))
        return redirect(genre.lien(source))
    if cree:
        messages.info(request, f"{genre.libelle} : le PDF est en préparation.")
    elif document.est_pret:
        messages.info(
            request, f"{genre.libelle} : le PDF est déjà à jour, vous pouvez le télécharger."
        )
    return redirect(_retour(document))


@login_required
@require_GET
def etat(request, pk):
    """The document's block: htmx swaps it in place every few seconds until it is ready."""
    document = _document_visible(request.user, pk)
    if not request.htmx:
        return redirect(_retour(document))
    contexte = bloc(request, document.genre, document.source, document)
    return render(request, "documents/_document.html", contexte)


@login_required
@require_GET
def telecharger(request, pk):
    document = _document_visible(request.user, pk)
    if document.statut != StatutDocument.PRET:
        raise Http404("Ce document n'est pas encore prêt.")
    return envoyer(document.fichier, document.nom_fichier)


@login_required
@require_POST
def relancer(request, pk):
    document = _document_visible(request.user, pk)
    try:
        services.relancer(request.user, document)
    except TransitionRefusee as refus:
        messages.error(request, str(refus))
    else:
        messages.info(request, "La génération du PDF est relancée.")
    return redirect(_retour(document))
