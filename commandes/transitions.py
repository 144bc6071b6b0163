"""Every change of a bon de commande: one function per transition of ``workflow.BON``.

Each function takes the acting user first and applies its row of the table (lock, state,
party and rule checked, change, journal, notification of the titulaire, PDF, in one
transaction), adding what is particular to it. A refused transition raises
``TransitionRefusee`` with a French message and changes nothing. Emitting locks the
accord-cadre's row first, so that two bons emitted at once can never pass its maximum
together.
"""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ateliers.destinataires import equipe_du_titulaire
from ateliers.models import Atelier
from journal.transitions import TransitionRefusee, date_effective, exiger
from marches.models import AccordCadre
from socle.formats import date_longue, euros

from . import permissions
from .models import (
    BonDeCommande,
    StatutBon,
    Unite,
    engagement_chorus,
    fin_d_execution_par_defaut,
)
from .workflow import BON, Action

__all__ = [
    "CHAMPS_MODIFIABLES",
    "TransitionRefusee",
    "annuler",
    "attester_service_fait",
    "creer",
    "emettre",
    "modifier",
    "notifier_titulaire",
]

CHAMPS_MODIFIABLES = (
    "objet",
    "quantite",
    "unite",
    "montant_ht",
    "taux_tva",
    "fin_execution",
    "engagement_juridique",
    "code_service",
)


def _verifier_prix_unitaire(bon):
    """The amount HT divides into the quantity at the cent: the bon prints its unit price."""
    if bon.montant_ht != bon.prix_unitaire_ht * bon.quantite:
        raise TransitionRefusee(
            f"{euros(bon.montant_ht)} HT ne se divise pas au centime près en {bon.quantite} "
            f"{bon.get_unite_display()}s : ajustez le montant ou la quantité, le bon indique "
            "le prix unitaire."
        )


def _verifier_champs(champs):
    inconnus = set(champs) - set(CHAMPS_MODIFIABLES)
    if inconnus:
        raise TypeError(f"Champs non modifiables : {sorted(inconnus)}")
    if "objet" in champs and not (champs["objet"] or "").strip():
        raise TransitionRefusee("Indiquez l'objet du bon de commande.")
    if "montant_ht" in champs:
        try:
            montant = Decimal(champs["montant_ht"])
        except (InvalidOperation, TypeError, ValueError):
            raise TransitionRefusee("Le montant HT doit être un nombre.") from None
        if montant <= 0:
            raise TransitionRefusee("Le montant HT doit être positif.")
        if montant != montant.quantize(Decimal("0.01")):
            raise TransitionRefusee("Le montant HT s'exprime au centime près.")
    if "quantite" in champs and (not isinstance(champs["quantite"], int) or champs["quantite"] < 1):
        raise TransitionRefusee("La quantité est un nombre entier, au moins 1.")
    if "unite" in champs and champs["unite"] not in Unite.values:
        raise TransitionRefusee("Choisissez l'unité de la commande (forfait, journée, atelier).")
    if "fin_execution" in champs and champs["fin_execution"] is None:
        raise TransitionRefusee("Indiquez la date de fin de la période d'exécution du bon.")
    ej = (champs.get("engagement_juridique") or "").strip()
    if ej and not engagement_chorus.regex.match(ej):
        raise TransitionRefusee(engagement_chorus.message)


def _titulaire(bon):
    return equipe_du_titulaire(bon.atelier.titulaire)


@transaction.atomic
def creer(
    acteur,
    atelier,
    *,
    objet,
    montant_ht,
    taux_tva=None,
    quantite=1,
    unite=Unite.FORFAIT,
    fin_execution=None,
    engagement_juridique="",
    code_service="",
):
    """The pilot service prepares a bon (a draft): one or two per atelier. Its execution runs
    by default for the programme's longest atelier from today."""
    atelier = Atelier.objects.select_for_update().select_related("accord_cadre").get(pk=atelier.pk)
    exiger(permissions.peut_creer(acteur, atelier))
    champs = {
        "objet": objet,
        "quantite": quantite,
        "unite": unite,
        "montant_ht": montant_ht,
        "taux_tva": atelier.accord_cadre.taux_tva if taux_tva is None else taux_tva,
        "fin_execution": fin_execution or fin_d_execution_par_defaut(timezone.localdate()),
        "engagement_juridique": engagement_juridique.strip(),
        "code_service": code_service.strip(),
    }
    _verifier_champs(champs)
    # Numbers are never reused: a cancelled bon keeps its number and its place.
    ordre = (atelier.bons.aggregate(m=Max("ordre"))["m"] or 0) + 1
    bon = BonDeCommande(
        atelier=atelier,
        ordre=ordre,
        numero=f"{atelier.reference}-{ordre}",
        cree_par=acteur,
        **{**champs, "objet": champs["objet"].strip(), "montant_ht": Decimal(montant_ht)},
    )
    _verifier_prix_unitaire(bon)
    bon.save()
    with BON.naissance(Action.CREATION, acteur, bon):
        pass
    return bon


def modifier(acteur, bon, **champs):
    _verifier_champs(champs)
    with BON.passage(Action.MODIFICATION, acteur, bon) as p:
        for nom, valeur in champs.items():
            setattr(p.objet, nom, valeur.strip() if isinstance(valeur, str) else valeur)
        p.objet.montant_ht = Decimal(p.objet.montant_ht)
        _verifier_prix_unitaire(p.objet)
        p.champs += list(champs)
    return p.objet


@transaction.atomic
def emettre(acteur, bon, date_emission=None):
    """Emit the bon: it now commits money under the accord-cadre, within its maximum. Its PDF
    is queued with the emission."""
    exiger(BON.decision(acteur, bon, Action.EMISSION))  # before locking the accord-cadre
    accord = AccordCadre.objects.select_for_update().get(pk=bon.atelier.accord_cadre_id)
    with BON.passage(Action.EMISSION, acteur, bon, verrou=True) as p:
        bon = p.objet
        deja = BonDeCommande.objects.filter(atelier__accord_cadre=accord).engages().total_ht()
        if deja + bon.montant_ht > accord.montant_max_ht:
            raise TransitionRefusee(
                f"Émettre ce bon porterait les commandes de l'accord-cadre {accord.reference} à "
                f"{euros(deja + bon.montant_ht)} HT, au-delà de son maximum de "
                f"{euros(accord.montant_max_ht)} HT (reste disponible : "
                f"{euros(accord.montant_max_ht - deja)} HT)."
            )
        bon.date_emission = date_effective(date_emission, "d'émission")
        if bon.fin_execution <= bon.date_emission:
            raise TransitionRefusee(
                f"La période d'exécution du bon finit le {date_longue(bon.fin_execution)}, "
                "avant son émission : modifiez le brouillon pour la prolonger."
            )
        p.champs.append("date_emission")
    return bon


def notifier_titulaire(acteur, bon, date_notification=None):
    with BON.passage(Action.NOTIFICATION, acteur, bon) as p:
        bon = p.objet
        bon.date_notification = date_effective(
            date_notification, "de notification", bon.date_emission, "l'émission"
        )
        p.champs.append("date_notification")
        p.notifier(
            _titulaire(bon),
            f"Bon de commande notifié : {bon.numero}",
            f"{bon.atelier.service_pilote} vous notifie le bon de commande {bon.numero} "
            f"(« {bon.objet} ») : {euros(bon.montant_ht)} HT, {euros(bon.montant_ttc)} TTC.\n"
            f"Votre facture sur Chorus Pro portera le n° d'engagement "
            f"{bon.engagement_juridique} et le code service {bon.code_service}.",
        )
    return bon


def attester_service_fait(acteur, bon, date_service_fait, commentaire):
    with BON.passage(Action.SERVICE_FAIT, acteur, bon, commentaire) as p:
        bon = p.objet
        if not p.commentaire:
            raise TransitionRefusee("Décrivez le service fait (ce qui a été livré).")
        bon.date_service_fait = date_effective(
            date_service_fait, "du service fait", bon.date_notification, "la notification"
        )
        bon.commentaire_service_fait = p.commentaire
        p.champs += ["date_service_fait", "commentaire_service_fait"]
        p.notifier(
            _titulaire(bon),
            f"Service fait attesté : {bon.numero}",
            f"Le service fait du bon {bon.numero} est attesté au "
            f"{bon.date_service_fait:%d/%m/%Y}. Vous pouvez déposer votre facture sur Chorus Pro.",
        )
    return bon


def annuler(acteur, bon, motif):
    with BON.passage(Action.ANNULATION, acteur, bon, motif) as p:
        bon = p.objet
        if not p.commentaire:
            raise TransitionRefusee("Indiquez le motif de l'annulation.")
        bon.motif_annulation = p.commentaire
        p.champs.append("motif_annulation")
        if p.avant != StatutBon.BROUILLON:  # a draft was never the titulaire's business
            p.notifier(
                _titulaire(bon),
                f"Bon de commande annulé : {bon.numero}",
                f"Le bon de commande {bon.numero} est annulé.\n\nMotif :\n{p.commentaire}",
            )
    return bon
