"""The public catalogue of ateliers réalisés: no login, published ateliers only."""

import json

from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from ateliers.territoires import departements_de, par_territoire
from livrables.models import ImageFiche
from referentiels.models import Thematique
from socle.fichiers import envoyer
from socle.graphiques import Graphique

from . import donnees_ouvertes, memoire, selecteurs
from .filters import CatalogueFilter

PAR_PAGE = 24


def _carte(ateliers, titre):
    territoires = par_territoire(ateliers)
    return Graphique(
        "carte-ateliers",
        titre,
        territoires["departements"],
        ("Département", "Ateliers"),
        genre="carte-departements",
    )


@require_GET
@memoire.page_publique
def liste(request):
    publies = selecteurs.ateliers_publies()
    filtre = CatalogueFilter(request.GET or None, queryset=publies)
    filtre_actif = bool(filtre.is_bound and filtre.form.has_changed())
    ateliers = filtre.qs if filtre.is_bound and filtre.is_valid() else publies
    page = Paginator(ateliers, PAR_PAGE).get_page(request.GET.get("page"))
    carte = (
        _carte(ateliers, "Ateliers réalisés par département")
        if filtre_actif
        else memoire.memoriser(
            "carte", lambda: _carte(publies, "Ateliers réalisés par département")
        )
    )
    return render(
        request,
        "catalogue/liste.html",
        {
            "titre": "Les ateliers réalisés",
            "filtre": filtre,
            "page": page,
            "ateliers": page.object_list,
            "nombre": page.paginator.count,
            "filtre_actif": filtre_actif,
            "recherche": filtre.form.cleaned_data.get("q", "") if filtre_actif else "",
            "compteurs": selecteurs.compteurs(),
            "exemples": (
                []
                if filtre.is_bound
                else list(publies.filter(exemple_inspirant=True).order_by("-date_cloture")[:3])
            ),
            "carte": carte,
            "familles": Thematique.Famille.choices,
            "fil": [("Ateliers réalisés", "")],
        },
    )


@require_GET
@memoire.page_publique
def atelier(request, pk):
    atelier_ = selecteurs.atelier_public(pk)
    if atelier_ is None:
        raise Http404("Cet atelier ne figure pas au catalogue public.")
    fiche = atelier_.fiche_publique
    return render(
        request,
        "catalogue/atelier.html",
        {
            "titre": atelier_.candidature.titre,
            "atelier": atelier_,
            "c": atelier_.candidature,
            "communes": selecteurs.communes_du_territoire(atelier_),
            "departements": departements_de(atelier_),
            "familles": selecteurs.familles_de(atelier_),
            "fiche": fiche,
            # An image still being scanned, or refused, is not shown (antivirus.models).
            "images": [im for im in fiche.images.all() if im.est_offert] if fiche else [],
            "axes": list(atelier_.axes.all()),
            # « Et après ? »: what the atelier led to (not « rien pour l'instant »), no names.
            "suites": list(atelier_.suites.concretes().select_related("programme")),
            "fil": [
                ("Ateliers réalisés", reverse("catalogue:liste")),
                (atelier_.candidature.titre, ""),
            ],
        },
    )


@require_GET
@memoire.page_publique
def famille(request, code):
    if code not in Thematique.Famille.values:
        raise Http404("Famille de transitions inconnue.")
    libelle = Thematique.Famille(code).label
    ateliers = CatalogueFilter({"famille": code}, queryset=selecteurs.ateliers_publies()).qs
    page = Paginator(ateliers, PAR_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "catalogue/famille.html",
        {
            "titre": libelle,
            "code": code,
            "themes": Thematique.objects.filter(famille=code, actif=True),
            "page": page,
            "ateliers": page.object_list,
            "nombre": page.paginator.count,
            "fil": [("Ateliers réalisés", reverse("catalogue:liste")), (libelle, "")],
        },
    )


@require_GET
def image(request, pk):
    """An image of a published atelier's fiche synthétique (images of the others: 404)."""
    try:
        image_ = ImageFiche.objects.select_related("fiche").get(
            pk=pk, fiche__atelier__in=selecteurs.publies()
        )
    except ImageFiche.DoesNotExist:
        raise Http404("Image inconnue.") from None
    return envoyer(image_.fichier, image_.nom_fichier, en_ligne=True)


@require_GET
@memoire.page_publique
def donnees(request):
    return render(
        request,
        "catalogue/donnees.html",
        {
            "titre": "Données ouvertes",
            "colonnes": donnees_ouvertes.COLONNES,
            "compteurs": selecteurs.compteurs(),
            "fil": [("Données ouvertes", "")],
        },
    )


@require_GET
@memoire.page_publique
def donnees_csv(request):
    contenu = memoire.memoriser(
        "csv", lambda: donnees_ouvertes.en_csv(selecteurs.ateliers_publies_ouverts())
    )
    reponse = HttpResponse(contenu, content_type="text/csv; charset=utf-8")
    reponse["Content-Disposition"] = 'attachment; filename="ateliers-flash.csv"'
    return reponse


@require_GET
@memoire.page_publique
def donnees_geojson(request):
    contenu = memoire.memoriser(
        "geojson",
        lambda: json.dumps(
            donnees_ouvertes.en_geojson(selecteurs.ateliers_publies_ouverts()),
            cls=DjangoJSONEncoder,
            ensure_ascii=False,
        ),
    )
    reponse = HttpResponse(contenu, content_type="application/geo+json")
    reponse["Content-Disposition"] = 'inline; filename="ateliers-flash.geojson"'
    return reponse
