"""Attribution by the tourniquet: a DGALN instructeur confirms the titulaire the tourniquet
proposes for an eligible file (which creates the atelier), or sets it aside with a reason.

Both are recorded in the accord-cadre's rotation ledger (``marches.tourniquet``) and in the
file's audit journal, in one transaction holding the accord-cadre's row lock. The attribution
is the last row of the candidature's table (``candidatures.workflow``).
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from candidatures.transitions import agents_du_service
from candidatures.workflow import CANDIDATURE
from candidatures.workflow import Action as ActionCandidature
from journal.models import enregistrer
from journal.transitions import TransitionRefusee, exiger, verrouiller
from marches import tourniquet
from marches.models import TourDeTourniquet
from socle.formats import date_longue, euros

from .destinataires import equipe_du_titulaire
from .models import Atelier
from .workflow import Journal


def refus_de_l_accord_cadre(accord, montant_ht, jour=None):
    """Why ``accord`` cannot take an atelier of ``montant_ht`` on ``jour`` (None: it can).

    Its status alone does not decide: the day must fall within its dates, and its maximum
    must leave room for the atelier's planned amount beside those already attributed."""
    jour = jour or timezone.localdate()
    if not accord.date_debut <= jour <= accord.date_fin:
        return (
            f"L'accord-cadre {accord.reference} court du {date_longue(accord.date_debut)} au "
            f"{date_longue(accord.date_fin)} : il ne permet pas d'attribuer un atelier le "
            f"{date_longue(jour)}. Un administrateur doit mettre à jour l'accord-cadre en "
            "vigueur."
        )
    engage = Atelier.objects.filter(accord_cadre=accord).aggregate(s=Sum("montant_ht"))["s"]
    reste = accord.montant_max_ht - (engage or 0)
    if montant_ht > reste:
        return (
            f"Le maximum de l'accord-cadre {accord.reference} ({euros(accord.montant_max_ht)} "
            f"HT) ne laisse que {euros(max(reste, 0))} HT aux nouveaux ateliers : celui-ci "
            f"prévoit {euros(montant_ht)} HT."
        )
    return None


def _preparer(acteur, candidature):
    """Check, lock the accord-cadre in force then the file (always in that order)."""
    exiger(CANDIDATURE.decision(acteur, candidature, ActionCandidature.ATTRIBUTION))
    accord = tourniquet.verrouiller_en_vigueur()
    cand = verrouiller(candidature)
    exiger(CANDIDATURE.decision(acteur, cand, ActionCandidature.ATTRIBUTION))
    return accord, cand


@transaction.atomic
def attribuer(acteur, candidature, titulaire, montant_ht=None):
    """Confirm the proposed titulaire: the file is attributed and its atelier created."""
    accord, cand = _preparer(acteur, candidature)
    montant_ht = accord.montant_atelier_ht if montant_ht is None else Decimal(montant_ht)
    if montant_ht <= 0:
        raise TransitionRefusee("Le montant prévu de l'atelier doit être positif.")
    if refus := refus_de_l_accord_cadre(accord, montant_ht):
        raise TransitionRefusee(refus)
    tour = tourniquet.enregistrer_tour(
        acteur, accord, cand, titulaire, TourDeTourniquet.Issue.ATTRIBUE
    )
    atelier = Atelier.objects.create(
        candidature=cand,
        accord_cadre=accord,
        titulaire=titulaire,
        service_pilote_id=cand.service_id,
        montant_ht=montant_ht,
        attribue_par=acteur,
    )
    libelle = f"Atelier attribué à « {titulaire} » (tourniquet, tour n° {tour.numero})"
    lien = reverse("ateliers:detail", args=[atelier.pk])
    texte = (
        f"L'atelier « {cand.titre} » ({cand.territoire()}) est attribué à « {titulaire} », "
        f"selon l'ordre du tourniquet de l'accord-cadre {accord.reference}. "
        f"Service pilote : {cand.service}. Montant prévu : {euros(montant_ht)} HT."
    )
    with CANDIDATURE.passage(ActionCandidature.ATTRIBUTION, acteur, cand, verrou=False) as p:
        p.libelle = libelle
        p.notifier(
            agents_du_service(cand),
            f"Atelier attribué : {cand.titre}",
            texte + "\n\nPremière étape pour le service pilote : indiquez sur la page de "
            "l'atelier les livrables attendus du titulaire (type et échéance), puis préparez le "
            "bon de commande.",
            lien,
        )
        p.notifier(equipe_du_titulaire(titulaire), f"Nouvel atelier : {cand.titre}", texte, lien)
    atelier.preparer_suivi()
    enregistrer(atelier, acteur, Journal.CREATION, libelle, "", atelier.phase)
    return atelier


@transaction.atomic
def ecarter(acteur, candidature, titulaire, motif, commentaire=""):
    """Set the proposed titulaire aside for this file, with the reason; the next is proposed."""
    if motif not in TourDeTourniquet.Motif.values:
        raise TransitionRefusee("Choisissez le motif pour lequel le titulaire est écarté.")
    accord, cand = _preparer(acteur, candidature)
    tour = tourniquet.enregistrer_tour(
        acteur,
        accord,
        cand,
        titulaire,
        TourDeTourniquet.Issue.ECARTE,
        motif=motif,
        commentaire=commentaire.strip(),
    )
    regle = accord.get_regle_ecart_display().lower()
    enregistrer(
        cand,
        acteur,
        Journal.TOURNIQUET_ECART,
        f"Tourniquet : « {titulaire} » écarté ({tour.get_motif_display().lower()})",
        commentaire=f"{commentaire.strip()}\nRègle de l'accord-cadre : {regle}.".strip(),
        interne=True,
    )
    return tour
