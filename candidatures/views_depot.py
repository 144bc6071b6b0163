"""Filing a candidature (agents of the service): the intention, the fiche, pièces, deposit.

Also the file's thread and the DGALN's internal notes, which both sides write from the
file's page. Views parse input, call one service or transition, and redirect.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from . import permissions, services, transitions
from .fiche import PAR_CODE, PIECES, elements_manquants
from .forms import (
    ActeurFormSet,
    ContactsForm,
    MessageForm,
    NoteForm,
    PieceForm,
    RessourceFormSet,
    StrategieForm,
    TerritoireForm,
)
from .forms_coporteurs import LettreCollectiviteForm
from .models import Message, Piece
from .transitions import TransitionRefusee
from .views import candidature_visible
from .workflow import CANDIDATURE, Action

FORMULAIRES = {"strategie": StrategieForm, "contacts": ContactsForm}


@login_required
def nouvelle_intention(request):
    user = request.user
    if not user.est_agent:
        raise PermissionDenied("Seuls les agents d'un service déconcentré déclarent une intention.")
    form = TerritoireForm(request.POST or None, service=user.organisation)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            cand = transitions.declarer_intention(
                user,
                titre=d["titre"],
                description=d["description"],
                echelle=d["echelle"],
                communes=d["communes"],
                epci=d["epci"],
            )
        except TransitionRefusee as refus:
            form.add_error(None, str(refus))
        else:
            messages.success(
                request,
                "Votre intention est transmise à la DGALN, qui confirmera l'opportunité "
                "de la candidature.",
            )
            return redirect("candidatures:detail", cand.pk)
    return render(
        request,
        "candidatures/intention.html",
        {"titre": "Déclarer une intention de candidature", "form": form},
    )


def _suivante(user, cand, rubrique):
    """The next section the person may edit, or the file's page."""
    suivante = _etapes(user, cand, rubrique)["suivante"]
    if suivante:
        return reverse("candidatures:rubrique", args=[cand.pk, suivante.code])
    return reverse("candidatures:detail", args=[cand.pk])


@login_required
def rubrique(request, pk, code):
    """One step of the fiche; each step is saved on its own, nothing is lost between steps."""
    user = request.user
    cand = candidature_visible(user, pk)
    if code not in PAR_CODE:
        raise Http404("Rubrique inconnue")
    if code == PIECES.code:
        return pieces(request, pk)
    decision = permissions.peut_modifier(user, cand, code)
    if not decision:
        messages.error(request, decision.raison)
        return redirect("candidatures:detail", cand.pk)
    donnees = (request.POST or None, request.FILES or None)
    formsets = []
    if code == "territoire":
        form = TerritoireForm(*donnees, instance=cand, service=cand.service)
    elif code == "acteurs":
        form = None
        formsets = [
            ActeurFormSet(*donnees, instance=cand, prefix="acteurs"),
            RessourceFormSet(*donnees, instance=cand, prefix="ressources"),
        ]
    else:
        form = FORMULAIRES[code](*donnees, instance=cand)
    if request.method == "POST":
        valides = (form is None or form.is_valid()) and all(f.is_valid() for f in formsets)
        if valides:
            try:
                services.enregistrer_rubrique(
                    user, cand, code, [f for f in (form, *formsets) if f is not None]
                )
            except TransitionRefusee as refus:
                messages.error(request, str(refus))
                return redirect("candidatures:detail", cand.pk)
            messages.success(request, f"Rubrique « {PAR_CODE[code].titre} » enregistrée.")
            if "rester" in request.POST:
                return redirect("candidatures:rubrique", cand.pk, code)
            return redirect(_suivante(user, cand, code))
        if not getattr(form, "ajout_seul", False):  # adding one commune saves nothing yet
            messages.error(
                request, "La rubrique n'est pas enregistrée : corrigez les erreurs signalées."
            )
    return render(
        request,
        "candidatures/rubrique.html",
        {
            "titre": f"{PAR_CODE[code].titre} — {cand.titre}",
            "c": cand,
            "rubrique": PAR_CODE[code],
            "etapes": _etapes(user, cand, code),
            "form": form,
            "formsets": formsets,
        },
    )


def _etapes(user, cand, code):
    ouvertes = permissions.rubriques_modifiables(user, cand)
    numero = next((i for i, r in enumerate(ouvertes) if r.code == code), 0)
    return {
        "liste": ouvertes,
        "numero": numero + 1,
        "total": len(ouvertes),
        "suivante": ouvertes[numero + 1] if numero + 1 < len(ouvertes) else None,
    }


@login_required
def pieces(request, pk):
    user = request.user
    cand = candidature_visible(user, pk)
    decision = permissions.peut_ajouter_piece(user, cand)
    if not decision:
        messages.error(request, decision.raison)
        return redirect("candidatures:detail", cand.pk)
    coporteur = permissions.est_coporteur(user, cand)
    # The collectivité uploads its support letter only.
    formulaire = LettreCollectiviteForm if coporteur else PieceForm
    form = formulaire(request.POST or None, request.FILES or None)
    pieces = list(cand.pieces.select_related("ajoutee_par"))
    for piece in pieces:
        piece.candidature = cand  # its rules read the file once
    if request.method == "POST" and form.is_valid():
        try:
            piece = services.ajouter_piece(
                user, cand, form.cleaned_data["type"], form.cleaned_data["fichier"]
            )
        except TransitionRefusee as refus:
            messages.error(request, str(refus))
        else:
            messages.success(request, f"Pièce « {piece.nom_fichier} » ajoutée.")
            return redirect("candidatures:rubrique", cand.pk, PIECES.code)
    return render(
        request,
        "candidatures/pieces.html",
        {
            "titre": f"Pièces — {cand.titre}",
            "c": cand,
            "rubrique": PIECES,
            "etapes": _etapes(user, cand, PIECES.code),
            "form": form,
            "pieces": pieces,
            "supprimables": {p.pk for p in pieces if permissions.peut_supprimer_piece(user, p)},
            "peut_deposer": CANDIDATURE.decision(user, cand, Action.DEPOT),
            "est_coporteur": coporteur,
            "types_manquants": [
                t.label
                for t in (Piece.Type.LETTRE_COLLECTIVITE, Piece.Type.LETTRE_PREFET)
                if not cand.pieces.filter(type=t).offerts().exists()
            ],
        },
    )


@login_required
@require_POST
def supprimer_piece(request, pk, piece_pk):
    cand = candidature_visible(request.user, pk)
    piece = get_object_or_404(Piece, pk=piece_pk, candidature=cand)
    try:
        services.supprimer_piece(request.user, piece)
    except TransitionRefusee as refus:
        messages.error(request, str(refus))
    else:
        messages.success(request, f"Pièce « {piece.nom_fichier} » supprimée.")
    return redirect("candidatures:rubrique", cand.pk, PIECES.code)


@login_required
def deposer(request, pk):
    """The summary before deposit: what is missing, then the deposit itself."""
    user = request.user
    cand = candidature_visible(user, pk)
    decision = CANDIDATURE.decision(user, cand, Action.DEPOT)
    if not decision:
        messages.error(request, decision.raison)
        return redirect("candidatures:detail", cand.pk)
    if request.method == "POST":
        try:
            cand = transitions.deposer(user, cand)
        except TransitionRefusee as refus:
            messages.error(request, str(refus))
        else:
            depot = cand.depots.order_by("-date", "-id").first()
            messages.success(
                request,
                f"Dossier déposé. Votre récépissé de dépôt porte le numéro {depot.numero}.",
            )
            return redirect("candidatures:detail", cand.pk)
    return render(
        request,
        "candidatures/deposer.html",
        {
            "titre": f"Déposer le dossier — {cand.titre}",
            "c": cand,
            "manquants": elements_manquants(cand),
        },
    )


def ecrire_sur_le_fil(request, pk, fil, formulaire):
    """A message in one of the file's threads (``Message.Fil``), back to that thread."""
    cand = candidature_visible(request.user, pk)
    form = formulaire(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.envoyer_message(
                request.user, cand, form.cleaned_data["texte"], form.cleaned_data["fichier"], fil
            )
        except TransitionRefusee as refus:
            messages.error(request, str(refus))
        else:
            messages.success(request, "Message envoyé.")
    else:
        for erreurs in form.errors.values():
            for erreur in erreurs:
                messages.error(request, f"Message non envoyé : {erreur}")
    return redirect(reverse("candidatures:detail", args=[cand.pk]) + services.ANCRES[fil])


@login_required
@require_POST
def ecrire(request, pk):
    return ecrire_sur_le_fil(request, pk, Message.Fil.DGALN, MessageForm)


@login_required
@require_POST
def annoter(request, pk):
    cand = candidature_visible(request.user, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.ajouter_note(request.user, cand, form.cleaned_data["texte"])
        except TransitionRefusee as refus:
            messages.error(request, str(refus))
        else:
            messages.success(request, "Note interne ajoutée.")
    else:
        messages.error(request, "La note est vide.")
    return redirect(reverse("candidatures:detail", args=[cand.pk]) + "#notes")
