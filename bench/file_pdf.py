"""Benchmark of the PDF queue: N bons de commande rendered through Redis and a real Celery
worker, against WeasyPrint alone on the same HTML in this process. Not a test: it prints
both times and their ratio (target: the queue within 1.3 × WeasyPrint alone).

    make bench-pdf            # N=40, on PostgreSQL and Redis of this machine
    BENCH_N=200 make bench-pdf

Needs DATABASE_URL (PostgreSQL: the worker shares the database) and CELERY_BROKER_URL
(Redis). The worker runs with one process (``--pool solo``), like the baseline.

Not named ``pdf.py``: ``documents`` imports the ``pdf`` module of every installed app, and
``bench`` is one under ``bench.settings``.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from commandes.models import BonDeCommande  # noqa: E402
from comptes.models import User  # noqa: E402
from documents import rendu, services  # noqa: E402
from documents.models import Document, StatutDocument  # noqa: E402


def attendre(pks, delai=600):
    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        restants = Document.objects.filter(pk__in=pks).exclude(statut=StatutDocument.PRET).count()
        if not restants:
            return
        if Document.objects.filter(pk__in=pks, statut=StatutDocument.ECHEC).exists():
            sys.exit("Un document est en échec : voir le journal du worker.")
        time.sleep(0.05)
    sys.exit(f"Documents pas prêts en {delai} s.")


def copies(document, n, etiquette):
    """``n`` documents with the bon's data, each its own record (distinct fingerprints)."""
    return [
        Document.objects.create(
            genre=document.genre,
            content_type=document.content_type,
            object_id=document.object_id,
            titre=document.titre,
            nom_fichier=document.nom_fichier,
            donnees=document.donnees,
            empreinte=f"bench-{etiquette}-{time.time_ns()}-{i}",
        ).pk
        for i in range(n)
    ]


def main():
    n = int(os.environ.get("BENCH_N", "40"))
    if connection.vendor != "postgresql" or not os.environ.get("CELERY_BROKER_URL"):
        sys.exit("Il faut DATABASE_URL (PostgreSQL) et CELERY_BROKER_URL (Redis).")
    call_command("migrate", verbosity=0)
    if not BonDeCommande.objects.exists():
        call_command("charger_demo")
    bon = BonDeCommande.objects.exclude(statut="brouillon").first()
    admin = User.objects.filter(role="administrateur").first()
    modele, _ = services.demander(admin, "bon_de_commande", bon)
    Document.objects.filter(empreinte__startswith="bench-").delete()

    # WeasyPrint alone, in this process, on the same HTML.
    html = rendu.html(modele)
    rendu.pdf_depuis_html(html)  # warm-up: fonts and logo loaded once
    debut = time.perf_counter()
    for _ in range(n):
        rendu.pdf_depuis_html(html)
    seul = time.perf_counter() - debut

    journal = open(RACINE / "var" / "bench-worker.log", "w")  # noqa: SIM115
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo",
         "--loglevel", "WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=RACINE, stdout=journal, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        chauffe = copies(modele, 2, "chauffe")
        for pk in chauffe:
            services.mettre_en_file(pk)
        attendre(chauffe)
        pks = copies(modele, n, "mesure")
        debut = time.perf_counter()
        for pk in pks:
            services.mettre_en_file(pk)
        attendre(pks)
        file = time.perf_counter() - debut
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        journal.close()
        Document.objects.filter(empreinte__startswith="bench-").delete()

    print(f"{n} bons de commande en PDF ({len(rendu.pdf_depuis_html(html)) // 1024} Kio chacun)")
    print(f"  WeasyPrint seul      : {seul:6.2f} s  ({seul / n * 1000:5.0f} ms par document)")
    print(f"  file Celery + Redis  : {file:6.2f} s  ({file / n * 1000:5.0f} ms par document)")
    print(f"  rapport file / seul  : {file / seul:6.2f}  (objectif : 1,3 au plus)")


if __name__ == "__main__":
    main()
