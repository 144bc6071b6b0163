"""Load benchmark of the portal at national scale: ``make bench``.

For each volume (``BENCH_VOLUMES``, ×0.1, ×1 and ×3 the national volume by default):

1. A fresh PostgreSQL base: migrations, the whole French référentiel when it is at hand
   (``make bench`` fetches it), then ``manage.py peupler`` under ``bench.settings``
   (10 000 candidatures… at ×1, ``bench.volume``), timed.
2. ``bench/mesure.py`` in a process of its own chooses the pages on that base, each as the
   role that uses it (``bench.pages``), opens their sessions and counts the SQL queries of one
   request per page.
3. gunicorn with 2 workers, ``DEBUG=false``, on loopback, the cache in Redis as in production;
   for each page one request, a warm-up, then ``wrk`` with 20 connections. A Lua hook of
   wrk gives the p50 and p95 latencies.
4. At ×1, the same pages served by the code of ``BENCH_AVANT`` (a git reference: the code
   before issue 29, by default), checked out beside this one, on the same base, in the same
   run: the « before » column.

Then the worker's export body writes 1 000, 10 000 and ``BENCH_EXPORT_LIGNES`` (100 000) rows
on a base seeded with that many files, each in a fresh process, and its peak RSS is read
(``bench/memoire_export.py``). ``bench/rapport.py`` writes ``docs/benchmarks.md``.

Not a test: it measures. Environment: ``BENCH_DB`` (prefix of the bases' names),
``BENCH_DUREE`` (seconds of load per page, 8), ``BENCH_CONNEXIONS`` (20), ``BENCH_VOLUMES``
(``0.1,1,3``), ``BENCH_AVANT`` (empty: no « before » column), ``BENCH_EXPORT_LIGNES`` (0: no
memory measure), ``BENCH_CACHE_URL`` (``redis://127.0.0.1:6379/9``), ``REFERENTIEL_DIR`` (the
référentiel to import, else the shipped sample).
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE))

from bench import rapport  # noqa: E402
from bench.memoire_export import mesurer as mesurer_memoire  # noqa: E402

BIN = Path(sys.executable).parent
BASE = os.environ.get("BENCH_DB", "atelier_flash_bench_charge")
DUREE = int(os.environ.get("BENCH_DUREE", "8"))
CHAUFFE = max(2, DUREE // 3)
CONNEXIONS = int(os.environ.get("BENCH_CONNEXIONS", "20"))
VOLUMES = [float(v) for v in os.environ.get("BENCH_VOLUMES", "0.1,1,3").split(",") if v]
# The last commit before the work of issue 29 (performance): the « before » of the README.
AVANT = os.environ.get("BENCH_AVANT", "97a6088")
EXPORT_LIGNES = int(os.environ.get("BENCH_EXPORT_LIGNES", "100000"))
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/9")
LUA = Path(__file__).with_name("latences.lua")
NATIONAL = {"candidatures": 10_000, "ateliers": 3_000, "bons": 6_000, "versions": 30_000}


def port_libre():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environnement(base, dossier):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{base}",
        CACHE_URL=CACHE_URL,
        DEBUG="false",
        SECRET_KEY="bench-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        PAGE_DE_REFERENCE="true",
        MEDIA_ROOT=str(dossier / "media"),
        STATIC_ROOT=str(dossier / "static"),
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    env.pop("CELERY_BROKER_URL", None)  # exports and documents of the pages: none async here
    return env


def manage(env, *args, cwd=RACINE):
    return subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=cwd,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def vider_le_cache():
    hote, _, numero = CACHE_URL.removeprefix("redis://").partition("/")
    hote, _, port = hote.partition(":")
    commande = ["redis-cli", "-h", hote, "-p", port or "6379", "-n", numero or "0", "FLUSHDB"]
    subprocess.run(commande, check=True, capture_output=True)


def preparer_base(env, base, volumes):
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c"]
    subprocess.run([*psql, f'DROP DATABASE IF EXISTS "{base}"'], check=True)
    subprocess.run([*psql, f'CREATE DATABASE "{base}"'], check=True)
    # DEBUG=false: the manifest first, as in production (without it, migrate refuses to run).
    manage(env, "collectstatic", "--noinput")
    manage(env, "migrate", "--noinput")
    source = os.environ.get("REFERENTIEL_DIR")
    manage(env, "import_referentiel", *(["--source", source] if source else []))
    arguments = [f"--{k}={n}" for k, n in volumes.items()]
    # Only the seeding needs the bench app (its command); the pages are served without it.
    return manage({**env, "DJANGO_SETTINGS_MODULE": "bench.settings"}, "peupler", *arguments)


def pages_de_la_base(env):
    sortie = subprocess.run(
        [str(BIN / "python"), str(RACINE / "bench" / "mesure.py")],
        cwd=RACINE,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(sortie.strip().splitlines()[-1])


def demarrer_gunicorn(env, port, cwd=RACINE):
    processus = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=cwd,
        env=env,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/sante/", timeout=2):
                return processus
        except OSError:
            time.sleep(0.2)
    processus.kill()
    sys.exit("gunicorn ne répond pas.")


def arreter(processus):
    os.killpg(processus.pid, signal.SIGTERM)
    processus.wait(timeout=30)


def wrk(url, cookie, duree):
    commande = ["wrk", "-t2", f"-c{CONNEXIONS}", f"-d{duree}s", "--timeout", "30s"]
    if cookie:
        commande += ["-H", f"Cookie: sessionid={cookie}"]
    commande += ["-s", str(LUA), url]
    sortie = subprocess.run(commande, check=True, capture_output=True, text=True).stdout
    trouve = re.search(r"^RESULTAT (\{.*\})$", sortie, re.MULTILINE)
    if not trouve:
        sys.exit(f"Sortie de wrk illisible :\n{sortie}")
    return json.loads(trouve.group(1))


def charger(env, pages, etiquette, cwd=RACINE):
    """Each page under load on a fresh gunicorn: its throughput, p50, p95 and errors."""
    vider_le_cache()
    port = port_libre()
    serveur = demarrer_gunicorn(env, port, cwd)
    resultats = []
    try:
        for page in pages:
            adresse = f"http://127.0.0.1:{port}{page['url']}"
            # One request to the end first: what the page computes once (the catalogue's
            # GeoJSON) is then in the shared cache before the warm-up.
            premiere = urllib.request.Request(adresse)
            if page["cookie"]:
                premiere.add_header("Cookie", f"sessionid={page['cookie']}")
            with urllib.request.urlopen(premiere, timeout=120) as reponse:
                reponse.read()
            wrk(adresse, page["cookie"], CHAUFFE)
            mesure = wrk(adresse, page["cookie"], DUREE)
            ligne = {
                "rps": mesure["rps"],
                "p50": mesure["p50"] / 1000,
                "p95": mesure["p95"] / 1000,
                "erreurs": mesure["non2xx"] + mesure["erreurs"],
            }
            resultats.append(ligne)
            print(
                f"  [{etiquette}] {page['nom']:<58} {ligne['rps']:7.0f} req/s  "
                f"p50 {ligne['p50']:5.0f} ms  p95 {ligne['p95']:5.0f} ms  "
                f"{page['requetes']:3d} SQL  {ligne['erreurs']} erreurs",
                flush=True,
            )
    finally:
        arreter(serveur)
    return resultats


def code_avant(dossier):
    """The code of ``AVANT`` checked out beside this one (its front-end packages shared)."""
    chemin = dossier / "avant"
    subprocess.run(
        ["git", "worktree", "add", "--detach", "--force", str(chemin), AVANT],
        cwd=RACINE,
        check=True,
        capture_output=True,
    )
    if (RACINE / "node_modules").exists():
        (chemin / "node_modules").symlink_to(RACINE / "node_modules")
    return chemin


def mesurer_un_volume(facteur, dossier):
    base = f"{BASE}_{str(facteur).replace('.', '_')}"
    env = environnement(base, dossier / base)
    volumes = {k: max(1, int(n * facteur)) for k, n in NATIONAL.items()}
    print(f"Volume × {facteur:g} (base {base}) : migrations, référentiel, jeu de mesure…")
    sortie = preparer_base(env, base, volumes)
    pages = pages_de_la_base(env)
    resultats = charger(env, pages, f"× {facteur:g}")
    mesure = {"facteur": facteur, "peupler": sortie, "pages": pages, "resultats": resultats}
    if facteur == 1 and AVANT:
        chemin = code_avant(dossier)
        try:
            env_avant = {**env, "STATIC_ROOT": str(dossier / "static-avant")}
            manage(env_avant, "collectstatic", "--noinput", cwd=chemin)
            mesure["avant"] = charger(env_avant, pages, f"avant {AVANT}", cwd=chemin)
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(chemin)], cwd=RACINE, check=False
            )
    return mesure


def mesurer_les_exports(dossier):
    """Peak RSS of the worker's export body for 1 000 rows up to ``EXPORT_LIGNES``."""
    base = f"{BASE}_export"
    env = environnement(base, dossier / base)
    print(f"Exports : base {base} de {EXPORT_LIGNES} candidatures…", flush=True)
    # The files alone matter here (a few ateliers: the seed needs some); some 5 % of them are
    # drafts, which the DGALN's list does not hold.
    volumes = {"candidatures": EXPORT_LIGNES * 106 // 100, "ateliers": 3, "bons": 3, "versions": 3}
    preparer_base(env, base, volumes)
    tailles = sorted({1000, 10_000, EXPORT_LIGNES})
    return mesurer_memoire(env, tailles)


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk manque : apt-get install wrk (make bench l'installe).")
    debut = datetime.now(UTC)
    dossier = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        mesures = [mesurer_un_volume(facteur, dossier) for facteur in VOLUMES]
        exports = mesurer_les_exports(dossier) if EXPORT_LIGNES else []
        texte, _manques = rapport.ecrire(
            mesures,
            exports,
            debut=debut,
            duree=DUREE,
            chauffe=CHAUFFE,
            connexions=CONNEXIONS,
            avant=AVANT,
            fin=datetime.now(UTC),
        )
        print()
        print(texte)
        erreurs = [r for m in mesures for r in m["resultats"] + m.get("avant", []) if r["erreurs"]]
        if erreurs:
            sys.exit("Des requêtes ont échoué pendant la charge.")
    finally:
        shutil.rmtree(dossier, ignore_errors=True)


if __name__ == "__main__":
    main()
