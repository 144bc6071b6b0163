"""The communes accompanied, in public: their list, a page each, and their map's points."""

import json

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from . import communes as accompagnees
from . import memoire

PAR_PAGE = 50


@require_GET
@memoire.page_publique
def communes(request):
    """Every commune accompanied, alphabetical, filtered by département (in the URL)."""
    recenses = accompagnees.recensement()
    departements = accompagnees.departements(recenses)
    choisi = request.GET.get("departement", "")
    if choisi not in {code for code, _ in departements}:
        choisi = ""
    liste = [c for c in recenses if c.departement_code == choisi] if choisi else recenses
    page = Paginator(liste, PAR_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "catalogue/communes.html",
        {
            "titre": "Les communes accompagnées",
            "total": len(recenses),
            "departements": departements,
            "choisi": choisi,
            "page": page,
            "communes": page.object_list,
            "nombre": page.paginator.count,
            "fil": [("Ateliers réalisés", reverse("catalogue:liste")), ("Communes", "")],
        },
    )


@require_GET
@memoire.page_publique
def commune(request, code):
    """A commune accompanied: where it lies and the published ateliers on it."""
    trouvee = accompagnees.commune_publique(code)
    if trouvee is None:
        raise Http404("Aucun atelier publié n'accompagne cette commune.")
    commune_, ateliers = trouvee
    return render(
        request,
        "catalogue/commune.html",
        {
            "titre": commune_.nom,
            "commune": commune_,
            "ateliers": ateliers,
            "nombre": len(ateliers),
            "annees": sorted({a.candidature.annee for a in ateliers}),
            "fil": [
                ("Ateliers réalisés", reverse("catalogue:liste")),
                ("Communes", reverse("catalogue:communes")),
                (commune_.nom, ""),
            ],
        },
    )


@require_GET
@memoire.page_publique
def communes_geojson(request):
    """The communes accompanied as points (the catalogue's map reads them): kept with the
    catalogue's fingerprint."""
    contenu = memoire.memoriser(
        "communes-geojson",
        lambda: json.dumps(accompagnees.en_geojson(accompagnees.recensement()), ensure_ascii=False),
    )
    reponse = HttpResponse(contenu, content_type="application/geo+json")
    reponse["Content-Disposition"] = 'inline; filename="communes-accompagnees.geojson"'
    return reponse
