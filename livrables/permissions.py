"""Who acts on a livrable, and the rules that are not about its state.

The titulaire uploads versions; the pilot service and the DGALN validate the latest one or
send it back; the pilot service records the expected livrables
(``ateliers.permissions.peut_definir_livrables``), changes their due date and withdraws one
recorded by mistake. From which state each change leaves is the table of ``workflow``. The
feuille de route and the fiche synthétique are written by the titulaire
(``ateliers.permissions.peut_rediger``). Seeing a livrable is seeing its atelier; the
collectivité co-porteur reads only what the service validated (``Livrable.objects.visible_to``,
``peut_lire_feuille_de_route``, ``peut_lire_fiche``).
"""

from ateliers.permissions import peut_definir_livrables, suit_l_execution
from socle.decisions import OUI, non

from .models import StatutLivrable, Type, Version


def atelier_ouvert(livrable):
    """A closed atelier receives no more livrables."""
    if livrable.atelier.est_cloture:
        return non("L'atelier est clôturé : il ne reçoit plus de livrable.")
    return OUI


def version_lisible(livrable):
    """The antivirus has the first word: nobody reviews a file nobody may open."""
    attente = livrable.versions.filter(avis=Version.Avis.EN_ATTENTE).first()
    if attente and attente.est_en_analyse:
        return non(
            f"La version {attente.numero} est en cours d'analyse antivirus : elle pourra être "
            "ouverte et recevoir un avis une fois vérifiée."
        )
    if attente and attente.est_infecte:
        return non(
            f"La version {attente.numero} a été refusée (virus détecté) : "
            "le titulaire doit en déposer une autre."
        )
    return OUI


def peut_modifier(user, livrable):
    """Change the due date or the title of an expected livrable (not a change of state): the
    pilot service, while the livrable is not validated."""
    decision = peut_definir_livrables(user, livrable.atelier)
    if decision and livrable.statut == StatutLivrable.VALIDE:
        return non(f"Le livrable « {livrable.nom} » est validé : il ne se modifie plus.")
    return decision


def peut_retirer(user, livrable, nombre_versions=None):
    """Remove an expected livrable recorded by mistake: only while no version was uploaded."""
    decision = peut_definir_livrables(user, livrable.atelier)
    if not decision:
        return decision
    if nombre_versions is None:
        nombre_versions = livrable.versions.count()
    if nombre_versions:
        return non("Une version a déjà été déposée : le livrable ne peut plus être retiré.")
    return OUI


def peut_lire_feuille_de_route(user, atelier):
    """The feuille de route written online (its axes and actions, its CSV, its PDF): read by
    everyone who follows the atelier; by the collectivité once the service validated the
    livrable « Feuille de route ». ``user`` sees the atelier."""
    if suit_l_execution(user, atelier):
        return OUI
    if atelier.livrables.filter(type=Type.FEUILLE_DE_ROUTE, statut=StatutLivrable.VALIDE).exists():
        return OUI
    return non("La feuille de route se lit une fois validée par le service pilote.")


def peut_lire_fiche(user, atelier, fiche):
    """The fiche synthétique and its images: read by everyone who follows the atelier; by the
    collectivité once the service validated it. ``user`` sees the atelier."""
    if suit_l_execution(user, atelier) or (fiche is not None and fiche.est_validee):
        return OUI
    return non("La fiche synthétique se lit une fois validée par le service pilote.")
