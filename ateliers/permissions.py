"""Who may do what on an atelier, with the reason when the answer is no.

The titulaire runs the atelier (plans it, proposes the on-site programme, moves it from phase
to phase); the pilot service validates the programme and closes the atelier once its
livrables are validated and its bons de commande executed; the DGALN follows and writes in the
thread. Seeing an atelier at all is ``Atelier.objects.visible_to(user)``.

Closing depends on the livrables and the bons de commande, which sit above the atelier: their
apps register what they require in ``cloture``.
"""

from comptes.permissions import est_dgaln
from socle.decisions import OUI, non

from . import cloture
from .models import Phase, ProgrammeSurSite


def est_du_service_pilote(user, atelier):
    return (
        user.is_authenticated
        and user.is_active
        and user.est_agent
        and user.organisation_id == atelier.service_pilote_id
    )


def est_du_titulaire(user, atelier):
    """A prestataire user of one of the companies of the atelier's groupement."""
    if not (user.is_authenticated and user.is_active and user.est_prestataire):
        return False
    # Read once per atelier instance: a page asks this for every button.
    if not hasattr(atelier, "_societes_du_titulaire"):
        atelier._societes_du_titulaire = set(
            atelier.titulaire.membres.values_list("organisation_id", flat=True)
        )
    return user.organisation_id in atelier._societes_du_titulaire


def peut_publier(user, atelier):
    """The DGALN decides what the public catalogue shows and which ateliers inspire."""
    if not est_dgaln(user):
        return non("Seule la DGALN décide de la publication au catalogue public.")
    return OUI


def _phase(atelier):
    return f"L'atelier est en phase « {Phase(atelier.phase).label} »"


def _ouvert(atelier):
    if atelier.est_cloture:
        return non("L'atelier est clôturé : il ne se modifie plus.")
    return OUI


def peut_planifier(user, atelier):
    if not (est_du_titulaire(user, atelier) or est_du_service_pilote(user, atelier)):
        return non("Seuls le titulaire et le service pilote planifient l'atelier.")
    return _ouvert(atelier)


def peut_modifier_programme(user, atelier, programme):
    if not est_du_titulaire(user, atelier):
        return non("Le programme sur site est proposé par le titulaire de l'atelier.")
    if atelier.phase != Phase.CADRAGE:
        return non(f"{_phase(atelier)} : le programme sur site ne se modifie plus.")
    if programme.statut not in (
        ProgrammeSurSite.Statut.BROUILLON,
        ProgrammeSurSite.Statut.A_REVOIR,
    ):
        return non(
            f"Le programme est « {programme.get_statut_display().lower()} » : "
            "il ne se modifie plus sans l'avis du service."
        )
    return OUI


def peut_proposer_programme(user, atelier, programme):
    return peut_modifier_programme(user, atelier, programme)


def peut_statuer_programme(user, atelier, programme):
    """Validate the proposed programme or ask the titulaire to revise it."""
    if not est_du_service_pilote(user, atelier):
        return non("Seul le service pilote valide le programme sur site.")
    if programme.statut != ProgrammeSurSite.Statut.PROPOSE:
        return non("Le programme n'est pas proposé au service pour l'instant.")
    return OUI


# The phase that follows each phase, and what must be true to leave it.
SUIVANTE = {
    Phase.CADRAGE: Phase.ANIMATION,
    Phase.ANIMATION: Phase.PRODUCTION,
    Phase.PRODUCTION: Phase.RESTITUTION,
    Phase.RESTITUTION: Phase.CLOTURE,
}


def peut_avancer(user, atelier):
    """Move the atelier to its next phase (before clôture, which is the service's)."""
    if not (est_du_titulaire(user, atelier) or est_du_service_pilote(user, atelier)):
        return non("Seuls le titulaire et le service pilote font avancer l'atelier.")
    if atelier.phase not in (Phase.CADRAGE, Phase.ANIMATION, Phase.PRODUCTION):
        return non(f"{_phase(atelier)} : il n'y a pas d'autre phase avant la clôture.")
    if atelier.phase == Phase.CADRAGE:
        statut = atelier.programme.statut
        if statut != ProgrammeSurSite.Statut.VALIDE:
            return non(
                "L'animation sur site commence quand le service pilote a validé le programme "
                f"sur site (il est « {ProgrammeSurSite.Statut(statut).label.lower()} »)."
            )
    return OUI


def peut_cloturer(user, atelier, lus=None):
    """``lus``: the atelier's objects the page has read already (``cloture.manques``)."""
    if not est_du_service_pilote(user, atelier):
        return non("Seul le service pilote clôture l'atelier.")
    if atelier.phase != Phase.RESTITUTION:
        return non(f"{_phase(atelier)} : l'atelier se clôture après la restitution à distance.")
    manque = cloture.manques(atelier, lus)
    if manque:
        return non("L'atelier ne peut pas encore être clôturé : " + " ; ".join(manque) + ".")
    return OUI


def peut_ecrire(user, atelier):
    if not (
        est_du_service_pilote(user, atelier) or est_du_titulaire(user, atelier) or est_dgaln(user)
    ):
        return non("Seuls le service pilote, le titulaire et la DGALN échangent sur l'atelier.")
    return OUI


def peut_definir_livrables(user, atelier):
    """Record the livrables agreed with the titulaire (type and due date)."""
    if not est_du_service_pilote(user, atelier):
        return non("Le service pilote inscrit les livrables convenus avec le titulaire.")
    return _ouvert(atelier)


def peut_rediger(user, atelier):
    """Write the feuille de route and the fiche synthétique (the titulaire's work)."""
    if not est_du_titulaire(user, atelier):
        return non("Le titulaire rédige la feuille de route et la fiche synthétique.")
    return _ouvert(atelier)


def actions_possibles(user, atelier, lus=None):
    programme = atelier.programme
    return {
        "planifier": peut_planifier(user, atelier),
        "modifier_programme": peut_modifier_programme(user, atelier, programme),
        "statuer_programme": peut_statuer_programme(user, atelier, programme),
        "avancer": peut_avancer(user, atelier),
        "cloturer": peut_cloturer(user, atelier, lus),
        "ecrire": peut_ecrire(user, atelier),
        "definir_livrables": peut_definir_livrables(user, atelier),
        "rediger": peut_rediger(user, atelier),
        "publier": peut_publier(user, atelier),
    }


def raison_d_attente(user, atelier, actions):
    """Why the atelier does not move on, told to who runs it when the page offers no button
    to: in cadrage, what holds the on-site animation (the programme to validate); in
    restitution, to the pilot service, what holds the closure. None otherwise.

    ``actions``: the page's ``actions_possibles``.
    """
    if actions["avancer"] or actions["cloturer"] or not actions["planifier"]:
        return None
    if atelier.phase == Phase.CADRAGE:
        return actions["avancer"].raison
    if atelier.phase == Phase.RESTITUTION and est_du_service_pilote(user, atelier):
        return actions["cloturer"].raison
    return None
