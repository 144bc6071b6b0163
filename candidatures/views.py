"""Reading candidatures: the lists, the file's page, and its files (permission-checked)."""

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from documents.models import Document
from exports.pages import vue_de_liste
from journal.models import Evenement
from socle.fichiers import envoyer

from . import permissions
from .coporteurs import dernieres_redactions
from .exports import LISTE
from .fiche import PAR_CODE, differences, instantane
from .forms import MessageForm, NoteForm
from .forms_coporteurs import ConfierRubriquesForm, EchangeForm
from .models import (
    Candidature,
    Depot,
    Message,
    Piece,
    RessourceDocumentaire,
    StatutCandidature,
)
from .pdf import DECIDEES
from .workflow import A_INSTRUIRE, CANDIDATURE, Action

# The states from which the file is deposited (by its service, never by the collectivité).
DEPOSABLES = CANDIDATURE[Action.DEPOT].depuis

PAR_PAGE = 25
RECAPITULATIF, DECISION = "recapitulatif_candidature", "decision_eligibilite"
type_de = ContentType.objects.get_for_model  # cached: no query


def candidature_visible(user, pk):
    """The file ``pk`` if ``user`` may see it, else 404 (guessing an id reveals nothing)."""
    return get_object_or_404(Candidature.objects.visible_to(user), pk=pk)


def _sur_la_liste(request, filtre, page):
    user = request.user
    annee = request.GET.get("annee", "")
    # ASCII digits only: "²" is a digit for str.isdigit() but not for int().
    annee = int(annee) if annee.isascii() and annee.isdigit() else None
    contexte = {
        "titre": "Dossiers à instruire" if user.est_dgaln else "Candidatures",
        "peut_declarer": user.est_agent,
    }
    if user.est_dgaln:
        contexte["compteurs"] = Candidature.objects.visible_to(user).campagne(
            annee or timezone.localdate().year
        )
    return contexte


# The service's files for an agent; the inbox of deposited files for the DGALN.
liste = vue_de_liste(LISTE, "candidatures/liste.html", _sur_la_liste)


@login_required
def detail(request, pk):
    user = request.user
    # Its communes once: for its territory in words and for their list; and, with the row,
    # since when it is in its state (« Prochaine étape ») and its atelier's number.
    cand = get_object_or_404(
        Candidature.objects.visible_to(user)
        .select_related("service", "epci", "instructeur")
        .prefetch_related("communes")
        .annotate(dans_son_etat_depuis=_entree_dans_son_etat(), numero_atelier=F("atelier")),
        pk=pk,
    )
    est_dgaln = permissions.est_dgaln(user)
    evenements = Evenement.objects.pour(cand).visibles_par(user)
    depots = list(cand.depots.order_by("date", "id"))
    actions = CANDIDATURE.decisions(user, cand) | {"ecrire": permissions.peut_ecrire(user, cand)}
    lire_fil = permissions.peut_lire_fil(user, cand)
    lire_echanges = permissions.peut_lire_echanges(user, cand)
    fil_dgaln, echanges = _fils(cand, lire_fil, lire_echanges)
    decision_pdf = cand.statut in DECIDEES
    documents_depots, documents_decision = _documents(cand, depots, decision_pdf)
    complement = cand.demandes_complement.filter(levee_le__isnull=True).first()
    contexte = {
        "titre": cand.titre,
        "c": cand,
        "actions": actions,
        "retrait": permissions.retire_par_son_service(user, cand),
        "fiche_ouverte": cand.statut
        not in (StatutCandidature.INTENTION, StatutCandidature.OPPORTUNITE_DECLINEE),
        "rubriques_modifiables": permissions.rubriques_modifiables(user, cand),
        "rubriques": PAR_CODE,
        "communes": cand.communes.all(),
        "thematiques": cand.thematiques.all(),
        "programmes": cand.programmes_anct.all(),
        "acteurs": cand.acteurs.all(),
        "ressources": cand.ressources.all(),
        "pieces": cand.pieces.select_related("ajoutee_par"),
        "lire_fil": lire_fil,
        "messages_fil": fil_dgaln,
        "evenements": evenements,
        "depots": depots,
        "documents_depots": documents_depots,
        "documents_decision": documents_decision,
        "decision_pdf": decision_pdf,
        "complement": complement,
        # Reverse one-to-one read without importing the ateliers app (which sits above).
        # The atelier's number, read with the file (ateliers sits above: not imported).
        "atelier": {"pk": cand.numero_atelier}
        if cand.statut == StatutCandidature.ATTRIBUEE and cand.numero_atelier
        else None,
        "message_form": MessageForm() if actions["ecrire"] else None,
        "voir_contacts": not user.est_prestataire,
        **_avec_la_collectivite(user, cand, lire_echanges, echanges),
    }
    if est_dgaln:
        contexte["notes"] = cand.notes_internes.select_related("auteur")
        contexte["note_form"] = NoteForm()
        if depots and cand.statut in A_INSTRUIRE:
            # What changed since the previous deposit (or, while the service completes the
            # file, what it has changed so far).
            if cand.statut == StatutCandidature.COMPLEMENT_DEMANDE:
                contexte["changements"] = differences(depots[-1].instantane, instantane(cand))
                contexte["changements_titre"] = "Modifications en cours depuis le dernier dépôt"
            elif len(depots) > 1:
                contexte["changements"] = differences(depots[-2].instantane, depots[-1].instantane)
                contexte["changements_titre"] = "Ce qui a changé depuis le dépôt précédent"
    return render(request, "candidatures/detail.html", contexte)


def _entree_dans_son_etat():
    """The date of the file's latest event that brought it to its current state."""
    return Subquery(
        Evenement.objects.filter(
            content_type=type_de(Candidature),
            object_id=OuterRef("pk"),
            etat_apres=OuterRef("statut"),
        )
        .order_by("-date", "-id")
        .values("date")[:1]
    )


def _fils(cand, lire_fil, lire_echanges):
    """The messages of the file's two threads ``user`` reads (the service ⇄ DGALN one, the one
    with the collectivité), oldest first, in one query."""
    lus = [
        fil
        for fil, lu in ((Message.Fil.DGALN, lire_fil), (Message.Fil.COPORTEURS, lire_echanges))
        if lu
    ]
    messages = (
        list(cand.messages.filter(fil__in=lus).select_related("auteur__organisation"))
        if lus
        else []
    )
    return [m for m in messages if m.fil == Message.Fil.DGALN], [
        m for m in messages if m.fil == Message.Fil.COPORTEURS
    ]


def _documents(cand, depots, decision):
    """The PDF blocks' documents, in one query: each deposit's récapitulatif (``{deposit pk:
    its latest}``) and, once decided, the decision's (``{file pk: its latest}``)."""
    quels = Q()
    if depots:
        quels |= Q(
            genre=RECAPITULATIF, content_type=type_de(Depot), object_id__in=[d.pk for d in depots]
        )
    if decision:
        quels |= Q(genre=DECISION, content_type=type_de(Candidature), object_id=cand.pk)
    lus = {RECAPITULATIF: {}, DECISION: {}}
    if depots or decision:
        # Oldest first: each source keeps its latest (as ``documents.services.derniers``).
        for document in Document.objects.filter(quels).order_by("demande_le", "pk"):
            lus[document.genre][document.object_id] = document
    return lus[RECAPITULATIF], lus[DECISION]


def _avec_la_collectivite(user, cand, lire, echanges):
    """What the file's page shows of the collectivité: its people, the rubrics handed to it
    and who wrote each rubric, the thread with it (``echanges``, read if ``lire``)."""
    ecrire = permissions.peut_ecrire_echanges(user, cand) if lire else lire
    confier = permissions.peut_confier(user, cand)
    confiees = permissions.rubriques_confiees(cand)
    coporteur = permissions.est_coporteur(user, cand)
    return {
        "coporteurs": cand.coporteurs.select_related("organisation").prefetch_related(
            "organisation__membres", "organisation__invitations"
        ),
        "inviter_coporteur": permissions.peut_inviter_coporteur(user, cand),
        "est_coporteur": coporteur,
        "confiees": {r.code: r for r in permissions.CONFIABLES if r.code in confiees},
        "confier_form": ConfierRubriquesForm(initial={"rubriques": sorted(confiees)})
        if confier
        else None,
        "a_completer": [
            (r, permissions.peut_modifier(user, cand, r.code))
            for r in permissions.CONFIABLES
            if r.code in confiees
        ]
        if coporteur
        else [],
        "lettre": permissions.peut_ajouter_piece(user, cand, Piece.Type.LETTRE_COLLECTIVITE)
        if coporteur
        else None,
        "depot_par_le_service": coporteur and cand.statut in DEPOSABLES,
        "redactions": dernieres_redactions(cand),
        "lire_echanges": lire,
        "ecrire_echanges": ecrire,
        "echanges": echanges,
        "echange_form": EchangeForm() if ecrire else None,
    }


@login_required
def telecharger_piece(request, pk, piece_pk):
    cand = candidature_visible(request.user, pk)
    piece = get_object_or_404(Piece, pk=piece_pk, candidature=cand)
    return envoyer(piece.fichier, piece.nom_fichier)


@login_required
def telecharger_ressource(request, pk, ressource_pk):
    cand = candidature_visible(request.user, pk)
    ressource = get_object_or_404(RessourceDocumentaire, pk=ressource_pk, candidature=cand)
    return envoyer(ressource.fichier, ressource.nom_fichier)


@login_required
def telecharger_piece_jointe(request, pk, message_pk):
    """An attachment of either thread, for those who read that thread (404 for others)."""
    cand = candidature_visible(request.user, pk)
    message = get_object_or_404(Message, pk=message_pk, candidature=cand)
    lire = (
        permissions.peut_lire_echanges
        if message.fil == Message.Fil.COPORTEURS
        else permissions.peut_lire_fil
    )
    if not lire(request.user, cand):
        raise Http404("Pièce jointe introuvable")
    return envoyer(message.fichier, message.nom_fichier)
