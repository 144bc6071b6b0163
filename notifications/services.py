"""The one place that tells people something happened: in the portal, and by e-mail as each
person chose (at once, in a daily digest, or not at all).

E-mails go through an outbox: the notification row is written with the change; its e-mail is
queued once the change commits and marked sent by the worker. If the broker is down the page
still answers and the sweep (``relancer_emails``) sends what is owed when it is back.
"""

import logging
from datetime import timedelta
from itertools import groupby

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from . import compteur
from .models import Notification, Preference
from .sujets import Mode, Sujet

logger = logging.getLogger(__name__)

SIGNATURE = (
    "\n\n— \nPortail des Ateliers Flash (DGALN). "
    "Ce message est envoyé automatiquement, merci de ne pas y répondre.\n"
    "Choisissez les e-mails que vous recevez : {url}"
)


def notifier(destinataires, titre, texte="", lien="", auteur=None, *, evenement):
    """Notify every active person in ``destinataires`` except ``auteur`` of an ``evenement``.

    The in-app notification is written in the current transaction; e-mails to send at once are
    queued only once it commits, so a refused change never sends mail.
    """
    evenement = Sujet(evenement)
    personnes = [
        p
        for p in {p.pk: p for p in destinataires}.values()
        if p.is_active and (auteur is None or p.pk != auteur.pk)
    ]
    if not personnes:
        return []
    modes = Preference.objects.modes(personnes, evenement)
    notifications = Notification.objects.bulk_create(
        Notification(
            destinataire=p,
            evenement=evenement,
            titre=titre,
            texte=texte,
            lien=lien,
            envoi=modes[p.pk],
        )
        for p in personnes
    )
    compteur.oublier(*(p.pk for p in personnes))
    a_envoyer = [n.pk for n in notifications if n.envoi == Mode.IMMEDIAT]
    if a_envoyer:
        transaction.on_commit(lambda: mettre_en_file(a_envoyer))
    return notifications


def mettre_en_file(pks):
    """Queue the e-mails of notifications ``pks``; if the broker is down, leave them for the
    sweep. Returns how many were queued."""
    from .tasks import envoyer_notification

    for rang, pk in enumerate(pks):
        try:
            envoyer_notification.delay(pk)
        except (OperationalError, OSError) as erreur:
            logger.warning(
                "E-mails de %s notification(s) non mis en file (%s) : le balayage les relancera.",
                len(pks) - rang,
                erreur,
            )
            return rang
    return len(pks)


def _url(lien):
    return f"{settings.SITE_URL}{lien}"


def _signature():
    return SIGNATURE.format(url=_url(reverse("notifications:preferences")))


def corps(notification):
    texte = notification.texte
    if notification.lien:
        texte = f"{texte}\n\nPour consulter le dossier : {_url(notification.lien)}".strip()
    return texte + _signature()


def envoyer(pk):
    """Send the e-mail of notification ``pk`` once: ``True`` if it left now."""
    with transaction.atomic():
        notification = (
            Notification.objects.a_envoyer(Mode.IMMEDIAT)
            .select_for_update(of=("self",))
            .select_related("destinataire")
            .filter(pk=pk)
            .first()
        )
        if notification is None:
            return False  # already sent, not to be sent now, or its person deactivated
        send_mail(
            f"[Ateliers Flash] {notification.titre}",
            corps(notification),
            settings.DEFAULT_FROM_EMAIL,
            [notification.destinataire.email],
        )
        notification.email_envoye_le = timezone.now()
        notification.save(update_fields=["email_envoye_le"])
    return True


def relancer_emails(delai=None):
    """Re-queue the immediate e-mails still owed after ``delai`` seconds; returns how many."""
    delai = settings.NOTIFICATIONS_DELAI_BALAYAGE if delai is None else delai
    limite = timezone.now() - timedelta(seconds=delai)
    pks = list(
        Notification.objects.a_envoyer(Mode.IMMEDIAT)
        .filter(creee_le__lte=limite)
        .order_by("creee_le", "id")
        .values_list("pk", flat=True)
    )
    return mettre_en_file(pks)


def contenu_du_resume(personne, notifications):
    """Subject and body of ``personne``'s digest: the notifications grouped by kind."""
    nombre = len(notifications)
    s = "s" if nombre > 1 else ""
    sujet = f"[Ateliers Flash] Récapitulatif : {nombre} notification{s}"
    lignes = [
        f"Bonjour {personne.get_full_name() or personne.email},",
        "",
        f"Voici {nombre} notification{s} du portail des Ateliers Flash "
        "depuis votre dernier récapitulatif.",
    ]
    par_evenement = sorted(notifications, key=lambda n: (Sujet(n.evenement).label, n.pk))
    for evenement, groupe in groupby(par_evenement, key=lambda n: n.evenement):
        lignes += ["", Sujet(evenement).label.upper()]
        for n in groupe:
            date = timezone.localtime(n.creee_le).strftime("%d/%m/%Y %H:%M")
            lignes.append(f"- {date} — {n.titre}")
            if n.lien:
                lignes.append(f"  {_url(n.lien)}")
    return sujet, "\n".join(lignes) + _signature()


def envoyer_resume(personne):
    """Send ``personne`` one e-mail with every notification they get as a digest and have not
    had yet; nothing if there is none. Returns the number of notifications sent."""
    with transaction.atomic():
        notifications = list(
            Notification.objects.a_envoyer(Mode.QUOTIDIEN)
            .filter(destinataire=personne)
            .select_for_update(of=("self",))
            .order_by("creee_le", "id")
        )
        if not notifications:
            return 0
        sujet, texte = contenu_du_resume(personne, notifications)
        send_mail(sujet, texte, settings.DEFAULT_FROM_EMAIL, [personne.email])
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
            email_envoye_le=timezone.now()
        )
    return len(notifications)


def envoyer_resumes():
    """The daily digest: one e-mail per person with something new; returns how many left."""
    personnes = get_user_model().objects.filter(
        is_active=True,
        pk__in=Notification.objects.a_envoyer(Mode.QUOTIDIEN).values("destinataire"),
    )
    envoyes = 0
    for personne in personnes:
        try:
            envoyes += bool(envoyer_resume(personne))
        except OSError:  # SMTP down for this one: the others still get theirs, and it waits
            logger.exception("Récapitulatif non envoyé à %s", personne.pk)
    return envoyes


def enregistrer_preferences(personne, modes):
    """Store ``{evenement: mode}`` for ``personne`` (a choice equal to the default is kept too,
    so that a later change of default does not change what the person chose)."""
    with transaction.atomic():
        for evenement, mode in modes.items():
            Preference.objects.update_or_create(
                personne=personne, evenement=Sujet(evenement), defaults={"mode": Mode(mode)}
            )
