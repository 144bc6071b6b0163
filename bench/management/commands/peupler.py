"""manage.py peupler (under bench.settings): the national-scale dataset of the benchmark, in
an empty base."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench.volume import BaseNonVide, Volumes, peupler


class Command(BaseCommand):
    help = (
        "Crée un jeu de données de mesure à l'échelle nationale (par défaut 10 000 candidatures, "
        "3 000 ateliers, 6 000 bons de commande, 30 000 versions de livrables) dans une base "
        "sans candidature ni accord-cadre, et affiche le temps pris."
    )

    def add_arguments(self, parser):
        defaut = Volumes()
        for nom in ("candidatures", "ateliers", "bons", "versions"):
            parser.add_argument(f"--{nom}", type=int, default=getattr(defaut, nom))
        parser.add_argument(
            "--departements", type=int, default=None, help="Limiter à N départements."
        )
        parser.add_argument("--graine", type=int, default=2026, help="Graine du hasard.")

    def handle(self, *args, candidatures, ateliers, bons, versions, departements, graine, **o):
        volumes = Volumes(candidatures, ateliers, bons, versions, departements)
        try:
            rapport = peupler(volumes, graine=graine)
        except (BaseNonVide, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        if connection.vendor == "postgresql":
            with connection.cursor() as curseur:
                # The sealing of the journal rewrote every event: its dead rows go too
                # (VACUUM cannot run in a transaction, as in a test).
                curseur.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        for nom, duree in rapport.durees:
            nombre = rapport.comptes.get(nom, "")
            self.stdout.write(f"  {nom:<26} {nombre!s:>8}  {duree:6.2f} s")
        for nom in ("pièces", "messages des dossiers", "messages des ateliers", "livrables"):
            if nom in rapport.comptes:
                self.stdout.write(f"  {nom:<26} {rapport.comptes[nom]:>8}")
        self.stdout.write(f"  {'fichiers écrits':<26} {rapport.comptes['fichiers']:>8}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Jeu de mesure créé en {rapport.total:.1f} s ({connection.vendor})."
            )
        )
        for role, email in rapport.connexions.items():
            self.stdout.write(f"  {role:<16} {email}")
