"""The demo's clock: each step of its story happens on its own day, so that timelines,
notifications, messages and documents agree with the ateliers' planning.

``charger_demo`` runs inside ``histoire()``, which fixes the real day the demo is loaded;
``le(n)`` then lives a block ``n`` days from that day (``n < 0``: in the past) with the
clock moving from there (time-machine), and ``jour(n)`` is that day's date.
"""

import contextlib
import datetime

import time_machine
from django.utils import timezone

_origine = None


@contextlib.contextmanager
def histoire():
    """Fix the real day the story is told from (nesting keeps the outer one)."""
    global _origine
    if _origine is not None:
        yield
        return
    _origine = timezone.now()
    try:
        yield
    finally:
        _origine = None


def aujourdhui():
    return timezone.localdate(_origine) if _origine else timezone.localdate()


def jour(n):
    return aujourdhui() + datetime.timedelta(days=n)


@contextlib.contextmanager
def au(moment):
    """Live the block from ``moment`` (an aware datetime), never later than the real now."""
    maintenant = _origine or timezone.now()
    with time_machine.travel(min(moment, maintenant), tick=True):
        yield


def le(n, heure=10, minute=0):
    """Live the block ``n`` days from the real day, from ``heure`` local time."""
    moment = datetime.datetime.combine(jour(n), datetime.time(heure, minute))
    return au(timezone.make_aware(moment))
