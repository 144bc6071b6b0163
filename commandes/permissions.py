"""Who may do what on a bon de commande, with the reason when the answer is no.

The pilot service emits, notifies and executes the bons of its ateliers; the DGALN and the
titulaire read them. Seeing a bon at all is ``BonDeCommande.objects.visible_to(user)``.
"""

from ateliers.permissions import est_du_service_pilote
from socle.decisions import OUI, non

from .models import StatutBon

MAX_BONS_PAR_ATELIER = 2


def _etat(bon):
    return f"Le bon {bon.numero} est à l'état « {StatutBon(bon.statut).label} »"


def _service(user, atelier, quoi):
    if not est_du_service_pilote(user, atelier):
        return non(f"Seul le service pilote de l'atelier {quoi}.")
    return OUI


def peut_creer(user, atelier, bons_actifs=None):
    """Prepare a new bon; ``bons_actifs``: the atelier's bons not cancelled (to say which)."""
    decision = _service(user, atelier, "prépare ses bons de commande")
    if not decision:
        return decision
    if bons_actifs is None:
        bons_actifs = list(atelier.bons.actifs().order_by("ordre"))
    if len(bons_actifs) >= MAX_BONS_PAR_ATELIER:
        numeros = " et ".join(b.numero for b in bons_actifs)
        return non(
            f"Un atelier compte au plus deux bons de commande : celui-ci a déjà {numeros}. "
            "Annulez l'un d'eux pour en préparer un autre."
        )
    return OUI


def _sur_le_bon(quoi, etats, refus):
    """A rule for acting on a bon: the pilot service only, and only from ``etats``."""

    def regle(user, bon):
        decision = _service(user, bon.atelier, quoi)
        if decision and bon.statut not in etats:
            return non(f"{_etat(bon)} : {refus}")
        return decision

    return regle


peut_modifier = _sur_le_bon(
    "modifie ses bons de commande", (StatutBon.BROUILLON,), "seul un brouillon se modifie."
)
peut_emettre = _sur_le_bon(
    "émet ses bons de commande", (StatutBon.BROUILLON,), "seul un brouillon s'émet."
)
peut_notifier = _sur_le_bon(
    "notifie ses bons de commande",
    (StatutBon.EMIS,),
    "seul un bon émis se notifie au titulaire.",
)
peut_attester = _sur_le_bon(
    "atteste le service fait",
    (StatutBon.NOTIFIE,),
    "le service fait s'atteste sur un bon notifié.",
)
peut_annuler = _sur_le_bon(
    "annule ses bons de commande",
    (StatutBon.BROUILLON, StatutBon.EMIS, StatutBon.NOTIFIE),
    "il ne peut plus être annulé.",
)


def actions_possibles(user, bon):
    return {
        "modifier": peut_modifier(user, bon),
        "emettre": peut_emettre(user, bon),
        "notifier": peut_notifier(user, bon),
        "attester": peut_attester(user, bon),
        "annuler": peut_annuler(user, bon),
    }
