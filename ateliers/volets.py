"""What the atelier's page shows of the apps built above it: its bons de commande, its
livrables.

The atelier's page gathers what hangs on the atelier without importing those apps: each
registers its part (a *volet*) in its ``atelier`` module, loaded when the portal starts (see
``AteliersConfig.ready``). The page reads each part once; the closure rule
(``cloture``) and the page's timeline reuse what it read; what a part only counts comes with
the atelier's own row (``annoter``). A part may be shown to some of
those who see the atelier only (``pour``): the others get neither its objects nor its
section (the template asks ``volets.<code>``).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Volet:
    # The template variable holding the objects ("bons", "livrables"); the closure
    # condition of the same code reuses them.
    code: str
    lire: Callable  # (user, atelier) -> the objects of the atelier ``user`` sees, as a list
    # (user, atelier, objects) -> more template variables (a button's decision…), or None.
    contexte: Callable | None = None
    # (user, atelier) -> whether the page shows the part to ``user`` at all; None: to all.
    pour: Callable | None = None
    # (ateliers) -> the same queryset, annotated with what the part counts of each (read with
    # the atelier itself, not by a query of its own), or None.
    annoter: Callable | None = None


_VOLETS = {}


def enregistrer(volet):
    _VOLETS[volet.code] = volet
    return volet


def annoter(ateliers):
    """The atelier's page's queryset, with what each part counts of the atelier."""
    for volet in _VOLETS.values():
        if volet.annoter:
            ateliers = volet.annoter(ateliers)
    return ateliers


def lire(user, atelier):
    """``(objects by code, template variables)`` of every part of the atelier's page shown to
    ``user``; ``volets`` says which parts are shown."""
    lus, contexte = {}, {"volets": {}}
    for volet in _VOLETS.values():
        if volet.pour and not volet.pour(user, atelier):
            continue
        contexte["volets"][volet.code] = True
        lus[volet.code] = objets = volet.lire(user, atelier)
        contexte[volet.code] = objets
        if volet.contexte:
            contexte.update(volet.contexte(user, atelier, objets))
    return lus, contexte
