"""Who may do what on a candidature, with the reason when the answer is no.

Each rule answers ``Decision(ok, raison)``: views show the buttons whose decision is ok and
display the reason otherwise; transitions check the same rule again before changing anything.
Seeing a file at all is decided by ``Candidature.objects.visible_to(user)``.
"""

from comptes.permissions import est_dgaln
from socle.decisions import OUI, non

from .fiche import RUBRIQUES, TERRITOIRE
from .models import StatutCandidature

# States in which the file is still alive (it can be withdrawn or classed).
OUVERTS = (
    StatutCandidature.INTENTION,
    StatutCandidature.BROUILLON,
    StatutCandidature.DEPOSEE,
    StatutCandidature.EN_INSTRUCTION,
    StatutCandidature.COMPLEMENT_DEMANDE,
)
A_INSTRUIRE = (
    StatutCandidature.DEPOSEE,
    StatutCandidature.EN_INSTRUCTION,
    StatutCandidature.COMPLEMENT_DEMANDE,
)


def est_du_service(user, candidature):
    return (
        user.is_authenticated
        and user.is_active
        and user.est_agent
        and user.organisation_id == candidature.service_id
    )


def _etat(candidature):
    return f"Le dossier est à l'état « {StatutCandidature(candidature.statut).label} »"


def rubriques_ouvertes(candidature):
    """The sections the service may edit in the file's current state."""
    if candidature.statut == StatutCandidature.INTENTION:
        return {TERRITOIRE.code}
    if candidature.statut == StatutCandidature.BROUILLON:
        return {r.code for r in RUBRIQUES}
    if candidature.statut == StatutCandidature.COMPLEMENT_DEMANDE:
        demande = candidature.demandes_complement.filter(levee_le__isnull=True).first()
        return set(demande.rubriques) if demande else set()
    return set()


def peut_modifier(user, candidature, rubrique):
    if not est_du_service(user, candidature):
        return non("Seuls les agents du service qui porte le dossier peuvent le modifier.")
    if rubrique in rubriques_ouvertes(candidature):
        return OUI
    if candidature.statut == StatutCandidature.INTENTION:
        return non(
            "La fiche de candidature s'ouvre lorsque la DGALN a confirmé l'opportunité : "
            "seule l'intention peut être modifiée pour l'instant."
        )
    if candidature.statut == StatutCandidature.COMPLEMENT_DEMANDE:
        return non("Cette rubrique ne fait pas partie du complément demandé par la DGALN.")
    return non(f"{_etat(candidature)} : il n'est plus modifiable.")


def peut_deposer(user, candidature):
    if not est_du_service(user, candidature):
        return non("Seuls les agents du service qui porte le dossier peuvent le déposer.")
    if candidature.statut not in (
        StatutCandidature.BROUILLON,
        StatutCandidature.COMPLEMENT_DEMANDE,
    ):
        return non(f"{_etat(candidature)} : il ne peut pas être déposé.")
    return OUI


def peut_statuer_opportunite(user, candidature):
    if not est_dgaln(user):
        return non("Seule la DGALN confirme ou décline l'opportunité d'une candidature.")
    if candidature.statut != StatutCandidature.INTENTION:
        return non(f"{_etat(candidature)} : l'opportunité a déjà été étudiée.")
    return OUI


def peut_prendre_en_charge(user, candidature):
    if not est_dgaln(user):
        return non("Seule la DGALN instruit les dossiers.")
    if candidature.statut not in A_INSTRUIRE:
        return non(f"{_etat(candidature)} : il n'est pas à instruire.")
    return OUI


def peut_demander_complement(user, candidature):
    if not est_dgaln(user):
        return non("Seule la DGALN peut demander un complément.")
    if candidature.statut not in (StatutCandidature.DEPOSEE, StatutCandidature.EN_INSTRUCTION):
        return non(
            f"{_etat(candidature)} : un complément ne peut être demandé "
            "que sur un dossier déposé ou en instruction."
        )
    return OUI


def peut_decider(user, candidature):
    if not est_dgaln(user):
        return non("Seule la DGALN se prononce sur l'éligibilité.")
    if candidature.statut != StatutCandidature.EN_INSTRUCTION:
        return non(
            f"{_etat(candidature)} : l'éligibilité se décide sur un dossier "
            "en instruction (prenez-le en charge d'abord)."
        )
    return OUI


def peut_attribuer(user, candidature):
    """Attribute the file to a titulaire by the tourniquet (this creates its atelier)."""
    if not est_dgaln(user):
        return non("Seule la DGALN attribue les ateliers aux titulaires.")
    if candidature.statut != StatutCandidature.ELIGIBLE:
        return non(f"{_etat(candidature)} : seul un dossier éligible peut être attribué.")
    return OUI


def peut_classer_sans_suite(user, candidature):
    if not (est_dgaln(user) or est_du_service(user, candidature)):
        return non("Seuls la DGALN et le service qui porte le dossier peuvent le classer.")
    if candidature.statut not in OUVERTS:
        return non(f"{_etat(candidature)} : il ne peut plus être classé.")
    return OUI


def retire_par_son_service(user, candidature):
    """Classing a file sans suite is, for the service that carries it, withdrawing it: the
    button reads « Retirer le dossier » there, « Classer sans suite » at the DGALN."""
    return est_du_service(user, candidature)


def peut_ecrire(user, candidature):
    """Write in the file's thread (service ⇄ DGALN)."""
    if not (est_dgaln(user) or est_du_service(user, candidature)):
        return non("Seuls la DGALN et le service qui porte le dossier échangent sur ce fil.")
    if candidature.statut == StatutCandidature.BROUILLON:
        return non(
            "Le dossier est en brouillon : la DGALN ne le voit pas encore. "
            "Les échanges s'ouvrent au dépôt."
        )
    return OUI


def peut_lire_fil(user, candidature):
    """Read the thread and its attachments: the two sides of the exchange only. The titulaire
    of the atelier reads the fiche and its pièces, not what the service and the DGALN said
    to each other while the file was reviewed."""
    if not (est_dgaln(user) or est_du_service(user, candidature)):
        return non("Les échanges entre le service et la DGALN ne sont lus que par eux.")
    return OUI


def peut_annoter(user, candidature):
    if not est_dgaln(user):
        return non("Les notes internes sont réservées à la DGALN.")
    return OUI


def rubriques_modifiables(user, candidature):
    """The sections of the fiche this person may edit now, in the order of the fiche."""
    if not est_du_service(user, candidature):
        return []
    ouvertes = rubriques_ouvertes(candidature)
    return [r for r in RUBRIQUES if r.code in ouvertes]


def actions_possibles(user, candidature):
    """Every action's decision for this person on this file (what the page offers)."""
    return {
        "deposer": peut_deposer(user, candidature),
        "statuer_opportunite": peut_statuer_opportunite(user, candidature),
        "prendre_en_charge": peut_prendre_en_charge(user, candidature),
        "demander_complement": peut_demander_complement(user, candidature),
        "decider": peut_decider(user, candidature),
        "attribuer": peut_attribuer(user, candidature),
        "classer_sans_suite": peut_classer_sans_suite(user, candidature),
        "ecrire": peut_ecrire(user, candidature),
        "annoter": peut_annoter(user, candidature),
    }
