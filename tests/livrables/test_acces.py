"""Who reaches the atelier's pages, livrables, versions, feuille de route and fiche: each role
against each object (404 for what it must not see, whatever the id guessed), and who may act.
"""

import copy

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse

from ateliers.models import ProgrammeSurSite
from livrables import services, transitions
from livrables.models import Livrable, StatutLivrable, Version
from referentiels.importer import importer_referentiel
from tests.commandes.conftest import creer_agent, creer_atelier, creer_titulaire_user
from tests.donnees_du_module import donnees_du_module
from tests.factories import AtelierFactory, UserFactory
from tests.fichiers import pdf, png
from tests.outils import texte_lu
from tests.roles import ROLES, personnes

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _monde_du_module(django_db_setup, django_db_blocker, medias_du_module):
    """Built once for the module's hundred tests (tests/donnees_du_module.py)."""
    with donnees_du_module(django_db_blocker, medias_du_module):
        importer_referentiel(settings.REFERENTIEL_SAMPLE_DIR)
        atelier = creer_atelier()
        yield construire(atelier, creer_agent(atelier), creer_titulaire_user(atelier))


@pytest.fixture
def monde(_monde_du_module, db, fichiers_du_module):
    """The module's data set for one test: its rows in the test's savepoint, its objects a
    copy."""
    return copy.deepcopy(_monde_du_module)


@pytest.fixture
def atelier(monde):
    return monde["atelier"]


def construire(atelier, agent, titulaire_user):
    from referentiels.models import Thematique

    livrable = transitions.ajouter(agent, atelier, "feuille_de_route", atelier.cree_le.date())
    version = transitions.deposer(titulaire_user, livrable, pdf("feuille.pdf"))
    axe = services.enregistrer_axe(titulaire_user, atelier, titre="Relier le centre")
    action = services.enregistrer_action(
        titulaire_user,
        axe,
        intitule="Promenade",
        thematique=Thematique.objects.first(),
        priorite="court",
        porteur="Commune",
    )
    image = services.ajouter_image(titulaire_user, atelier, png(), "Vue du canal")
    return {
        "atelier": atelier,
        "livrable": livrable,
        "version": version,
        "axe": axe,
        "action": action,
        "image": image,
        "personnes": personnes(agent, titulaire_user),
    }


def _url(monde, nom, cle, *suite):
    if nom == "livrables:version":
        return reverse(nom, args=[monde["livrable"].pk, monde["version"].pk])
    return reverse(nom, args=[monde[cle].pk, *suite] if cle else [])


# In the order of ROLES; the collectivité sees the atelier but none of its work yet: the
# livrable waits for the service's review, the feuille de route and the fiche are not
# validated (tests/livrables/test_collectivite.py reads them once validated).
VU = [302, 200, 404, 200, 200, 200, 404, 200, 404]  # everyone who follows the atelier
PAS_ENCORE_VALIDE = [302, 200, 404, 200, 200, 200, 404, 404, 404]
# Pages reached by a role that may see the atelier but not act: back to the page (302).
MATRICE = {
    "atelier": ("ateliers:detail", "atelier", VU),
    "programme": ("ateliers:programme", "atelier", VU),
    "livrable": ("livrables:detail", "livrable", PAS_ENCORE_VALIDE),
    "version": ("livrables:version", None, PAS_ENCORE_VALIDE),
    "feuille de route": ("livrables:feuille_de_route", "atelier", PAS_ENCORE_VALIDE),
    "export CSV": ("livrables:feuille_de_route_csv", "atelier", PAS_ENCORE_VALIDE),
    "fiche synthétique": ("livrables:fiche", "atelier", PAS_ENCORE_VALIDE),
    "image de la fiche": ("livrables:image", "image", PAS_ENCORE_VALIDE),
    "planning": (
        "ateliers:planifier",
        "atelier",
        [302, 200, 404, 302, 302, 200, 404, 302, 404],
    ),
    "ajouter un livrable": (
        "livrables:ajouter",
        "atelier",
        [302, 200, 404, 302, 302, 302, 404, 302, 404],
    ),
    "modifier un axe": (
        "livrables:modifier_axe",
        "axe",
        [302, 302, 404, 302, 302, 200, 404, 404, 404],
    ),
    "modifier une action": (
        "livrables:modifier_action",
        "action",
        [302, 302, 404, 302, 302, 200, 404, 404, 404],
    ),
    "rédiger la fiche": (
        "livrables:modifier_fiche",
        "atelier",
        [302, 302, 404, 302, 302, 200, 404, 404, 404],
    ),
    "valider": (
        "livrables:action",
        "livrable",
        [302, 200, 404, 200, 200, 302, 404, 404, 404],
    ),
}


@pytest.mark.parametrize("page", MATRICE)
@pytest.mark.parametrize("role", ROLES)
def test_reading_matrix(client, monde, page, role):
    nom, cle, attendus = MATRICE[page]
    url = _url(monde, nom, cle, "valider") if page == "valider" else _url(monde, nom, cle)
    personne = monde["personnes"][role]
    if personne:
        client.force_login(personne)
    reponse = client.get(url)
    reponse.close()  # a file download holds its file open until closed
    assert reponse.status_code == attendus[ROLES.index(role)], url
    if reponse.status_code == 302 and role == "anonyme":
        assert "/comptes/connexion" in reponse["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_titulaire_uploads_a_version(client, monde, role):
    livrable = monde["livrable"]
    personne = monde["personnes"][role]
    if personne:
        client.force_login(personne)
    client.post(
        reverse("livrables:detail", args=[livrable.pk]), {"fichier": pdf("v2.pdf"), "note": ""}
    )
    attendu = 2 if role == "titulaire" else 1
    assert livrable.versions.count() == attendu


@pytest.mark.parametrize("role", ROLES)
def test_only_the_service_and_the_dgaln_validate(client, monde, role):
    livrable = monde["livrable"]
    personne = monde["personnes"][role]
    if personne:
        client.force_login(personne)
    client.post(reverse("livrables:action", args=[livrable.pk, "valider"]), {"commentaire": ""})
    livrable.refresh_from_db()
    valide = role in ("service_pilote", "instructeur", "administrateur")
    assert (livrable.statut == StatutLivrable.VALIDE) is valide


@pytest.mark.parametrize("role", ROLES)
def test_only_the_titulaire_proposes_the_programme(client, monde, role):
    atelier = monde["atelier"]
    personne = monde["personnes"][role]
    if personne:
        client.force_login(personne)
    client.post(reverse("ateliers:programme", args=[atelier.pk]), {"lieu": "Mairie"})
    assert (ProgrammeSurSite.objects.get(atelier=atelier).lieu == "Mairie") is (role == "titulaire")


def test_version_of_another_livrable_is_not_served_through_this_one(client, monde, atelier):
    """Pairing a livrable the user sees with a version of another atelier answers 404."""
    autre = AtelierFactory()
    agent_autre = UserFactory(organisation=autre.service_pilote)
    cache = Livrable.objects.create(
        atelier=autre, type="charte", echeance=autre.cree_le.date(), cree_par=agent_autre
    )
    secrete = Version.objects.create(
        livrable=cache,
        numero=1,
        fichier=ContentFile(b"%PDF-1.4 secret", name="secret.pdf"),
        nom_fichier="secret.pdf",
        type_mime="application/pdf",
        taille=15,
        deposee_par=agent_autre,
    )
    client.force_login(monde["personnes"]["titulaire"])
    url = reverse("livrables:version", args=[monde["livrable"].pk, secrete.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", ROLES[1:])
def test_livrables_list_shows_only_what_each_role_may_see(client, monde, role):
    client.force_login(monde["personnes"][role])
    vus = {lv.pk for lv in client.get(reverse("livrables:liste")).context["livrables"]}
    attendu = (
        {monde["livrable"].pk}
        if role in ("service_pilote", "instructeur", "administrateur", "titulaire")
        else set()
    )
    assert vus == attendu


def test_download_is_an_attachment_with_the_original_name(client, monde):
    client.force_login(monde["personnes"]["service_pilote"])
    reponse = client.get(_url(monde, "livrables:version", None))
    assert reponse["Content-Disposition"].startswith("attachment")
    assert "feuille.pdf" in reponse["Content-Disposition"]
    assert b"".join(reponse.streaming_content).startswith(b"%PDF")
    reponse.close()


def test_refused_action_shows_the_reason(client, monde):
    client.force_login(monde["personnes"]["titulaire"])
    reponse = client.get(
        reverse("livrables:action", args=[monde["livrable"].pk, "valider"]), follow=True
    )
    assert "Le service pilote et la DGALN valident les livrables." in texte_lu(reponse)
