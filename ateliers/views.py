"""The ateliers: their list, their attribution by the tourniquet, and the pages of their
life (planning, on-site programme, phases, thread). Their own page is ``views_page``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from candidatures.views import candidature_visible
from candidatures.workflow import CANDIDATURE
from candidatures.workflow import Action as ActionCandidature
from exports.pages import vue_de_liste
from journal.transitions import TransitionRefusee
from marches import tourniquet
from marches.models import AccordCadre, TourDeTourniquet
from socle.actions import Action, signaler, vue_des_actions

from . import (
    attribution,
    permissions,
    services,
    transitions,
    views_phases,
)
from .exports import LISTE
from .forms import (
    AttributionForm,
    AvisForm,
    EcartForm,
    MessageForm,
    PlanningForm,
    ProgrammeForm,
    PublicationForm,
    RevisionForm,
)
from .models import Phase, ProgrammeSurSite
from .pages import atelier_visible, fil_atelier, page_formulaire
from .workflow import PROGRAMME, ActionProgramme

liste = vue_de_liste(
    LISTE,
    "ateliers/liste.html",
    lambda request, filtre, page: {
        "phases": Phase.choices,
        "phase": request.GET.get("phase", ""),
        "fil": [("Ateliers", "")],
    },
)


def _refuser(request, decision, atelier):
    messages.error(request, decision.raison)
    return redirect("ateliers:detail", atelier.pk)


@login_required
def planifier(request, pk):
    user = request.user
    atelier = atelier_visible(user, pk)
    decision = permissions.peut_planifier(user, atelier)
    if not decision:
        return _refuser(request, decision, atelier)
    form = PlanningForm(request.POST or None, etapes=list(atelier.planning.all()))
    if request.method == "POST" and form.is_valid():
        try:
            changements = transitions.planifier(user, atelier, form.dates())
        except TransitionRefusee as refus:
            signaler(form, refus)
        else:
            messages.success(
                request,
                "Planning enregistré." if changements else "Le planning n'a pas changé.",
            )
            return redirect(reverse("ateliers:detail", args=[atelier.pk]) + "#planning")
    retour = reverse("ateliers:detail", args=[atelier.pk])
    return page_formulaire(
        request,
        atelier,
        "Planning de l'atelier",
        form,
        retour,
        fil_atelier(atelier, ("Planning", "")),
        explication="Un Atelier Flash dure de 4 à 8 mois, dont 2 à 3 jours sur site. "
        "Les dates de l'animation sur site sont reprises du programme validé.",
    )


@login_required
def programme(request, pk):
    """The on-site programme: read by all (the collectivité once proposed), drafted by the
    titulaire."""
    user = request.user
    atelier = atelier_visible(user, pk)
    prog = atelier.programme
    modifiable = permissions.peut_modifier_programme(user, atelier, prog)
    form = None
    if modifiable:
        form = ProgrammeForm(request.POST or None, instance=prog)
        if request.method == "POST" and form.is_valid():
            try:
                services.modifier_programme(
                    user, atelier, **{n: form.cleaned_data[n] for n in ProgrammeForm.Meta.fields}
                )
            except TransitionRefusee as refus:
                signaler(form, refus)
            else:
                messages.success(request, "Programme enregistré.")
                return redirect("ateliers:programme", atelier.pk)
    elif request.method == "POST":
        return _refuser(request, modifiable, atelier)
    prog.refresh_from_db()  # a refused form must not show unsaved values as saved
    return render(
        request,
        "ateliers/programme.html",
        {
            "titre": f"Programme sur site — {atelier.candidature.titre}",
            "atelier": atelier,
            "programme": prog,
            "form": form,
            "lisible": permissions.peut_lire_programme(user, atelier, prog),
            # The service's opinion and who acts next are for those who make the programme.
            "suit_l_execution": permissions.suit_l_execution(user, atelier),
            # An atelier imported closed has an empty programme nobody will propose.
            "suivi_du_programme": atelier.phase == Phase.CADRAGE
            or prog.statut != ProgrammeSurSite.Statut.BROUILLON,
            "fil": fil_atelier(atelier, ("Programme sur site", "")),
        },
    )


def _sur_le_programme(action):
    return lambda user, atelier: PROGRAMME.decision(user, atelier.programme, action)


ACTIONS = {
    "proposer-programme": Action(
        "Proposer le programme au service",
        "Le service pilote est prévenu ; le programme ne se modifie plus tant qu'il ne l'a "
        "pas validé ou renvoyé.",
        "Proposer le programme",
        AvisForm,
        _sur_le_programme(ActionProgramme.PROPOSE),
        lambda u, a, d: transitions.proposer_programme(u, a, d["commentaire"]),
        "Programme proposé : le service pilote est prévenu.",
    ),
    "valider-programme": Action(
        "Valider le programme sur site",
        "Les jours sur site deviennent les dates prévues de l'animation ; le titulaire est "
        "prévenu et pourra lancer l'animation sur site.",
        "Valider le programme",
        AvisForm,
        _sur_le_programme(ActionProgramme.VALIDE),
        lambda u, a, d: transitions.valider_programme(u, a, d["commentaire"]),
        "Programme validé : le titulaire est prévenu.",
    ),
    "revoir-programme": Action(
        "Demander de revoir le programme",
        "Le titulaire est prévenu avec votre commentaire et pourra modifier le programme.",
        "Renvoyer au titulaire",
        RevisionForm,
        _sur_le_programme(ActionProgramme.A_REVOIR),
        lambda u, a, d: transitions.demander_revision_programme(u, a, d["commentaire"]),
        "Programme renvoyé au titulaire.",
    ),
    "publier": Action(
        "Publication au catalogue public",
        "Par défaut, un atelier entre au catalogue public des ateliers réalisés à sa clôture. "
        "La DGALN peut le publier plus tôt, le retirer, ou le choisir comme exemple inspirant.",
        "Enregistrer",
        PublicationForm,
        permissions.peut_publier,
        lambda u, a, d: transitions.publier(
            u, a, d["publication"], d["exemple_inspirant"], d["commentaire"]
        ),
        "Publication au catalogue enregistrée.",
    ),
}


def _page_action(request, atelier, act, form):
    return page_formulaire(
        request,
        atelier,
        act.titre,
        form,
        reverse("ateliers:detail", args=[atelier.pk]),
        fil_atelier(atelier, (act.titre, "")),
        act.bouton,
        act.explication,
        chapeau=f"Atelier « {atelier.candidature.titre} » — phase actuelle : "
        f"{atelier.get_phase_display().lower()}",
    )


_actions = vue_des_actions(
    ACTIONS,
    objet=lambda request, pk: atelier_visible(request.user, pk),
    retour=lambda atelier, nom: reverse("ateliers:detail", args=[atelier.pk]),
    page=_page_action,
    initial=lambda request, atelier: {
        "publication": atelier.publication,
        "exemple_inspirant": atelier.exemple_inspirant,
    },
)


@login_required
def action(request, pk, nom):
    """The page of one action on the atelier; moving it to its next phase and closing it
    have their own (``views_phases``: the date, checked against the planning)."""
    if nom in views_phases.PAGES:
        return views_phases.changer_de_phase(request, atelier_visible(request.user, pk), nom)
    return _actions(request, pk, nom)


action.actions = {**ACTIONS, **views_phases.PAGES}  # read by the workflows' meta-test


@login_required
@require_POST
def ecrire(request, pk):
    user = request.user
    atelier = atelier_visible(user, pk)
    form = MessageForm(request.POST)
    try:
        if not form.is_valid():
            raise TransitionRefusee("Le message est vide.")
        services.ecrire(user, atelier, form.cleaned_data["texte"])
    except TransitionRefusee as refus:
        messages.error(request, str(refus))
    else:
        messages.success(request, "Message envoyé.")
    return redirect(reverse("ateliers:detail", args=[atelier.pk]) + "#messages")


@login_required
def attribuer(request, candidature_pk):
    """Show the titulaire the tourniquet proposes; confirm it or set it aside."""
    user = request.user
    cand = candidature_visible(user, candidature_pk)
    decision = CANDIDATURE.decision(user, cand, ActionCandidature.ATTRIBUTION)
    if not decision:
        messages.error(request, decision.raison)
        return redirect("candidatures:detail", cand.pk)
    accord = AccordCadre.objects.en_vigueur()
    if accord is None:
        messages.error(request, tourniquet.AUCUN_EN_VIGUEUR)
        return redirect("candidatures:detail", cand.pk)
    form_attribution = AttributionForm(initial={"montant_ht": accord.montant_atelier_ht})
    form_ecart = EcartForm()
    if request.method == "GET" and (
        refus := attribution.refus_de_l_accord_cadre(accord, accord.montant_atelier_ht)
    ):
        messages.warning(request, refus)
    if request.method == "POST":
        choix = request.POST.get("choix")
        form = AttributionForm(request.POST) if choix == "attribuer" else EcartForm(request.POST)
        if choix == "attribuer":
            form_attribution = form
        else:
            form_ecart = form
        if form.is_valid():
            d = form.cleaned_data
            titulaire = accord.titulaires.filter(pk=d["titulaire"]).first()
            try:
                if titulaire is None:
                    raise tourniquet.TourniquetModifie(
                        "Ce titulaire n'appartient pas à l'accord-cadre en vigueur."
                    )
                if choix == "attribuer":
                    atelier = transitions.attribuer(user, cand, titulaire, d["montant_ht"])
                    messages.success(
                        request,
                        f"Atelier attribué à « {titulaire} » : le service et le titulaire "
                        "sont prévenus.",
                    )
                    return redirect("ateliers:detail", atelier.pk)
                transitions.ecarter(user, cand, titulaire, d["motif"], d["commentaire"])
                messages.success(
                    request, f"« {titulaire} » est écarté pour ce dossier ; voici le suivant."
                )
                return redirect("ateliers:attribuer", cand.pk)
            except TransitionRefusee as refus:
                messages.error(request, str(refus))
                return redirect("ateliers:attribuer", cand.pk)
    propose, nature = tourniquet.titulaire_propose(accord, cand)
    if propose is not None:
        form_attribution.initial["titulaire"] = propose.pk
        form_ecart.initial["titulaire"] = propose.pk
    dus = tourniquet.tours_dus_par_rang(accord)
    titulaires = [
        {"t": t, "dus": dus.get(t.rang, 0), "propose": propose is not None and t.pk == propose.pk}
        for t in accord.titulaires.order_by("rang")
    ]
    ecartes = TourDeTourniquet.objects.filter(
        accord_cadre=accord, candidature=cand, issue=TourDeTourniquet.Issue.ECARTE
    ).select_related("titulaire", "acteur")
    return render(
        request,
        "ateliers/attribuer.html",
        {
            "titre": f"Attribuer — {cand.titre}",
            "c": cand,
            "accord": accord,
            "propose": propose,
            "nature": nature,
            "membres": propose.membres.select_related("organisation") if propose else [],
            "titulaires": titulaires,
            "ecartes": ecartes,
            "form_attribution": form_attribution,
            "form_ecart": form_ecart,
            "fil": [
                ("Candidatures", reverse("candidatures:liste")),
                (cand.titre, reverse("candidatures:detail", args=[cand.pk])),
                ("Attribuer", ""),
            ],
        },
    )
