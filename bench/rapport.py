"""``docs/benchmarks.md``: what ``make bench`` measured, against the targets of issue 29.

A page's cost is its **multiple** of a reference: the time a request holds a worker (2
workers ÷ requests per second) divided by the reference's, both measured by the same server
in the same run. The anonymous reference is the base template alone (``/reference/``); the
signed-in reference is the same page as the role of the page, header and session included.
"""

import os
import platform
import re
import subprocess
from pathlib import Path

from bench.pages import ADMIN, EXPORT, FICHE, LISTE, PUBLIC, REFERENCE, REFERENCE_CONNECTEE

RESULTATS = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
# family: (at most × the anonymous reference, at most × the signed-in one, or None)
CIBLES = {
    REFERENCE_CONNECTEE: (2, None),
    LISTE: (6, 3),
    FICHE: (6, 3),
    PUBLIC: (2, None),
    ADMIN: (10, None),
    EXPORT: (40, None),
}
ECART_VOLUMES = 0.20
AVANT = """- **Avant** : les mêmes pages, servies par le code de `{avant}` (avant le ticket 29),
  sur la même base, dans le même passage.
"""
REQUETES_LISTE = 8
MEMOIRE_CONSTANTE_MIO = 20


def service(rps):
    """Milliseconds a request holds one of the 2 workers."""
    return 2000 / rps if rps else float("inf")


def multiples(pages, resultats):
    """Per page: (× anonymous reference, × the role's signed-in reference or None)."""
    anonyme = next(
        service(r["rps"])
        for p, r in zip(pages, resultats, strict=True)
        if p["famille"] == REFERENCE
    )
    connectes = {
        p["role"]: service(r["rps"])
        for p, r in zip(pages, resultats, strict=True)
        if p["famille"] == REFERENCE_CONNECTEE
    }
    sortie = []
    for page, resultat in zip(pages, resultats, strict=True):
        temps = service(resultat["rps"])
        connecte = connectes.get(page["role"]) if page["famille"] in (LISTE, FICHE) else None
        sortie.append((temps / anonyme, temps / connecte if connecte else None))
    return sortie


def verdict(page, multiple, multiple_connecte):
    cible = CIBLES.get(page["famille"])
    if cible is None:
        return "", True
    plafond, plafond_connecte = cible
    atteinte = multiple <= plafond and (
        plafond_connecte is None
        or multiple_connecte is None
        or multiple_connecte <= plafond_connecte
    )
    texte = f"≤ {plafond}×" + (f", ≤ {plafond_connecte}× connecté" if plafond_connecte else "")
    if page["famille"] == LISTE:
        atteinte = atteinte and page["requetes"] <= REQUETES_LISTE
        texte += f", ≤ {REQUETES_LISTE} SQL"
    return f"{texte} : {'oui' if atteinte else '**non**'}", atteinte


def _x(valeur):
    return "—" if valeur is None else f"{valeur:.2f}"


def tableau_principal(mesure, avant):
    pages, resultats = mesure["pages"], mesure["resultats"]
    colonnes_avant = mesure.get("avant")
    entete = (
        "| Page | Requêtes/s | p50 (ms) | p95 (ms) | Service (ms) | SQL | × réf. anonyme "
        "| × réf. connectée | Cible : atteinte | "
    )
    separateur = "|---|---:|---:|---:|---:|---:|---:|---:|---|"
    if colonnes_avant:
        entete += f"Avant ({avant}) : req/s, × réf. | "
        separateur += "---:|"
        multiples_avant = multiples(pages, colonnes_avant)
    entete += "Erreurs |"
    separateur += "---:|"
    lignes, manques = [entete, separateur], []
    for rang, (page, resultat, (x, xc)) in enumerate(
        zip(pages, resultats, multiples(pages, resultats), strict=True)
    ):
        cible, atteinte = verdict(page, x, xc)
        if not atteinte:
            manques.append(page["nom"])
        ligne = (
            f"| {page['nom']} | {resultat['rps']:.0f} | {resultat['p50']:.0f} "
            f"| {resultat['p95']:.0f} | {service(resultat['rps']):.1f} | {page['requetes']} "
            f"| {_x(x)} | {_x(xc)} | {cible} | "
        )
        if colonnes_avant:
            ligne += f"{colonnes_avant[rang]['rps']:.0f}, {_x(multiples_avant[rang][0])} | "
        erreurs = resultat["erreurs"] + (colonnes_avant[rang]["erreurs"] if colonnes_avant else 0)
        lignes.append(ligne + f"{erreurs} |")
    return lignes, manques


def tableau_volumes(mesures):
    """Each page's multiple and queries at every volume, and the spread between them."""
    facteurs = [m["facteur"] for m in mesures]
    entete = "| Page | " + " | ".join(f"× réf. à × {f:g}" for f in facteurs)
    entete += " | Écart | " + " | ".join(f"SQL à × {f:g}" for f in facteurs) + " | Tenue |"
    separateur = "|---|" + "---:|" * (2 * len(facteurs) + 1) + "---|"
    lignes, manques = [entete, separateur], []
    tous = [multiples(m["pages"], m["resultats"]) for m in mesures]
    for rang, page in enumerate(mesures[0]["pages"]):
        if page["famille"] == REFERENCE:
            continue
        valeurs = [t[rang][0] for t in tous]
        requetes = [m["pages"][rang]["requetes"] for m in mesures]
        ecart = max(valeurs) / min(valeurs) - 1
        tenue = ecart <= ECART_VOLUMES and len(set(requetes)) == 1
        if not tenue:
            manques.append(page["nom"])
        lignes.append(
            f"| {page['nom']} | "
            + " | ".join(_x(v) for v in valeurs)
            + f" | {ecart * 100:.0f} % | "
            + " | ".join(str(r) for r in requetes)
            + f" | {'oui' if tenue else '**non**'} |"
        )
    return lignes, manques


def tableau_exports(exports):
    lignes = ["| Lignes | Secondes | Pic de mémoire du processus (Mio) |", "|---:|---:|---:|"]
    for nombre, secondes, pic in exports:
        lignes.append(f"| {nombre} | {secondes:.1f} | {pic:.0f} |")
    return lignes


def machine():
    modele, memoire = "?", "?"
    try:
        for ligne in Path("/proc/cpuinfo").read_text().splitlines():
            if ligne.startswith("model name"):
                modele = ligne.split(":", 1)[1].strip()
                break
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memoire = f"{kib / 1024 / 1024:.0f} Gio"
    except (OSError, ValueError, IndexError):
        pass
    pg = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SHOW server_version"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()
    return (
        f"{os.cpu_count()} cœurs ({modele}), {memoire} de mémoire, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, PostgreSQL {pg}, "
        f"wrk {wrk[1] if len(wrk) > 1 else '?'}"
    )


def ecrire(mesures, exports, *, debut, fin, duree, chauffe, connexions, avant):
    """Write ``docs/benchmarks.md``; returns its text and the pages short of a target."""
    principale = min(mesures, key=lambda m: abs(m["facteur"] - 1))
    tableau, manques = tableau_principal(principale, avant)
    volumes, hors_volume = tableau_volumes(mesures) if len(mesures) > 1 else ([], [])
    seed = re.search(r"Jeu de mesure créé en ([0-9.]+) s", principale["peupler"])
    texte = f"""# Mesures de charge

Produit par `make bench` (`bench/charge.py`) le {debut:%d/%m/%Y de %H:%M} à {fin:%H:%M} (UTC),
en un seul passage.

- **Machine** : {machine()}.
- **Serveur** : gunicorn, 2 workers synchrones, `DEBUG=false`, cache dans Redis, sur la
  boucle locale ; la charge vient de `wrk` sur la même machine ({connexions} connexions,
  2 fils, {duree} s par page après {chauffe} s de chauffe). p50 et p95 : latences de wrk.
- **Données** : `manage.py peupler` (volume × {principale["facteur"]:g}), créé en
  {seed.group(1) if seed else "?"} s sur PostgreSQL :

```
{principale["peupler"].strip(chr(10))}
```

- **SQL** : les requêtes d'une requête de la page, comptées dans un processus de mesure
  (client de test de Django sur la même base), après une première requête.
- **Service** : ce qu'une requête occupe un worker (2 workers ÷ requêtes/s).
- **× réf. anonyme** : temps de service de la page ÷ celui de la page de référence anonyme
  (`/reference/`, le gabarit de base seul, même serveur, même passage) ; **× réf. connectée** :
  ÷ celui de la même page de référence vue par le rôle de la page (session, en-tête connecté).
{AVANT.format(avant=avant) if principale.get("avant") else ""}
## Pages (volume × {principale["facteur"]:g})

{chr(10).join(tableau)}
"""
    if volumes:
        texte += f"""
## Tenue en volume

Le multiple de chaque page (× réf. anonyme) aux volumes mesurés, l'écart entre le plus
grand et le plus petit (cible : au plus {ECART_VOLUMES * 100:.0f} %) et le nombre de requêtes SQL
(cible : le même à chaque volume).

{chr(10).join(volumes)}
"""
    if exports:
        texte += f"""
## Export par le worker

Le corps de la tâche d'export (`exports.services.produire`) écrit les candidatures de la
liste de la DGALN, chaque taille dans un processus neuf ; pic de mémoire résidente du
processus (`ru_maxrss`, Django et le code compris). Cible : le même pic, à
{MEMOIRE_CONSTANTE_MIO} Mio près, quel que soit le nombre de lignes.

{chr(10).join(tableau_exports(exports))}
"""
        pics = [pic for _, _, pic in exports]
        if max(pics) - min(pics) > MEMOIRE_CONSTANTE_MIO:
            manques.append(f"export de {exports[-1][0]} lignes en mémoire constante")
    manques += [f"{nom} (volumes)" for nom in hors_volume]
    texte += (
        "\nSous la cible dans ce passage : " + ", ".join(manques) + ".\n"
        if manques
        else "\nToutes les cibles sont atteintes dans ce passage.\n"
    )
    RESULTATS.write_text(texte)
    return texte, manques
