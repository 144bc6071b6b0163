"""The registry of personal data: each app declares the kinds of personal data it holds.

Every app that stores something about a person declares it in its own
``<app>/donnees_personnelles.py`` (loaded by ``donnees_personnelles.apps``, the way
``exports`` loads the lists): the model and its personal fields, the retention setting, which
records are past it and how one is anonymised or deleted, what goes with its person's account
when that account is anonymised, and what the subject-access export reads for a person. The
``donnees_personnelles`` app runs them (``anonymisation.anonymiser``, ``export.donnees_de``)
without knowing any app's fields; ``docs/donnees-personnelles.md`` is the inventory for people.

The registry sits on the ground floor, importing no app, so that every app (accounts and the
services included) can declare its own kinds without importing the room that runs them.

Order: kinds are run, and the export's keys written, by increasing ``ordre`` (then ``code``).
The order is explicit because the counts depend on it: the files' contacts come first, then the
accounts (whose anonymisation also removes the person's invitations, notifications and
exports), then the records deleted after a fixed time, which count only what is left.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings

# The journal's action for every anonymisation (it also tells the next run a file is done).
ACTION = "anonymisation"


def il_y_a(maintenant, ans=0, jours=0):
    """``maintenant`` minus whole calendar years (29 February → 28) and days."""
    if ans:
        try:
            maintenant = maintenant.replace(year=maintenant.year - ans)
        except ValueError:
            maintenant = maintenant.replace(year=maintenant.year - ans, day=28)
    return maintenant - timedelta(days=jours)


@dataclass(frozen=True)
class Extrait:
    """One key of the subject-access export (RGPD art. 15) and how to read it."""

    cle: str
    # (email, compte) -> a JSON-able value: what is about this person only. ``email`` is
    # stripped and lower-case; ``compte`` is the person's account, or None.
    lire: Callable
    # Whether the key is also written for a person without an account (found by address).
    sans_compte: bool = False
    # Several kinds may fill the same key (the files' and the ateliers' messages): their lists
    # are joined in the kinds' order, then sorted by this item key if given.
    tri: str | None = None


@dataclass(frozen=True)
class Sorte:
    """A kind of personal data: a model, its personal fields, and what happens to them."""

    code: str
    modele: type  # the Django model whose records hold the data
    champs: tuple  # its personal fields (checked against the model by the tests)
    ordre: int
    # What ``manage.py anonymiser_donnees`` prints for this kind.
    libelle: str = ""
    # The name of the retention setting, ending in ``_ANS`` or ``_JOURS``; None: the records
    # live as long as what they belong to (a file, an account).
    conservation: str | None = None
    # seuil -> QuerySet of the records older than the retention that still hold personal data
    # (``seuil`` = now minus the retention). None: no sweep of its own.
    selection: Callable | None = None
    # (pk, seuil) -> bool, run in its own transaction: lock the record, check it is still
    # selected, anonymise or delete it. None: the selection is deleted in one statement (rows
    # with neither files nor journal).
    traiter: Callable | None = None
    # compte -> None, inside the account's anonymisation, before the account loses its
    # address: remove or anonymise what of this kind was only for that person.
    avec_le_compte: Callable | None = None
    # What the subject-access export reads of this kind.
    export: tuple = ()

    def seuil(self, maintenant):
        """The date before which a record of this kind is past its retention."""
        duree = getattr(settings, self.conservation)
        if self.conservation.endswith("_ANS"):
            return il_y_a(maintenant, ans=duree)
        return il_y_a(maintenant, jours=duree)


_SORTES = {}


def declarer(sorte):
    """Declare a kind of personal data (from ``<app>/donnees_personnelles.py``)."""
    if sorte.selection is not None and sorte.conservation is None:
        raise ValueError(f"{sorte.code} : une sélection sans durée de conservation.")
    _SORTES[sorte.code] = sorte
    return sorte


def sortes():
    """Every declared kind, in the order they run."""
    return sorted(_SORTES.values(), key=lambda s: (s.ordre, s.code))


def anonymiser_avec_le_compte(compte):
    """What every kind removes with an account's anonymisation (call it in that transaction,
    before the account's own fields change)."""
    for sorte in sortes():
        if sorte.avec_le_compte is not None:
            sorte.avec_le_compte(compte)
