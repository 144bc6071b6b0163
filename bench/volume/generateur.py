"""The generator's workbench: the volumes asked, the report, and the ``Generateur`` that the
steps share (random source, storage, bulk writes, files on disk, journal events to write).

The steps themselves are in ``organisations``, ``dossiers``, ``ateliers`` and ``livrables``;
``bench.volume.peupler`` runs them in order.
"""

import os
import random
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import time as heure
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection

from bench.volume.dates import dates_donnees
from journal.chaine import sceller
from journal.models import Evenement

PARIS = ZoneInfo("Europe/Paris")
ANNEES = tuple(range(2019, 2027))
CAMPAGNE = ANNEES[-1]
DOMAINE = "volume.exemple.gouv.fr"
LOT = 2000

# A minimal PDF: the magic bytes the upload checks look for, a few hundred bytes.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass(frozen=True)
class Volumes:
    candidatures: int = 10_000
    ateliers: int = 3_000
    bons: int = 6_000
    versions: int = 30_000
    # How many départements the files are spread over (None: every one).
    departements: int | None = None

    def verifier(self):
        if min(self.candidatures, self.ateliers, self.bons, self.versions) < 0:
            raise ValueError("Les volumes sont des nombres positifs.")
        if self.ateliers > self.candidatures:
            raise ValueError("Il ne peut y avoir plus d'ateliers que de candidatures.")
        if self.bons > 2 * self.ateliers:
            raise ValueError("Un atelier compte au plus deux bons de commande.")
        if self.versions and not self.ateliers:
            raise ValueError("Des versions de livrables demandent des ateliers.")


class BaseNonVide(Exception):
    """The base already holds files or accords-cadres: the dataset never mixes with them."""


@dataclass
class Rapport:
    comptes: dict = field(default_factory=dict)
    durees: list = field(default_factory=list)
    total: float = 0.0
    # Accounts to log in with: role → e-mail.
    connexions: dict = field(default_factory=dict)


def _ecrire(chemin, contenu):
    with open(chemin, "wb") as f:
        f.write(contenu)


def instant(hasard, annee, apres=None, jours=(5, 40)):
    """A working-hours moment of ``annee``, or some days after ``apres``."""
    if apres is None:
        jour = datetime(annee, 1, 10) + timedelta(days=hasard.randrange(300))
        return datetime.combine(jour.date(), heure(hasard.randrange(8, 18)), PARIS)
    return apres + timedelta(days=hasard.randint(*jours), minutes=hasard.randrange(600))


class Generateur:
    """What the steps share: each step is a function of ``bench.volume`` taking the generator,
    reading what the earlier steps left on it (territories, accounts, files, ateliers) and
    leaving its own records for the next."""

    def __init__(self, volumes, graine, stockage=None):
        self.v = volumes
        self.hasard = random.Random(graine)
        self.stockage = stockage or default_storage
        self.evenements = []
        self.fichiers = 0
        self.repertoires = set()
        self.rapport = Rapport()
        self._chrono = time.perf_counter()

    # -- bookkeeping --------------------------------------------------------------------------

    def etape(self, nom, nombre=None):
        maintenant = time.perf_counter()
        self.rapport.durees.append((nom, maintenant - self._chrono))
        if nombre is not None:
            self.rapport.comptes[nom] = nombre
        self._chrono = maintenant

    def creer(self, modele, objets):
        return modele.objects.bulk_create(objets, batch_size=LOT)

    def copier(self, modele, objets):
        """Insert rows whose keys nobody reads back: PostgreSQL's COPY where the base is
        PostgreSQL (several times faster than INSERT), ``bulk_create`` elsewhere."""
        if connection.vendor != "postgresql":
            self.creer(modele, objets)
            return
        champs = [f for f in modele._meta.concrete_fields if not f.primary_key]
        colonnes = ", ".join(connection.ops.quote_name(f.column) for f in champs)
        table = connection.ops.quote_name(modele._meta.db_table)
        copie = f"COPY {table} ({colonnes}) FROM STDIN"
        with connection.cursor() as curseur, curseur.cursor.copy(copie) as flux:
            for objet in objets:
                flux.write_row(
                    [f.get_db_prep_save(getattr(objet, f.attname), connection) for f in champs]
                )

    def fichier(self, dossier, annee, contenu=PDF):
        """Write a small file under a random name, as an upload would be stored."""
        repertoire = f"{dossier}/{annee}"
        nom = f"{repertoire}/{uuid.uuid4().hex}.pdf"
        if isinstance(self.stockage, FileSystemStorage):
            if repertoire not in self.repertoires:
                os.makedirs(self.stockage.path(repertoire), exist_ok=True)
                self.repertoires.add(repertoire)
            _ecrire(os.path.join(self.stockage.location, nom), contenu)
        else:
            nom = self.stockage.save(nom, ContentFile(contenu))
        self.fichiers += 1
        return nom

    def journal(self, objet, type_objet, date, acteur, action, libelle, avant="", apres=""):
        self.evenements.append(
            Evenement(
                content_type=type_objet,
                object_id=objet.pk,
                date=date,
                acteur=acteur,
                action=action,
                libelle=libelle,
                etat_avant=avant,
                etat_apres=apres,
            )
        )

    # -- the last steps, once every record has its events -----------------------------------

    def ecrire_journal(self):
        with dates_donnees(Evenement):
            self.copier(Evenement, self.evenements)
        self.etape("événements du journal", len(self.evenements))
        self.etape("scellement du journal", sceller())

    def choisir_connexions(self):
        """The service with the most ateliers (or files): the benchmark's agent."""
        compte = defaultdict(int)
        for a in getattr(self, "liste_ateliers", []):
            compte[a.service_pilote_id] += 1
        for c in self.liste_candidatures if not compte else ():
            compte[c.service_id] += 1
        if compte:
            service = max(compte, key=compte.get)
            self.rapport.connexions["agent"] = self.agents[service].email
        # The groupement with the most ateliers: the benchmark's prestataire.
        titulaires = defaultdict(int)
        for a in getattr(self, "liste_ateliers", []):
            titulaires[a.titulaire_id] += 1
        if titulaires:
            titulaire = max(titulaires, key=titulaires.get)
            prestataire = self.prestataires[self.mandataire[titulaire]]
            self.rapport.connexions["prestataire"] = prestataire.email
