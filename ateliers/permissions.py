"""Who may do what on an atelier, with the reason when the answer is no.

The titulaire runs the atelier (plans it, drafts the on-site programme); the pilot service
plans it too and records the livrables; the DGALN decides its publication and writes in the
thread. The collectivité co-porteur of the file follows it: it reads the planning, the
programme once proposed, what the service validated, writes in the thread and ticks off what
it takes on for the on-site days (``peut_cocher_engagement``). Seeing an atelier at all is
``Atelier.objects.visible_to(user)``. Who moves it from phase to phase, closes it, proposes
or validates its programme, and from which state, is in the tables of ``workflow``; this
module keeps who is who and the rules that are not changes of state.
"""

from candidatures.permissions import est_coporteur
from comptes.permissions import est_dgaln
from socle.decisions import OUI, non

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


def est_de_la_collectivite(user, atelier):
    """A member of a collectivité co-porteur of the atelier's file."""
    return est_coporteur(user, atelier.candidature)


def suit_l_execution(user, atelier):
    """Whether ``user`` follows the atelier's execution itself (its bons de commande, its work
    in progress: drafts, versions waiting for the service, the programme in preparation, the
    closure's checklist): everyone who sees the atelier but its collectivité, which reads
    only what the service validated."""
    return not est_de_la_collectivite(user, atelier)


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


def peut_lire_programme(user, atelier, programme):
    """The collectivité reads the on-site programme once the titulaire proposed it to the
    service (not while it is drafted or revised); the others who see the atelier always."""
    if suit_l_execution(user, atelier) or programme.statut in (
        ProgrammeSurSite.Statut.PROPOSE,
        ProgrammeSurSite.Statut.VALIDE,
    ):
        return OUI
    return non(
        "Le titulaire prépare le programme sur site : vous pourrez le lire dès qu'il l'aura "
        "proposé au service pilote."
    )


def peut_ecrire(user, atelier):
    if not (
        est_du_service_pilote(user, atelier)
        or est_du_titulaire(user, atelier)
        or est_de_la_collectivite(user, atelier)
        or est_dgaln(user)
    ):
        return non(
            "Seuls le service pilote, le titulaire, la collectivité et la DGALN échangent sur "
            "l'atelier."
        )
    return OUI


def peut_cocher_engagement(user, atelier):
    """Tick off what the collectivité takes on for the on-site days: the collectivité, or the
    pilot service on its behalf, while the atelier is open."""
    if not (est_de_la_collectivite(user, atelier) or est_du_service_pilote(user, atelier)):
        return non(
            "Seuls la collectivité et le service pilote cochent les engagements de la collectivité."
        )
    return _ouvert(atelier)


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


def actions_possibles(user, atelier):
    """The page's actions that are not changes of state (those come from ``workflow``)."""
    return {
        "planifier": peut_planifier(user, atelier),
        "modifier_programme": peut_modifier_programme(user, atelier, atelier.programme),
        "lire_programme": peut_lire_programme(user, atelier, atelier.programme),
        "ecrire": peut_ecrire(user, atelier),
        "cocher_engagement": peut_cocher_engagement(user, atelier),
        "suivre_l_execution": suit_l_execution(user, atelier),
        "definir_livrables": peut_definir_livrables(user, atelier),
        "rediger": peut_rediger(user, atelier),
        "publier": peut_publier(user, atelier),
    }
