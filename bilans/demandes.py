"""Asking for the bilan and the follow-ups: at the closure, two weeks later, 6 and 12 months
later.

- When an atelier closes (the workflow's ``transition_appliquee``, inside the closure's
  transaction), each side is asked for its bilan: the collectivité's members and the pilot
  service's agents (a side with nobody to ask is not asked; it may still answer later).
- ``relancer_bilans``: a side asked 14 days ago or more that has not answered is reminded,
  once (``Bilan.relance_le``).
- ``demander_suites``: 6 and then 12 months after the closure, the collectivité's members (or,
  when the file has none, the service's agents) are asked what the atelier led to, once per
  date (``DemandeDeSuites``). An atelier first seen past 12 months is asked only the
  12-month question. Ateliers imported from the history are never asked.

The daily task (``tasks.relancer_et_demander``, Celery beat) runs the last two.
"""

import calendar
import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from ateliers.models import Atelier, Phase
from ateliers.workflow import ATELIER, Action
from candidatures.coporteurs import membres
from comptes.models import Role
from notifications.services import notifier
from notifications.sujets import Sujet
from socle.formats import date_longue
from workflow.signaux import transition_appliquee

from .models import Bilan, Cote, DemandeDeSuites

DELAI_DE_RELANCE = datetime.timedelta(days=14)
ECHEANCES = (6, 12)  # months after the closure


def agents_du_service_pilote(atelier):
    return get_user_model().objects.filter(
        organisation_id=atelier.service_pilote_id, role=Role.AGENT, is_active=True
    )


def destinataires_du_bilan(atelier, cote):
    if cote == Cote.COLLECTIVITE:
        return list(membres(atelier.candidature))
    return list(agents_du_service_pilote(atelier))


def lien_du_bilan(atelier):
    return reverse("bilans:repondre", args=[atelier.pk])


def lien_des_suites(atelier):
    return reverse("ateliers:detail", args=[atelier.pk]) + "#et-apres"


def _demander_le_bilan(atelier, cote, personnes, maintenant, relance=False):
    titre = atelier.candidature.titre
    if relance:
        objet = f"Rappel : le bilan de l'atelier « {titre} » vous attend"
        texte = (
            f"L'atelier « {titre} » est clôturé depuis le {date_longue(atelier.date_cloture)}. "
            "Votre bilan n'est pas encore rempli : quelques minutes suffisent (utilité de "
            "chaque phase, équipe, livrables, recommandation)."
        )
    else:
        objet = f"Le bilan de l'atelier « {titre} »"
        texte = (
            f"L'atelier « {titre} » est clôturé. Dites-nous en quelques minutes ce que vous "
            "en retenez : l'utilité de chaque phase, l'équipe, les livrables, et si vous le "
            "recommanderiez à un autre territoire. Une seule réponse par "
            f"{'collectivité' if cote == Cote.COLLECTIVITE else 'service'}."
        )
    notifier(personnes, objet, texte, lien_du_bilan(atelier), evenement=Sujet.BILAN)


@receiver(transition_appliquee, dispatch_uid="bilans_a_la_cloture")
def a_la_cloture(sender, transition, objet, **kwargs):
    if sender is ATELIER and transition.action == Action.CLOTURE:
        demander_les_bilans(objet)


def demander_les_bilans(atelier, maintenant=None):
    """Ask each side of the closed ``atelier`` for its bilan (not twice)."""
    if atelier.historique:
        return []
    maintenant = maintenant or timezone.now()
    demandes = []
    for cote in Cote:
        personnes = destinataires_du_bilan(atelier, cote)
        if not personnes:
            continue
        bilan, cree = Bilan.objects.get_or_create(
            atelier=atelier, cote=cote, defaults={"demande_le": maintenant}
        )
        if not cree and (bilan.demande_le or bilan.est_rempli):
            continue
        if not cree:
            bilan.demande_le = maintenant
            bilan.save(update_fields=["demande_le"])
        _demander_le_bilan(atelier, cote, personnes, maintenant)
        demandes.append(bilan)
    return demandes


def relancer_bilans(maintenant=None):
    """Remind, once, each side asked 14 days ago that has not answered. Returns how many."""
    maintenant = maintenant or timezone.now()
    attente = Bilan.objects.filter(
        repondu_le__isnull=True,
        relance_le__isnull=True,
        demande_le__lte=maintenant - DELAI_DE_RELANCE,
    )
    relances = 0
    for pk in attente.values_list("pk", flat=True):
        with transaction.atomic():
            bilan = (
                Bilan.objects.select_for_update()
                .select_related("atelier__candidature")
                .filter(pk=pk, repondu_le__isnull=True, relance_le__isnull=True)
                .first()
            )
            if bilan is None:
                continue
            bilan.relance_le = maintenant
            bilan.save(update_fields=["relance_le"])
            personnes = destinataires_du_bilan(bilan.atelier, bilan.cote)
            _demander_le_bilan(bilan.atelier, bilan.cote, personnes, maintenant, relance=True)
            relances += 1
    return relances


def mois_avant(jour, mois):
    """``jour`` minus whole months (31 August minus 6 months: the last day of February)."""
    rang = jour.year * 12 + jour.month - 1 - mois
    annee, mois_ = divmod(rang, 12)
    dernier = calendar.monthrange(annee, mois_ + 1)[1]
    return jour.replace(year=annee, month=mois_ + 1, day=min(jour.day, dernier))


def destinataires_des_suites(atelier):
    """The collectivité's members, or the service's agents when the file has none."""
    return list(membres(atelier.candidature)) or list(agents_du_service_pilote(atelier))


def demander_suites(aujourd_hui=None):
    """Ask what the ateliers closed 6 and 12 months ago led to, once per date. Returns the
    requests made, as ``[(atelier, mois)]``."""
    aujourd_hui = aujourd_hui or timezone.localdate()
    faites = []
    for mois in ECHEANCES:
        ateliers = Atelier.objects.filter(
            phase=Phase.CLOTURE,
            historique=False,
            date_cloture__lte=mois_avant(aujourd_hui, mois),
        ).exclude(demandes_de_suites__mois=mois)
        suivante = next((m for m in ECHEANCES if m > mois), None)
        if suivante:
            # Past the next date already: only the next question is asked.
            ateliers = ateliers.filter(date_cloture__gt=mois_avant(aujourd_hui, suivante))
        for atelier in ateliers.select_related("candidature"):
            if demander_les_suites_de(atelier, mois):
                faites.append((atelier, mois))
    return faites


@transaction.atomic
def demander_les_suites_de(atelier, mois):
    """Ask what ``atelier`` led to, ``mois`` months after its closure; False if already
    asked."""
    _, cree = DemandeDeSuites.objects.get_or_create(atelier=atelier, mois=mois)
    if not cree:
        return False
    titre = atelier.candidature.titre
    notifier(
        destinataires_des_suites(atelier),
        f"Et après ? Les suites de l'atelier « {titre} »",
        f"L'atelier « {titre} » est clôturé depuis {mois} mois. Qu'a-t-il permis depuis ? "
        "Une OAP ou un document d'urbanisme modifié, une étude lancée, des travaux, un "
        "financement obtenu… ou rien pour l'instant : dites-le en une phrase, avec sa date. "
        "Les suites figurent sur la page publique de l'atelier, sans votre nom.",
        lien_des_suites(atelier),
        evenement=Sujet.SUITES,
    )
    return True
