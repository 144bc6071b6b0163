"""What every page about an atelier shares, in ateliers and in the apps above it (bons de
commande, livrables, feuille de route, fiche synthétique): the atelier the user may see, the
breadcrumb below it, and the page of one form about it."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from candidatures.models import Candidature

from . import volets
from .models import Atelier


def atelier_visible(user, pk):
    """The atelier ``pk`` if ``user`` may see it, else 404 (guessing an id reveals nothing)."""
    return get_object_or_404(
        Atelier.objects.visible_to(user).select_related(
            "candidature__service",
            "candidature__epci",
            "titulaire",
            "accord_cadre",
            "service_pilote",
            "attribue_par",
            "programme",
        ),
        pk=pk,
    )


def atelier_de_sa_page(user, pk):
    """``atelier_visible`` for the atelier's own page: without the candidature's long texts,
    nor the joins the page does without (PostgreSQL plans a join of nine tables in a few
    milliseconds, more than it takes to read the row): the candidature's service is not
    shown, and the one who attributed it is read apart (``attribue_par``), once. What the
    parts of the page count comes with it (``volets.annoter``)."""
    ateliers = (
        Atelier.objects.visible_to(user)
        .select_related(
            "candidature__epci", "titulaire", "accord_cadre", "service_pilote", "programme"
        )
        # The candidature's long texts: the page shows its title and territory only.
        .defer(*(f"candidature__{champ}" for champ in Candidature.TEXTES_LONGS))
    )
    return get_object_or_404(volets.annoter(ateliers), pk=pk)


def fil_atelier(atelier, *suite):
    """The breadcrumb of a page below an atelier: Ateliers › the atelier › ``suite``."""
    return [
        ("Ateliers", reverse("ateliers:liste")),
        (atelier.candidature.titre, reverse("ateliers:detail", args=[atelier.pk])),
        *suite,
    ]


def page_formulaire(
    request, atelier, titre, form, retour, fil, bouton=None, explication="", chapeau=None
):
    """The page of one form about an atelier (or something of it): title, form, back link."""
    return render(
        request,
        "includes/formulaire.html",
        {
            "titre": titre,
            "chapeau": chapeau or f"Atelier « {atelier.candidature.titre} »",
            "explication": explication,
            "form": form,
            "bouton": bouton,
            "retour": retour,
            "fil": fil,
        },
    )
