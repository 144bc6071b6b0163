"""The catalogue keeps its pages and what it computes over every published atelier (counters,
map, open data) between requests, and recomputes them at once when an atelier changes."""

import json

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ateliers import transitions
from ateliers.models import Publication
from catalogue import views
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


def test_every_public_page_is_served_from_the_cache_for_one_query(client, catalogue):
    pages = [
        reverse("catalogue:donnees"),
        reverse("catalogue:liste"),
        reverse("catalogue:liste") + "?q=crues",
        reverse("catalogue:atelier", args=[catalogue["sueur"].pk]),
        reverse("catalogue:communes"),
    ]
    for url in pages:
        premiere, reponse = requetes(client, url)
        seconde, encore = requetes(client, url)
        assert seconde == 1 < premiere, url  # the catalogue's fingerprint
        assert encore.content == reponse.content, url
    # Another filter is another page.
    assert "Reconquête du site Sueur" not in client.get(pages[2]).content.decode()


def test_a_change_of_an_atelier_shows_at_once_on_its_cached_page(client, catalogue):
    sueur = catalogue["sueur"]
    url = reverse("catalogue:atelier", args=[sueur.pk])
    assert client.get(url).status_code == 200
    transitions.publier(UserFactory(instructeur=True), sueur, Publication.NON_PUBLIE, False)
    assert client.get(url).status_code == 404


def test_a_signed_in_visitor_gets_their_own_page_and_the_public_one_stays_public(client, catalogue):
    url = reverse("catalogue:liste")
    requetes(client, url)
    client.force_login(UserFactory())
    nombre, reponse = requetes(client, url)
    assert nombre > 1  # computed for them: their header is not the public one
    assert "Se déconnecter" in reponse.content.decode()
    assert "Se déconnecter" not in Client().get(url).content.decode()


def test_a_message_waiting_for_a_visitor_is_theirs_alone(rf, client, catalogue):
    url = reverse("catalogue:liste")
    requete = rf.get(url)
    requete.user = AnonymousUser()
    requete._messages = CookieStorage(requete)
    messages.info(requete, "Message pour ce seul visiteur")
    assert "Message pour ce seul visiteur" in views.liste(requete).content.decode()
    assert "Message pour ce seul visiteur" not in client.get(url).content.decode()
