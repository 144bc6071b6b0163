"""Roles: each user is in exactly their role's group, with an organisation of the right kind."""

import pytest
from django.core.exceptions import ValidationError

from comptes.models import Role
from tests.factories import DgalnFactory, ServiceFactory, SocieteFactory, UserFactory


@pytest.mark.django_db
def test_user_is_in_the_group_of_their_role_only():
    user = UserFactory()
    assert [g.name for g in user.groups.all()] == ["Agent de service déconcentré"]

    user.role, user.organisation = Role.INSTRUCTEUR, DgalnFactory()
    user.save()

    assert [g.name for g in user.groups.all()] == ["Instructeur DGALN"]


@pytest.mark.django_db
def test_only_administrators_reach_the_django_admin():
    assert UserFactory(administrateur=True).is_staff
    assert not UserFactory(instructeur=True).is_staff
    assert not UserFactory().is_staff


@pytest.mark.django_db
def test_administrator_group_can_manage_the_programme_in_the_admin():
    admin = UserFactory(administrateur=True)
    instructeur = UserFactory(instructeur=True)

    assert admin.has_perm("marches.add_accordcadre")
    assert admin.has_perm("comptes.change_organisation")
    assert instructeur.has_perm("marches.view_accordcadre")
    assert not instructeur.has_perm("marches.change_accordcadre")
    assert not UserFactory().has_perm("marches.view_accordcadre")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "organisation_factory"),
    [
        (Role.AGENT, SocieteFactory),
        (Role.PRESTATAIRE, ServiceFactory),
        (Role.INSTRUCTEUR, ServiceFactory),
    ],
)
def test_role_needs_an_organisation_of_the_matching_kind(role, organisation_factory):
    user = UserFactory.build(role=role, organisation=organisation_factory())

    with pytest.raises(ValidationError) as erreur:
        user.full_clean()
    assert "doit être rattaché à une organisation de type" in str(erreur.value)


@pytest.mark.django_db
def test_email_is_the_login_and_is_unique_whatever_the_case():
    UserFactory(email="Camille.Lefevre@Somme.gouv.fr".lower())
    doublon = UserFactory.build(
        email="CAMILLE.LEFEVRE@somme.gouv.fr", organisation=ServiceFactory()
    )

    with pytest.raises(ValidationError, match="existe déjà"):
        doublon.full_clean()
