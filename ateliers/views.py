"""The ateliers: their list, their page, and their attribution by the tourniquet.

The atelier's page gathers what hangs on it (its bons de commande, later its livrables), so
this module reads from the apps built above the atelier's model.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from candidatures import permissions as permissions_candidature
from candidatures.views import candidature_visible
from commandes import permissions as permissions_commande
from commandes.models import BonDeCommande
from commandes.models import Statut as StatutBon
from journal.models import Evenement
from journal.transitions import TransitionRefusee
from marches import tourniquet
from marches.models import AccordCadre, TourDeTourniquet

from . import transitions
from .forms import AttributionForm, EcartForm
from .models import Atelier

PAR_PAGE = 25


@login_required
def liste(request):
    ateliers = (
        Atelier.objects.visible_to(request.user)
        .select_related("candidature__service", "titulaire", "accord_cadre", "service_pilote")
        .order_by("-cree_le")
    )
    page = Paginator(ateliers, PAR_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "ateliers/liste.html",
        {"titre": "Ateliers", "page": page, "fil": [("Ateliers", "")]},
    )


def atelier_visible(user, pk):
    return get_object_or_404(
        Atelier.objects.visible_to(user).select_related(
            "candidature__service",
            "candidature__epci",
            "titulaire",
            "accord_cadre",
            "service_pilote",
            "attribue_par",
        ),
        pk=pk,
    )


@login_required
def detail(request, pk):
    user = request.user
    atelier = atelier_visible(user, pk)
    bons = list(BonDeCommande.objects.visible_to(user).filter(atelier=atelier).order_by("ordre"))
    # Only the pilot service may prepare a bon, and it sees every bon of its ateliers: the
    # list already read tells which ones count towards the two.
    actifs = [b for b in bons if b.statut != StatutBon.ANNULE]
    type_de = ContentType.objects.get_for_model  # cached: no query
    evenements = Evenement.objects.filter(
        Q(content_type=type_de(Atelier), object_id=atelier.pk)
        | Q(content_type=type_de(BonDeCommande), object_id__in=[b.pk for b in bons])
    ).select_related("acteur__organisation")
    if not user.est_dgaln:
        evenements = evenements.filter(interne=False)
    return render(
        request,
        "ateliers/detail.html",
        {
            "titre": str(atelier),
            "atelier": atelier,
            "c": atelier.candidature,
            "membres": atelier.titulaire.membres.select_related("organisation"),
            "bons": bons,
            "peut_creer_bon": permissions_commande.peut_creer(user, atelier, actifs),
            "evenements": evenements.order_by("date", "id"),
            "fil": [("Ateliers", reverse("ateliers:liste")), (atelier.candidature.titre, "")],
        },
    )


@login_required
def attribuer(request, candidature_pk):
    """Show the titulaire the tourniquet proposes; confirm it or set it aside."""
    user = request.user
    cand = candidature_visible(user, candidature_pk)
    decision = permissions_candidature.peut_attribuer(user, cand)
    if not decision:
        messages.error(request, decision.raison)
        return redirect("candidatures:detail", cand.pk)
    accord = AccordCadre.objects.en_vigueur()
    if accord is None:
        messages.error(request, tourniquet.AUCUN_EN_VIGUEUR)
        return redirect("candidatures:detail", cand.pk)
    form_attribution = AttributionForm(initial={"montant_ht": accord.montant_atelier_ht})
    form_ecart = EcartForm()
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
