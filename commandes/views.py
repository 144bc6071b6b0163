"""Bons de commande (the pilot service acts, the DGALN and the titulaire read) and the
DGALN's follow-up of each accord-cadre (consumption and the tourniquet's ledger)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from ateliers.pages import atelier_visible, fil_atelier
from exports.pages import vue_de_liste
from journal.models import Evenement
from journal.transitions import TransitionRefusee
from marches import tourniquet
from marches.models import AccordCadre
from socle.actions import Action as Page
from socle.actions import vue_des_actions

from . import consommation, permissions, suivi, suivi_factures, transitions
from .exports import LISTE
from .forms import AnnulationForm, BonForm, EmissionForm, NotificationForm, ServiceFaitForm
from .models import BonDeCommande, StatutBon, fin_d_execution_par_defaut
from .workflow import BON, Action


def bon_visible(user, pk):
    return get_object_or_404(
        BonDeCommande.objects.visible_to(user).select_related(
            "atelier__candidature",
            "atelier__titulaire",
            "atelier__service_pilote",
            "atelier__accord_cadre",
            "cree_par",
        ),
        pk=pk,
    )


def _fil(bon, ici=None):
    fil = fil_atelier(
        bon.atelier,
        (f"Bon {bon.numero}", reverse("commandes:detail", args=[bon.pk]) if ici else ""),
    )
    if ici:
        fil.append((ici, ""))
    return fil


liste = vue_de_liste(
    LISTE,
    "commandes/liste.html",
    lambda request, filtre, page: {
        "bons": page.object_list,
        "statuts": StatutBon.choices,
        "statut": request.GET.get("statut", ""),
        "fil": [("Bons de commande", "")],
    },
)


@login_required
def creer(request, atelier_pk=None):
    """The service prepares a bon: from its atelier's page, or from the list of bons
    (``atelier_pk`` None), choosing the atelier first."""
    user = request.user
    if atelier_pk is None:
        return _choisir_l_atelier(request)
    atelier = atelier_visible(user, atelier_pk)
    decision = permissions.peut_creer(user, atelier)
    if not decision:
        messages.error(request, decision.raison)
        return redirect("ateliers:detail", atelier.pk)
    deja = atelier.bons.actifs().total_ht()
    form = BonForm(
        request.POST or None,
        initial={
            "objet": f"Atelier Flash — {atelier.candidature.titre}",
            "montant_ht": max(atelier.montant_ht - deja, 0) or atelier.montant_ht,
            "taux_tva": atelier.accord_cadre.taux_tva,
            "fin_execution": fin_d_execution_par_defaut(timezone.localdate()),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            bon = transitions.creer(user, atelier, **form.cleaned_data)
        except TransitionRefusee as refus:
            form.add_error(None, str(refus))
        else:
            messages.success(request, f"Bon {bon.numero} préparé : vérifiez-le puis émettez-le.")
            return redirect("commandes:detail", bon.pk)
    return render(
        request,
        "commandes/formulaire.html",
        {
            "titre": "Préparer un bon de commande",
            "atelier": atelier,
            "form": form,
            "retour": reverse("ateliers:detail", args=[atelier.pk]),
            "fil": [
                ("Ateliers", reverse("ateliers:liste")),
                (atelier.candidature.titre, reverse("ateliers:detail", args=[atelier.pk])),
                ("Préparer un bon de commande", ""),
            ],
        },
    )


def _choisir_l_atelier(request):
    if not request.user.est_agent:
        messages.error(request, permissions.REFUS_CREATION)
        return redirect("commandes:liste")
    return render(
        request,
        "commandes/choix_atelier.html",
        {
            "titre": "Préparer un bon de commande",
            "ateliers": permissions.ateliers_ou_preparer(request.user),
            "maximum": permissions.MAX_BONS_PAR_ATELIER,
            "fil": [
                ("Bons de commande", reverse("commandes:liste")),
                ("Préparer un bon de commande", ""),
            ],
        },
    )


@login_required
def detail(request, pk):
    user = request.user
    bon = bon_visible(user, pk)
    evenements = Evenement.objects.pour(bon).visibles_par(user)
    return render(
        request,
        "commandes/detail.html",
        {
            "titre": f"Bon de commande {bon.numero}",
            "bon": bon,
            "atelier": bon.atelier,
            "evenements": evenements,
            "factures": suivi_factures.du_bon(user, bon),
            "fil": _fil(bon),
        },
    )


@login_required
def modifier(request, pk):
    user = request.user
    bon = bon_visible(user, pk)
    decision = BON.decision(user, bon, Action.MODIFICATION)
    if not decision:
        messages.error(request, decision.raison)
        return redirect("commandes:detail", bon.pk)
    form = BonForm(
        request.POST or None,
        initial={nom: getattr(bon, nom) for nom in transitions.CHAMPS_MODIFIABLES},
    )
    if request.method == "POST" and form.is_valid():
        try:
            transitions.modifier(user, bon, **form.cleaned_data)
        except TransitionRefusee as refus:
            form.add_error(None, str(refus))
        else:
            messages.success(request, "Brouillon enregistré.")
            return redirect("commandes:detail", bon.pk)
    return render(
        request,
        "commandes/formulaire.html",
        {
            "titre": f"Modifier le bon {bon.numero}",
            "atelier": bon.atelier,
            "form": form,
            "retour": reverse("commandes:detail", args=[bon.pk]),
            "fil": _fil(bon, "Modifier"),
        },
    )


def _regle(action):
    return lambda user, bon: BON.decision(user, bon, action)


ACTIONS = {
    "emettre": Page(
        "Émettre le bon de commande",
        "Le bon engage son montant sur l'accord-cadre, dans la limite de son maximum. "
        "Il ne sera plus modifiable ; son PDF est produit à l'émission. Notifiez-le ensuite au "
        "titulaire.",
        "Émettre le bon",
        EmissionForm,
        _regle(Action.EMISSION),
        lambda u, b, d: transitions.emettre(u, b, d["date"]),
        "Bon émis.",
    ),
    "notifier": Page(
        "Notifier le bon au titulaire",
        "Le titulaire est prévenu et voit le bon, son n° d'engagement et le code service "
        "que portera sa facture.",
        "Notifier le bon",
        NotificationForm,
        _regle(Action.NOTIFICATION),
        lambda u, b, d: transitions.notifier_titulaire(u, b, d["date"]),
        "Bon notifié : le titulaire est prévenu.",
    ),
    "service-fait": Page(
        "Attester le service fait",
        "Le titulaire est prévenu qu'il peut facturer ; le délai de paiement de 30 jours "
        "court à compter de la réception de la facture.",
        "Attester le service fait",
        ServiceFaitForm,
        _regle(Action.SERVICE_FAIT),
        lambda u, b, d: transitions.attester_service_fait(u, b, d["date"], d["commentaire"]),
        "Service fait attesté : le titulaire est prévenu.",
    ),
    "annuler": Page(
        "Annuler le bon de commande",
        "Le bon reste visible avec son motif ; il ne compte plus dans les deux bons de "
        "l'atelier ni dans les commandes de l'accord-cadre.",
        "Annuler le bon",
        AnnulationForm,
        _regle(Action.ANNULATION),
        lambda u, b, d: transitions.annuler(u, b, d["motif"]),
        "Bon annulé.",
        danger=True,
    ),
}


action = vue_des_actions(
    ACTIONS,
    objet=lambda request, pk: bon_visible(request.user, pk),
    retour=lambda bon, nom: reverse("commandes:detail", args=[bon.pk]),
    page=lambda request, bon, act, form: render(
        request,
        "commandes/action.html",
        {
            "titre": f"{act.titre} — {bon.numero}",
            "bon": bon,
            "action": act,
            "form": form,
            "fil": _fil(bon, act.titre),
        },
    ),
)


def _exiger_dgaln(user):
    if not user.est_dgaln:
        raise PermissionDenied("Le suivi des accords-cadres est réservé à la DGALN.")


@login_required
def accords_cadres(request):
    _exiger_dgaln(request.user)
    lignes = suivi.accords_avec_consommation()
    return render(
        request,
        "commandes/accords_cadres.html",
        {"titre": "Accords-cadres", "lignes": lignes, "fil": [("Accords-cadres", "")]},
    )


@login_required
def accord_cadre(request, pk):
    _exiger_dgaln(request.user)
    accord = get_object_or_404(AccordCadre, pk=pk)
    registre = list(
        accord.registre_tourniquet.select_related("candidature", "titulaire", "acteur").order_by(
            "numero"
        )
    )
    decisions = list(
        accord.decisions_tourniquet.select_related("acteur").order_by("apres_tour", "date", "pk")
    )
    return render(
        request,
        "commandes/accord_cadre.html",
        {
            "titre": f"Accord-cadre {accord.reference}",
            "accord": accord,
            "conso": suivi.consommation(accord),
            "consommation": consommation.consommation(accord),
            "par_titulaire": suivi.registre_par_titulaire(accord),
            "registre": registre[::-1],  # latest first
            "decisions": decisions[::-1],
            "anomalies": tourniquet.verifier(accord, registre, decisions),
            "fil": [
                ("Accords-cadres", reverse("commandes:accords_cadres")),
                (accord.reference, ""),
            ],
        },
    )
