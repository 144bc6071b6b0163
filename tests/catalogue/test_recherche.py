"""The catalogue's text search: title, territory, themes and fiche synthétique, accents and
case aside, combined with the filters, in the URL; nothing private is searched."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from livrables.models import FicheSynthetique
from tests.catalogue.conftest import _atelier
from tests.factories import CommuneFactory

LISTE = reverse("catalogue:liste")


def titres(client, **criteres):
    reponse = client.get(LISTE, criteres)
    assert reponse.status_code == 200
    return {a.candidature.titre for a in reponse.context["ateliers"]}


@pytest.mark.parametrize(
    ("texte", "attendus"),
    [
        # The title, whatever the case and the accents typed.
        ("reconquete", {"Reconquête du site Sueur"}),
        ("SITE SUEUR", {"Reconquête du site Sueur"}),
        # The territory: a commune, its département, its région.
        ("vitre", {"Vitré, la Vilaine et ses crues", "Publié avant sa clôture"}),
        ("Doullens", {"Reconquête du site Sueur"}),
        ("somme", {"Reconquête du site Sueur"}),
        ("bretagne", {"Vitré, la Vilaine et ses crues", "Publié avant sa clôture"}),
        # A theme, and part of a word.
        ("friche", {"Reconquête du site Sueur"}),
        ("risques crues", {"Vitré, la Vilaine et ses crues"}),
    ],
)
def test_search_finds_title_territory_and_themes(client, catalogue, texte, attendus):
    assert titres(client, q=texte) == attendus


def test_search_reads_the_fiche_synthetique(client, catalogue):
    FicheSynthetique.objects.filter(atelier=catalogue["vitre"]).update(
        contexte="Une zone d'expansion des crues le long de la Vilaine, près de l'écluse."
    )
    assert titres(client, q="ecluse") == {"Vitré, la Vilaine et ses crues"}
    assert titres(client, q="Écluse expansion") == {"Vitré, la Vilaine et ses crues"}


def test_search_never_finds_an_unpublished_atelier_nor_private_texts(client, catalogue):
    candidature = catalogue["sueur"].candidature
    type(candidature).objects.filter(pk=candidature.pk).update(description="Motsecretinterne")
    assert titres(client, q="motsecretinterne") == set()
    assert titres(client, q="encore en cours") == set()
    assert titres(client, q="retiré") == set()
    # The file's contacts and long texts are not public: not searched either.
    assert titres(client, q="Confidentielle") == set()


def test_search_combines_with_the_filters_and_stays_in_the_url(client, catalogue):
    assert titres(client, q="vitre", annee="2026") == {"Publié avant sa clôture"}
    page = client.get(LISTE, {"q": "vitre", "annee": "2026"}).content.decode()
    assert "1 atelier correspond à votre recherche « vitre »" in page
    assert 'value="vitre"' in page


def test_no_result_says_so_and_offers_a_reset(client, catalogue):
    page = client.get(LISTE, {"q": "zzzinconnu"}).content.decode()
    assert "0 atelier correspond à votre recherche" in page
    assert "Aucun atelier ne correspond" in page
    assert f'href="{LISTE}">Réinitialiser la recherche' in page


def test_a_newly_published_atelier_is_found_at_once(client, catalogue):
    assert titres(client, q="quimper") == set()
    commune = CommuneFactory(code="29232", nom="Quimper")
    _atelier(
        commune=commune,
        candidature__titre="Les quais de l'Odet",
        candidature__service=catalogue["vitre"].service_pilote,
    )
    assert titres(client, q="quimper") == {"Les quais de l'Odet"}


def test_a_search_costs_the_same_queries_however_many_ateliers(client, catalogue):
    def compter():
        client.get(LISTE, {"q": "vitre"})  # the index built and kept
        with CaptureQueriesContext(connection) as capture:
            client.get(LISTE, {"q": "vitre"})
        return len(capture)

    peu = compter()
    for i in range(8):
        _atelier(
            candidature__titre=f"Vitré encore {i}",
            candidature__service=catalogue["vitre"].service_pilote,
            commune=CommuneFactory(),
        )
    assert compter() == peu
