"""The catalogue keeps what it computes over every published atelier (counters, map, open
data) between requests, and recomputes it at once when an atelier changes."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ateliers import transitions
from ateliers.models import Publication
from tests.factories import UserFactory


def requetes(client, url):
    with CaptureQueriesContext(connection) as capture:
        reponse = client.get(url)
    assert reponse.status_code == 200
    return len(capture), reponse


def test_open_data_is_computed_once_then_served_from_the_cache(client, catalogue):
    url = reverse("catalogue:donnees_geojson")
    premiere, reponse = requetes(client, url)
    seconde, encore = requetes(client, url)
    assert seconde == 1 < premiere  # only the fingerprint of the catalogue
    assert encore.content == reponse.content
    assert len(json.loads(encore.content)["features"]) == 3


def test_a_publication_shows_at_once_in_counters_and_open_data(client, catalogue):
    liste, geojson = reverse("catalogue:liste"), reverse("catalogue:donnees_geojson")
    assert "3 ateliers réalisés" in client.get(liste).content.decode()
    assert len(json.loads(client.get(geojson).content)["features"]) == 3
    transitions.publier(
        UserFactory(instructeur=True), catalogue["en_cours"], Publication.PUBLIE, False
    )
    assert "4 ateliers réalisés" in client.get(liste).content.decode()
    assert len(json.loads(client.get(geojson).content)["features"]) == 4
    csv = client.get(reverse("catalogue:donnees_csv")).content.decode()
    assert csv.count("\n") == 5  # the header and four ateliers
