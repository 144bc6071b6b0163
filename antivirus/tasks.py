"""Scans in the Celery worker, never in the web request."""

from celery import shared_task
from django.apps import apps

from . import services


@shared_task(acks_late=True, ignore_result=True)
def analyser_fichier(modele, pk):
    """Scan the file of row ``pk`` of ``modele`` (an ``app_label.Model`` label)."""
    return services.analyser(apps.get_model(modele), pk)


@shared_task(ignore_result=True)
def balayer_analyses():
    return services.balayer()
