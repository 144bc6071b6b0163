"""The public catalogue: only published ateliers, no personal data, filters, counters,
theme pages, inspiring examples, images; the DGALN's publication decision."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from ateliers import transitions
from ateliers.models import Publication
from journal.models import Evenement
from journal.transitions import TransitionRefusee
from livrables.models import Axe, FicheSynthetique, ImageFiche
from referentiels.models import EPCI
from tests.catalogue.conftest import CACHES, PERSONNEL, PUBLIES, _atelier
from tests.factories import (
    CommuneFactory,
    DepartementFactory,
    UserFactory,
)
from tests.fichiers import png


def test_list_shows_closed_and_published_ateliers_only(client, catalogue):
    page = client.get(reverse("catalogue:liste")).content.decode()
    for titre in PUBLIES:
        assert titre in page
    for titre in CACHES:
        assert titre not in page


@pytest.mark.parametrize("cle", ["en_cours", "retire"])
def test_unpublished_atelier_page_is_not_found(client, catalogue, cle):
    reponse = client.get(reverse("catalogue:atelier", args=[catalogue[cle].pk]))
    assert reponse.status_code == 404


def test_counters_are_computed_from_the_published_ateliers(client, catalogue):
    page = client.get(reverse("catalogue:liste")).content.decode()
    # Three published ateliers since 2023, over two communes (Doullens, Vitré).
    assert "3 ateliers réalisés depuis 2023 et 2 communes accompagnées" in page
    accueil = client.get(reverse("accueil_public")).content.decode()
    assert "3 ateliers réalisés depuis 2023 et 2 communes accompagnées" in accueil


def test_intercommunal_atelier_counts_the_epci_member_communes(client, catalogue):
    epci = EPCI.objects.create(siren="200070951", nom="CC Nord Picardie", type="CC")
    for code in ("80001", "80002", "80003"):
        CommuneFactory(code=code, departement=DepartementFactory(code="80"), epci=epci)
    atelier = _atelier(
        candidature__echelle="intercommunalite",
        candidature__epci=epci,
        candidature__service=catalogue["sueur"].service_pilote,
    )
    assert atelier.candidature.communes.count() == 0
    page = client.get(reverse("catalogue:liste")).content.decode()
    assert "4 ateliers réalisés depuis 2023 et 5 communes accompagnées" in page


@pytest.mark.parametrize(
    ("filtre", "attendus"),
    [
        ({"famille": "territoriales"}, {"Reconquête du site Sueur"}),
        ({"famille": "environnementales"}, {"Vitré, la Vilaine et ses crues"}),
        ({"region": "53"}, {"Vitré, la Vilaine et ses crues", "Publié avant sa clôture"}),
        ({"departement": "80"}, {"Reconquête du site Sueur"}),
        ({"annee": "2025"}, {"Vitré, la Vilaine et ses crues"}),
        (
            {"titulaire": "Atelier de l'Ourcq"},
            {"Vitré, la Vilaine et ses crues", "Publié avant sa clôture"},
        ),
        ({"region": "53", "annee": "2026"}, {"Publié avant sa clôture"}),
    ],
)
def test_filters_apply(client, catalogue, filtre, attendus):
    reponse = client.get(reverse("catalogue:liste"), filtre)
    titres = {a.candidature.titre for a in reponse.context["ateliers"]}
    assert titres == attendus


def test_atelier_page_shows_its_identity_card_fiche_axes_and_images(client, catalogue):
    sueur = catalogue["sueur"]
    fiche = FicheSynthetique.objects.get(atelier=sueur)
    fiche.maitrise_ouvrage = "Commune de Doullens"
    fiche.contexte = "Une friche textile de 4 hectares."
    fiche.productions = "Une esquisse de plan-guide."
    fiche.save()
    image = ImageFiche.objects.create(
        fiche=fiche,
        fichier=png("friche.png"),
        nom_fichier="friche.png",
        type_mime="image/png",
        taille=100,
        legende="La filature vue du rempart",
    )
    Axe.objects.create(atelier=sueur, ordre=1, titre="Ouvrir le site sur la ville")
    page = client.get(reverse("catalogue:atelier", args=[sueur.pk])).content.decode()
    for attendu in (
        "Reconquête du site Sueur",
        "Commune de Doullens",
        "Groupement Ville Ouverte",
        "2023",
        "Doullens",
        "Somme (80)",
        "Une friche textile de 4 hectares.",
        "Ouvrir le site sur la ville",
        "La filature vue du rempart",
        reverse("catalogue:image", args=[image.pk]),
    ):
        assert attendu in page
    reponse = client.get(reverse("catalogue:image", args=[image.pk]))
    assert reponse.status_code == 200
    assert reponse["Content-Type"] == "image/png"
    reponse.close()  # a file download holds its file open until closed


def test_image_of_an_unpublished_atelier_is_not_served(client, catalogue):
    fiche = FicheSynthetique.objects.get(atelier=catalogue["en_cours"])
    image = ImageFiche.objects.create(
        fiche=fiche, fichier=png(), nom_fichier="plan.png", type_mime="image/png", taille=100
    )
    assert client.get(reverse("catalogue:image", args=[image.pk])).status_code == 404


def test_no_personal_data_leaves_through_the_public_pages(client, catalogue):
    agent = catalogue["sueur"].candidature.cree_par
    pages = [
        reverse("catalogue:liste"),
        reverse("catalogue:atelier", args=[catalogue["sueur"].pk]),
        reverse("catalogue:famille", args=["territoriales"]),
        reverse("catalogue:donnees_csv"),
        reverse("catalogue:donnees_geojson"),
        reverse("accueil_public"),
    ]
    interdits = [*PERSONNEL.values(), agent.email, agent.last_name]
    for url in pages:
        contenu = client.get(url).content.decode()
        for valeur in interdits:
            assert valeur not in contenu, (url, valeur)


def test_theme_family_page_lists_its_ateliers(client, catalogue):
    reponse = client.get(reverse("catalogue:famille", args=["environnementales"]))
    assert {a.candidature.titre for a in reponse.context["ateliers"]} == {
        "Vitré, la Vilaine et ses crues"
    }
    assert client.get(reverse("catalogue:famille", args=["inconnue"])).status_code == 404


def test_inspiring_examples_are_those_the_dgaln_chose(client, catalogue):
    instructeur = UserFactory(instructeur=True)
    transitions.publier(instructeur, catalogue["vitre"], Publication.A_LA_CLOTURE, True)
    evenement = Evenement.objects.get(object_id=catalogue["vitre"].pk, action="publication")
    assert evenement.libelle == "Catalogue public : Publié à sa clôture, exemple inspirant"
    reponse = client.get(reverse("catalogue:liste"))
    assert [a.candidature.titre for a in reponse.context["exemples"]] == [
        "Vitré, la Vilaine et ses crues"
    ]
    assert "Exemples inspirants" in reponse.content.decode()


def test_dgaln_publishes_early_or_withdraws_with_a_journal_event(client, catalogue):
    instructeur = UserFactory(instructeur=True)
    client.force_login(instructeur)
    en_cours = catalogue["en_cours"]
    url = reverse("ateliers:action", args=[en_cours.pk, "publier"])
    reponse = client.post(url, {"publication": Publication.PUBLIE, "commentaire": "Vitrine"})
    assert reponse.status_code == 302
    en_cours.refresh_from_db()
    assert en_cours.publication == Publication.PUBLIE
    evenement = Evenement.objects.get(object_id=en_cours.pk, action="publication")
    assert evenement.acteur == instructeur
    assert (evenement.etat_avant, evenement.etat_apres) == ("a_la_cloture", "publie")
    assert evenement.libelle == "Catalogue public : Publié dès maintenant"
    assert client.get(reverse("catalogue:atelier", args=[en_cours.pk])).status_code == 200

    client.post(url, {"publication": Publication.NON_PUBLIE})
    assert client.get(reverse("catalogue:atelier", args=[en_cours.pk])).status_code == 404


def test_only_the_dgaln_decides_publication(client, catalogue):
    sueur = catalogue["sueur"]
    client.force_login(UserFactory(organisation=sueur.service_pilote))
    url = reverse("ateliers:action", args=[sueur.pk, "publier"])
    client.post(url, {"publication": Publication.NON_PUBLIE})
    sueur.refresh_from_db()
    assert sueur.publication == Publication.A_LA_CLOTURE
    with pytest.raises(TransitionRefusee, match="Seule la DGALN"):
        transitions.publier(sueur.candidature.cree_par, sueur, Publication.NON_PUBLIE, False)


def test_an_unpublished_atelier_cannot_be_an_inspiring_example(catalogue):
    instructeur = UserFactory(instructeur=True)
    with pytest.raises(TransitionRefusee, match="non publié"):
        transitions.publier(instructeur, catalogue["sueur"], Publication.NON_PUBLIE, True)


def test_list_queries_do_not_grow_with_the_rows(client, catalogue, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # The page as computed (the cache holds it afterwards: tests/catalogue/test_memoire.py).
    cache.clear()
    with CaptureQueriesContext(connection) as peu:
        client.get(reverse("catalogue:liste"))
    for i in range(12):
        _atelier(
            candidature__titre=f"Encore {i}",
            candidature__service=catalogue["vitre"].service_pilote,
            commune=CommuneFactory(),
        )
    cache.clear()
    with CaptureQueriesContext(connection) as beaucoup:
        client.get(reverse("catalogue:liste"))
    assert len(beaucoup) == len(peu)
