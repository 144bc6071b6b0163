"""Peak memory and time of the worker's export body, for several numbers of rows.

Each size runs in a fresh Python process (the peak RSS of a process only grows): Django is
set up, an ``Export`` of the list is recorded for the account given (the DGALN
administrator by default), and ``exports.services.produire`` writes it as the Celery worker
would, from the list's own filters. The process then reports the rows written, the seconds
``produire`` took and its peak RSS (``getrusage(RUSAGE_SELF).ru_maxrss``), beside the RSS it
had before (Django and the code loaded): the difference is what the export held. A constant
memory writer shows the same peak at 1 000 rows as at 100 000.

A size is a number of rows (the first N rows of the list in its order, the filtered queryset
sliced, as if a filter had selected them) or ``tout`` (every row the filters give). The
export is deleted afterwards, with its file; the person is not notified.

    DATABASE_URL=postgres://… .venv/bin/python bench/memoire_export.py \
        [--liste candidatures] [--filtres "annee=2026"] [--format csv] \
        [--compte administrateur@volume.exemple.gouv.fr] 1000 10000 tout

``mesurer(env, tailles)`` is the same for ``bench/charge.py``: rows of
``(rows, seconds, peak MiB)``; ``mesures`` gives what each process reported.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
ADMINISTRATEUR = "administrateur@volume.exemple.gouv.fr"
INSTRUCTEUR = "instructeur.1@volume.exemple.gouv.fr"
TOUT = "tout"


def _mio_actuels():
    """The process's resident memory now, in MiB (Linux)."""
    with open("/proc/self/status") as statut:
        for ligne in statut:
            if ligne.startswith("VmRSS:"):
                return int(ligne.split()[1]) / 1024
    return 0.0


def _borner(taille):
    """Every list's filtered rows sliced to the first ``taille`` ones (``tout``: unchanged)."""
    from exports.listes import Liste

    if taille == TOUT:
        return
    filtrer = Liste.filtrer

    class Borne:
        def __init__(self, filtre):
            self._filtre = filtre
            self.qs = filtre.qs[: int(taille)]

        def __getattr__(self, nom):
            return getattr(self._filtre, nom)

    Liste.filtrer = lambda self, *args, **kwargs: Borne(filtrer(self, *args, **kwargs))


def une_mesure(liste, filtres, format, compte, taille):
    """In this process: write one export of ``taille`` rows; a dict of what it took."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(RACINE))
    import django

    django.setup()
    from comptes.models import User
    from exports import services
    from exports.models import Export, StatutExport

    _borner(taille)
    services._prevenir_demandeur = lambda export, nombre: None  # nobody to tell
    demandeur = User.objects.get(email=compte)
    # Recorded as ``services.demander`` does, but not queued: this process is the worker.
    declaree = services.liste_de(liste)
    export = Export.objects.create(
        demandeur=demandeur,
        liste=declaree.code,
        titre=declaree.titre,
        format=format,
        parametres=filtres,
        nom_fichier=services.nom_fichier(declaree, format),
        statut=StatutExport.EN_ATTENTE,
    )
    avant = _mio_actuels()
    debut = time.perf_counter()
    statut = services.produire(export.pk)
    duree = time.perf_counter() - debut
    pic = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    export.refresh_from_db()
    resultat = {
        "statut": str(statut),
        "lignes": export.lignes,
        "octets": export.taille,
        "secondes": round(duree, 3),
        "pic_mio": round(pic, 1),
        "avant_mio": round(avant, 1),
        "erreur": export.erreur,
    }
    if export.fichier:
        export.fichier.delete(save=False)
    export.delete()
    return resultat


def mesures(env, tailles, liste="candidatures", filtres="", format="csv", compte=ADMINISTRATEUR):
    """Each size in a fresh process with ``env`` (``DATABASE_URL``, settings…): what
    ``une_mesure`` reports, a dict per size."""
    resultats = []
    for taille in tailles:
        commande = [sys.executable, str(Path(__file__).resolve()), "--une"]
        commande += ["--liste", liste, "--filtres", filtres, "--format", format]
        commande += ["--compte", compte, str(taille)]
        sortie = subprocess.run(
            commande, cwd=RACINE, env=env, check=True, capture_output=True, text=True
        ).stdout
        mesure = json.loads(sortie.strip().splitlines()[-1])
        if mesure["statut"] != "pret":
            raise RuntimeError(f"Export de {taille} lignes : {mesure['statut']} {mesure['erreur']}")
        resultats.append(mesure)
    return resultats


def mesurer(env, tailles, liste="candidatures", filtres="", format="csv", compte=ADMINISTRATEUR):
    """Rows of ``(rows, seconds, peak MiB)``, a size each (see ``mesures``)."""
    return [
        (m["lignes"], m["secondes"], m["pic_mio"])
        for m in mesures(env, tailles, liste, filtres, format, compte)
    ]


def main():
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--liste", default="candidatures")
    arguments.add_argument("--filtres", default="", help="the list's query string")
    arguments.add_argument("--format", default="csv", choices=("csv", "xlsx"))
    arguments.add_argument("--compte", default=ADMINISTRATEUR)
    arguments.add_argument("--une", action="store_true", help=argparse.SUPPRESS)
    arguments.add_argument("tailles", nargs="*", default=["1000", "10000", TOUT])
    options = arguments.parse_args()
    if options.une:
        (taille,) = options.tailles
        mesure = une_mesure(options.liste, options.filtres, options.format, options.compte, taille)
        print(json.dumps(mesure))
        return
    env = {"DJANGO_SETTINGS_MODULE": "config.settings", **os.environ}
    print(f"Export {options.format} de « {options.liste} » ({options.filtres or 'sans filtre'})")
    print(f"{'lignes':>8}  {'secondes':>8}  {'pic (Mio)':>9}  {'avant (Mio)':>11}  {'écart':>6}")
    for m in mesures(
        env, options.tailles, options.liste, options.filtres, options.format, options.compte
    ):
        lignes, pic, avant = m["lignes"], m["pic_mio"], m["avant_mio"]
        print(
            f"{lignes:>8}  {m['secondes']:>8.2f}  {pic:>9.1f}  {avant:>11.1f}  {pic - avant:>6.1f}"
        )


if __name__ == "__main__":
    main()
