"""The one place that tells people something happened: in the portal and by e-mail."""

from django.conf import settings
from django.db import transaction

from comptes.tasks import envoyer_email

from .models import Notification


def notifier(destinataires, titre, texte="", lien="", auteur=None):
    """Notify every active person in ``destinataires`` except ``auteur``.

    The in-app notification is written in the current transaction; the e-mail is queued only
    once it commits, so a refused change never sends mail.
    """
    personnes = {
        p.pk: p for p in destinataires if p.is_active and (auteur is None or p.pk != auteur.pk)
    }
    if not personnes:
        return []
    notifications = Notification.objects.bulk_create(
        Notification(destinataire=p, titre=titre, texte=texte, lien=lien)
        for p in personnes.values()
    )
    corps = texte
    if lien:
        corps = f"{texte}\n\nPour consulter le dossier : {settings.SITE_URL}{lien}".strip()
    corps += (
        "\n\n— \nPortail des Ateliers Flash (DGALN). "
        "Ce message est envoyé automatiquement, merci de ne pas y répondre."
    )
    emails = sorted(p.email for p in personnes.values())
    for email in emails:
        transaction.on_commit(
            lambda email=email: envoyer_email.delay(f"[Ateliers Flash] {titre}", corps, [email])
        )
    return notifications
