"""The PDF queue: rendering in the Celery worker, never in the web request."""

from celery import shared_task

from . import services


@shared_task(acks_late=True, ignore_result=True)
def rendre_document(pk):
    resultat = services.produire(pk)
    if resultat.relancer_dans is not None:
        rendre_document.apply_async((pk,), countdown=resultat.relancer_dans)
    return resultat.statut


@shared_task(ignore_result=True)
def balayer_documents():
    return services.balayer()
