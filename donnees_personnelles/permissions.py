"""Who may export someone's personal data."""

from comptes.models import Role
from socle.decisions import OUI, non


def peut_exporter_donnees_personnelles(user):
    """Only a DGALN administrateur (or a superuser) exports someone's personal data."""
    if not (user.is_authenticated and user.is_active):
        return non("Connectez-vous.")
    if user.role == Role.ADMINISTRATEUR or user.is_superuser:
        return OUI
    return non(
        "Seul un administrateur DGALN peut exporter les données personnelles d'une personne."
    )
