"""Every change of a bon de commande, one function each, taking the acting user first.

    brouillon ─> émis ─> notifié ─> exécuté (service fait)
        └──────────┴───────┴─────> annulé (with a reason)

Each function checks the rule in ``permissions`` on a locked copy, changes the bon in one
transaction and writes the audit event; the titulaire is told when a bon is notified to it,
executed or cancelled. Emitting locks the accord-cadre's row first, so that two bons emitted at
once can never pass its maximum together.
"""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max
from django.urls import reverse

from ateliers.destinataires import equipe_du_titulaire
from ateliers.models import Atelier
from journal.models import enregistrer
from journal.transitions import (
    TransitionRefusee,
    changer_statut,
    date_effective,
    exiger,
    verrouiller,
)
from marches.models import AccordCadre
from notifications.services import notifier
from notifications.sujets import Sujet
from socle.formats import euros

from . import permissions
from .models import BonDeCommande, StatutBon, engagement_chorus

CHAMPS_MODIFIABLES = ("objet", "montant_ht", "taux_tva", "engagement_juridique", "code_service")


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
    ej = (champs.get("engagement_juridique") or "").strip()
    if ej and not engagement_chorus.regex.match(ej):
        raise TransitionRefusee(engagement_chorus.message)


def _lien(bon):
    return reverse("commandes:detail", args=[bon.pk])


def _prevenir_titulaire(bon, acteur, titre, texte, *, evenement):
    equipe = equipe_du_titulaire(bon.atelier.titulaire)
    notifier(equipe, titre, texte, _lien(bon), acteur, evenement=evenement)


@transaction.atomic
def creer(
    acteur, atelier, *, objet, montant_ht, taux_tva=None, engagement_juridique="", code_service=""
):
    """The pilot service prepares a bon (a draft): one or two per atelier."""
    atelier = Atelier.objects.select_for_update().select_related("accord_cadre").get(pk=atelier.pk)
    exiger(permissions.peut_creer(acteur, atelier))
    champs = {
        "objet": objet,
        "montant_ht": montant_ht,
        "taux_tva": atelier.accord_cadre.taux_tva if taux_tva is None else taux_tva,
        "engagement_juridique": engagement_juridique.strip(),
        "code_service": code_service.strip(),
    }
    _verifier_champs(champs)
    # Numbers are never reused: a cancelled bon keeps its number and its place.
    ordre = (atelier.bons.aggregate(m=Max("ordre"))["m"] or 0) + 1
    bon = BonDeCommande.objects.create(
        atelier=atelier,
        ordre=ordre,
        numero=f"{atelier.reference}-{ordre}",
        cree_par=acteur,
        **{**champs, "objet": champs["objet"].strip()},
    )
    enregistrer(bon, acteur, "creation", "Bon de commande préparé", "", bon.statut)
    return bon


@transaction.atomic
def modifier(acteur, bon, **champs):
    bon = verrouiller(bon)
    exiger(permissions.peut_modifier(acteur, bon))
    _verifier_champs(champs)
    for nom, valeur in champs.items():
        setattr(bon, nom, valeur.strip() if isinstance(valeur, str) else valeur)
    bon.save()
    enregistrer(bon, acteur, "modification", "Brouillon du bon de commande modifié")
    return bon


@transaction.atomic
def emettre(acteur, bon, date_emission=None):
    """Emit the bon: it now commits money under the accord-cadre, within its maximum."""
    exiger(permissions.peut_emettre(acteur, bon))
    accord = AccordCadre.objects.select_for_update().get(pk=bon.atelier.accord_cadre_id)
    bon = verrouiller(bon)
    exiger(permissions.peut_emettre(acteur, bon))
    if not bon.engagement_juridique:
        raise TransitionRefusee(
            "Indiquez le numéro d'engagement juridique (Chorus) avant d'émettre le bon : "
            "la facture du titulaire devra le porter."
        )
    if not bon.code_service:
        raise TransitionRefusee(
            "Indiquez le code service (Chorus Pro) avant d'émettre le bon : "
            "la facture du titulaire devra le porter."
        )
    if accord.statut != AccordCadre.Statut.EN_VIGUEUR:
        raise TransitionRefusee(
            f"L'accord-cadre {accord.reference} n'est pas en vigueur "
            f"(« {accord.get_statut_display()} ») : aucun bon ne peut être émis sur lui."
        )
    deja = BonDeCommande.objects.filter(atelier__accord_cadre=accord).engages().total_ht()
    if deja + bon.montant_ht > accord.montant_max_ht:
        raise TransitionRefusee(
            f"Émettre ce bon porterait les commandes de l'accord-cadre {accord.reference} à "
            f"{euros(deja + bon.montant_ht)} HT, au-delà de son maximum de "
            f"{euros(accord.montant_max_ht)} HT (reste disponible : "
            f"{euros(accord.montant_max_ht - deja)} HT)."
        )
    bon.date_emission = date_effective(date_emission, "d'émission")
    changer_statut(
        bon, acteur, StatutBon.EMIS, "emission", "Bon de commande émis", champs=("date_emission",)
    )
    return bon


@transaction.atomic
def notifier_titulaire(acteur, bon, date_notification=None):
    bon = verrouiller(bon)
    exiger(permissions.peut_notifier(acteur, bon))
    bon.date_notification = date_effective(
        date_notification, "de notification", bon.date_emission, "l'émission"
    )
    changer_statut(
        bon,
        acteur,
        StatutBon.NOTIFIE,
        "notification",
        "Bon de commande notifié au titulaire",
        champs=("date_notification",),
    )
    _prevenir_titulaire(
        bon,
        acteur,
        f"Bon de commande notifié : {bon.numero}",
        f"{bon.atelier.service_pilote} vous notifie le bon de commande {bon.numero} "
        f"(« {bon.objet} ») : {euros(bon.montant_ht)} HT, {euros(bon.montant_ttc)} TTC.\n"
        f"Votre facture sur Chorus Pro portera le n° d'engagement {bon.engagement_juridique} "
        f"et le code service {bon.code_service}.",
        evenement=Sujet.COMMANDE,
    )
    return bon


@transaction.atomic
def attester_service_fait(acteur, bon, date_service_fait, commentaire):
    bon = verrouiller(bon)
    exiger(permissions.peut_attester(acteur, bon))
    commentaire = (commentaire or "").strip()
    if not commentaire:
        raise TransitionRefusee("Décrivez le service fait (ce qui a été livré).")
    bon.date_service_fait = date_effective(
        date_service_fait, "du service fait", bon.date_notification, "la notification"
    )
    bon.commentaire_service_fait = commentaire
    changer_statut(
        bon,
        acteur,
        StatutBon.EXECUTE,
        "service_fait",
        "Service fait attesté",
        commentaire,
        champs=("date_service_fait", "commentaire_service_fait"),
    )
    _prevenir_titulaire(
        bon,
        acteur,
        f"Service fait attesté : {bon.numero}",
        f"Le service fait du bon {bon.numero} est attesté au {bon.date_service_fait:%d/%m/%Y}. "
        "Vous pouvez déposer votre facture sur Chorus Pro.",
        evenement=Sujet.COMMANDE,
    )
    return bon


@transaction.atomic
def annuler(acteur, bon, motif):
    bon = verrouiller(bon)
    exiger(permissions.peut_annuler(acteur, bon))
    motif = (motif or "").strip()
    if not motif:
        raise TransitionRefusee("Indiquez le motif de l'annulation.")
    connu_du_titulaire = bon.statut != StatutBon.BROUILLON
    bon.motif_annulation = motif
    changer_statut(
        bon,
        acteur,
        StatutBon.ANNULE,
        "annulation",
        "Bon de commande annulé",
        motif,
        champs=("motif_annulation",),
    )
    if connu_du_titulaire:
        _prevenir_titulaire(
            bon,
            acteur,
            f"Bon de commande annulé : {bon.numero}",
            f"Le bon de commande {bon.numero} est annulé.\n\nMotif :\n{motif}",
            evenement=Sujet.COMMANDE,
        )
    return bon
