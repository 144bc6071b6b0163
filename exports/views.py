"""Exporting a list (the buttons of every list page) or a page's table, the person's prepared
exports, and their download. The rows are those of the list for the person: its
``visible_to`` and its filters, through the list's declaration in ``exports.listes``; a
table's are those of its page, for the people its rule allows (``exports.tableaux``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import number_format
from django.views.decorators.http import require_GET

from socle.decisions import refuser_sinon
from socle.fichiers import envoyer

from . import permissions, services, tableaux
from .formats import TYPES_MIME
from .models import Export, FormatExport

PAR_PAGE = 25


@login_required
@require_GET
def exporter(request, code, format):
    if format not in FormatExport.values:
        raise Http404("Format d'export inconnu.")
    resultat = services.exporter(request.user, code, format, request.GET)
    if isinstance(resultat, services.Fichier):
        reponse = HttpResponse(resultat.contenu, content_type=TYPES_MIME[format])
        reponse["Content-Disposition"] = f'attachment; filename="{resultat.nom}"'
        return reponse
    nombre = resultat.lignes or 0
    messages.info(
        request,
        f"Votre export de {number_format(nombre, force_grouping=True)} ligne"
        f"{'s' if nombre > 1 else ''} est en préparation : "
        "vous serez prévenu quand il sera prêt.",
    )
    return redirect("exports:mes_exports")


@login_required
@require_GET
def exporter_tableau(request, code, format):
    """A page's table (``exports.tableaux``), for the people that page is for."""
    if format not in FormatExport.values:
        raise Http404("Format d'export inconnu.")
    tableau = tableaux.tableau(code)
    refuser_sinon(tableau.autorise(request.user))
    contenu, nom = tableaux.fichier(tableau, request.user, FormatExport(format), request.GET)
    reponse = HttpResponse(contenu, content_type=TYPES_MIME[format])
    reponse["Content-Disposition"] = f'attachment; filename="{nom}"'
    return reponse


@login_required
@require_GET
def mes_exports(request):
    page = Paginator(request.user.exports.all(), PAR_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "exports/mes_exports.html",
        {"titre": "Mes exports", "page": page, "fil": [("Mes exports", "")]},
    )


@login_required
@require_GET
def telecharger(request, pk):
    export = get_object_or_404(Export, pk=pk)
    # Someone else's export does not exist, as far as anyone else can tell.
    if not permissions.peut_telecharger(request.user, export) or not export.est_pret:
        raise Http404("Export introuvable.")
    return envoyer(export.fichier, export.nom_fichier)
