"""Every change of an atelier's life, one function each, taking the acting user first.

Attribution comes first: a DGALN instructeur confirms the titulaire that the tourniquet
proposes for an eligible file (which creates the atelier), or sets it aside with a reason.
Both are recorded in the accord-cadre's rotation ledger (``marches.tourniquet``) and in the
file's audit journal, in one transaction holding the accord-cadre's row lock.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from candidatures import permissions as permissions_candidature
from candidatures.models import Statut
from candidatures.transitions import agents_du_service
from comptes.models import Role
from journal.models import enregistrer
from journal.transitions import TransitionRefusee, changer_statut, exiger, verrouiller
from marches import tourniquet
from marches.models import TourDeTourniquet
from notifications.services import notifier

from .models import Atelier


def equipe_du_titulaire(titulaire):
    """Prestataire users of every company of the groupement."""
    return (
        get_user_model()
        .objects.filter(
            role=Role.PRESTATAIRE,
            is_active=True,
            organisation__groupements__titulaire=titulaire,
        )
        .distinct()
    )


def _preparer(acteur, candidature):
    """Check, lock the accord-cadre in force then the file (always in that order)."""
    exiger(permissions_candidature.peut_attribuer(acteur, candidature))
    accord = tourniquet.verrouiller_en_vigueur()
    cand = verrouiller(candidature)
    exiger(permissions_candidature.peut_attribuer(acteur, cand))
    return accord, cand


@transaction.atomic
def attribuer(acteur, candidature, titulaire, montant_ht=None):
    """Confirm the proposed titulaire: the file is attributed and its atelier created."""
    accord, cand = _preparer(acteur, candidature)
    montant_ht = accord.montant_atelier_ht if montant_ht is None else Decimal(montant_ht)
    if montant_ht <= 0:
        raise TransitionRefusee("Le montant prévu de l'atelier doit être positif.")
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
    changer_statut(cand, acteur, Statut.ATTRIBUEE, "attribution", libelle)
    enregistrer(atelier, acteur, "creation", libelle, "", "attribue")
    lien = reverse("ateliers:detail", args=[atelier.pk])
    texte = (
        f"L'atelier « {cand.titre} » ({cand.territoire()}) est attribué à « {titulaire} », "
        f"selon l'ordre du tourniquet de l'accord-cadre {accord.reference}. "
        f"Service pilote : {cand.service}. Montant prévu : {montant_ht} € HT."
    )
    notifier(agents_du_service(cand), f"Atelier attribué : {cand.titre}", texte, lien, acteur)
    notifier(equipe_du_titulaire(titulaire), f"Nouvel atelier : {cand.titre}", texte, lien, acteur)
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
        "tourniquet_ecart",
        f"Tourniquet : « {titulaire} » écarté ({tour.get_motif_display().lower()})",
        commentaire=f"{commentaire.strip()}\nRègle de l'accord-cadre : {regle}.".strip(),
        interne=True,
    )
    return tour
