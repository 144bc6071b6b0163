"""Writes on a candidature that are not changes of state: the fiche, pièces, messages, notes.

Each function takes the acting user, checks the rule in ``permissions`` and writes in one
transaction. State changes are in ``transitions``.
"""

from django.db import transaction
from django.urls import reverse

from journal.models import enregistrer
from notifications.services import notifier
from notifications.sujets import Sujet
from socle.decisions import exiger
from socle.fichiers import nom_original, supprimer_apres_validation, valider_fichier

from . import permissions
from .fiche import PIECES
from .models import Message, NoteInterne, Piece
from .transitions import TransitionRefusee, agents_du_service, instructeurs
from .workflow import Journal


@transaction.atomic
def enregistrer_rubrique(acteur, candidature, rubrique, formulaires):
    """Save one section of the fiche from its (valid) forms and formsets."""
    exiger(permissions.peut_modifier(acteur, candidature, rubrique))
    for formulaire in formulaires:
        formulaire.save()
    candidature.refresh_from_db()
    candidature.mettre_a_jour_recherche()
    return candidature


@transaction.atomic
def ajouter_piece(acteur, candidature, type_piece, fichier):
    exiger(permissions.peut_modifier(acteur, candidature, PIECES.code))
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
    return piece


@transaction.atomic
def supprimer_piece(acteur, piece):
    """Remove a pièce while the file is editable (a deposited file keeps it in its snapshot)."""
    exiger(permissions.peut_modifier(acteur, piece.candidature, PIECES.code))
    piece.delete()
    supprimer_apres_validation(piece.fichier)


@transaction.atomic
def envoyer_message(acteur, candidature, texte, fichier=None):
    exiger(permissions.peut_ecrire(acteur, candidature))
    if not (texte or "").strip():
        raise TransitionRefusee("Le message est vide.")
    message = Message(candidature=candidature, auteur=acteur, texte=texte.strip())
    if fichier:
        valider_fichier(fichier)
        message.fichier = fichier
        message.nom_fichier = nom_original(fichier)
    message.save()
    if permissions.est_du_service(acteur, candidature):
        destinataires = instructeurs(candidature)
    else:
        destinataires = agents_du_service(candidature)
    notifier(
        destinataires,
        f"Nouveau message : {candidature.titre}",
        f"{acteur} ({acteur.organisation}) a écrit :\n\n{message.texte}",
        reverse("candidatures:detail", args=[candidature.pk]) + "#messages",
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
