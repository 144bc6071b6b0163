"""Livrables: the list, a livrable's page with its versions (the titulaire uploads, the
service and the DGALN validate or ask for a new one), and the livrables the service expects.

The atelier's feuille de route is in ``views_feuille_de_route``, its fiche synthétique in
``views_fiche``. Every page starts from what the user may see: a livrable of an atelier the
user cannot see answers 404, whatever its number.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from ateliers import permissions as permissions_atelier
from ateliers.models import Atelier, Phase
from ateliers.pages import atelier_visible, fil_atelier, page_formulaire
from exports.pages import vue_de_liste
from journal.models import Evenement
from journal.transitions import TransitionRefusee
from socle.actions import Action as Page
from socle.actions import signaler, traiter, vue_des_actions
from socle.fichiers import envoyer

from . import permissions, transitions
from .exports import LISTE
from .forms import (
    AvisForm,
    ConfirmationForm,
    LivrableForm,
    ModificationLivrableForm,
    NouveauLivrableForm,
    RepriseForm,
    VersionForm,
)
from .models import Livrable
from .workflow import LIVRABLE, Action


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


def _sur_la_liste(request, filtre, page):
    aujourd_hui = timezone.localdate()
    for livrable in page.object_list:
        livrable.retard = livrable.est_en_retard(aujourd_hui)
    return {
        "livrables": page.object_list,
        "statuts": filtre.filters["statut"].extra["choices"],
        "statut": request.GET.get("statut", ""),
        # Agents record the livrables of the ateliers of their service (the page says so
        # when there is none).
        "peut_ajouter": request.user.est_agent,
        # The collectivité sees the validated livrables only (``Livrable.objects.visible_to``).
        "livrables_valides_seulement": request.user.est_collectivite,
        "fil": [("Livrables", "")],
    }


# Every livrable the user may see; filter by state or lateness.
liste = vue_de_liste(LISTE, "livrables/liste.html", _sur_la_liste)


EXPLICATION_AJOUT = (
    "Les livrables sont convenus entre les porteurs et le titulaire : stratégiques (feuille "
    "de route, esquisse de plan-guide), opérationnels (cahier des charges, charte, éléments "
    "de communication) et de capitalisation (fiche synthétique)."
)


def ateliers_a_definir(user):
    """The ateliers whose expected livrables ``user`` may record: those of their service, not
    closed."""
    if not (user.is_active and user.est_agent):
        return Atelier.objects.none()
    return (
        Atelier.objects.visible_to(user)
        .filter(service_pilote_id=user.organisation_id)
        .exclude(phase=Phase.CLOTURE)
        .select_related("candidature")
        .order_by("candidature__titre", "pk")
    )


@login_required
def ajouter(request, atelier_pk=None):
    """The service records an expected livrable: from its atelier's page, or from the list of
    livrables (``atelier_pk`` None), choosing the atelier in the form."""
    user = request.user
    if atelier_pk is None:
        return _ajouter_depuis_la_liste(request)
    atelier = atelier_visible(user, atelier_pk)
    decision = permissions_atelier.peut_definir_livrables(user, atelier)
    if not decision:
        messages.error(request, decision.raison)
        return redirect(_retour_atelier(atelier))
    form = LivrableForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _ajouter(request, form, atelier):
        return redirect(_retour_atelier(atelier))
    return page_formulaire(
        request,
        atelier,
        "Ajouter un livrable attendu",
        form,
        _retour_atelier(atelier),
        fil_atelier(atelier, ("Ajouter un livrable", "")),
        "Ajouter le livrable",
        EXPLICATION_AJOUT,
    )


def _ajouter(request, form, atelier):
    d = form.cleaned_data
    try:
        livrable = transitions.ajouter(
            request.user, atelier, d["type"], d["echeance"], d["intitule"]
        )
    except TransitionRefusee as refus:
        signaler(form, refus)
        return None
    messages.success(request, f"« {livrable.nom} » attendu : le titulaire est prévenu.")
    return livrable


def _ajouter_depuis_la_liste(request):
    ateliers = ateliers_a_definir(request.user)
    if not ateliers.exists():
        messages.error(
            request,
            "Votre service ne pilote aucun atelier en cours : il n'y a pas de livrable à y ajouter."
            if request.user.est_agent
            else LIVRABLE[Action.CREATION].refus,
        )
        return redirect("livrables:liste")
    form = NouveauLivrableForm(request.POST or None, ateliers=ateliers)
    if request.method == "POST" and form.is_valid():
        atelier = form.cleaned_data["atelier"]
        if _ajouter(request, form, atelier):
            return redirect(_retour_atelier(atelier))
    return render(
        request,
        "includes/formulaire.html",
        {
            "titre": "Ajouter un livrable attendu",
            "explication": EXPLICATION_AJOUT,
            "form": form,
            "bouton": "Ajouter le livrable",
            "retour": reverse("livrables:liste"),
            "fil": [("Livrables", reverse("livrables:liste")), ("Ajouter un livrable", "")],
        },
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
    versions = list(livrable.versions.visible_to(user).select_related("deposee_par", "avis_par"))
    depot = LIVRABLE.decision(user, livrable, Action.DEPOT)
    form = None
    if depot:
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
        messages.error(request, depot.raison)
        return redirect("livrables:detail", livrable.pk)
    evenements = Evenement.objects.pour(livrable).visibles_par(user)
    if not permissions_atelier.suit_l_execution(user, livrable.atelier):
        # The collectivité reads what the service validated, not the versions sent back.
        evenements = evenements.filter(action__in=(Action.CREATION, Action.VALIDATION))
    return render(
        request,
        "livrables/detail.html",
        {
            "titre": f"{livrable.nom} — {livrable.atelier.candidature.titre}",
            "livrable": livrable,
            "atelier": livrable.atelier,
            "retard": livrable.est_en_retard(),
            "versions": versions,
            # The changes that are not transitions of the table (its buttons come with
            # « Prochaine étape »).
            "peut_modifier": permissions.peut_modifier(user, livrable),
            "peut_retirer": permissions.peut_retirer(user, livrable, len(versions)),
            "form": form,
            "evenements": evenements,
            "fil": _fil_livrable(livrable),
        },
    )


MODIFIER = Page(
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


def _regle(action):
    return lambda user, livrable: LIVRABLE.decision(user, livrable, action)


ACTIONS = {
    "deposer": Page(
        "Déposer une version",
        "Le service pilote est prévenu et donne son avis ; une version qui attend encore le "
        "sien est remplacée par celle-ci.",
        "Déposer la version",
        VersionForm,
        _regle(Action.DEPOT),
        lambda u, lv, d: transitions.deposer(u, lv, d["fichier"], d["note"]),
        "Version déposée : le service pilote est prévenu.",
    ),
    "valider": Page(
        "Valider la version",
        "Le livrable est validé ; le titulaire est prévenu.",
        "Valider",
        AvisForm,
        _regle(Action.VALIDATION),
        lambda u, lv, d: transitions.valider(u, lv, d["commentaire"]),
        "Livrable validé : le titulaire est prévenu.",
    ),
    "reprendre": Page(
        "Demander une reprise",
        "Le titulaire est prévenu avec votre commentaire et déposera une nouvelle version.",
        "Demander la reprise",
        RepriseForm,
        _regle(Action.REPRISE),
        lambda u, lv, d: transitions.demander_reprise(u, lv, d["commentaire"]),
        "Reprise demandée : le titulaire est prévenu.",
    ),
    # Not a transition: the livrable recorded by mistake is deleted.
    "retirer": Page(
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


action = vue_des_actions(
    ACTIONS,
    objet=lambda request, pk: livrable_visible(request.user, pk),
    # A livrable withdrawn is gone from its page: back to the atelier's.
    retour=lambda livrable, nom: (
        _retour_atelier(livrable.atelier)
        if nom == "retirer"
        else reverse("livrables:detail", args=[livrable.pk])
    ),
    page=lambda request, livrable, act, form: page_formulaire(
        request,
        livrable.atelier,
        f"{act.titre} — {livrable.nom}",
        form,
        reverse("livrables:detail", args=[livrable.pk]),
        _fil_livrable(livrable, act.titre),
        act.bouton,
        act.explication,
    ),
)


@login_required
def telecharger_version(request, pk, version_pk):
    livrable = livrable_visible(request.user, pk)
    version = get_object_or_404(livrable.versions.visible_to(request.user), pk=version_pk)
    return envoyer(version.fichier, version.nom_fichier)
