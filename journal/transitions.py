"""What every transition of every app shares: the refusal with its reason, the rule check,
the row lock, and the change of state written to the audit journal.

Each app keeps its own transitions (``candidatures.transitions``, ``commandes.transitions``…);
they all refuse, lock and record the same way through these few functions.
"""

from django.utils import timezone

from socle.decisions import TransitionRefusee, exiger

from .models import enregistrer

__all__ = ["TransitionRefusee", "changer_statut", "date_effective", "exiger", "verrouiller"]


def verrouiller(objet):
    """Lock the object's row and re-read it: two people acting at once are serialised, and the
    caller's instance shows the new state afterwards."""
    type(objet)._default_manager.select_for_update().only("pk").get(pk=objet.pk)
    objet.refresh_from_db()
    return objet


def changer_statut(
    objet, acteur, apres, action, libelle, commentaire="", champs=(), champ="statut"
):
    """Move the object's state to ``apres`` and write the audit event (who, from, to, why).

    The state is ``objet.statut``, or the field ``champ`` names (an atelier's ``phase``)."""
    avant = getattr(objet, champ)
    setattr(objet, champ, apres)
    objet.save(update_fields=[champ, "modifie_le", *champs])
    enregistrer(objet, acteur, action, libelle, avant, apres, commentaire)


def date_effective(jour, quoi, pas_avant=None, pas_avant_quoi=""):
    """The date a person gives for what happened (today when empty): never in the future,
    never before ``pas_avant`` (the previous step), refused in words otherwise."""
    jour = jour or timezone.localdate()
    if jour > timezone.localdate():
        raise TransitionRefusee(f"La date {quoi} ne peut pas être dans le futur.")
    if pas_avant and jour < pas_avant:
        raise TransitionRefusee(
            f"La date {quoi} ne peut pas précéder {pas_avant_quoi} ({pas_avant:%d/%m/%Y})."
        )
    return jour
