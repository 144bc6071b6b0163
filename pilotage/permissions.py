"""Who may read the programme's figures: the DGALN (bureau AD1 and its administrators)."""

from socle.decisions import OUI, non


def peut_piloter(user):
    if not (user.is_authenticated and user.is_active and user.est_dgaln):
        return non("Le pilotage du programme est réservé à la DGALN.")
    return OUI
