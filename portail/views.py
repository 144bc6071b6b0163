"""Public pages and the home page of each role."""

import calendar

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Count, Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from ateliers.models import Atelier, MessageAtelier
from candidatures.models import Candidature, StatutCandidature
from catalogue import selecteurs as selecteurs_catalogue
from comptes.models import Role
from livrables.models import Livrable, StatutLivrable
from marches.models import AccordCadre, MembreGroupement, Titulaire
from workflow import etapes

ATELIERS_AFFICHES = 10
LIVRABLES_AFFICHES = 10
ATTENTE_DE_PUBLICATION = 20

PAGES = {
    "accessibilite": "Déclaration d'accessibilité",
    "mentions-legales": "Mentions légales",
    "donnees-personnelles": "Données personnelles",
}


def accueil_public(request):
    return render(
        request,
        "portail/accueil_public.html",
        {"titre": "Accueil", "compteurs": selecteurs_catalogue.compteurs()},
    )


def page(request, slug):
    if slug not in PAGES:
        raise Http404("Page inconnue")
    return render(request, f"pages/{slug}.html", {"titre": PAGES[slug]})


def _compter_par_statut(candidatures):
    comptes = {
        ligne["statut"]: ligne["n"]
        for ligne in candidatures.order_by().values("statut").annotate(n=Count("id"))
    }
    return [
        {"statut": s.label, "code": s.value, "nombre": comptes.get(s.value, 0)}
        for s in StatutCandidature
        if comptes.get(s.value)
    ]


@login_required
def accueil(request):
    """The role's home page: where things stand and what the person can do next."""
    user = request.user
    candidatures = Candidature.objects.visible_to(user)
    ateliers = Atelier.objects.visible_to(user).select_related(
        "candidature", "titulaire", "service_pilote"
    )
    contexte = {
        "titre": "Tableau de bord",
        "par_statut": _compter_par_statut(candidatures),
        "dernieres_candidatures": candidatures.select_related("service")[:5],
        "ateliers": ateliers[:ATELIERS_AFFICHES],
    }
    contexte["ateliers_non_affiches"] = max(0, ateliers.count() - ATELIERS_AFFICHES)
    contexte["a_faire"] = etapes.a_faire(user)
    aujourd_hui = timezone.localdate()
    livrables = Livrable.objects.visible_to(user).select_related(
        "atelier__candidature", "atelier__titulaire"
    )
    # Late livrables show on every dashboard.
    en_retard = livrables.en_retard(aujourd_hui).order_by("echeance", "id")
    contexte["livrables_en_retard"] = en_retard[:LIVRABLES_AFFICHES]
    contexte["nombre_en_retard"] = en_retard.count()
    membres_et_societes = MembreGroupement.objects.select_related("organisation")
    if user.role == Role.AGENT:
        gabarit = "portail/accueil_agent.html"
    elif user.role in (Role.INSTRUCTEUR, Role.ADMINISTRATEUR):
        gabarit = "portail/accueil_dgaln.html"
        contexte["en_attente_ailleurs"] = etapes.en_attente_chez_les_autres(user)
        contexte["attente_trop_longue"] = etapes.ATTENTE_TROP_LONGUE
        # Closed ateliers not in the public catalogue: one more read says whether others wait.
        attente = selecteurs_catalogue.en_attente_de_publication(ATTENTE_DE_PUBLICATION + 1)
        contexte["en_attente_de_publication"] = attente[:ATTENTE_DE_PUBLICATION]
        contexte["d_autres_attendent_publication"] = len(attente) > ATTENTE_DE_PUBLICATION
        contexte["accord_en_vigueur"] = AccordCadre.objects.prefetch_related(
            Prefetch("titulaires__membres", queryset=membres_et_societes)
        ).en_vigueur()
    elif user.role == Role.PRESTATAIRE:
        gabarit = "portail/accueil_prestataire.html"
        contexte["groupements"] = (
            Titulaire.objects.de_la_societe(user.organisation)
            .select_related("accord_cadre")
            .prefetch_related(Prefetch("membres", queryset=membres_et_societes))
        )
        fin_du_mois = aujourd_hui.replace(
            day=calendar.monthrange(aujourd_hui.year, aujourd_hui.month)[1]
        )
        contexte["a_rendre_ce_mois"] = (
            livrables.exclude(statut=StatutLivrable.VALIDE)
            .filter(echeance__gte=aujourd_hui, echeance__lte=fin_du_mois)
            .order_by("echeance", "id")
        )
        contexte["messages_recents"] = (
            MessageAtelier.objects.filter(atelier__in=Atelier.objects.visible_to(user))
            .select_related("atelier__candidature", "auteur__organisation")
            .order_by("-date", "-id")[:5]
        )
    elif user.role == Role.COLLECTIVITE:
        gabarit = "portail/accueil_collectivite.html"
        contexte["dossiers"] = candidatures.select_related("service").order_by("-modifie_le")
    else:
        gabarit = "portail/accueil_sans_role.html"
    return render(request, gabarit, contexte)


def sante(request):
    """Health check for the load balancer and docker-compose: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"statut": "ok"})


def reference(request):
    """The benchmark's yardstick: the base template and nothing else (no query of its own).
    Served only where ``PAGE_DE_REFERENCE`` is on (``make bench`` turns it on)."""
    if not settings.PAGE_DE_REFERENCE:
        raise Http404("Page de mesure désactivée.")
    return render(request, "base.html", {"titre": "Page de référence"})
