"""The communes accompanied: a public page each, their list, their points on the map, and the
counter, which is their number."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ateliers.models import Publication
from catalogue import selecteurs
from referentiels.models import EPCI, Commune
from tests.catalogue.conftest import _atelier
from tests.factories import CommuneFactory, DepartementFactory, ThematiqueFactory

LISTE = reverse("catalogue:communes")
GEOJSON = reverse("catalogue:communes_geojson")


def page_de(client, code):
    return client.get(reverse("catalogue:commune", args=[code]))


def test_the_address_of_a_commune_page_is_its_insee_code():
    assert reverse("catalogue:commune", args=["80253"]) == "/ateliers-realises/communes/80253/"


def test_commune_page_shows_where_it_lies_and_its_published_ateliers(client, catalogue):
    doullens = Commune.objects.get(code="80253")
    doullens.epci = EPCI.objects.create(siren="200070951", nom="CC Nord Picardie", type="CC")
    doullens.save()
    reponse = page_de(client, "80253")
    assert reponse.status_code == 200
    page = reponse.content.decode()
    for attendu in (
        "<h1>Doullens</h1>",
        "Somme (80)",
        "Hauts-de-France",
        "CC Nord Picardie",
        "1 atelier publié au catalogue (2023)",
        "Reconquête du site Sueur",
        "Reconversion des friches",
        reverse("catalogue:atelier", args=[catalogue["sueur"].pk]),
    ):
        assert attendu in page, attendu
    # Doullens also has an atelier in progress and a withdrawn one: neither is shown.
    assert "Atelier encore en cours" not in page
    assert "Clôturé mais retiré" not in page


def test_commune_without_published_atelier_is_not_found(client, catalogue):
    CommuneFactory(code="80001", nom="Abbeville")
    assert page_de(client, "80001").status_code == 404
    assert page_de(client, "99999").status_code == 404
    en_cours = catalogue["en_cours"]
    seule = CommuneFactory(code="80002", nom="Acheux")
    en_cours.candidature.communes.set([seule])
    assert page_de(client, "80002").status_code == 404
    type(en_cours).objects.filter(pk=en_cours.pk).update(publication=Publication.PUBLIE)
    assert page_de(client, "80002").status_code == 200


def test_member_commune_of_an_intercommunal_atelier_has_its_page(client, catalogue):
    epci = EPCI.objects.create(siren="200070952", nom="CC du Doullennais", type="CC")
    membre = CommuneFactory(
        code="80003", nom="Authieule", departement=DepartementFactory(code="80"), epci=epci
    )
    _atelier(
        candidature__titre="Un projet de territoire",
        candidature__echelle="intercommunalite",
        candidature__epci=epci,
        candidature__service=catalogue["sueur"].service_pilote,
    )
    page = page_de(client, membre.code).content.decode()
    assert "Un projet de territoire" in page
    assert "CC du Doullennais" in page


def test_list_of_communes_is_alphabetical_with_a_departement_filter(client, catalogue):
    reponse = client.get(LISTE)
    assert reponse.status_code == 200
    assert [c.nom for c in reponse.context["communes"]] == ["Doullens", "Vitré"]
    page = reponse.content.decode()
    assert reverse("catalogue:commune", args=["35360"]) in page
    assert "2 communes accompagnées" in page
    # Vitré: two published ateliers, 2025 and 2026.
    vitre = reponse.context["communes"][1]
    assert (vitre.ateliers, vitre.annees_texte) == (2, "2025, 2026")
    filtree = client.get(LISTE, {"departement": "35"})
    assert [c.nom for c in filtree.context["communes"]] == ["Vitré"]
    assert "1 commune dans ce département" in filtree.content.decode()


def test_list_of_communes_is_paginated(client, catalogue):
    service = catalogue["sueur"].service_pilote
    for i in range(55):
        _atelier(
            commune=CommuneFactory(code=f"80{500 + i}", nom=f"Ville {i:02d}"),
            candidature__service=service,
            valider_la_fiche=i < 52,
        )
    reponse = client.get(LISTE)
    assert reponse.context["nombre"] == 2 + 52
    assert len(reponse.context["communes"]) == 50
    seconde = client.get(LISTE, {"page": 2})
    assert [c.nom for c in seconde.context["communes"]][-1] == "Vitré"


def test_counter_is_the_number_of_distinct_communes_of_the_published_ateliers(client, catalogue):
    epci = EPCI.objects.create(siren="200070953", nom="CC Test", type="CC")
    for code in ("80004", "80005"):
        CommuneFactory(code=code, departement=DepartementFactory(code="80"), epci=epci)
    _atelier(
        commune=Commune.objects.get(code="80253"),  # Doullens again: counted once
        candidature__echelle="intercommunalite",
        candidature__epci=epci,
        candidature__service=catalogue["sueur"].service_pilote,
    )
    attendues = set()
    for atelier in selecteurs.ateliers_publies():
        attendues.update(c.code for c in atelier.candidature.communes.all())
        if atelier.candidature.echelle == "intercommunalite":
            membres = atelier.candidature.epci.membres.values_list("code", flat=True)
            attendues.update(membres)
    page = client.get(reverse("catalogue:liste")).content.decode()
    assert f"{len(attendues)} communes accompagnées" in page
    liste = client.get(LISTE)
    assert {c.code for c in liste.context["communes"]} == attendues
    assert liste.context["total"] == len(attendues) == 4


def test_geojson_gives_each_commune_with_coordinates_as_a_point(client, catalogue):
    reponse = client.get(GEOJSON)
    assert reponse["Content-Type"] == "application/geo+json"
    donnees = json.loads(reponse.content)
    assert donnees["type"] == "FeatureCollection"
    # Vitré has no coordinates in the référentiel: not on the map (it is in the list).
    (doullens,) = donnees["features"]
    assert doullens["geometry"] == {"type": "Point", "coordinates": [2.3411, 50.1567]}
    proprietes = doullens["properties"]
    assert proprietes["nom"] == "Doullens"
    assert proprietes["ateliers"] == 1
    assert proprietes["url"].endswith(reverse("catalogue:commune", args=["80253"]))


def test_catalogue_shows_the_map_of_communes_and_links_their_list(client, catalogue):
    page = client.get(reverse("catalogue:liste")).content.decode()
    assert f'data-source="{GEOJSON}"' in page
    assert "js/carte_communes.js" in page
    assert f'href="{LISTE}"' in page


def requetes(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as capture:
        reponse = client.get(url)
    assert reponse.status_code == 200
    return len(capture)


def test_communes_pages_keep_their_number_of_queries(client, catalogue):
    theme = ThematiqueFactory(libelle="Mobilités")
    urls = [LISTE, GEOJSON, reverse("catalogue:commune", args=["80253"])]
    avant = [requetes(client, url) for url in urls]
    # The census is kept: the list and the map cost only the catalogue's fingerprint.
    assert avant[:2] == [1, 1]
    doullens = Commune.objects.get(code="80253")
    for i in range(10):
        _atelier(
            commune=CommuneFactory(code=f"80{600 + i}"),
            theme=theme,
            candidature__service=catalogue["sueur"].service_pilote,
        )
        _atelier(
            commune=doullens, theme=theme, candidature__service=catalogue["sueur"].service_pilote
        )
    assert [requetes(client, url) for url in urls] == avant


def test_open_data_page_offers_the_communes_file(client, catalogue):
    page = client.get(reverse("catalogue:donnees")).content.decode()
    assert f'href="{GEOJSON}"' in page
    assert "Télécharger les communes accompagnées (GeoJSON)" in page
