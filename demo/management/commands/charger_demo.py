"""manage.py charger_demo: load the demo when the base is empty, print the demo accounts."""

import contextlib
import io
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test import override_settings

from demo.donnees import MOT_DE_PASSE_DEMO, charger_demo, comptes_demo
from referentiels.models import Commune


class Command(BaseCommand):
    help = (
        "Charge les données de démonstration si la base est vide (ou toujours avec --force) "
        "et affiche les comptes de démonstration."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Recharger même si la base a des données."
        )

    @contextlib.contextmanager
    def etape(self, libelle):
        """One line per step: what it does, then how long it took."""
        self.stdout.write(f"  {libelle}…", ending="")
        self.stdout.flush()
        debut = time.monotonic()
        yield
        self.stdout.write(f" {time.monotonic() - debut:.1f} s")

    def handle(self, *args, force=False, **options):
        if not Commune.objects.exists():
            with self.etape("Référentiel des territoires (échantillon livré)"):
                call_command("import_referentiel", stdout=io.StringIO())
        comptes = comptes_demo()
        if force or not comptes:
            self.stdout.write("Chargement des données de démonstration :")
            debut = time.monotonic()
            # The demo's notifications are e-mailed once its transaction commits: nobody
            # should receive them, nor should they bury the accounts printed below.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
                comptes = charger_demo(etape=self.etape)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Données de démonstration chargées en {time.monotonic() - debut:.0f} s."
                )
            )
        if not comptes:
            return
        self.stdout.write("")
        self.stdout.write(f"Comptes de démonstration (mot de passe commun : {MOT_DE_PASSE_DEMO})")
        for c in comptes:
            self.stdout.write(f"  {c.role:<30} {c.email:<34} {c.organisation}")
        self.stdout.write(
            "  Administration Django : http://127.0.0.1:8000/admin/ (compte administrateur)"
        )
        self.stdout.write("")
