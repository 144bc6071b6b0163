"""The livrable's workflow: its actions and its table of transitions.

    attendu ─> à valider ─> validé
                  │  ↑
                  ↓  │ (a new version)
               à reprendre

The service records the expected livrable (a creation); the titulaire uploads versions (every
version is kept, a pending one is superseded by the next); the service or the DGALN validates
the version waiting for an opinion or sends it back with a comment. A version's « avis » is the
same graph seen from the version (``AVIS``). Changing the due date and withdrawing a livrable
recorded by mistake are not changes of state: they are journal events (``Journal``), with
their rules in ``permissions``. ``transitions`` applies the table.
"""

from django.db import models
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from ateliers.workflow import parties_de_l_atelier
from comptes.permissions import est_dgaln
from notifications.sujets import Sujet
from socle.formats import date_longue
from workflow.moteur import Manque, Partie, Transition, Workflow
from workflow.registre import inscrire

from . import permissions
from .models import Livrable, StatutLivrable, Version

S = StatutLivrable


class Action(models.TextChoices):
    """The journal's codes for a livrable (the label is the journal's default wording)."""

    CREATION = "creation", "Livrable attendu"
    DEPOT = "depot", "Version déposée"
    VALIDATION = "validation", "Version validée"
    REPRISE = "reprise", "Version à reprendre"


class Journal(models.TextChoices):
    """The livrables' journal events that change no state."""

    MODIFICATION = "echeance", "Échéance du livrable modifiée"
    # Written on the atelier: the livrable itself is deleted.
    RETRAIT = "livrable_retire", "Livrable retiré"


# The opinion a version carries after each transition: the one deposited waits, the one that
# waited is validated or to be redone. A version still waiting when the next one comes is
# ``Version.Avis.REMPLACEE``.
AVIS = {
    Action.DEPOT: Version.Avis.EN_ATTENTE,
    Action.VALIDATION: Version.Avis.VALIDEE,
    Action.REPRISE: Version.Avis.A_REPRENDRE,
}


TITULAIRE, SERVICE = parties_de_l_atelier(lambda livrable: livrable.atelier)
DGALN = Partie(
    "dgaln",
    "la DGALN",
    est=lambda user, livrable: est_dgaln(user),
    du_compte=lambda user: user.est_dgaln,
    organisation=lambda livrable: "bureau AD1",
    personne=lambda livrable: livrable.atelier.candidature.instructeur,
)


def _numero_en_attente(livrable):
    """The number of the version waiting for an opinion (read with « À faire »'s list)."""
    if hasattr(livrable, "numero_en_attente"):
        return livrable.numero_en_attente
    return (
        livrable.versions.filter(avis=Version.Avis.EN_ATTENTE)
        .values_list("numero", flat=True)
        .first()
    )


def _valider(user, livrable):
    numero = _numero_en_attente(livrable)
    return f"Valider la version {numero}" if numero else "Valider la version"


def _manquants_du_depot(livrable):
    """What the titulaire still owes: a first version by its due date, or a new one that
    answers the send-back."""
    ouvert = permissions.atelier_ouvert(livrable)
    if not ouvert:
        return [Manque(ouvert.raison)]
    if livrable.statut == S.DEPOSE:
        return []  # a version waits for its opinion: nothing is missing from the titulaire
    if livrable.statut == S.A_REPRENDRE:
        renvoyee = livrable.versions.filter(avis=Version.Avis.A_REPRENDRE).first()
        if renvoyee and renvoyee.commentaire and renvoyee.avis_le:
            return [
                Manque(
                    "une nouvelle version qui tienne compte de la demande de reprise du "
                    f"{date_longue(timezone.localdate(renvoyee.avis_le))} : "
                    f"« {renvoyee.commentaire} »"
                )
            ]
        return [Manque("une nouvelle version du livrable")]
    retard = " (l'échéance est passée)" if livrable.est_en_retard() else ""
    return [
        Manque(f"une version du livrable, attendue le {date_longue(livrable.echeance)}{retard}")
    ]


def _action(slug):
    return ("livrables:action", slug)


LIVRABLE = inscrire(
    Workflow(
        "livrable",
        Livrable,
        StatutLivrable,
        Action,
        [
            Transition(
                Action.CREATION,
                (),
                S.ATTENDU,
                (SERVICE,),
                "Le service pilote inscrit les livrables convenus avec le titulaire.",
                "Ajouter un livrable attendu",
                ("livrables:ajouter", ""),
                sujet=Sujet.LIVRABLE_ATTENDU,
            ),
            Transition(
                Action.DEPOT,
                (S.ATTENDU, S.DEPOSE, S.A_REPRENDRE),
                S.DEPOSE,
                (TITULAIRE,),
                "Seul le titulaire de l'atelier dépose ses livrables.",
                "Déposer une version",
                _action("deposer"),
                sujet=Sujet.LIVRABLE_DEPOSE,
                condition=permissions.atelier_ouvert,
                manquants=_manquants_du_depot,
                # A version waiting for an opinion may be replaced, but the way forward is
                # then the service's opinion.
                principale=(S.ATTENDU, S.A_REPRENDRE),
            ),
            Transition(
                Action.VALIDATION,
                (S.DEPOSE,),
                S.VALIDE,
                (SERVICE, DGALN),
                "Le service pilote et la DGALN valident les livrables.",
                "Valider la version",
                _action("valider"),
                sujet=Sujet.LIVRABLE_VALIDE,
                condition=permissions.version_lisible,
                bouton_selon=_valider,
            ),
            Transition(
                Action.REPRISE,
                (S.DEPOSE,),
                S.A_REPRENDRE,
                (SERVICE, DGALN),
                "Le service pilote et la DGALN valident les livrables.",
                "Demander une reprise",
                _action("reprendre"),
                sujet=Sujet.LIVRABLE_RENVOYE,
                condition=permissions.version_lisible,
                principale=False,
            ),
        ],
        nommer=lambda livrable: f"Le livrable « {livrable.nom} »",
        lien=lambda livrable: reverse("livrables:detail", args=[livrable.pk]),
        intituler=lambda livrable: f"{livrable.nom} — {livrable.atelier.candidature.titre}",
        preparer=lambda livrables: livrables.select_related(
            "atelier__candidature__instructeur", "atelier__titulaire", "atelier__service_pilote"
        ).annotate(
            numero_en_attente=Max(
                "versions__numero", filter=Q(versions__avis=Version.Avis.EN_ATTENTE)
            )
        ),
        fins={S.VALIDE: "Le livrable est validé : il ne reçoit plus de nouvelle version."},
    )
)
