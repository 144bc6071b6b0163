from django.core.management.base import BaseCommand

from antivirus.services import balayer


class Command(BaseCommand):
    help = (
        "Remet en file l'analyse antivirus des fichiers restés « en analyse » "
        "(clamd ou le broker indisponible) : à lancer par cron sans Celery beat."
    )

    def handle(self, *args, **options):
        nombre = balayer()
        self.stdout.write(f"{nombre} fichier(s) remis en file d'analyse.")
