"""Who may do what on a bon de commande, with the reason when the answer is no.

The pilot service emits, notifies and executes the bons of its ateliers; the DGALN and the
titulaire read them. Seeing a bon at all is ``BonDeCommande.objects.visible_to(user)``.
"""

from candidatures.permissions import OUI, non

from .models import Statut

MAX_BONS_PAR_ATELIER = 2


def est_du_service_pilote(user, atelier):
    return (
        user.is_authenticated
        and user.is_active
        and user.est_agent
        and user.organisation_id == atelier.service_pilote_id
    )


def _etat(bon):
    return f"Le bon {bon.numero} est à l'état « {Statut(bon.statut).label} »"


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


def peut_modifier(user, bon):
    decision = _service(user, bon.atelier, "modifie ses bons de commande")
    if decision and bon.statut != Statut.BROUILLON:
        return non(f"{_etat(bon)} : seul un brouillon se modifie.")
    return decision


def peut_emettre(user, bon):
    decision = _service(user, bon.atelier, "émet ses bons de commande")
    if decision and bon.statut != Statut.BROUILLON:
        return non(f"{_etat(bon)} : seul un brouillon s'émet.")
    return decision


def peut_notifier(user, bon):
    decision = _service(user, bon.atelier, "notifie ses bons de commande")
    if decision and bon.statut != Statut.EMIS:
        return non(f"{_etat(bon)} : seul un bon émis se notifie au titulaire.")
    return decision


def peut_attester(user, bon):
    decision = _service(user, bon.atelier, "atteste le service fait")
    if decision and bon.statut != Statut.NOTIFIE:
        return non(f"{_etat(bon)} : le service fait s'atteste sur un bon notifié.")
    return decision


def peut_annuler(user, bon):
    decision = _service(user, bon.atelier, "annule ses bons de commande")
    if decision and bon.statut in (Statut.EXECUTE, Statut.ANNULE):
        return non(f"{_etat(bon)} : il ne peut plus être annulé.")
    return decision


def actions_possibles(user, bon):
    return {
        "modifier": peut_modifier(user, bon),
        "emettre": peut_emettre(user, bon),
        "notifier": peut_notifier(user, bon),
        "attester": peut_attester(user, bon),
        "annuler": peut_annuler(user, bon),
    }
