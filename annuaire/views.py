"""The DGALN's directory: organisations and their members, each service's files and ateliers,
and each person's account with its timeline and the administrateur's actions."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from ateliers.models import Atelier
from candidatures.models import Candidature
from comptes.models import Invitation, Organisation, User
from comptes.permissions import peut_administrer, peut_voir_annuaire
from journal.models import Evenement
from socle.actions import Action, vue_des_actions
from socle.decisions import refuser_sinon

from . import services
from .filters import OrganisationFilter, PersonneFilter
from .forms import DeplacementForm, MotifFacultatifForm, MotifForm

PAR_PAGE = 50
DOSSIERS_AFFICHES = 50


def _exiger_annuaire(user):
    refuser_sinon(peut_voir_annuaire(user))


@login_required
def organisations(request):
    _exiger_annuaire(request.user)
    base = (
        Organisation.objects.exclude(type=Organisation.Type.COLLECTIVITE)
        .select_related("departement", "region")
        .annotate(
            nombre_actifs=Count("membres", filter=Q(membres__is_active=True), distinct=True),
            nombre_invitations=Count(
                "invitations",
                filter=Q(
                    invitations__acceptee_le__isnull=True, invitations__annulee_le__isnull=True
                ),
                distinct=True,
            ),
        )
        .order_by("type", "nom")
    )
    filtre = OrganisationFilter(request.GET or None, queryset=base)
    page = Paginator(filtre.qs, PAR_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "annuaire/organisations.html",
        {"titre": "Annuaire des organisations", "filtre": filtre, "page": page},
    )


@login_required
def personnes(request):
    _exiger_annuaire(request.user)
    base = User.objects.select_related("organisation").order_by("last_name", "first_name", "pk")
    filtre = PersonneFilter(request.GET or None, queryset=base)
    page = Paginator(filtre.qs, PAR_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "annuaire/personnes.html",
        {"titre": "Annuaire des personnes", "filtre": filtre, "page": page},
    )


@login_required
def organisation(request, pk):
    _exiger_annuaire(request.user)
    org = get_object_or_404(
        Organisation.objects.select_related("departement__region", "region"), pk=pk
    )
    contexte = {
        "titre": org.nom,
        "organisation": org,
        "membres": org.membres.order_by("-is_active", "last_name", "first_name"),
        "invitations": org.invitations.en_cours().select_related("invite_par"),
        "fil": [("Annuaire", reverse("annuaire:organisations")), (org.nom, "")],
    }
    if org.type == Organisation.Type.SERVICE:
        candidatures = Candidature.objects.filter(service=org).order_by("-modifie_le", "-pk")
        ateliers = Atelier.objects.filter(service_pilote=org)
        contexte["candidatures"] = candidatures[:DOSSIERS_AFFICHES]
        contexte["nombre_candidatures"] = candidatures.count()
        contexte["lien_candidatures"] = reverse("candidatures:liste") + f"?service={org.pk}"
    elif org.type == Organisation.Type.PRESTATAIRE:
        ateliers = Atelier.objects.filter(titulaire__membres__organisation=org).distinct()
    else:
        ateliers = Atelier.objects.none()
    ateliers = ateliers.select_related("candidature", "titulaire", "service_pilote")
    contexte["ateliers"] = ateliers.order_by("-cree_le", "-pk")[:DOSSIERS_AFFICHES]
    contexte["nombre_ateliers"] = ateliers.count()
    return render(request, "annuaire/organisation.html", contexte)


def _compte(request, pk):
    _exiger_annuaire(request.user)
    return get_object_or_404(User.objects.select_related("organisation"), pk=pk)


@login_required
def personne(request, pk):
    compte = _compte(request, pk)
    evenements = Evenement.objects.pour(compte)
    return render(
        request,
        "annuaire/personne.html",
        {
            "titre": str(compte),
            "compte": compte,
            "evenements": evenements,
            "administrer": peut_administrer(request.user, compte),
            "invitation": Invitation.objects.filter(compte=compte)
            .select_related("invite_par")
            .first(),
            "fil": _fil(compte),
        },
    )


def _fil(compte, ici=None):
    fil = [("Annuaire", reverse("annuaire:organisations"))]
    if compte.organisation_id:
        fil.append(
            (
                str(compte.organisation),
                reverse("annuaire:organisation", args=[compte.organisation_id]),
            )
        )
    fil.append((str(compte), reverse("annuaire:personne", args=[compte.pk]) if ici else ""))
    if ici:
        fil.append((ici, ""))
    return fil


ACTIONS = {
    "desactiver": Action(
        titre="Désactiver le compte",
        explication=(
            "La personne ne pourra plus se connecter ; sa session en cours se termine. Les "
            "dossiers restent ceux de son organisation et son nom reste sur ce qu'elle a fait."
        ),
        bouton="Désactiver le compte",
        formulaire=MotifForm,
        permission=peut_administrer,
        executer=lambda acteur, compte, d: services.desactiver(acteur, compte, d["motif"]),
        succes="Le compte est désactivé.",
        danger=True,
    ),
    "reactiver": Action(
        titre="Réactiver le compte",
        explication="La personne pourra de nouveau se connecter avec son mot de passe.",
        bouton="Réactiver le compte",
        formulaire=MotifFacultatifForm,
        permission=peut_administrer,
        executer=lambda acteur, compte, d: services.reactiver(acteur, compte, d["motif"]),
        succes="Le compte est réactivé.",
    ),
    "deplacer": Action(
        titre="Changer d'organisation",
        explication=(
            "La personne verra les dossiers de sa nouvelle organisation, et plus ceux de "
            "l'ancienne, qui restent à ses anciens collègues."
        ),
        bouton="Changer d'organisation",
        formulaire=DeplacementForm,
        permission=peut_administrer,
        executer=lambda acteur, compte, d: services.deplacer(
            acteur, compte, d["organisation"], d["role"], d["motif"]
        ),
        succes="Le rattachement est changé.",
    ),
}


action = vue_des_actions(
    ACTIONS,
    objet=_compte,
    retour=lambda compte, nom: reverse("annuaire:personne", args=[compte.pk]),
    page=lambda request, compte, act, form: render(
        request,
        "includes/formulaire.html",
        {
            "titre": act.titre,
            "chapeau": f"{compte} — {compte.organisation or 'sans organisation'}",
            "explication": act.explication,
            "form": form,
            "bouton": act.bouton,
            "retour": reverse("annuaire:personne", args=[compte.pk]),
            "fil": _fil(compte, act.titre),
        },
    ),
    initial=lambda request, compte: {"role": compte.role, "organisation": compte.organisation_id},
)
