"""The admin's side menu is worked out once per person and follows their permissions."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
THEMATIQUES = "admin:referentiels_thematique_changelist"
REGIONS = "admin:referentiels_region_changelist"


def connecter_sans_permission(client):
    """An administrateur signed in, then without the permissions of the role (its group:
    logging in saves the account, which puts it back in its role's group)."""
    personne = UserFactory(administrateur=True)
    client.force_login(personne)
    personne.groups.clear()
    return personne


def permettre(personne, codename):
    personne.user_permissions.add(Permission.objects.get(codename=codename))


def menu(client):
    return client.get(reverse("admin:index")).content.decode()


def test_the_menu_shows_what_the_person_may_open_and_follows_a_new_permission(client):
    personne = connecter_sans_permission(client)
    permettre(personne, "view_thematique")
    page = menu(client)
    assert reverse(THEMATIQUES) in page
    assert reverse(REGIONS) not in page
    assert reverse(REGIONS) not in menu(client)  # the same menu, from the process's memory
    permettre(personne, "view_region")
    page = menu(client)
    assert reverse(REGIONS) in page
    assert reverse(THEMATIQUES) in page


def test_two_people_get_each_their_own_menu(client):
    permettre(connecter_sans_permission(client), "view_region")
    assert reverse(THEMATIQUES) not in menu(client)
    permettre(connecter_sans_permission(client), "view_thematique")
    page = menu(client)
    assert reverse(THEMATIQUES) in page
    assert reverse(REGIONS) not in page
