"""A signed-in page reads its session, its person and the notifications badge from the cache,
and every change to them shows at the next page."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comptes.backends import MotDePasseBackend
from notifications.services import notifier
from notifications.sujets import Sujet
from tests.factories import MOT_DE_PASSE, UserFactory
from tests.outils import texte

pytestmark = pytest.mark.django_db

TABLES = ('"django_session"', '"comptes_user"', '"notifications_notification"')


def lectures(client, url):
    """The queries of a page that read the session, a person or the notifications."""
    with CaptureQueriesContext(connection) as capture:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in capture if any(t in q["sql"] for t in TABLES)]


def badge(client):
    page = client.get(reverse("notifications:preferences")).content.decode()
    return page.split('href="/notifications/"', 1)[1].split("</a>", 1)[0]


def test_a_second_page_reads_neither_session_person_nor_badge_from_the_base(client):
    client.post(reverse("login"), {"username": UserFactory().email, "password": MOT_DE_PASSE})
    url = reverse("notifications:preferences")
    assert lectures(client, url)  # the first page after logging in fills the cache
    assert lectures(client, url) == []


def test_a_deactivated_account_is_signed_out_at_its_next_page(client):
    personne = UserFactory()
    client.force_login(personne)
    url = reverse("notifications:preferences")
    assert client.get(url).status_code == 200
    personne.is_active = False
    personne.save()
    assert client.get(url).status_code == 302


def test_a_changed_role_and_a_new_password_show_at_the_next_page(client):
    personne = UserFactory(prestataire=True)
    client.force_login(personne)
    assert "Pilotage" not in texte(client.get(reverse("notifications:preferences")))
    personne.role = "instructeur"
    personne.save()
    assert "Pilotage" in texte(client.get(reverse("notifications:preferences")))
    personne.set_password("Un-tout-autre-mot-de-passe-2026")
    personne.save()
    # Django's rule: a session opened before a password change ends.
    assert client.get(reverse("notifications:preferences")).status_code == 302


def test_the_badge_counts_new_notifications_and_forgets_them_once_read(client):
    personne = UserFactory()
    client.force_login(personne)
    assert "non lue" not in badge(client)
    notifier([personne], "Un dossier vous attend", evenement=Sujet.DEPOT)
    notifier([personne], "Un autre", evenement=Sujet.DEPOT)
    assert "2<span" in badge(client) and "non lues" in badge(client)
    notification = personne.notifications.first()
    client.post(reverse("notifications:ouvrir", args=[notification.pk]))
    assert "1<span" in badge(client)
    client.post(reverse("notifications:tout_marquer_lu"))
    assert "non lue" not in badge(client)


def test_the_admins_permissions_are_kept_with_the_account_and_follow_its_groups(client):
    personne = UserFactory(administrateur=True)
    client.force_login(personne)
    url = reverse("admin:index")
    client.get(url)
    with CaptureQueriesContext(connection) as capture:
        client.get(url)
    assert not any("auth_permission" in q["sql"] for q in capture)

    agent = UserFactory()
    backend = MotDePasseBackend()
    assert not backend.get_user(agent.pk).has_perm("auth.view_group")
    groupe = Group.objects.create(name="Lecture des groupes")
    agent.groups.add(groupe)
    groupe.permissions.add(Permission.objects.get(codename="view_group"))  # the group's side
    assert backend.get_user(agent.pk).has_perm("auth.view_group")
    groupe.permissions.clear()
    assert not backend.get_user(agent.pk).has_perm("auth.view_group")
