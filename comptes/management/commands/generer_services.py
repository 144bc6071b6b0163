"""manage.py generer_services: create the missing DDT(M), DREAL, DEAL and DRIEAT."""

from django.core.management.base import BaseCommand

from comptes.services_deconcentres import generer_services_deconcentres


class Command(BaseCommand):
    help = "Crée les services déconcentrés manquants d'après le référentiel (idempotent)."

    def handle(self, *args, **options):
        n = generer_services_deconcentres()
        self.stdout.write(self.style.SUCCESS(f"{n} service(s) déconcentré(s) créé(s)."))
