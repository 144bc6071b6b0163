"""Who may see or act on ateliers, bons de commande and accords-cadres: each role against
each object it must not see (404: guessing an id reveals nothing), or act on (refused with
the reason)."""

import pytest
from django.urls import reverse

from commandes.models import BonDeCommande, StatutBon
from tests.factories import AtelierFactory
from tests.outils import texte
from tests.roles import ROLES, personnes

pytestmark = pytest.mark.django_db


@pytest.fixture
def monde(atelier, agent, titulaire_user, fabrique_bon):
    return {
        "atelier": atelier,
        "emis": fabrique_bon(StatutBon.EMIS),
        "brouillon": fabrique_bon(),
        "personnes": personnes(agent, titulaire_user),
    }


def statut(client, monde, role, url):
    personne = monde["personnes"][role]
    if personne:
        client.force_login(personne)
    return client.get(url).status_code


# Expected answer per page and role: 200 seen, 302 to the login page, 403, 404 not found.
# In the order of ROLES: the collectivité sees its atelier, never its bons.
MATRICE = {
    "atelier": ("ateliers:detail", "atelier", [302, 200, 404, 200, 200, 200, 404, 200, 404]),
    "bon émis": ("commandes:detail", "emis", [302, 200, 404, 200, 200, 200, 404, 404, 404]),
    # A draft is the service's business until it is emitted.
    "bon brouillon": (
        "commandes:detail",
        "brouillon",
        [302, 200, 404, 200, 200, 404, 404, 404, 404],
    ),
    "accords-cadres": (
        "commandes:accords_cadres",
        None,
        [302, 403, 403, 200, 200, 403, 403, 403, 403],
    ),
}


@pytest.mark.parametrize("page", MATRICE)
@pytest.mark.parametrize("role", ROLES)
def test_reading_matrix(client, monde, page, role):
    nom, objet, attendus = MATRICE[page]
    url = reverse(nom, args=[monde[objet].pk] if objet else [])
    assert statut(client, monde, role, url) == attendus[ROLES.index(role)]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_pilot_service_acts_on_a_bon(client, monde, role):
    bon = monde["brouillon"]
    personne = monde["personnes"][role]
    if personne:
        client.force_login(personne)
    reponse = client.post(reverse("commandes:action", args=[bon.pk, "emettre"]), {"date": ""})
    bon.refresh_from_db()
    if role == "service_pilote":
        assert bon.statut == StatutBon.EMIS
        return
    assert bon.statut == StatutBon.BROUILLON
    if role == "anonyme":
        assert reponse.status_code == 302 and "/comptes/connexion" in reponse["Location"]
    elif role in ("instructeur", "administrateur"):
        assert reponse.status_code == 302  # back to the bon, with the reason
        suite = client.get(reponse["Location"])
        assert "Seul le service pilote de l'atelier émet ses bons de commande." in texte(suite)
    else:
        assert reponse.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_only_the_pilot_service_prepares_a_bon(client, monde, role):
    avant = BonDeCommande.objects.count()
    personne = monde["personnes"][role]
    if personne:
        client.force_login(personne)
    client.post(
        reverse("commandes:creer", args=[monde["atelier"].pk]),
        {"objet": "X", "montant_ht": "1", "taux_tva": "20"},
    )
    # The atelier has two bons already: even its service is refused a third.
    assert BonDeCommande.objects.count() == avant


@pytest.mark.parametrize("role", ROLES[1:])
def test_lists_show_only_what_each_role_may_see(client, monde, role):
    client.force_login(monde["personnes"][role])
    bons = {b.numero for b in client.get(reverse("commandes:liste")).context["bons"]}
    ateliers = {a.pk for a in client.get(reverse("ateliers:liste")).context["page"].object_list}
    attendus_bons = {
        "service_pilote": {monde["emis"].numero, monde["brouillon"].numero},
        "instructeur": {monde["emis"].numero, monde["brouillon"].numero},
        "administrateur": {monde["emis"].numero, monde["brouillon"].numero},
        "titulaire": {monde["emis"].numero},
    }.get(role, set())
    assert bons == attendus_bons
    if role in ("service_pilote", "titulaire", "collectivite"):
        assert ateliers == {monde["atelier"].pk}
    elif role in ("autre_service", "autre_titulaire", "autre_collectivite"):
        assert monde["atelier"].pk not in ateliers
    else:
        assert monde["atelier"].pk in ateliers


@pytest.mark.parametrize(
    ("url", "role"),
    [
        ("commandes:liste", "instructeur"),
        ("commandes:liste", "titulaire"),
        ("ateliers:liste", "instructeur"),
        ("ateliers:liste", "service_pilote"),
        ("commandes:accords_cadres", "instructeur"),
    ],
)
def test_lists_run_the_same_number_of_queries_for_few_or_many_rows(
    client, monde, url, role, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from commandes import transitions
    from tests.factories import AccordCadreFactory

    client.force_login(monde["personnes"][role])
    with CaptureQueriesContext(connection) as peu:
        assert client.get(reverse(url)).status_code == 200
    atelier = monde["atelier"]
    agent = monde["personnes"]["service_pilote"]
    for _ in range(12):
        autre = AtelierFactory(titulaire=atelier.titulaire, service_pilote=atelier.service_pilote)
        bon = transitions.creer(
            agent,
            autre,
            objet="X",
            montant_ht="100",
            engagement_juridique="2100000001",
            code_service="S",
        )
        transitions.emettre(agent, bon)
        AccordCadreFactory()
    with django_assert_max_num_queries(len(peu)):
        client.get(reverse(url))


def test_from_the_list_an_agent_chooses_among_the_ateliers_that_may_take_a_bon(
    client, agent, titulaire_user, atelier, fabrique_bon
):
    from tests.outils import texte_lu

    albert = AtelierFactory(service_pilote=atelier.service_pilote, candidature__titre="Albert")
    ailleurs = AtelierFactory(candidature__titre="Abbeville")  # another service's
    fabrique_bon(), fabrique_bon()  # Péronne has its two bons
    client.force_login(agent)
    liste = client.get(reverse("commandes:liste")).content.decode()
    assert 'href="/commandes/nouveau/">Préparer un bon de commande</a>' in liste
    reponse = client.get(reverse("commandes:creer"))
    html = reponse.content.decode()
    assert f'<a href="/commandes/atelier/{albert.pk}/nouveau/">Albert</a>' in html
    assert f"/commandes/atelier/{atelier.pk}/nouveau/" not in html
    assert f"/commandes/atelier/{ailleurs.pk}/nouveau/" not in html
    assert f"Albert — atelier {albert.reference}, titulaire {albert.titulaire.nom}" in (
        texte_lu(reponse)
    )

    # The titulaire prepares no bon: neither the button nor the page.
    client.force_login(titulaire_user)
    assert "Préparer un bon de commande" not in texte(client.get(reverse("commandes:liste")))
    reponse = client.get(reverse("commandes:creer"), follow=True)
    assert reponse.redirect_chain[-1][0] == reverse("commandes:liste")
    assert "Seul le service pilote de l'atelier prépare ses bons de commande." in texte(reponse)
