"""Invoices of a bon de commande: the titulaire (or the service) records one, the service
accepts, rejects and puts it into payment; each reads its deadline and what a late payment
costs the State; the list of the invoices one sees, with their deadlines."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from exports.pages import vue_de_liste
from journal.transitions import TransitionRefusee
from socle.actions import Action as Page
from socle.actions import signaler, vue_des_actions
from socle.fichiers import envoyer

from . import factures, paiement, suivi_factures
from .exports_factures import FACTURES
from .forms_factures import AcceptationForm, FactureForm, MiseEnPaiementForm, RejetForm
from .modeles_factures import Facture, StatutFacture
from .views import _fil, bon_visible
from .workflow_factures import FACTURE, ActionFacture


def facture_visible(user, pk):
    return get_object_or_404(
        Facture.objects.visible_to(user).select_related(
            "bon__atelier__candidature",
            "bon__atelier__titulaire",
            "bon__atelier__service_pilote",
            "enregistree_par",
            "remplace",
        ),
        pk=pk,
    )


liste = vue_de_liste(
    FACTURES,
    "commandes/factures.html",
    lambda request, filtre, page: {
        # The page's rows with their deadlines and delays (the ECB rates read once).
        "lignes": suivi_factures.lignes(page.object_list),
        "rejetee": StatutFacture.REJETEE,
        "fil": [("Bons de commande", reverse("commandes:liste")), ("Factures", "")],
    },
)


def _fil_facture(facture, ici=None):
    fil = _fil(facture.bon, f"Facture {facture.numero}")
    if ici:
        fil[-1] = (fil[-1][0], reverse("commandes:facture", args=[facture.pk]))
        fil.append((ici, ""))
    return fil


@login_required
def enregistrer(request, pk):
    user = request.user
    bon = bon_visible(user, pk)
    decision = FACTURE.decision(user, Facture(bon=bon), ActionFacture.ENREGISTREMENT)
    if not decision:
        messages.error(request, decision.raison)
        return redirect("commandes:detail", bon.pk)
    rectifiables = list(factures.rectifiables(bon))
    form = FactureForm(request.POST or None, request.FILES or None, rectifiables=rectifiables)
    if request.method == "POST" and form.is_valid():
        donnees = dict(form.cleaned_data)
        remplace = donnees.pop("remplace", None)
        try:
            facture = factures.enregistrer(
                user,
                bon,
                **donnees,
                remplace=next((f for f in rectifiables if f.pk == remplace), None),
            )
        except TransitionRefusee as refus:
            signaler(form, refus)
        else:
            messages.success(request, f"Facture {facture.numero} enregistrée.")
            return redirect("commandes:facture", facture.pk)
    deja = bon.factures.en_cours().total_ttc()
    return render(
        request,
        "commandes/facture_formulaire.html",
        {
            "titre": f"Enregistrer une facture — bon {bon.numero}",
            "bon": bon,
            "form": form,
            "reste": bon.montant_ttc - deja,
            "fil": _fil(bon, "Enregistrer une facture"),
        },
    )


@login_required
def detail(request, pk):
    facture = facture_visible(request.user, pk)
    return render(
        request,
        "commandes/facture.html",
        {
            "titre": f"Facture {facture.numero}",
            "facture": facture,
            "bon": facture.bon,
            "echeance": paiement.echeance(facture),
            "retard": paiement.retard(facture),
            "fil": _fil_facture(facture),
        },
    )


@login_required
def telecharger(request, pk):
    facture = facture_visible(request.user, pk)
    if not facture.est_offert:
        messages.error(request, "Le fichier de la facture est en cours d'analyse antivirus.")
        return redirect("commandes:facture", facture.pk)
    return envoyer(facture.fichier, facture.nom_fichier)


def _regle(action):
    return lambda user, facture: FACTURE.decision(user, facture, action)


ACTIONS = {
    "accepter": Page(
        "Accepter la facture",
        "La facture est conforme au bon et au service fait : elle est à mettre en paiement "
        "avant l'échéance.",
        "Accepter la facture",
        AcceptationForm,
        _regle(ActionFacture.ACCEPTATION),
        lambda u, f, d: factures.accepter(u, f, d["date"]),
        "Facture acceptée : le titulaire est prévenu.",
    ),
    "rejeter": Page(
        "Rejeter la facture",
        "Le délai de paiement est suspendu jusqu'à la facture rectificative du titulaire, qui "
        "reprend le délai avec les jours déjà courus (au moins 15 jours restants).",
        "Rejeter la facture",
        RejetForm,
        _regle(ActionFacture.REJET),
        lambda u, f, d: factures.rejeter(u, f, d["motif"], d["date"]),
        "Facture rejetée : le titulaire est prévenu.",
        danger=True,
    ),
    "payer": Page(
        "Indiquer la mise en paiement",
        "La date de mise en paiement arrête le délai de paiement ; passé l'échéance, la page "
        "de la facture indique ce que l'État doit au titulaire.",
        "Enregistrer la mise en paiement",
        MiseEnPaiementForm,
        _regle(ActionFacture.MISE_EN_PAIEMENT),
        lambda u, f, d: factures.mettre_en_paiement(u, f, d["date"]),
        "Mise en paiement enregistrée : le titulaire est prévenu.",
    ),
}


action = vue_des_actions(
    ACTIONS,
    objet=lambda request, pk: facture_visible(request.user, pk),
    retour=lambda facture, nom: reverse("commandes:facture", args=[facture.pk]),
    page=lambda request, facture, act, form: render(
        request,
        "commandes/facture_action.html",
        {
            "titre": f"{act.titre} — {facture.numero}",
            "facture": facture,
            "bon": facture.bon,
            "echeance": paiement.echeance(facture),
            "action": act,
            "form": form,
            "fil": _fil_facture(facture, act.titre),
        },
    ),
)
