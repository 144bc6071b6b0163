from django.core.management.base import BaseCommand

from exports.services import balayer


class Command(BaseCommand):
    help = (
        "Remet en file les exports restés en attente (broker ou worker arrêté) : "
        "à lancer par cron si Celery beat ne tourne pas."
    )

    def handle(self, *args, **options):
        nombre = balayer()
        self.stdout.write(f"{nombre} export(s) remis en file.")
