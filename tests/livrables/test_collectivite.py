"""The collectivité co-porteur reads the livrables once the service validated them: never an
expected livrable, a version waiting for its review or one sent back; the feuille de route and
the fiche synthétique (pages, CSV, images, PDFs) once validated; a member of another
collectivité sees none of it."""

import copy

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from documents import services as documents
from documents.models import Document
from livrables import services, transitions
from livrables.models import FicheSynthetique, Livrable, StatutLivrable, Type, Version
from referentiels.importer import importer_referentiel
from referentiels.models import Thematique
from tests.commandes.conftest import creer_agent, creer_atelier, creer_titulaire_user
from tests.donnees_du_module import donnees_du_module
from tests.factories import AtelierFactory, coporteur
from tests.fichiers import pdf, png
from tests.outils import texte

pytestmark = pytest.mark.django_db


def construire():
    atelier = creer_atelier()
    agent, titulaire = creer_agent(atelier), creer_titulaire_user(atelier)
    echeance = atelier.cree_le.date()
    # The feuille de route: a first version sent back, the second validated.
    feuille = transitions.ajouter(agent, atelier, Type.FEUILLE_DE_ROUTE, echeance)
    refusee = transitions.deposer(titulaire, feuille, pdf("premier-jet.pdf"))
    transitions.demander_reprise(agent, feuille, "Le diagnostic est bâclé.")
    validee = transitions.deposer(titulaire, feuille, pdf("feuille-finale.pdf"))
    # A charte waiting for the service's review, a plan-guide expected.
    charte = transitions.ajouter(agent, atelier, Type.CHARTE, echeance)
    en_attente = transitions.deposer(titulaire, charte, pdf("charte-brouillon.pdf"))
    transitions.ajouter(agent, atelier, Type.PLAN_GUIDE, echeance)
    axe = services.enregistrer_axe(titulaire, atelier, titre="Relier le centre au canal")
    services.enregistrer_action(
        titulaire,
        axe,
        intitule="Promenade du canal",
        thematique=Thematique.objects.first(),
        priorite="court",
        porteur="Commune",
    )
    image = services.ajouter_image(titulaire, atelier, png(), "Vue du canal")
    services.enregistrer_fiche(titulaire, atelier, territoire="Péronne")
    return {
        "atelier": atelier,
        "agent": agent,
        "titulaire": titulaire,
        "membre": coporteur(atelier.candidature),
        "autre": coporteur(AtelierFactory().candidature),
        "feuille": feuille,
        "refusee": refusee,
        "validee": validee,
        "charte": charte,
        "en_attente": en_attente,
        "image": image,
    }


@pytest.fixture(scope="module")
def _monde_du_module(django_db_setup, django_db_blocker, medias_du_module):
    with donnees_du_module(django_db_blocker, medias_du_module):
        importer_referentiel(settings.REFERENTIEL_SAMPLE_DIR)
        yield construire()


@pytest.fixture
def monde(_monde_du_module, db, fichiers_du_module):
    return copy.deepcopy(_monde_du_module)


def valider_la_feuille(monde):
    transitions.valider(monde["agent"], monde["feuille"], "")


def valider_la_fiche(monde):
    FicheSynthetique.objects.filter(atelier=monde["atelier"]).update(validee_le=timezone.now())


def lire(client, personne, nom, *args):
    client.force_login(personne)
    reponse = client.get(reverse(nom, args=args))
    reponse.close()
    return reponse


def test_the_atelier_page_lists_only_the_validated_livrables(client, monde):
    valider_la_feuille(monde)
    page = texte(lire(client, monde["membre"], "ateliers:detail", monde["atelier"].pk))
    assert "Feuille de route" in page and "1 version" in page  # its validated one only
    assert "Charte" not in page and "Esquisse de plan-guide" not in page
    assert "Le diagnostic est bâclé." not in page  # the version sent back, nor its review


def test_before_any_validation_the_page_says_none_is_validated_yet(client, monde):
    page = texte(lire(client, monde["membre"], "ateliers:detail", monde["atelier"].pk))
    assert "Aucun livrable validé par le service pilote pour l'instant" in page
    assert "Feuille de route" not in page and "Charte" not in page


def test_a_validated_livrable_shows_its_validated_version_only(client, monde):
    valider_la_feuille(monde)
    reponse = lire(client, monde["membre"], "livrables:detail", monde["feuille"].pk)
    page = texte(reponse)
    assert "feuille-finale.pdf" in page
    assert "premier-jet.pdf" not in page and "Le diagnostic est bâclé." not in page


def test_the_collectivite_downloads_the_validated_version_not_the_one_sent_back(client, monde):
    valider_la_feuille(monde)
    feuille = monde["feuille"].pk
    assert (
        lire(client, monde["membre"], "livrables:version", feuille, monde["validee"].pk).status_code
        == 200
    )
    assert (
        lire(client, monde["membre"], "livrables:version", feuille, monde["refusee"].pk).status_code
        == 404
    )


def test_a_livrable_waiting_for_review_is_not_found(client, monde):
    charte = monde["charte"].pk
    assert lire(client, monde["membre"], "livrables:detail", charte).status_code == 404
    version = monde["en_attente"].pk
    assert lire(client, monde["membre"], "livrables:version", charte, version).status_code == 404
    # Those who follow the execution read it.
    assert lire(client, monde["agent"], "livrables:version", charte, version).status_code == 200


def test_the_list_of_livrables_holds_the_validated_ones(client, monde):
    valider_la_feuille(monde)
    reponse = lire(client, monde["membre"], "livrables:liste")
    assert [lv.pk for lv in reponse.context["livrables"]] == [monde["feuille"].pk]


def test_a_member_of_another_collectivite_finds_nothing(client, monde):
    valider_la_feuille(monde)
    autre, feuille = monde["autre"], monde["feuille"].pk
    assert lire(client, autre, "livrables:detail", feuille).status_code == 404
    assert lire(client, autre, "livrables:version", feuille, monde["validee"].pk).status_code == 404
    assert lire(client, autre, "livrables:fiche", monde["atelier"].pk).status_code == 404
    assert list(lire(client, autre, "livrables:liste").context["livrables"]) == []


def test_the_feuille_de_route_is_read_once_validated(client, monde):
    atelier, membre = monde["atelier"].pk, monde["membre"]
    axe = monde["atelier"].axes.get().pk
    for nom, args in (
        ("livrables:feuille_de_route", [atelier]),
        ("livrables:feuille_de_route_csv", [atelier]),
        ("livrables:modifier_axe", [axe]),
    ):
        assert lire(client, membre, nom, *args).status_code == 404, nom
    page = texte(lire(client, membre, "ateliers:detail", atelier))
    assert "Lire la feuille de route" not in page

    valider_la_feuille(monde)
    assert "Promenade du canal" in texte(
        lire(client, membre, "livrables:feuille_de_route", atelier)
    )
    assert lire(client, membre, "livrables:feuille_de_route_csv", atelier).status_code == 200
    assert "Lire la feuille de route" in texte(lire(client, membre, "ateliers:detail", atelier))
    # Read, never written: the titulaire writes it.
    assert lire(client, membre, "livrables:modifier_axe", axe).status_code == 302


def test_the_fiche_synthetique_and_its_images_are_read_once_validated(client, monde):
    atelier, membre, image = monde["atelier"].pk, monde["membre"], monde["image"].pk
    assert lire(client, membre, "livrables:fiche", atelier).status_code == 404
    assert lire(client, membre, "livrables:image", image).status_code == 404
    assert lire(client, membre, "livrables:modifier_fiche", atelier).status_code == 404

    valider_la_fiche(monde)
    assert "Péronne" in texte(lire(client, membre, "livrables:fiche", atelier))
    assert lire(client, membre, "livrables:image", image).status_code == 200
    assert "Lire la fiche synthétique" in texte(lire(client, membre, "ateliers:detail", atelier))


@pytest.mark.parametrize(
    ("code", "valider"),
    [("feuille_de_route", valider_la_feuille), ("fiche_synthetique", valider_la_fiche)],
)
def test_the_pdfs_are_asked_for_once_validated(client, monde, monkeypatch, code, valider):
    monkeypatch.setattr(documents, "mettre_en_file", lambda pk: None)
    client.force_login(monde["membre"])
    url = reverse("documents:demander", args=[code, monde["atelier"].pk])
    avant = Document.objects.count()
    assert client.post(url).status_code == 404
    assert Document.objects.count() == avant

    valider(monde)
    assert client.post(url).status_code == 302
    assert Document.objects.filter(genre=code).count() == 1


def test_the_querysets_give_the_collectivite_validated_rows_only(monde):
    valider_la_feuille(monde)
    membre = monde["membre"]
    assert set(Livrable.objects.visible_to(membre).values_list("statut", flat=True)) == {
        StatutLivrable.VALIDE
    }
    assert list(Version.objects.visible_to(membre)) == [monde["validee"]]
    assert Version.objects.visible_to(monde["agent"]).count() == 3


def _valides(monde, n):
    """``n`` more livrables of the atelier, each validated, with messages and ticks."""
    from ateliers import services as services_atelier

    agent, titulaire, atelier = monde["agent"], monde["titulaire"], monde["atelier"]
    for i in range(n):
        livrable = transitions.ajouter(
            agent,
            atelier,
            Type.AUTRE,
            atelier.cree_le.date(),
            f"Livrable {Livrable.objects.count()}",
        )
        transitions.deposer(titulaire, livrable, pdf())
        transitions.valider(agent, livrable, "")
        services_atelier.ecrire(monde["membre"], atelier, f"Message {i}")
    for engagement in atelier.engagements.all()[:n]:
        services_atelier.cocher_engagement(monde["membre"], atelier, engagement, True)


def _requetes(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as requetes:
        assert client.get(url).status_code == 200
    return len(requetes)


@pytest.mark.parametrize("page", ["ateliers:detail", "livrables:liste", "ateliers:liste"])
def test_the_collectivite_pages_cost_the_same_with_many_rows(client, monde, page):
    valider_la_feuille(monde)
    valider_la_fiche(monde)
    url = reverse(page, args=[monde["atelier"].pk] if page == "ateliers:detail" else [])
    client.force_login(monde["membre"])
    _valides(monde, 1)
    peu = _requetes(client, url)
    _valides(monde, 3)
    beaucoup = _requetes(client, url)
    assert beaucoup <= peu <= 20, (peu, beaucoup)
