"""Query budgets: every list page makes the same, fixed number of queries at most, whether it
shows 5 rows or 100, so that an N+1 (a query per row) cannot come back unnoticed.

The data is the benchmark's generator (``bench.volume``, every state, with messages,
journal, bons and livrables) at two sizes, in one service so that its agent sees every row.
"""

import re

import pytest
from django.conf import settings as reglages
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from bench.volume import Volumes, peupler
from comptes.models import User
from referentiels.importer import importer_referentiel
from referentiels.models import Thematique
from tests.donnees_du_module import donnees_du_module

TAILLES = {
    5: Volumes(candidatures=5, ateliers=5, bons=5, versions=5, departements=1),
    100: Volumes(candidatures=150, ateliers=100, bons=100, versions=100, departements=1),
}

# (page, URL, who, budget, rows: the link each row of the list carries, or None). The
# budgets are what the pages make today, at 5 rows as at 100; the catalogue's open data
# is computed once (catalogue/memoire.py), then served for one query. A prestataire sees
# the ateliers of its groupement only: one in three or so.
PAGES = [
    (
        "boîte de l'instructeur",
        "/candidatures/?tri=-depot",
        "instructeur",
        13,
        r"/candidatures/\d+/",
    ),
    ("liste du service", "/candidatures/", "agent", 8, r"/candidatures/\d+/"),
    ("ateliers (DGALN)", "/ateliers/", "instructeur", 5, r"/ateliers/\d+/"),
    ("ateliers du service", "/ateliers/", "agent", 5, r"/ateliers/\d+/"),
    ("ateliers du prestataire", "/ateliers/", "prestataire", 5, r"/ateliers/\d+/"),
    ("bons du service", "/commandes/", "agent", 5, r"/commandes/\d+/"),
    ("bons (DGALN)", "/commandes/", "instructeur", 5, r"/commandes/\d+/"),
    ("bons du prestataire", "/commandes/", "prestataire", 5, r"/commandes/\d+/"),
    ("livrables du prestataire", "/livrables/", "prestataire", 5, r"/livrables/\d+/"),
    ("livrables du service", "/livrables/", "agent", 5, r"/livrables/\d+/"),
    ("catalogue public", "/ateliers-realises/", None, 8, r"/ateliers-realises/\d+/"),
    ("catalogue par famille", "/ateliers-realises/transitions/{famille}/", None, 5, None),
    ("carte (GeoJSON)", "/ateliers-realises/donnees/ateliers-flash.geojson", None, 1, None),
    ("données ouvertes (CSV)", "/ateliers-realises/donnees/ateliers-flash.csv", None, 1, None),
    ("export des candidatures", "/exports/candidatures.csv", "instructeur", 7, None),
    ("export des bons", "/exports/bons-de-commande.csv", "agent", 4, None),
    ("annuaire des organisations", "/annuaire/", "instructeur", 6, None),
    ("annuaire des personnes", "/annuaire/personnes/", "instructeur", 6, None),
    ("registre du tourniquet", "/commandes/accords-cadres/", "instructeur", 4, None),
    # « À faire » reads one query per workflow the service acts in (invoices: one more).
    ("tableau de bord du service", "/tableau-de-bord/", "agent", 16, None),
    ("tableau de bord DGALN", "/tableau-de-bord/", "instructeur", 20, None),
    ("tableau de bord du prestataire", "/tableau-de-bord/", "prestataire", 16, None),
    ("admin : candidatures", "/admin/candidatures/candidature/", "administrateur", 10, None),
]


@pytest.fixture(scope="module")
def _referentiel_du_module(django_db_setup, django_db_blocker, medias_du_module):
    """The référentiel, imported once for the module (tests/donnees_du_module.py)."""
    with donnees_du_module(django_db_blocker, medias_du_module):
        importer_referentiel(reglages.REFERENTIEL_SAMPLE_DIR)
        yield


@pytest.fixture(scope="module", params=sorted(TAILLES), ids=lambda n: f"{n} lignes")
def _donnees(request, _referentiel_du_module, django_db_blocker):
    """Each size seeded once, in a savepoint of the module's transaction: pytest runs the
    pages of one size, then rolls it back before seeding the other."""
    with django_db_blocker.unblock(), transaction.atomic():
        rapport = peupler(TAILLES[request.param])
        yield request.param, rapport.connexions
        transaction.set_rollback(True)


@pytest.fixture
def monde(_donnees, db):
    """The size and its accounts for one test, in the test's own savepoint (``db``)."""
    taille, connexions = _donnees
    comptes = {role: User.objects.get(email=email) for role, email in connexions.items()}
    return taille, comptes


def requetes(client, url):
    client.get(url)  # the first request fills the caches (content types, sessions…)
    with CaptureQueriesContext(connection) as capture:
        reponse = client.get(url)
    assert reponse.status_code == 200, url
    return len(capture), reponse


@pytest.mark.parametrize(
    ("page", "url", "role", "budget", "ligne"), PAGES, ids=[p[0] for p in PAGES]
)
def test_a_list_page_keeps_its_query_budget_whatever_the_rows(
    client, monde, page, url, role, budget, ligne
):
    taille, comptes = monde
    if role:
        client.force_login(comptes[role])
    url = url.format(famille=Thematique.Famille.values[0])
    nombre, reponse = requetes(client, url)
    assert nombre <= budget, f"{page} : {nombre} requêtes pour {taille} lignes (budget {budget})"
    if ligne:
        lignes = set(re.findall(f'href="{ligne}"', reponse.content.decode()))
        # The list really shows its rows: all of them, or a full page of 24–25.
        attendu = min(taille, 20) // (3 if role == "prestataire" else 1)
        assert len(lignes) >= attendu, f"{page} : {len(lignes)} lignes affichées"
