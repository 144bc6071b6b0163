"""Notification e-mails in the Celery queue: one per notification, the sweep, the digest."""

from smtplib import SMTPException

from celery import shared_task

from . import services


@shared_task(
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_kwargs={"max_retries": 5},
)
def envoyer_notification(pk):
    return services.envoyer(pk)


@shared_task
def relancer_emails():
    return services.relancer_emails()


@shared_task
def envoyer_resumes():
    return services.envoyer_resumes()
