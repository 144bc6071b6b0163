"""Reading candidatures: the lists, the file's page, and its files (permission-checked)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from documents import services as documents
from exports.pages import vue_de_liste
from journal.models import Evenement
from socle.fichiers import envoyer

from . import permissions
from .coporteurs import dernieres_redactions
from .exports import LISTE
from .fiche import PAR_CODE, differences, instantane
from .forms import MessageForm, NoteForm
from .forms_coporteurs import ConfierRubriquesForm, EchangeForm
from .models import Candidature, Message, Piece, RessourceDocumentaire, StatutCandidature
from .pdf import DECIDEES
from .workflow import A_INSTRUIRE, CANDIDATURE, Action

# The states from which the file is deposited (by its service, never by the collectivité).
DEPOSABLES = CANDIDATURE[Action.DEPOT].depuis

PAR_PAGE = 25


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
    cand = get_object_or_404(
        Candidature.objects.visible_to(user).select_related(
            "service", "epci", "instructeur", "cree_par"
        ),
        pk=pk,
    )
    est_dgaln = permissions.est_dgaln(user)
    evenements = Evenement.objects.pour(cand).visibles_par(user)
    depots = list(cand.depots.order_by("date", "id"))
    actions = CANDIDATURE.decisions(user, cand) | {"ecrire": permissions.peut_ecrire(user, cand)}
    lire_fil = permissions.peut_lire_fil(user, cand)
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
        "communes": cand.communes.select_related("departement"),
        "thematiques": cand.thematiques.all(),
        "programmes": cand.programmes_anct.all(),
        "acteurs": cand.acteurs.all(),
        "ressources": cand.ressources.all(),
        "pieces": cand.pieces.select_related("ajoutee_par"),
        "lire_fil": lire_fil,
        "messages_fil": cand.messages.filter(fil=Message.Fil.DGALN).select_related(
            "auteur__organisation"
        )
        if lire_fil
        else [],
        "evenements": evenements,
        "depots": depots,
        "documents_depots": documents.derniers("recapitulatif_candidature", depots),
        "decision_pdf": cand.statut in DECIDEES,
        "complement": complement,
        # Reverse one-to-one read without importing the ateliers app (which sits above).
        "atelier": getattr(cand, "atelier", None)
        if cand.statut == StatutCandidature.ATTRIBUEE
        else None,
        "message_form": MessageForm() if actions["ecrire"] else None,
        "voir_contacts": not user.est_prestataire,
        **_avec_la_collectivite(user, cand),
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


def _avec_la_collectivite(user, cand):
    """What the file's page shows of the collectivité: its people, the rubrics handed to it
    and who wrote each rubric, the thread with it."""
    lire = permissions.peut_lire_echanges(user, cand)
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
        "echanges": cand.messages.filter(fil=Message.Fil.COPORTEURS).select_related(
            "auteur__organisation"
        )
        if lire
        else [],
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
