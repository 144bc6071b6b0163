"""A quick look at where a page's time goes, without gunicorn or wrk: for developers.

On a seeded base (``make bench`` leaves ``atelier_flash_bench_charge`` behind, or point
``DATABASE_URL`` at one made by ``manage.py peupler``), each page of ``bench.pages`` is
requested ``PROFIL_N`` times (20) with Django's test client after a warm-up, and its median
time is printed beside the anonymous reference's, with the queries of one request and the
least CPU time this process spent on one (steadier than the median on a busy machine). With
``PROFIL_PAGE=<part of a page's name>``, that page is also run under cProfile and the 25
costliest functions printed; with ``PROFIL_SEULEMENT=<parts of names, by commas>``, only those pages
(and the references) are measured. ``make bench`` is the measure; this is the magnifying
glass.
"""

import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
N = int(os.environ.get("PROFIL_N", "20"))


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("PAGE_DE_REFERENCE", "true")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    sys.path.insert(0, str(RACINE))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.pages import choisir_pages

    filtre = os.environ.get("PROFIL_PAGE", "")
    mesures = []
    seulement = [m for m in os.environ.get("PROFIL_SEULEMENT", "").lower().split(",") if m]
    for page in choisir_pages():
        retenue = any(m in page.nom.lower() for m in seulement)
        if seulement and not retenue and not page.famille.startswith("ref"):
            continue
        client = Client()
        if page.user is not None:
            client.force_login(page.user)
        for _ in range(3):
            reponse = client.get(page.url)
        assert reponse.status_code == 200, (page.url, reponse.status_code)
        with CaptureQueriesContext(connection) as requetes:
            client.get(page.url)
        nombre = len(requetes)  # now: the next request empties the log it reads
        durees, cpu = [], []
        for _ in range(N):
            debut, debut_cpu = time.perf_counter(), time.process_time()
            reponse = client.get(page.url)
            if reponse.streaming:
                b"".join(reponse.streaming_content)
            durees.append((time.perf_counter() - debut) * 1000)
            cpu.append((time.process_time() - debut_cpu) * 1000)
        mesures.append((page, statistics.median(durees), nombre, min(cpu)))
        if filtre and filtre.lower() in page.nom.lower():
            profil = cProfile.Profile()
            profil.enable()
            for _ in range(N):
                client.get(page.url)
            profil.disable()
            pstats.Stats(profil).sort_stats("cumulative").print_stats(25)
    reference = mesures[0][1]
    connectees = {p.role: ms for p, ms, _, _ in mesures if p.famille == "reference_connectee"}
    for page, ms, requetes, cpu in mesures:
        role = f"  ×{ms / connectees[page.role]:5.2f} connecté" if page.role in connectees else ""
        print(
            f"{page.nom:<62} {ms:7.1f} ms  ×{ms / reference:6.2f}{role}  {requetes:3d} req."
            f"  (CPU de ce processus, au mieux : {cpu:5.1f} ms)"
        )


if __name__ == "__main__":
    main()
