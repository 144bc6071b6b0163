"""What every transition of every app shares: the refusal with its reason, the rule check,
the row lock, and the change of state written to the audit journal.

Each app keeps its own transitions (``candidatures.transitions``, ``commandes.transitions``…);
they all refuse, lock and record the same way through these few functions.
"""

from .models import enregistrer


class TransitionRefusee(Exception):
    """The transition is not allowed; ``str(exc)`` says why, in French."""


def exiger(decision):
    """Raise ``TransitionRefusee`` with the rule's reason unless it allows the action."""
    if not decision:
        raise TransitionRefusee(decision.raison)


def verrouiller(objet):
    """Lock the object's row and re-read it: two people acting at once are serialised, and the
    caller's instance shows the new state afterwards."""
    type(objet)._default_manager.select_for_update().only("pk").get(pk=objet.pk)
    objet.refresh_from_db()
    return objet


def changer_statut(objet, acteur, apres, action, libelle, commentaire="", champs=()):
    """Move ``objet.statut`` to ``apres`` and write the audit event (who, from, to, why)."""
    avant = objet.statut
    objet.statut = apres
    objet.save(update_fields=["statut", "modifie_le", *champs])
    enregistrer(objet, acteur, action, libelle, avant, apres, commentaire)
