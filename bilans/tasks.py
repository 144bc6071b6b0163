"""The daily task of the bilans (Celery beat): reminders, and « Et après ? » at 6 and 12
months (``demandes``)."""

from celery import shared_task

from . import demandes


@shared_task(ignore_result=True)
def relancer_et_demander():
    return {
        "relances": demandes.relancer_bilans(),
        "suites": len(demandes.demander_suites()),
    }
