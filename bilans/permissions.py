"""Who may answer, read and complete the bilan and the follow-ups of an atelier, with the
reason when the answer is no.

Each side answers its own bilan: the collectivité co-porteur of the file (one of its members)
and the pilot service (one of its agents). The DGALN reads both; each side reads its own; the
titulaire reads neither (its team is judged there). The follow-ups (« Et après ? ») are
recorded by the collectivité or the service, and read by everyone who sees the atelier (the
public catalogue shows them too, without names).
"""

from django.utils import timezone

from ateliers.permissions import est_du_service_pilote
from candidatures.permissions import est_coporteur
from comptes.permissions import est_dgaln
from socle.decisions import OUI, non
from socle.formats import date_longue

from .models import DELAI_DE_CORRECTION, Cote


def cote_de(user, atelier):
    """The side ``user`` answers for on ``atelier`` (a ``Cote``), or None."""
    if est_du_service_pilote(user, atelier):
        return Cote.SERVICE
    if est_coporteur(user, atelier.candidature):
        return Cote.COLLECTIVITE
    return None


def _cloture(atelier, quoi):
    if not atelier.est_cloture:
        return non(f"L'atelier n'est pas clôturé : {quoi} s'ouvre à sa clôture.")
    return OUI


def peut_repondre(user, atelier, bilan=None):
    """Answer (or correct) the bilan of one's side; ``bilan``: that side's row, if any."""
    if cote_de(user, atelier) is None:
        return non(
            "Seuls la collectivité co-porteuse et le service pilote remplissent le bilan "
            "de l'atelier."
        )
    decision = _cloture(atelier, "le bilan")
    if not decision:
        return decision
    if bilan is not None and bilan.est_rempli and timezone.now() > bilan.modifiable_jusqu_au:
        return non(
            f"Le bilan a été rempli le {date_longue(bilan.repondu_le)} : il se corrige pendant "
            f"{DELAI_DE_CORRECTION} jours, il ne se modifie plus."
        )
    return OUI


def peut_lire(user, atelier, bilan):
    """The DGALN reads both sides' bilans of ``atelier``; each side reads its own."""
    if est_dgaln(user) or cote_de(user, atelier) == bilan.cote:
        return OUI
    return non("Le bilan d'un côté n'est lu que par ce côté et par la DGALN.")


def peut_ajouter_suite(user, atelier):
    if cote_de(user, atelier) is None:
        return non(
            "Seuls la collectivité co-porteuse et le service pilote renseignent les suites "
            "de l'atelier."
        )
    return _cloture(atelier, "« Et après ? »")
