"""Load benchmark of the portal at national scale: ``make bench``.

1. A fresh PostgreSQL base: migrations, the whole French référentiel when it is at hand
   (``make bench`` fetches it), then ``manage.py peupler`` under ``bench.settings``
   (10 000 candidatures…, ``bench.volume``), timed.
2. gunicorn with 2 workers, ``DEBUG=false``, on loopback.
3. For each page, as the role that uses it: the queries one request makes (counted in this
   process with Django's test client, on the same base), a warm-up, then ``wrk`` with 20
   connections. A Lua hook of wrk gives the p50 and p95 latencies.
4. A table per page: requests/s, p50, p95, queries, ratio to the trivial view (the base
   template alone, ``/reference/``). Written to ``docs/benchmarks.md`` with the machine and
   the date.

Not a test: it measures. Environment: ``BENCH_DB`` (base name), ``BENCH_DUREE`` (seconds of
load per page, 10), ``BENCH_CONNEXIONS`` (20), ``BENCH_VOLUME`` (a fraction of the national
volume, 1), ``REFERENTIEL_DIR`` (the référentiel to import, else the shipped sample).
"""

import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
BASE = os.environ.get("BENCH_DB", "atelier_flash_bench_charge")
DUREE = int(os.environ.get("BENCH_DUREE", "10"))
CONNEXIONS = int(os.environ.get("BENCH_CONNEXIONS", "20"))
VOLUME = float(os.environ.get("BENCH_VOLUME", "1"))
RESULTATS = RACINE / "docs" / "benchmarks.md"
LUA = Path(__file__).with_name("latences.lua")
CIBLE_P95_MS = 150
CIBLE_REQUETES = 15


def port_libre():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environnement(media):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{BASE}",
        DEBUG="false",
        SECRET_KEY="bench-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        PAGE_DE_REFERENCE="true",
        MEDIA_ROOT=str(media / "media"),
        STATIC_ROOT=str(media / "static"),
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    env.pop("CELERY_BROKER_URL", None)  # exports and documents of the pages: none async here
    return env


def manage(env, *args):
    return subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=RACINE,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def preparer_base(env):
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c"]
    subprocess.run([*psql, f'DROP DATABASE IF EXISTS "{BASE}"'], check=True)
    subprocess.run([*psql, f'CREATE DATABASE "{BASE}"'], check=True)
    # DEBUG=false: the manifest first, as in production (without it, migrate refuses to run).
    manage(env, "collectstatic", "--noinput")
    manage(env, "migrate", "--noinput")
    source = os.environ.get("REFERENTIEL_DIR")
    manage(env, "import_referentiel", *(["--source", source] if source else []))
    volumes = {
        "candidatures": 10_000,
        "ateliers": 3_000,
        "bons": 6_000,
        "versions": 30_000,
    }
    arguments = [f"--{k}={max(1, int(n * VOLUME))}" for k, n in volumes.items()]
    # Only the seeding needs the bench app (its command); the pages are served without it.
    sortie = manage({**env, "DJANGO_SETTINGS_MODULE": "bench.settings"}, "peupler", *arguments)
    print(sortie)
    return sortie


def django_dans_ce_processus(env):
    os.environ.update(env)
    sys.path.insert(0, str(RACINE))
    import django

    django.setup()


def choisir_pages():
    """The pages to load, each as the role that uses it: ``(name, url, email or None)``."""
    from django.db.models import Count
    from django.urls import reverse

    from ateliers.models import Atelier
    from candidatures.filters import CandidatureFilter
    from candidatures.models import Candidature
    from comptes.models import Role, User
    from referentiels.models import Region

    domaine = "@volume.exemple.gouv.fr"
    instructeur = User.objects.get(email=f"instructeur.1{domaine}")
    administrateur = User.objects.get(role=Role.ADMINISTRATEUR, email__endswith=domaine)
    # The service that pilots the most ateliers (all have about as many files).
    service = (
        Atelier.objects.values("service_pilote")
        .annotate(n=Count("pk"))
        .order_by("-n", "service_pilote")[0]["service_pilote"]
    )
    agent = User.objects.filter(role=Role.AGENT, organisation_id=service).first()
    atelier = (
        Atelier.objects.filter(service_pilote_id=service)
        .annotate(n=Count("bons"))
        .order_by("-n", "-pk")
        .first()
    )
    prestataire = User.objects.filter(
        role=Role.PRESTATAIRE, organisation__groupements__titulaire=atelier.titulaire
    ).first()

    # The inbox: the largest state, newest deposit first, page 50 (or the last page).
    statut = Candidature.objects.values("statut").annotate(n=Count("pk")).order_by("-n")[0]
    page = min(50, max(1, statut["n"] // 25))
    boite = f"{reverse('candidatures:liste')}?statut={statut['statut']}&tri=-depot&page={page}"

    # An export of as close to 1 000 rows as a filter of the list gives (1 000 is the
    # largest export served at once; above, it goes to the queue).
    # Counted by the list's own filters, as the export applies them.
    essais = [{"annee": a} for a in range(2019, 2027)] + [
        {"region": r} for r in Region.objects.values_list("code", flat=True)
    ]
    meilleur, lignes = None, 0
    for essai in essais:
        visibles = Candidature.objects.visible_to(instructeur)
        n = CandidatureFilter.pour(instructeur, essai, visibles).qs.count()
        if lignes < n <= 1000:
            meilleur, lignes = essai, n
    requete = "&".join(f"{k}={v}" for k, v in meilleur.items())
    export = f"{reverse('exports:exporter', args=['candidatures', 'csv'])}?{requete}"

    return [
        ("Page de référence (gabarit de base)", reverse("reference"), None),
        ("Admin Django : candidatures", "/admin/candidatures/candidature/", administrateur),
        (f"Boîte de l'instructeur (filtrée, triée, page {page})", boite, instructeur),
        ("Liste des ateliers (DGALN)", reverse("ateliers:liste"), instructeur),
        ("Liste du service (candidatures)", reverse("candidatures:liste"), agent),
        ("Bons de commande du service", reverse("commandes:liste"), agent),
        ("Livrables du prestataire", reverse("livrables:liste"), prestataire),
        ("Page d'un atelier", reverse("ateliers:detail", args=[atelier.pk]), agent),
        ("Catalogue public", reverse("catalogue:liste"), None),
        ("Carte du catalogue (GeoJSON)", reverse("catalogue:donnees_geojson"), None),
        (f"Export CSV de {lignes} candidatures", export, instructeur),
    ]


def sessions(pages):
    """A session cookie per account (stored in the base, as a login would)."""
    from django.test import Client

    cookies = {}
    for _, _, user in pages:
        if user is not None and user.pk not in cookies:
            client = Client()
            client.force_login(user)
            cookies[user.pk] = client.cookies["sessionid"].value
    return cookies


def compter_requetes(pages):
    """Queries of one request per page (this process, same base, Django's test client)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    resultats = []
    for _, url, user in pages:
        client = Client()
        if user is not None:
            client.force_login(user)
        client.get(url)  # caches warm, like the server after its warm-up
        with CaptureQueriesContext(connection) as requetes:
            reponse = client.get(url)
        if reponse.status_code != 200:
            sys.exit(f"{url} répond {reponse.status_code} : la mesure n'aurait pas de sens.")
        resultats.append(len(requetes))
    return resultats


def demarrer_gunicorn(env, port):
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
        cwd=RACINE,
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


def wrk(url, cookie, duree):
    commande = [
        "wrk",
        "-t2",
        f"-c{CONNEXIONS}",
        f"-d{duree}s",
        "--timeout",
        "30s",
        "-s",
        str(LUA),
        url,
    ]
    if cookie:
        commande[1:1] = ["-H", f"Cookie: sessionid={cookie}"]
    sortie = subprocess.run(commande, check=True, capture_output=True, text=True).stdout
    trouve = re.search(r"^RESULTAT (\{.*\})$", sortie, re.MULTILINE)
    if not trouve:
        sys.exit(f"Sortie de wrk illisible :\n{sortie}")
    return json.loads(trouve.group(1))


def service(rps):
    """Milliseconds a request holds one of the 2 workers, from the throughput."""
    return 2000 / rps if rps else float("inf")


def machine():
    modele = "?"
    try:
        for ligne in Path("/proc/cpuinfo").read_text().splitlines():
            if ligne.startswith("model name"):
                modele = ligne.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memoire = "?"
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memoire = f"{kib / 1024 / 1024:.0f} Gio"
    except (OSError, ValueError, IndexError):
        pass
    pg = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SHOW server_version"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()
    return (
        f"{os.cpu_count()} cœurs ({modele}), {memoire} de mémoire, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, PostgreSQL {pg}, "
        f"wrk {wrk_version[1] if len(wrk_version) > 1 else '?'}"
    )


def ecrire(lignes, sortie_peupler, debut):
    reference = lignes[0]["rps"]
    tableau = [
        "| Page | Requêtes/s | p50 (ms) | p95 (ms) | Temps de service (ms) | Requêtes SQL "
        "| Débit / référence | Erreurs |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for ligne in lignes:
        tableau.append(
            f"| {ligne['page']} | {ligne['rps']:.0f} | {ligne['p50']:.0f} | {ligne['p95']:.0f} "
            f"| {service(ligne['rps']):.0f} | {ligne['requetes']} | {ligne['rps'] / reference:.2f} "
            f"| {ligne['erreurs']} |"
        )
    pages_liste = lignes[2:]
    sous_cible = [
        ligne["page"]
        for ligne in pages_liste
        if ligne["rps"] < reference / 2
        or ligne["p95"] > CIBLE_P95_MS
        or ligne["requetes"] > CIBLE_REQUETES
    ]
    seed = re.search(r"Jeu de mesure créé en ([0-9.]+) s", sortie_peupler)
    texte = f"""# Mesures de charge

Produit par `make bench` (`bench/charge.py`) le {debut:%d/%m/%Y à %H:%M} (UTC).

- **Machine** : {machine()}.
- **Serveur** : gunicorn, 2 workers synchrones, `DEBUG=false`, sur la boucle locale ; la
  charge vient de `wrk` sur la même machine ({CONNEXIONS} connexions, 2 fils, {DUREE} s par
  page après {max(2, DUREE // 3)} s de chauffe). p50 et p95 : latences de wrk.
- **Données** : `manage.py peupler` (volume × {VOLUME:g}), créé en
  {seed.group(1) if seed else "?"} s sur PostgreSQL :

```
{sortie_peupler.strip(chr(10))}
```

- **Requêtes SQL** : celles d'une requête de la page, comptées dans le processus de mesure
  (client de test de Django sur la même base), après une première requête.
- **Débit / référence** : débit de la page divisé par celui de la page de référence
  (`/reference/`, le gabarit de base seul, même serveur, même passage).
- **Temps de service** : ce qu'une requête occupe un worker, déduit du débit
  (2 workers ÷ requêtes/s). Avec 2 workers synchrones et {CONNEXIONS} connexions, chaque
  requête attend derrière une dizaine d'autres : la p95 vaut environ dix fois le temps de
  service. Tenir 150 ms de p95 demande donc moins de 15 ms de service ; la moitié du débit
  de la référence, environ deux fois le temps de service de la référence.

{chr(10).join(tableau)}

Cible (ticket 11) : chaque liste au moins la moitié du débit de la référence, p95 sous
{CIBLE_P95_MS} ms à {CONNEXIONS} connexions, au plus {CIBLE_REQUETES} requêtes SQL.
"""
    if sous_cible:
        texte += "\nSous la cible dans ce passage : " + ", ".join(sous_cible) + ".\n"
    else:
        texte += "\nToutes les pages mesurées atteignent la cible dans ce passage.\n"
    RESULTATS.write_text(texte)
    return tableau, sous_cible


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk manque : apt-get install wrk (make bench l'installe).")
    debut = datetime.utcnow()
    media = Path(tempfile.mkdtemp(prefix="bench-media-"))
    env = environnement(media)
    serveur = None
    try:
        print(f"Base {BASE} : migrations, référentiel, jeu de mesure…", flush=True)
        sortie_peupler = preparer_base(env)
        django_dans_ce_processus(env)
        pages = choisir_pages()
        cookies = sessions(pages)
        requetes = compter_requetes(pages)
        port = port_libre()
        serveur = demarrer_gunicorn(env, port)
        lignes = []
        for (nom, url, user), nb in zip(pages, requetes, strict=True):
            adresse = f"http://127.0.0.1:{port}{url}"
            cookie = cookies.get(user.pk) if user else None
            wrk(adresse, cookie, max(2, DUREE // 3))  # warm-up
            mesure = wrk(adresse, cookie, DUREE)
            erreurs = mesure["non2xx"] + mesure["erreurs"]
            lignes.append(
                {
                    "page": nom,
                    "rps": mesure["rps"],
                    "p50": mesure["p50"] / 1000,
                    "p95": mesure["p95"] / 1000,
                    "requetes": nb,
                    "erreurs": erreurs,
                }
            )
            print(
                f"{nom:<52} {mesure['rps']:8.0f} req/s  p50 {mesure['p50'] / 1000:6.0f} ms  "
                f"p95 {mesure['p95'] / 1000:6.0f} ms  {nb:3d} requêtes SQL  {erreurs} erreurs",
                flush=True,
            )
        tableau, _ = ecrire(lignes, sortie_peupler, debut)
        print()
        print("\n".join(tableau))
        print(f"\nRésultats écrits dans {RESULTATS.relative_to(RACINE)}.")
        if any(ligne["erreurs"] for ligne in lignes):
            sys.exit("Des requêtes ont échoué pendant la charge.")
    finally:
        if serveur is not None:
            os.killpg(serveur.pid, signal.SIGTERM)
            serveur.wait(timeout=30)
        shutil.rmtree(media, ignore_errors=True)


if __name__ == "__main__":
    main()
