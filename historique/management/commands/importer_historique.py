"""manage.py importer_historique: load past ateliers (2019 onwards) from a CSV file."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from historique.colonnes import HistoriqueInvalide
from historique.importation import importer, lire_fichier
from historique.permissions import peut_importer


class Command(BaseCommand):
    help = (
        "Importe les ateliers passés du programme (2019 et suivants) depuis un fichier CSV : "
        "ateliers clôturés, publiés au catalogue. Tout ou rien : une seule ligne en erreur et "
        "rien n'est importé. Format des colonnes : docs/import-historique.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "fichier", type=Path, help="Fichier CSV en UTF-8, séparateur « ; » ou « , »."
        )
        parser.add_argument(
            "--auteur",
            required=True,
            help="Adresse e-mail du compte administrateur DGALN qui importe (tracé au journal).",
        )
        parser.add_argument(
            "--verifier",
            action="store_true",
            help="Vérifier le fichier et signaler ses erreurs sans rien importer.",
        )

    def handle(self, *args, fichier, auteur, verifier=False, **options):
        compte = get_user_model().objects.filter(email__iexact=auteur.strip()).first()
        if compte is None:
            raise CommandError(f"Aucun compte n'a l'adresse « {auteur} ».")
        decision = peut_importer(compte)
        if not decision:
            raise CommandError(decision.raison)
        if not fichier.is_file():
            raise CommandError(f"Fichier introuvable : {fichier}")
        try:
            lignes = lire_fichier(fichier)
            if verifier:
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Fichier valide : {_ateliers(len(lignes))} à importer. Rien n'a été "
                        "importé (--verifier)."
                    )
                )
                return
            ateliers = importer(compte, lignes, fichier=fichier.name)
        except HistoriqueInvalide as exc:
            raise CommandError(str(exc)) from exc
        if options["verbosity"] > 1:
            for ligne, atelier in zip(lignes, ateliers, strict=True):
                self.stdout.write(f"  {ligne.reference} : {atelier.candidature.titre}")
        self.stdout.write(self.style.SUCCESS(f"{_ateliers(len(ateliers))} importé{_s(ateliers)}."))


def _s(elements):
    return "s" if len(elements) > 1 else ""


def _ateliers(nombre):
    return f"{nombre} atelier{'s' if nombre > 1 else ''}"
