"""The part of ``make bench`` that runs inside Django, once per seeded base.

``bench/charge.py`` runs it in a process of its own for each base (so that the parent never
sets Django up on one base and loads another): it chooses the pages on that base
(``bench.pages``), opens a session per account (stored as a login would store it), counts the
SQL queries of one request per page after a first one (Django's test client, same base) and
prints all of it as one JSON line for the parent.
"""

import json
import os
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]


def mesurer_pages():
    """Every page of ``bench.pages`` with its session cookie and its queries (Django set up)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.pages import choisir_pages

    pages = []
    cookies = {}
    for page in choisir_pages():
        client = Client()
        if page.user is not None:
            if page.user.pk not in cookies:
                ouvreur = Client()
                ouvreur.force_login(page.user)
                cookies[page.user.pk] = ouvreur.cookies["sessionid"].value
            client.cookies["sessionid"] = cookies[page.user.pk]
        client.get(page.url)  # caches warm, like the server after its warm-up
        with CaptureQueriesContext(connection) as requetes:
            reponse = client.get(page.url)
            if reponse.streaming:
                b"".join(reponse.streaming_content)
        nombre = len(requetes)
        if reponse.status_code != 200:
            sys.exit(f"{page.url} répond {reponse.status_code} : la mesure n'aurait pas de sens.")
        pages.append(
            {
                "nom": page.nom,
                "url": page.url,
                "famille": page.famille,
                "role": page.role,
                "cookie": cookies.get(page.user.pk) if page.user else None,
                "requetes": nombre,
            }
        )
    return pages


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(RACINE))
    import django

    django.setup()
    print(json.dumps(mesurer_pages()))


if __name__ == "__main__":
    main()
