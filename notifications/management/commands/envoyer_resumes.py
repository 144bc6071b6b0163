"""The daily digest, for a cron when Celery beat is not running."""

from django.core.management.base import BaseCommand

from notifications import services


class Command(BaseCommand):
    help = "Envoie le récapitulatif quotidien des notifications (et relance les e-mails dus)."

    def handle(self, *args, **options):
        relances = services.relancer_emails()
        envoyes = services.envoyer_resumes()
        self.stdout.write(f"{envoyes} récapitulatif(s) envoyé(s), {relances} e-mail(s) relancé(s).")
