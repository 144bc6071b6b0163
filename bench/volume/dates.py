"""Records keep the dates the generator gives them: ``auto_now`` and ``auto_now_add`` are
lifted for the models of one ``with`` block and restored when it ends, even on an error.

The fields are the models' own (class-level) ``Field`` objects, so the switch is visible to
the whole process while the block runs: it is only ever entered around the ``bulk_create``
and ``COPY`` of the seeding, inside ``peupler``'s transaction, never while pages are served.
"""

from contextlib import contextmanager


@contextmanager
def dates_donnees(*modeles):
    """Let ``bulk_create`` keep the dates the generator gives: ``auto_now`` and
    ``auto_now_add`` are lifted for the seeding and restored after."""
    champs = [
        (f, f.auto_now, f.auto_now_add)
        for m in modeles
        for f in m._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    for f, _, _ in champs:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in champs:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add
