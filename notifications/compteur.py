"""The number on the header's « Notifications » badge, kept in the cache between pages.

Every signed-in page shows it; counting the unread rows at each page was a query per page.
The count is kept per person in the cache shared by the web processes and forgotten whenever
it may change: a notification written (``notifier``, or saved one by one) or read (opened, or
all marked read). It is forgotten again once the transaction commits, so that a page rendered
meanwhile cannot keep the count of before.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Notification

DUREE = 300


def cle(user_id):
    return f"notifications:non_lues:{user_id}"


def non_lues(user):
    """How many of ``user``'s notifications are unread."""
    nombre = cache.get(cle(user.pk))
    if nombre is None:
        nombre = Notification.objects.filter(destinataire_id=user.pk, lue_le__isnull=True).count()
        cache.set(cle(user.pk), nombre, DUREE)
    return nombre


def oublier(*user_ids):
    """Forget the counts of these people, now and once the transaction commits."""
    cles = [cle(pk) for pk in user_ids]
    cache.delete_many(cles)
    transaction.on_commit(lambda: cache.delete_many(cles))


@receiver(post_save, sender=Notification)
def _notification_enregistree(sender, instance, **kwargs):
    oublier(instance.destinataire_id)
