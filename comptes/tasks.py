"""E-mail sending, in the Celery queue so that a slow mail server never slows a page."""

from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail


@shared_task(
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_kwargs={"max_retries": 5},
)
def envoyer_email(sujet, corps, destinataires):
    send_mail(sujet, corps, settings.DEFAULT_FROM_EMAIL, destinataires)
