"""The answer of every permission rule: yes, or no with the reason shown to the person.

Views show the buttons whose decision is ok and display the reason otherwise; services and
transitions check the same rule again before changing anything.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied


@dataclass(frozen=True)
class Decision:
    ok: bool
    raison: str = ""

    def __bool__(self):
        return self.ok


OUI = Decision(True)


def non(raison):
    return Decision(False, raison)


class TransitionRefusee(Exception):
    """A change of state is not allowed; ``str(exc)`` says why, in French."""


def exiger(decision):
    """For services and transitions: raise ``TransitionRefusee`` with the rule's reason unless
    it allows the action."""
    if not decision:
        raise TransitionRefusee(decision.raison)


def refuser_sinon(decision):
    """For views: a refused decision is a 403 page that shows its reason."""
    if not decision:
        raise PermissionDenied(decision.raison)
