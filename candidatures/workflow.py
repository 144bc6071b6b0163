"""The candidature's workflow: its actions and its table of transitions.

The diagram generated from this table is in ``docs/workflows.md``; ``transitions`` applies it.
"""

from django.db import models
from django.urls import reverse

from comptes.permissions import est_dgaln
from notifications.sujets import Sujet
from workflow.moteur import Manque, Partie, Transition, Workflow
from workflow.registre import inscrire

from .fiche import elements_manquants
from .models import Candidature, StatutCandidature
from .permissions import est_du_service

S = StatutCandidature


class Action(models.TextChoices):
    """The journal's codes for a candidature (the label is the journal's default wording)."""

    INTENTION = "intention", "Intention de candidature déclarée"
    OPPORTUNITE_CONFIRMEE = "opportunite_confirmee", "Opportunité confirmée"
    OPPORTUNITE_DECLINEE = "opportunite_declinee", "Opportunité déclinée"
    DEPOT = "depot", "Dossier déposé"
    PRISE_EN_CHARGE = "prise_en_charge", "Dossier pris en charge"
    COMPLEMENT_DEMANDE = "complement_demande", "Complément demandé"
    ELIGIBLE = "eligible", "Dossier éligible"
    NON_ELIGIBLE = "non_eligible", "Dossier non éligible"
    SANS_SUITE = "sans_suite", "Dossier classé sans suite"
    ATTRIBUTION = "attribution", "Atelier attribué"


class Journal(models.TextChoices):
    """The journal's other codes for a candidature: events that change no state."""

    NOTE = "note", "Note interne ajoutée"
    COPORTEUR = "coporteur", "Collectivité invitée comme co-porteur"
    RUBRIQUE_CONFIEE = "rubrique_confiee", "Rubrique confiée à la collectivité"
    RUBRIQUE_REPRISE = "rubrique_reprise", "Rubrique reprise par le service"
    RUBRIQUE_REDIGEE = "rubrique_redigee", "Rubrique rédigée par la collectivité"
    PIECE_AJOUTEE = "piece_ajoutee", "Pièce déposée par la collectivité"
    PIECE_SUPPRIMEE = "piece_supprimee", "Pièce supprimée par la collectivité"
    MESSAGE_COPORTEURS = "message_coporteurs", "Message de la collectivité"


SERVICE = Partie(
    "service",
    "le service déconcentré",
    est=est_du_service,
    du_compte=lambda user: user.est_agent,
    organisation=lambda cand: cand.service,
)
DGALN = Partie(
    "dgaln",
    "la DGALN",
    est=lambda user, cand: est_dgaln(user),
    du_compte=lambda user: user.est_dgaln,
    organisation=lambda cand: "bureau AD1",
    personne=lambda cand: cand.instructeur,
)

OUVERTS = (S.INTENTION, S.BROUILLON, S.DEPOSEE, S.EN_INSTRUCTION, S.COMPLEMENT_DEMANDE)
A_INSTRUIRE = (S.DEPOSEE, S.EN_INSTRUCTION, S.COMPLEMENT_DEMANDE)


def _manquants_au_depot(cand):
    return [
        Manque(
            message,
            reverse("candidatures:rubrique", args=[cand.pk, rubrique.code]),
            f"compléter « {rubrique.titre} »",
        )
        for rubrique, message in elements_manquants(cand)
    ]


def _action(slug):
    return ("candidatures:action", slug)


CANDIDATURE = inscrire(
    Workflow(
        "candidature",
        Candidature,
        StatutCandidature,
        Action,
        [
            Transition(
                Action.INTENTION,
                (),
                S.INTENTION,
                (SERVICE,),
                "Seuls les agents d'un service déconcentré déclarent une intention.",
                "Déclarer une intention de candidature",
                ("candidatures:intention", ""),
                sujet=Sujet.INTENTION,
            ),
            Transition(
                Action.OPPORTUNITE_CONFIRMEE,
                (S.INTENTION,),
                S.BROUILLON,
                (DGALN,),
                "Seule la DGALN confirme ou décline l'opportunité d'une candidature.",
                "Confirmer l'opportunité",
                _action("confirmer-opportunite"),
                sujet=Sujet.OPPORTUNITE,
            ),
            Transition(
                Action.OPPORTUNITE_DECLINEE,
                (S.INTENTION,),
                S.OPPORTUNITE_DECLINEE,
                (DGALN,),
                "Seule la DGALN confirme ou décline l'opportunité d'une candidature.",
                "Décliner l'opportunité",
                _action("decliner-opportunite"),
                sujet=Sujet.OPPORTUNITE,
                principale=False,
            ),
            Transition(
                Action.DEPOT,
                (S.BROUILLON, S.COMPLEMENT_DEMANDE),
                {S.BROUILLON: S.DEPOSEE, S.COMPLEMENT_DEMANDE: S.EN_INSTRUCTION},
                (SERVICE,),
                "Seuls les agents du service qui porte le dossier peuvent le déposer.",
                "Déposer le dossier",
                ("candidatures:deposer", ""),
                sujet=Sujet.DEPOT,
                document="recapitulatif_candidature",
                manquants=_manquants_au_depot,
            ),
            Transition(
                Action.PRISE_EN_CHARGE,
                A_INSTRUIRE,
                {S.DEPOSEE: S.EN_INSTRUCTION},
                (DGALN,),
                "Seule la DGALN instruit les dossiers.",
                "Prendre en charge",
                _action("prendre-en-charge"),
                sujet=Sujet.INSTRUCTION,
                principale=(S.DEPOSEE,),
                bouton_selon=lambda user, cand: (
                    "Confier à un collègue" if cand.instructeur_id else "Prendre en charge"
                ),
            ),
            Transition(
                Action.COMPLEMENT_DEMANDE,
                (S.DEPOSEE, S.EN_INSTRUCTION),
                S.COMPLEMENT_DEMANDE,
                (DGALN,),
                "Seule la DGALN peut demander un complément.",
                "Demander un complément",
                _action("demander-complement"),
                sujet=Sujet.COMPLEMENT,
                principale=False,
            ),
            Transition(
                Action.ELIGIBLE,
                (S.EN_INSTRUCTION,),
                S.ELIGIBLE,
                (DGALN,),
                "Seule la DGALN se prononce sur l'éligibilité.",
                "Déclarer éligible",
                _action("eligible"),
                sujet=Sujet.DECISION,
                document="decision_eligibilite",
            ),
            Transition(
                Action.NON_ELIGIBLE,
                (S.EN_INSTRUCTION,),
                S.NON_ELIGIBLE,
                (DGALN,),
                "Seule la DGALN se prononce sur l'éligibilité.",
                "Déclarer non éligible",
                _action("non-eligible"),
                sujet=Sujet.DECISION,
                document="decision_eligibilite",
                principale=False,
            ),
            Transition(
                Action.ATTRIBUTION,
                (S.ELIGIBLE,),
                S.ATTRIBUEE,
                (DGALN,),
                "Seule la DGALN attribue les ateliers aux titulaires.",
                "Attribuer par le tourniquet",
                ("ateliers:attribuer", ""),
                sujet=Sujet.ATTRIBUTION,
            ),
            Transition(
                Action.SANS_SUITE,
                OUVERTS,
                S.SANS_SUITE,
                (DGALN, SERVICE),
                "Seuls la DGALN et le service qui porte le dossier peuvent le classer.",
                "Classer sans suite",
                _action("sans-suite"),
                sujet=Sujet.DECISION,
                principale=False,
                bouton_selon=lambda user, cand: (
                    "Retirer le dossier" if est_du_service(user, cand) else "Classer sans suite"
                ),
            ),
        ],
        nommer=lambda cand: "Le dossier",
        lien=lambda cand: reverse("candidatures:detail", args=[cand.pk]),
        intituler=lambda cand: f"{cand.titre} ({cand.service})",
        preparer=lambda candidatures: candidatures.select_related("service", "instructeur"),
        # When the file entered its state: the journal's date, when a page read it with the
        # file (``candidatures.views.detail``); else « Prochaine étape » asks the journal.
        depuis=lambda cand: getattr(cand, "dans_son_etat_depuis", None),
        fins={
            S.OPPORTUNITE_DECLINEE: "La DGALN a décliné l'opportunité : le dossier s'arrête là.",
            S.NON_ELIGIBLE: "Le dossier n'est pas éligible : il s'arrête là.",
            S.SANS_SUITE: "Le dossier est classé sans suite : il s'arrête là.",
            S.ATTRIBUEE: "L'atelier est attribué : la suite se lit sur la page de l'atelier.",
        },
    )
)
