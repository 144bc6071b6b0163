"""The export queue: large files are written by the Celery worker, never in the web request."""

from celery import shared_task

from . import services


@shared_task(acks_late=True, ignore_result=True)
def produire_export(pk):
    return services.produire(pk)


@shared_task(ignore_result=True)
def balayer_exports():
    return services.balayer()
