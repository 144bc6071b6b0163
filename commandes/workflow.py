"""The bon de commande's workflow: its actions and its table of transitions.

    brouillon ─> émis ─> notifié ─> exécuté (service fait)
        └──────────┴───────┴─────> annulé (with a reason)

The pilot service of the atelier takes every step; the titulaire and the DGALN read the bon.
``transitions`` applies the table; the diagram generated from it is in ``docs/workflows.md``.
"""

from django.db import models
from django.urls import reverse

from ateliers.workflow import parties_de_l_atelier
from marches.models import AccordCadre
from notifications.sujets import Sujet
from socle.decisions import OUI, non
from workflow.moteur import Manque, Transition, Workflow
from workflow.registre import inscrire

from .models import BonDeCommande, StatutBon
from .permissions import REFUS_CREATION, seul_le_service

S = StatutBon
PDF = "bon_de_commande"  # commandes.pdf.BON_DE_COMMANDE


class Action(models.TextChoices):
    """The journal's codes for a bon (the label is the journal's default wording)."""

    CREATION = "creation", "Bon de commande préparé"
    MODIFICATION = "modification", "Brouillon du bon de commande modifié"
    EMISSION = "emission", "Bon de commande émis"
    NOTIFICATION = "notification", "Bon de commande notifié au titulaire"
    SERVICE_FAIT = "service_fait", "Service fait attesté"
    ANNULATION = "annulation", "Bon de commande annulé"


_, SERVICE = parties_de_l_atelier(lambda bon: bon.atelier)


# What the titulaire's invoice must carry, asked for before the bon is emitted.
REFERENCES_CHORUS = (
    ("engagement_juridique", "le numéro d'engagement juridique (Chorus)"),
    ("code_service", "le code service (Chorus Pro)"),
)


def _manquants_a_l_emission(bon):
    lien = reverse("commandes:modifier", args=[bon.pk])
    manquants = [
        Manque(f"{quoi}, que la facture du titulaire devra porter", lien, "modifier le brouillon")
        for champ, quoi in REFERENCES_CHORUS
        if not getattr(bon, champ)
    ]
    if not bon.fin_execution:
        manquants.append(
            Manque("la fin de la période d'exécution du bon", lien, "modifier le brouillon")
        )
    accord = bon.atelier.accord_cadre
    if accord.statut != AccordCadre.Statut.EN_VIGUEUR:
        manquants.append(
            Manque(
                f"un accord-cadre en vigueur : l'accord-cadre {accord.reference} est "
                f"« {accord.get_statut_display().lower()} »"
            )
        )
    return manquants


def _emission_possible(bon):
    """The Chorus references and the period of execution are filled in and the accord-cadre
    is in force (its maximum is checked by the emission itself, with the accord-cadre's row
    locked)."""
    for champ, quoi in REFERENCES_CHORUS:
        if not getattr(bon, champ):
            return non(
                f"Indiquez {quoi} avant d'émettre le bon : la facture du titulaire devra le porter."
            )
    if not bon.fin_execution:
        return non("Indiquez la fin de la période d'exécution avant d'émettre le bon.")
    accord = bon.atelier.accord_cadre
    if accord.statut != AccordCadre.Statut.EN_VIGUEUR:
        return non(
            f"L'accord-cadre {accord.reference} n'est pas en vigueur "
            f"(« {accord.get_statut_display()} ») : aucun bon ne peut être émis sur lui."
        )
    return OUI


def _action(slug):
    return ("commandes:action", slug)


BON = inscrire(
    Workflow(
        "bon",
        BonDeCommande,
        StatutBon,
        Action,
        [
            Transition(
                Action.CREATION,
                (),
                S.BROUILLON,
                (SERVICE,),
                REFUS_CREATION,
                "Préparer un bon de commande",
                ("commandes:creer", ""),
                silence="Un brouillon ne regarde que le service pilote.",
            ),
            Transition(
                Action.MODIFICATION,
                (S.BROUILLON,),
                None,
                (SERVICE,),
                seul_le_service("modifie ses bons de commande"),
                "Modifier le brouillon",
                ("commandes:modifier", ""),
                silence="Un brouillon ne regarde que le service pilote.",
                principale=False,
            ),
            Transition(
                Action.EMISSION,
                (S.BROUILLON,),
                S.EMIS,
                (SERVICE,),
                seul_le_service("émet ses bons de commande"),
                "Émettre le bon",
                _action("emettre"),
                silence="Le titulaire est prévenu quand le bon lui est notifié.",
                document=PDF,
                condition=_emission_possible,
                manquants=_manquants_a_l_emission,
            ),
            Transition(
                Action.NOTIFICATION,
                (S.EMIS,),
                S.NOTIFIE,
                (SERVICE,),
                seul_le_service("notifie ses bons de commande"),
                "Notifier au titulaire",
                _action("notifier"),
                sujet=Sujet.COMMANDE,
                document=PDF,
            ),
            Transition(
                Action.SERVICE_FAIT,
                (S.NOTIFIE,),
                S.EXECUTE,
                (SERVICE,),
                seul_le_service("atteste le service fait"),
                "Attester le service fait",
                _action("service-fait"),
                sujet=Sujet.COMMANDE,
                document=PDF,
            ),
            Transition(
                Action.ANNULATION,
                (S.BROUILLON, S.EMIS, S.NOTIFIE),
                S.ANNULE,
                (SERVICE,),
                seul_le_service("annule ses bons de commande"),
                "Annuler le bon",
                _action("annuler"),
                sujet=Sujet.COMMANDE,  # the titulaire, once the bon was emitted
                document=PDF,
                principale=False,
            ),
        ],
        nommer=lambda bon: f"Le bon {bon.numero}",
        lien=lambda bon: reverse("commandes:detail", args=[bon.pk]),
        intituler=lambda bon: f"Bon {bon.numero} — {bon.atelier.candidature.titre}",
        preparer=lambda bons: bons.select_related("atelier__candidature"),
        fins={
            S.EXECUTE: "Le service fait est attesté : le titulaire peut déposer sa facture sur "
            "Chorus Pro.",
            S.ANNULE: "Le bon est annulé : il ne compte plus dans les deux bons de l'atelier ni "
            "dans les commandes de l'accord-cadre.",
        },
    )
)


# The invoices' table, registered beside the bon's.
from . import workflow_factures  # noqa: E402, F401
