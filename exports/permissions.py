"""Who may do what with an export prepared in the queue.

Exporting a list needs nothing more than seeing the list: the file holds the rows the list
shows the person (``visible_to``). A prepared file is personal.
"""

from socle.decisions import OUI, non


def peut_telecharger(user, export):
    if user.is_authenticated and export.demandeur_id == user.pk:
        return OUI
    return non("Seule la personne qui a demandé cet export peut le télécharger.")
