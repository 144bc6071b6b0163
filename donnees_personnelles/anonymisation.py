"""The engine of retention: every declared kind past its time, anonymised or deleted.

Each app declares its kinds of personal data in ``<app>/donnees_personnelles.py``
(``socle.donnees_personnelles.Sorte``): the records past the retention setting that still hold
personal data, and the treatment of one. ``anonymiser()`` runs those that have a selection, in
the registry's order; ``manage.py anonymiser_donnees`` and the daily Celery task call it. It
knows no app's fields. The inventory, and why each duration, are in
``docs/donnees-personnelles.md``.

What is business stays: states, dates, amounts, communes, the fiche's content, the messages'
text. The journal is append-only: an anonymisation adds an event (without personal data) to the
object's journal, which is also what tells the next run that a file is done.
"""

from django.db import transaction
from django.utils import timezone

from socle.donnees_personnelles import sortes


def a_echeance():
    """The kinds that have a retention of their own, in the order they run."""
    return [sorte for sorte in sortes() if sorte.selection is not None]


def anonymiser(maintenant=None, simulation=False):
    """Anonymise or delete every record past its retention; ``{kind: count}``.

    Each record is treated in its own transaction, so a failure leaves the others done and
    the next run takes it again; a record already treated is never selected again. With
    ``simulation``, only count."""
    maintenant = maintenant or timezone.now()
    bilan = {}
    for sorte in a_echeance():
        seuil = sorte.seuil(maintenant)
        selection = sorte.selection(seuil)
        if simulation:
            bilan[sorte.code] = selection.count()
            continue
        if sorte.traiter is None:
            with transaction.atomic():
                _, par_modele = selection.delete()
            bilan[sorte.code] = par_modele.get(selection.model._meta.label, 0)
            continue
        pks = list(selection.order_by("pk").values_list("pk", flat=True))
        faits = 0
        for pk in pks:
            with transaction.atomic():
                faits += sorte.traiter(pk, seuil)
        bilan[sorte.code] = faits
    return bilan
