"""manage.py anonymiser_donnees: anonymise or delete personal data past their retention."""

from django.core.management.base import BaseCommand

from donnees_personnelles.anonymisation import a_echeance, anonymiser


class Command(BaseCommand):
    help = (
        "Anonymise les contacts des dossiers clos depuis plus que la durée de conservation, "
        "désactive et anonymise les comptes inactifs, supprime les exports, notifications lues "
        "et invitations périmés (réglages CONSERVATION_*). Sans effet une seconde fois."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Afficher ce qui serait traité, par sorte d'enregistrement, sans rien modifier.",
        )

    def handle(self, *args, dry_run=False, **options):
        bilan = anonymiser(simulation=dry_run)
        if dry_run:
            self.stdout.write("Simulation : rien n'est modifié. Seraient traités :")
        for sorte in a_echeance():
            self.stdout.write(f"  {sorte.libelle} : {bilan[sorte.code]}")
        if not dry_run:
            self.stdout.write(
                self.style.SUCCESS(f"{sum(bilan.values())} enregistrement(s) traité(s).")
            )
