"""The list pages of the business apps, built on the rows of their export.

A list page and its file are one ``Liste`` (``exports.listes``): the same rows the person may
see, in the same order, through the same filters. Each app's ``liste`` view is
``vue_de_liste(LISTE, template, contexte)``: filter, paginate, render, with what else that
page shows.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from socle.pagination import PaginateurParCles

PAR_PAGE = 25


def vue_de_liste(liste, gabarit, contexte=None):
    """The view of ``liste``'s page: its filters applied to the query string, ``PAR_PAGE``
    rows a page, rendered by ``gabarit`` with ``titre``, ``filtre``, ``page`` and what
    ``contexte(request, filtre, page)`` adds (or overrides)."""

    @login_required
    def vue(request):
        filtre = liste.filtrer(request.user, request.GET, page=True)
        page = PaginateurParCles(filtre.qs, PAR_PAGE).get_page(request.GET.get("page"))
        variables = {"titre": liste.titre, "filtre": filtre, "page": page}
        if contexte:
            variables.update(contexte(request, filtre, page))
        return render(request, gabarit, variables)

    return vue
