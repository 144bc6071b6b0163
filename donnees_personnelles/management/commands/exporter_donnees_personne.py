"""manage.py exporter_donnees_personne <email>: what the portal holds on one person, as JSON."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from donnees_personnelles.export import donnees_de, est_vide, exporter


class Command(BaseCommand):
    help = (
        "Écrit en JSON les données personnelles que le portail détient sur une personne "
        "(compte, rôles, dossiers où elle est contact, messages, journal, notifications, "
        "invitations), pour répondre à une demande d'accès (RGPD, article 15)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="Adresse e-mail de la personne.")
        parser.add_argument(
            "--fichier", type=Path, help="Écrire dans ce fichier plutôt que sur la sortie."
        )

    def handle(self, *args, email, fichier=None, **options):
        if est_vide(donnees_de(email)):
            raise CommandError(f"Le portail ne détient aucune donnée sur {email}.")
        texte = exporter(email)
        if fichier is None:
            self.stdout.write(texte)
            return
        fichier.write_text(texte + "\n", encoding="utf-8")
        self.stderr.write(self.style.SUCCESS(f"Données de {email} écrites dans {fichier}."))
