"""The journal's sweep: seal the events a crash or a lock left unsealed."""

from celery import shared_task

from . import chaine


@shared_task(ignore_result=True)
def sceller_journal():
    return chaine.sceller()
