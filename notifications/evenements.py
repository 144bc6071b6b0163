"""The kinds of events the portal notifies, and how each is delivered by default.

Every call to ``notifications.services.notifier`` names one of these kinds; each person chooses,
per kind, to be told by e-mail at once, in a daily digest, or only in the portal.
"""

from django.db import models

from comptes.models import Role


class Evenement(models.TextChoices):
    INTENTION = "intention", "Nouvelle intention de candidature"
    OPPORTUNITE = "opportunite", "Réponse de la DGALN sur l'opportunité"
    DEPOT = "depot", "Nouveau dépôt de dossier"
    INSTRUCTION = "instruction", "Dossier confié pour instruction"
    COMPLEMENT = "complement", "Complément demandé"
    DECISION = "decision", "Décision, retrait ou classement d'un dossier"
    MESSAGE = "message", "Nouveau message"
    ATTRIBUTION = "attribution", "Atelier attribué"
    ATELIER = "atelier", "Suivi de l'atelier (dates, programme, phases, clôture)"
    COMMANDE = "commande", "Bon de commande notifié, service fait ou annulé"
    LIVRABLE_ATTENDU = "livrable_attendu", "Livrable demandé ou échéance modifiée"
    LIVRABLE_DEPOSE = "livrable_depose", "Livrable déposé, à valider"
    LIVRABLE_VALIDE = "livrable_valide", "Livrable validé"
    LIVRABLE_RENVOYE = "livrable_renvoye", "Livrable renvoyé pour reprise"
    DOCUMENT_PRET = "document_pret", "Document PDF prêt"
    EXPORT_PRET = "export_pret", "Export prêt"


class Mode(models.TextChoices):
    IMMEDIAT = "immediat", "E-mail immédiat"
    QUOTIDIEN = "quotidien", "Récapitulatif quotidien"
    PORTAIL = "portail", "Portail seulement"


# What a person gets before choosing: an e-mail at once, except for PDF documents, which the
# page that asked for them already shows, and prepared exports, listed under "Mes exports".
MODE_PAR_DEFAUT = dict.fromkeys(Evenement, Mode.IMMEDIAT) | {
    Evenement.DOCUMENT_PRET: Mode.PORTAIL,
    Evenement.EXPORT_PRET: Mode.PORTAIL,
}

_DGALN = (Role.INSTRUCTEUR, Role.ADMINISTRATEUR)
_TOUS = (Role.AGENT, *_DGALN, Role.PRESTATAIRE)

# Who receives each kind: the preferences page shows a person only the kinds of their role.
DESTINATAIRES = {
    Evenement.INTENTION: _DGALN,
    Evenement.OPPORTUNITE: (Role.AGENT,),
    Evenement.DEPOT: _DGALN,
    Evenement.INSTRUCTION: _DGALN,
    Evenement.COMPLEMENT: (Role.AGENT,),
    Evenement.DECISION: (Role.AGENT, *_DGALN),
    Evenement.MESSAGE: _TOUS,
    Evenement.ATTRIBUTION: (Role.AGENT, Role.PRESTATAIRE),
    Evenement.ATELIER: _TOUS,
    Evenement.COMMANDE: (Role.PRESTATAIRE,),
    Evenement.LIVRABLE_ATTENDU: (Role.PRESTATAIRE,),
    Evenement.LIVRABLE_DEPOSE: (Role.AGENT,),
    Evenement.LIVRABLE_VALIDE: _TOUS,
    Evenement.LIVRABLE_RENVOYE: (Role.PRESTATAIRE,),
    Evenement.DOCUMENT_PRET: _TOUS,
    # Everyone who sees a list may export it.
    Evenement.EXPORT_PRET: _TOUS,
}


def evenements_du_role(role):
    return [e for e in Evenement if role in DESTINATAIRES[e]]
