"""Who may load the programme's history: a DGALN administrator only, with the reason when
the answer is no (the command prints it)."""

from comptes.models import Role
from socle.decisions import OUI, non


def peut_importer(user):
    """Only a DGALN administrator loads the programme's history."""
    if not (user.is_active and user.role == Role.ADMINISTRATEUR):
        role = Role(user.role).label if user.role in Role.values else "sans rôle"
        etat = "" if user.is_active else ", désactivé"
        return non(
            f"Seul un administrateur DGALN peut importer l'historique : le compte "
            f"« {user.email} » est « {role} »{etat}."
        )
    return OUI
