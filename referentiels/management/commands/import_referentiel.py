"""manage.py import_referentiel: load régions, départements, communes and EPCI."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from referentiels.importer import ReferentielInvalide, importer_referentiel


class Command(BaseCommand):
    help = (
        "Importe le référentiel territorial depuis les fichiers JSON du paquet "
        "@etalab/decoupage-administratif (par défaut : l'échantillon livré avec le projet). "
        "Idempotent : un second passage ne modifie rien."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            type=Path,
            default=settings.REFERENTIEL_SAMPLE_DIR,
            help="Dossier contenant regions.json, departements.json, communes.json, epci.json.",
        )

    def handle(self, *args, source, **options):
        debut = time.monotonic()
        try:
            rapport = importer_referentiel(source)
        except ReferentielInvalide as exc:
            raise CommandError(str(exc)) from exc
        duree = time.monotonic() - debut
        for nom in ("regions", "departements", "communes", "epci"):
            self.stdout.write(f"{nom:>13} : {getattr(rapport, nom)}")
        self.stdout.write(
            self.style.SUCCESS(f"Référentiel importé depuis {source} en {duree:.1f} s.")
        )
