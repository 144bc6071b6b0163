"""The answer of every permission rule: yes, or no with the reason shown to the person.

Views show the buttons whose decision is ok and display the reason otherwise; services and
transitions check the same rule again before changing anything.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    ok: bool
    raison: str = ""

    def __bool__(self):
        return self.ok


OUI = Decision(True)


def non(raison):
    return Decision(False, raison)
