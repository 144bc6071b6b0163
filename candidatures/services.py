"""Writes on a candidature that are not changes of state: the fiche, pièces, messages, notes.

Each function takes the acting user, checks the rule in ``permissions`` and writes in one
transaction. State changes are in ``transitions``.
"""

from django.db import transaction
from django.urls import reverse

from comptes.models import ROLES_DGALN
from journal.models import enregistrer
from notifications.services import notifier
from notifications.sujets import Sujet
from socle.decisions import exiger
from socle.fichiers import nom_original, supprimer_apres_validation, valider_fichier

from . import permissions
from .coporteurs import membres
from .fiche import PAR_CODE
from .models import Message, NoteInterne, Piece, Redaction
from .transitions import TransitionRefusee, agents_du_service, instructeurs
from .workflow import Journal


@transaction.atomic
def enregistrer_rubrique(acteur, candidature, rubrique, formulaires):
    """Save one section of the fiche from its (valid) forms and formsets, with its author
    (the file's page says who wrote each rubric; the collectivité's saves are journalled)."""
    exiger(permissions.peut_modifier(acteur, candidature, rubrique))
    for formulaire in formulaires:
        formulaire.save()
    Redaction.objects.create(candidature=candidature, rubrique=rubrique, auteur=acteur)
    if permissions.est_coporteur(acteur, candidature):
        enregistrer(
            candidature,
            acteur,
            Journal.RUBRIQUE_REDIGEE,
            f"Rubrique « {PAR_CODE[rubrique].titre} » rédigée par la collectivité",
        )
    candidature.refresh_from_db()
    candidature.mettre_a_jour_recherche()
    return candidature


@transaction.atomic
def ajouter_piece(acteur, candidature, type_piece, fichier):
    exiger(permissions.peut_ajouter_piece(acteur, candidature, type_piece))
    type_mime = valider_fichier(fichier)
    piece = Piece.objects.create(
        candidature=candidature,
        type=type_piece,
        fichier=fichier,
        nom_fichier=nom_original(fichier),
        type_mime=type_mime,
        taille=fichier.size,
        ajoutee_par=acteur,
    )
    if permissions.est_coporteur(acteur, candidature):
        enregistrer(
            candidature,
            acteur,
            Journal.PIECE_AJOUTEE,
            Journal.PIECE_AJOUTEE.label,
            commentaire=f"{piece.get_type_display()} : {piece.nom_fichier}",
        )
    return piece


@transaction.atomic
def supprimer_piece(acteur, piece):
    """Remove a pièce while the file is editable (a deposited file keeps it in its snapshot)."""
    exiger(permissions.peut_supprimer_piece(acteur, piece))
    candidature = piece.candidature
    if permissions.est_coporteur(acteur, candidature):
        enregistrer(
            candidature,
            acteur,
            Journal.PIECE_SUPPRIMEE,
            Journal.PIECE_SUPPRIMEE.label,
            commentaire=f"{piece.get_type_display()} : {piece.nom_fichier}",
        )
    piece.delete()
    supprimer_apres_validation(piece.fichier)


REGLES_DES_FILS = {
    Message.Fil.DGALN: permissions.peut_ecrire,
    Message.Fil.COPORTEURS: permissions.peut_ecrire_echanges,
}
ANCRES = {Message.Fil.DGALN: "#messages", Message.Fil.COPORTEURS: "#echanges-collectivite"}


def _destinataires(acteur, candidature, fil):
    """Everyone on the other sides of the thread: service ⇄ DGALN on the first; on the one with
    the collectivité, the service, the co-porteurs, and the DGALN once it has written there."""
    if fil == Message.Fil.DGALN:
        if permissions.est_du_service(acteur, candidature):
            return list(instructeurs(candidature))
        return list(agents_du_service(candidature))
    destinataires = [*agents_du_service(candidature), *membres(candidature)]
    dgaln_ecrit = candidature.messages.filter(fil=fil, auteur__role__in=ROLES_DGALN)
    if dgaln_ecrit.exists():
        destinataires += list(instructeurs(candidature))
    return destinataires


@transaction.atomic
def envoyer_message(acteur, candidature, texte, fichier=None, fil=Message.Fil.DGALN):
    """Write in one of the file's threads (``Message.Fil``), each with its own rule."""
    exiger(REGLES_DES_FILS[fil](acteur, candidature))
    if not (texte or "").strip():
        raise TransitionRefusee("Le message est vide.")
    message = Message(candidature=candidature, auteur=acteur, texte=texte.strip(), fil=fil)
    if fichier:
        valider_fichier(fichier)
        message.fichier = fichier
        message.nom_fichier = nom_original(fichier)
    message.save()
    if permissions.est_coporteur(acteur, candidature):
        enregistrer(
            candidature, acteur, Journal.MESSAGE_COPORTEURS, Journal.MESSAGE_COPORTEURS.label
        )
    notifier(
        _destinataires(acteur, candidature, fil),
        f"Nouveau message : {candidature.titre}",
        f"{acteur} ({acteur.organisation}) a écrit :\n\n{message.texte}",
        reverse("candidatures:detail", args=[candidature.pk]) + ANCRES[fil],
        auteur=acteur,
        evenement=Sujet.MESSAGE,
    )
    return message


@transaction.atomic
def ajouter_note(acteur, candidature, texte):
    exiger(permissions.peut_annoter(acteur, candidature))
    if not (texte or "").strip():
        raise TransitionRefusee("La note est vide.")
    note = NoteInterne.objects.create(candidature=candidature, auteur=acteur, texte=texte.strip())
    enregistrer(candidature, acteur, Journal.NOTE, Journal.NOTE.label, interne=True)
    return note
