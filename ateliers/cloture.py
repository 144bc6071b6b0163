"""What must be true before an atelier closes, declared by the apps whose objects hang on it.

The livrables and the bons de commande sit above the atelier: it cannot read them without
depending on them. Each of those apps registers one condition in its ``atelier`` module
(loaded when the portal starts, see ``AteliersConfig.ready``): how to read its objects of an
atelier, and what among them still prevents closing, in words.
The closure's row of the atelier's table (``workflow.ATELIER``) joins the reasons into one
refusal and lists them under « Il manque encore ».
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Condition:
    # The objects the condition reads ("livrables", "bons"): a page that has read them
    # already passes them under this name.
    code: str
    # Where its reasons come in the refusal (the livrables, then the bons).
    ordre: int
    lire: Callable  # atelier -> its objects, as a list
    manques: Callable  # objects -> what still prevents closing, as a list of phrases


_CONDITIONS = {}


def enregistrer(condition):
    _CONDITIONS[condition.code] = condition
    return condition


def retenir(atelier, lus):
    """Keep on ``atelier`` what its page has read already (``{code: objects}``): the closure's
    rule, asked for its button and its « Il manque encore », does not read it again."""
    atelier._lus_pour_la_cloture = lus


def manques_par_condition(atelier, lus=None):
    """``[(code, phrase)]``: what still prevents closing ``atelier``, condition by condition."""
    lus = lus or getattr(atelier, "_lus_pour_la_cloture", None) or {}
    raisons = []
    for condition in sorted(_CONDITIONS.values(), key=lambda c: c.ordre):
        objets = lus[condition.code] if condition.code in lus else condition.lire(atelier)
        raisons.extend((condition.code, raison) for raison in condition.manques(objets))
    return raisons


def manques(atelier, lus=None):
    """What still prevents closing ``atelier``, in words (empty when it can be closed).
    ``lus``: ``{code: objects}`` already read by the page, not read again."""
    return [raison for _, raison in manques_par_condition(atelier, lus)]
