"""The periodic task of personal data: records past their retention (daily, Celery beat)."""

from celery import shared_task

from . import anonymisation


@shared_task(ignore_result=True)
def anonymiser_donnees():
    return anonymisation.anonymiser()
