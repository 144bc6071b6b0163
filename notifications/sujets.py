"""The kinds of events the portal notifies, and how each is delivered by default.

Every call to ``notifications.services.notifier`` names one of these kinds; each person chooses,
per kind, to be told by e-mail at once, in a daily digest, or only in the portal.
"""

from django.db import models

from comptes.models import Role


class Sujet(models.TextChoices):
    INTENTION = "intention", "Nouvelle intention de candidature"
    OPPORTUNITE = "opportunite", "Réponse de la DGALN sur l'opportunité"
    DEPOT = "depot", "Nouveau dépôt de dossier"
    INSTRUCTION = "instruction", "Dossier confié pour instruction"
    COMPLEMENT = "complement", "Complément demandé"
    DECISION = "decision", "Décision, retrait ou classement d'un dossier"
    MESSAGE = "message", "Nouveau message"
    ATTRIBUTION = "attribution", "Atelier attribué"
    TOURNIQUET = "tourniquet", "Ordre du tourniquet modifié, titulaire écarté ou réintégré"
    ATELIER = "atelier", "Suivi de l'atelier (dates, programme, phases, clôture)"
    COMMANDE = "commande", "Bon de commande notifié, service fait ou annulé"
    FACTURE = "facture", "Facture enregistrée, acceptée, rejetée ou mise en paiement"
    LIVRABLE_ATTENDU = "livrable_attendu", "Livrable demandé ou échéance modifiée"
    LIVRABLE_DEPOSE = "livrable_depose", "Livrable déposé, à valider"
    LIVRABLE_VALIDE = "livrable_valide", "Livrable validé"
    LIVRABLE_RENVOYE = "livrable_renvoye", "Livrable renvoyé pour reprise"
    COPORTEUR = "coporteur", "Collectivité ajoutée aux co-porteurs d'un dossier"
    BILAN = "bilan", "Bilan de l'atelier à remplir"
    SUITES = "suites", "Suites de l'atelier à renseigner (6 et 12 mois après)"
    DOCUMENT_PRET = "document_pret", "Document PDF prêt"
    EXPORT_PRET = "export_pret", "Export prêt"


class Mode(models.TextChoices):
    IMMEDIAT = "immediat", "E-mail immédiat"
    QUOTIDIEN = "quotidien", "Récapitulatif quotidien"
    PORTAIL = "portail", "Portail seulement"


# What a person gets before choosing: an e-mail at once, except for PDF documents, which the
# page that asked for them already shows, and prepared exports, listed under "Mes exports".
MODE_PAR_DEFAUT = dict.fromkeys(Sujet, Mode.IMMEDIAT) | {
    Sujet.DOCUMENT_PRET: Mode.PORTAIL,
    Sujet.EXPORT_PRET: Mode.PORTAIL,
}

_DGALN = (Role.INSTRUCTEUR, Role.ADMINISTRATEUR)
_TOUS = (Role.AGENT, *_DGALN, Role.PRESTATAIRE)
_C = Role.COLLECTIVITE

# Who receives each kind: the preferences page shows a person only the kinds of their role.
DESTINATAIRES = {
    Sujet.INTENTION: _DGALN,
    Sujet.OPPORTUNITE: (Role.AGENT,),
    Sujet.DEPOT: (*_DGALN, _C),
    Sujet.INSTRUCTION: _DGALN,
    Sujet.COMPLEMENT: (Role.AGENT, _C),
    Sujet.DECISION: (Role.AGENT, *_DGALN, _C),
    Sujet.MESSAGE: (*_TOUS, _C),
    Sujet.ATTRIBUTION: (Role.AGENT, Role.PRESTATAIRE, _C),
    Sujet.TOURNIQUET: (*_DGALN, Role.PRESTATAIRE),
    Sujet.ATELIER: (*_TOUS, _C),
    Sujet.COMMANDE: (Role.PRESTATAIRE,),
    Sujet.FACTURE: (Role.AGENT, Role.PRESTATAIRE),
    Sujet.LIVRABLE_ATTENDU: (Role.PRESTATAIRE,),
    Sujet.LIVRABLE_DEPOSE: (Role.AGENT,),
    Sujet.LIVRABLE_VALIDE: (*_TOUS, _C),
    Sujet.COPORTEUR: (Role.AGENT, _C),
    Sujet.BILAN: (Role.AGENT, _C),
    Sujet.SUITES: (Role.AGENT, _C),
    Sujet.LIVRABLE_RENVOYE: (Role.PRESTATAIRE,),
    Sujet.DOCUMENT_PRET: _TOUS,
    # Everyone who sees a list may export it.
    Sujet.EXPORT_PRET: _TOUS,
}


def evenements_du_role(role):
    return [e for e in Sujet if role in DESTINATAIRES[e]]
