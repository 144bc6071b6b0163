"""In-app notifications and how each person wants to receive them.

Every notification is kept in the portal with a read/unread mark, so that nothing depends on
the mailbox. Its e-mail is an outbox: ``envoi`` records, at creation, the person's choice for
this kind of event (at once, daily digest, portal only) and ``email_envoye_le`` when the
e-mail left, so that a broker outage delays e-mails without losing them.
"""

from django.conf import settings
from django.db import models

from .sujets import MODE_PAR_DEFAUT, Mode, Sujet


class NotificationQuerySet(models.QuerySet):
    def non_lues(self):
        return self.filter(lue_le__isnull=True)

    def a_envoyer(self, mode):
        """E-mails still owed in ``mode``, to people who can still log in."""
        return self.filter(envoi=mode, email_envoye_le__isnull=True, destinataire__is_active=True)


class Notification(models.Model):
    destinataire = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    evenement = models.CharField(
        "type d'événement", max_length=20, choices=Sujet.choices, default=""
    )
    titre = models.CharField(max_length=200)
    texte = models.TextField(blank=True)
    lien = models.CharField(max_length=300, blank=True)
    creee_le = models.DateTimeField("créée le", auto_now_add=True)
    lue_le = models.DateTimeField("lue le", null=True, blank=True)
    envoi = models.CharField(
        "envoi par e-mail", max_length=10, choices=Mode.choices, default=Mode.IMMEDIAT
    )
    email_envoye_le = models.DateTimeField("e-mail envoyé le", null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = "notification"
        ordering = ["-creee_le", "-id"]
        indexes = [
            models.Index(fields=["destinataire", "lue_le"]),
            models.Index(
                fields=["envoi", "creee_le"],
                condition=models.Q(email_envoye_le__isnull=True),
                name="notification_email_du",
            ),
        ]

    def __str__(self):
        return self.titre


class PreferenceQuerySet(models.QuerySet):
    def modes(self, personnes, evenement):
        """``{person pk: mode}`` for ``evenement``, the default for whoever has not chosen."""
        choisis = dict(
            self.filter(personne__in=personnes, evenement=evenement).values_list(
                "personne_id", "mode"
            )
        )
        defaut = MODE_PAR_DEFAUT[Sujet(evenement)]
        return {p.pk: choisis.get(p.pk, defaut) for p in personnes}


class Preference(models.Model):
    """A person's choice for one kind of event (no row: the kind's default)."""

    personne = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences"
    )
    evenement = models.CharField("type d'événement", max_length=20, choices=Sujet.choices)
    mode = models.CharField(max_length=10, choices=Mode.choices)

    objects = PreferenceQuerySet.as_manager()

    class Meta:
        verbose_name = "préférence de notification"
        verbose_name_plural = "préférences de notification"
        constraints = [
            models.UniqueConstraint(
                fields=["personne", "evenement"], name="une_preference_par_evenement"
            )
        ]

    def __str__(self):
        return f"{self.personne} — {self.get_evenement_display()} : {self.get_mode_display()}"
