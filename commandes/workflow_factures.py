"""The invoice's workflow: its actions and its table of transitions.

    (enregistrée) reçue ─> acceptée ─> mise en paiement
                     └──> rejetée (with a reason; the corrected invoice replaces it)

The titulaire records its invoices (or the pilot service on its behalf); the service accepts,
rejects and puts them into payment. Each step is journalled on the bon's timeline and remakes
the bon's PDF, whose table of invoices it changes. The transitions are applied in
``commandes.factures``; the diagram is in ``docs/workflows.md``.
"""

from django.db import models
from django.urls import reverse

from ateliers.workflow import parties_de_l_atelier
from notifications.sujets import Sujet
from workflow.moteur import Transition, Workflow
from workflow.registre import inscrire

from . import paiement
from .modeles_factures import Facture, StatutFacture
from .permissions import seul_le_service
from .workflow import PDF

S = StatutFacture


class ActionFacture(models.TextChoices):
    """The journal's codes for an invoice (the label is the journal's default wording)."""

    ENREGISTREMENT = "facture_enregistree", "Facture enregistrée"
    ACCEPTATION = "facture_acceptee", "Facture acceptée"
    REJET = "facture_rejetee", "Facture rejetée"
    MISE_EN_PAIEMENT = "facture_payee", "Facture mise en paiement"


TITULAIRE, SERVICE = parties_de_l_atelier(lambda facture: facture.bon.atelier)

REFUS_ENREGISTREMENT = (
    "Seuls le titulaire de l'atelier et son service pilote enregistrent les factures du bon."
)


def alerte_de_retard(facture):
    """« À faire »'s warning on an invoice that waits on the service past its deadline."""
    jours = paiement.en_retard_depuis(facture)
    if not jours:
        return ""
    return f"En retard de paiement depuis {jours} jour{'s' if jours > 1 else ''}"


def _action(slug):
    return ("commandes:action_facture", slug)


FACTURE = inscrire(
    Workflow(
        "facture",
        Facture,
        StatutFacture,
        ActionFacture,
        [
            Transition(
                ActionFacture.ENREGISTREMENT,
                (),
                S.RECUE,
                (TITULAIRE, SERVICE),
                REFUS_ENREGISTREMENT,
                "Enregistrer une facture",
                ("commandes:enregistrer_facture", ""),
                sujet=Sujet.FACTURE,
                document=PDF,  # the bon's, with its table of invoices
            ),
            Transition(
                ActionFacture.ACCEPTATION,
                (S.RECUE,),
                S.ACCEPTEE,
                (SERVICE,),
                seul_le_service("accepte les factures de ses bons"),
                "Accepter la facture",
                _action("accepter"),
                sujet=Sujet.FACTURE,
                document=PDF,
            ),
            Transition(
                ActionFacture.REJET,
                (S.RECUE,),
                S.REJETEE,
                (SERVICE,),
                seul_le_service("rejette les factures de ses bons"),
                "Rejeter la facture",
                _action("rejeter"),
                sujet=Sujet.FACTURE,
                document=PDF,
                principale=False,
            ),
            Transition(
                ActionFacture.MISE_EN_PAIEMENT,
                (S.ACCEPTEE,),
                S.PAYEE,
                (SERVICE,),
                seul_le_service("met en paiement les factures de ses bons"),
                "Indiquer la mise en paiement",
                _action("payer"),
                sujet=Sujet.FACTURE,
                document=PDF,
            ),
        ],
        nommer=lambda facture: f"La facture {facture.numero}",
        lien=lambda facture: reverse("commandes:facture", args=[facture.pk]),
        intituler=lambda f: (
            f"Facture {f.numero} — bon {f.bon.numero} — {f.bon.atelier.candidature.titre}"
        ),
        preparer=lambda factures: factures.select_related("bon__atelier__candidature"),
        journal_sur="bon",
        alerte=alerte_de_retard,
        fins={
            S.REJETEE: "La facture est rejetée : le délai de paiement est suspendu jusqu'à la "
            "facture rectificative du titulaire, qui la remplace.",
            S.PAYEE: "La facture est mise en paiement.",
        },
    )
)
