"""In-app notifications: what happened on a file that concerns this person.

Each one is also sent by e-mail (see ``notifications.services.notifier``); the portal's list
keeps them with a read/unread mark so that nothing depends on the mailbox.
"""

from django.conf import settings
from django.db import models


class NotificationQuerySet(models.QuerySet):
    def non_lues(self):
        return self.filter(lue_le__isnull=True)


class Notification(models.Model):
    destinataire = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    titre = models.CharField(max_length=200)
    texte = models.TextField(blank=True)
    lien = models.CharField(max_length=300, blank=True)
    creee_le = models.DateTimeField("créée le", auto_now_add=True)
    lue_le = models.DateTimeField("lue le", null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = "notification"
        ordering = ["-creee_le", "-id"]
        indexes = [models.Index(fields=["destinataire", "lue_le"])]

    def __str__(self):
        return self.titre
