"""Public pages, the DSFR layout and the role home pages with the demo data."""

import pytest
from django.urls import reverse

from comptes.models import User
from demo.donnees import MOT_DE_PASSE_DEMO

pytestmark = pytest.mark.django_db


def test_public_home_presents_the_programme_in_dsfr(client):
    page = client.get(reverse("accueil_public")).content.decode()

    assert '<html lang="fr"' in page
    assert 'class="fr-header"' in page and 'class="fr-footer"' in page
    assert "Ministère" in page  # the Marianne block
    assert 'href="#contenu"' in page  # skip links
    assert "Les Ateliers Flash" in page
    assert "esquisse de plan-guide" in page
    assert "dsfr.min.css" in page and "cdn" not in page.lower()
    assert "Se connecter" in page


@pytest.mark.parametrize("slug", ["accessibilite", "mentions-legales", "donnees-personnelles"])
def test_footer_pages_exist(client, slug):
    reponse = client.get(reverse("page", args=[slug]))
    assert reponse.status_code == 200
    assert reverse("page", args=[slug]) in client.get("/").content.decode()


def test_unknown_page_gets_the_french_404(client):
    reponse = client.get("/informations/nulle-part/")
    assert reponse.status_code == 404
    assert "Page introuvable" in reponse.content.decode()


ATTENDUS = {
    "agent.ddtm80@demo.gouv.fr": ("Tableau de bord — DDTM 80 — Somme", "Reconquête du site Sueur"),
    "agent.ddtm35@demo.gouv.fr": ("Tableau de bord — DDTM 35", "Friche ferroviaire de Redon"),
    "instructeur@demo.gouv.fr": ("Tableau de bord — DGALN", "Ordre du tourniquet"),
    "admin@demo.gouv.fr": ("Tableau de bord — DGALN", "Accords-cadres"),
    "prestataire@ville-ouverte.demo": ("Tableau de bord — Ville Ouverte", "Coopaname"),
    "prestataire@atelier-ourcq.demo": ("Tableau de bord — Atelier de l&#x27;Ourcq", "ZEFCO"),
}


@pytest.mark.parametrize(("email", "attendus"), ATTENDUS.items())
def test_each_demo_account_logs_in_and_lands_on_its_role_home(client, demo, email, attendus):
    reponse = client.post(
        reverse("login"), {"username": email, "password": MOT_DE_PASSE_DEMO}, follow=True
    )

    page = reponse.content.decode()
    assert reponse.redirect_chain[-1][0] == reverse("tableau_de_bord")
    for texte in attendus:
        assert texte in page


def test_dashboards_show_only_what_the_role_may_see(client, demo):
    client.force_login(User.objects.get(email="agent.ddtm35@demo.gouv.fr"))
    page_35 = client.get(reverse("tableau_de_bord")).content.decode()
    client.force_login(User.objects.get(email="prestataire@atelier-ourcq.demo"))
    page_ourcq = client.get(reverse("tableau_de_bord")).content.decode()
    client.force_login(User.objects.get(email="prestataire@ville-ouverte.demo"))
    page_vo = client.get(reverse("tableau_de_bord")).content.decode()

    assert "Reconquête du site Sueur" not in page_35
    assert "Reconquête du site Sueur" not in page_ourcq  # attributed to Ville Ouverte
    assert "Reconquête du site Sueur" in page_vo


def test_only_administrators_see_the_admin_in_navigation(client, demo):
    client.force_login(User.objects.get(email="instructeur@demo.gouv.fr"))
    assert reverse("admin:index") not in client.get(reverse("tableau_de_bord")).content.decode()
    assert client.get(reverse("admin:index")).status_code == 302

    client.force_login(User.objects.get(email="admin@demo.gouv.fr"))
    assert reverse("admin:index") in client.get(reverse("tableau_de_bord")).content.decode()
    assert client.get(reverse("admin:marches_accordcadre_changelist")).status_code == 200


def test_the_demo_s_history_does_not_flood_the_people_it_shows(demo):
    """The story happened before the visitor logs in: at most the last three notifications of
    each demo account are unread (the agent had 21)."""
    for personne in User.objects.all():
        assert personne.notifications.non_lues().count() <= 3
    agent = User.objects.get(email="agent.ddtm80@demo.gouv.fr")
    assert agent.notifications.non_lues().count() == 3
    assert agent.notifications.count() > 3  # the history is still there, read


def test_dgaln_dashboard_shows_the_accord_cadre_in_french(client, demo):
    client.force_login(User.objects.get(email="instructeur@demo.gouv.fr"))
    page = client.get(reverse("tableau_de_bord")).content.decode()

    assert "du 1er septembre 2025 au 31 août 2029" in page
    assert "3\u202f000\u202f000,00\u00a0€ HT" in page
