"""The portal's periodic tasks: personal data past their retention (daily, Celery beat)."""

from celery import shared_task

from . import donnees_personnelles


@shared_task(ignore_result=True)
def anonymiser_donnees():
    return donnees_personnelles.anonymiser()
