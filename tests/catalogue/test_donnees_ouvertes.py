"""Open data: the catalogue as CSV and GeoJSON at stable addresses, documented on a page."""

import csv
import io
import json

from django.urls import reverse

from catalogue.donnees_ouvertes import COLONNES
from tests.catalogue.conftest import PUBLIES

ENTETE = [
    "reference",
    "titre",
    "annee",
    "echelle",
    "communes_insee",
    "communes",
    "epci_siren",
    "epci",
    "departements",
    "regions",
    "familles",
    "thematiques",
    "titulaire",
    "statut",
    "date_cloture",
    "longitude",
    "latitude",
    "url",
    "communes_accompagnees_insee",
]


def test_addresses_are_stable():
    assert reverse("catalogue:donnees_csv") == "/ateliers-realises/donnees/ateliers-flash.csv"
    assert (
        reverse("catalogue:donnees_geojson") == "/ateliers-realises/donnees/ateliers-flash.geojson"
    )


def test_csv_has_the_documented_header_and_one_row_per_published_atelier(client, catalogue):
    reponse = client.get(reverse("catalogue:donnees_csv"))
    assert reponse["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in reponse["Content-Disposition"]
    texte = reponse.content.decode("utf-8-sig")
    lignes = list(csv.DictReader(io.StringIO(texte)))
    assert list(lignes[0].keys()) == ENTETE == [nom for nom, _ in COLONNES]
    assert {ligne["titre"] for ligne in lignes} == PUBLIES
    sueur = next(ligne for ligne in lignes if ligne["titre"] == "Reconquête du site Sueur")
    assert sueur["communes_insee"] == "80253"
    assert sueur["departements"] == "80"
    assert sueur["regions"] == "Hauts-de-France"
    assert sueur["familles"] == "Transitions territoriales et urbaines"
    assert sueur["titulaire"] == "Groupement Ville Ouverte"
    assert sueur["statut"] == "Clôturé"
    assert sueur["date_cloture"] == "2024-03-29"
    assert (sueur["longitude"], sueur["latitude"]) == ("2.3411", "50.1567")
    assert sueur["url"].endswith(reverse("catalogue:atelier", args=[catalogue["sueur"].pk]))
    vitre = next(ligne for ligne in lignes if ligne["titre"].startswith("Vitré"))
    assert (vitre["longitude"], vitre["latitude"]) == ("", "")  # no coordinates known


def test_geojson_is_a_feature_collection_with_a_point_where_known(client, catalogue):
    reponse = client.get(reverse("catalogue:donnees_geojson"))
    assert reponse["Content-Type"] == "application/geo+json"
    donnees = json.loads(reponse.content)
    assert donnees["type"] == "FeatureCollection"
    features = donnees["features"]
    assert len(features) == len(PUBLIES)
    assert len({f["id"] for f in features}) == len(features)
    proprietes = [nom for nom, _ in COLONNES if nom not in ("longitude", "latitude")]
    for feature in features:
        assert feature["type"] == "Feature"
        assert list(feature["properties"]) == proprietes
        assert isinstance(feature["properties"]["communes_insee"], list)
        geometrie = feature["geometry"]
        if geometrie is not None:
            assert geometrie["type"] == "Point"
            lon, lat = geometrie["coordinates"]
            assert isinstance(lon, float) and isinstance(lat, float)
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    par_titre = {f["properties"]["titre"]: f for f in features}
    assert par_titre["Reconquête du site Sueur"]["geometry"]["coordinates"] == [2.3411, 50.1567]
    assert par_titre["Reconquête du site Sueur"]["properties"]["communes_insee"] == ["80253"]
    assert par_titre["Vitré, la Vilaine et ses crues"]["geometry"] is None


def test_documentation_page_lists_every_column_and_links_the_files(client, catalogue):
    page = client.get(reverse("catalogue:donnees")).content.decode()
    for nom, _ in COLONNES:
        assert f"<code>{nom}</code>" in page
    assert reverse("catalogue:donnees_csv") in page
    assert reverse("catalogue:donnees_geojson") in page


def test_a_title_that_looks_like_a_formula_stays_text_in_the_open_data(client, catalogue):
    candidature = catalogue["sueur"].candidature
    candidature.titre = '=HYPERLINK("http://x","y")'
    candidature.save(update_fields=["titre"])
    texte = client.get(reverse("catalogue:donnees_csv")).content.decode("utf-8-sig")
    titres = {ligne["titre"] for ligne in csv.DictReader(io.StringIO(texte))}
    assert """'=HYPERLINK("http://x","y")""" in titres
    # The GeoJSON carries values, not cells: the title stays as typed there.
    donnees = json.loads(client.get(reverse("catalogue:donnees_geojson")).content)
    assert '=HYPERLINK("http://x","y")' in {f["properties"]["titre"] for f in donnees["features"]}
