"""``manage.py verifier_journal``: recompute the journal's hash chain, name the first broken
link (exit status 1), or print the chain's length and head fingerprint (exit status 0)."""

from django.core.management.base import BaseCommand, CommandError

from journal import chaine


class Command(BaseCommand):
    help = "Vérifie la chaîne d'empreintes du journal d'audit et signale le premier maillon rompu."

    def add_arguments(self, parser):
        parser.add_argument(
            "--sceller",
            action="store_true",
            help="Scelle d'abord les événements validés qui ne le sont pas encore.",
        )

    def handle(self, *args, sceller=False, **options):
        if sceller:
            self.stdout.write(f"{chaine.sceller()} événement(s) scellé(s).")
        rapport = chaine.verifier()
        if not rapport.integre:
            raise CommandError(rapport.rupture)
        self.stdout.write(
            self.style.SUCCESS(
                f"Journal intègre : {rapport.scelles} événement(s) chaîné(s), "
                f"empreinte de tête {rapport.tete}."
            )
        )
        if rapport.non_scelles:
            self.stdout.write(
                f"{rapport.non_scelles} événement(s) pas encore scellé(s) "
                "(le balayage périodique les scellera)."
            )
