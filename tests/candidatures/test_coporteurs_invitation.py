"""The service invites the collectivité on a file: the e-mail and its single-use link, the
account it makes in the collectivité's organisation, what that person then sees, and who may
not invite."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from candidatures.models import CoPorteur, StatutCandidature
from comptes.models import Invitation, Organisation, Role, User
from journal.models import Evenement
from tests.factories import CandidatureFactory, CommuneFactory, UserFactory, coporteur
from tests.outils import texte_lu

pytestmark = pytest.mark.django_db

MOT_DE_PASSE = "Amenagement-Durable-2026"


@pytest.fixture
def commune(db):
    return CommuneFactory(code="80620", nom="Péronne")


@pytest.fixture
def agent(db):
    return UserFactory(first_name="Paul", last_name="Agent")


def dossier(agent, commune, titre="Centre de Péronne", statut=StatutCandidature.BROUILLON):
    cand = CandidatureFactory(
        service=agent.organisation, cree_par=agent, statut=statut, titre=titre
    )
    cand.communes.add(commune)
    return cand


def inviter(client, agent, cand, capture, **champs):
    client.force_login(agent)
    donnees = {"collectivite": "80620", "email": "lea@peronne.example", "prenom": "Léa"}
    donnees |= {"nom": "Martin", **champs}
    with capture(execute=True):
        return client.post(reverse("candidatures:inviter_coporteur", args=[cand.pk]), donnees)


def chemin_du_lien(message):
    lien = re.search(r"http://[^\s]+/comptes/invitation/[^\s/]+/", message.body).group(0)
    return urlsplit(lien).path


def test_the_invited_person_creates_a_collectivite_account_and_sees_the_file_only(
    client, agent, commune, django_capture_on_commit_callbacks
):
    cand = dossier(agent, commune)
    autre = dossier(agent, CommuneFactory(code="80001", nom="Abbeville"), titre="Abbeville")
    reponse = inviter(client, agent, cand, django_capture_on_commit_callbacks)
    assert reponse.status_code == 302
    page = texte_lu(client.get(reponse.url))
    assert "Invitation envoyée à lea@peronne.example" in page
    assert "Commune de Péronne (80620)" in page and "invitation en attente" in page.lower()
    assert Evenement.objects.pour(cand).filter(action="coporteur").count() == 1

    (message,) = mail.outbox
    assert message.to == ["lea@peronne.example"]
    assert "« Centre de Péronne »" in message.body and cand.reference in message.body
    assert "Paul Agent" in message.body
    lien = chemin_du_lien(message)

    client.logout()
    reponse = client.post(lien, {"password1": MOT_DE_PASSE, "password2": MOT_DE_PASSE})
    assert reponse.status_code == 302
    compte = User.objects.get(email="lea@peronne.example")
    assert compte.role == Role.COLLECTIVITE
    assert compte.organisation.nom == "Commune de Péronne (80620)"
    assert compte.organisation.type == Organisation.Type.COLLECTIVITE
    # The link serves once.
    client.logout()
    assert "Cette invitation a déjà été utilisée" in texte_lu(client.get(lien))

    client.force_login(compte)
    assert client.get(reverse("candidatures:detail", args=[cand.pk])).status_code == 200
    assert client.get(reverse("candidatures:detail", args=[autre.pk])).status_code == 404
    liste = texte_lu(client.get(reverse("candidatures:liste")))
    assert "Centre de Péronne" in liste and "Abbeville" not in liste


def test_a_second_file_of_the_same_commune_reuses_its_organisation(
    client, agent, commune, django_capture_on_commit_callbacks
):
    premier = dossier(agent, commune)
    second = dossier(agent, commune, titre="Faubourg de Péronne")
    inviter(client, agent, premier, django_capture_on_commit_callbacks)
    compte = UserFactory(
        collectivite=True,
        organisation=CoPorteur.objects.get(candidature=premier).organisation,
        email="maire@peronne.example",
    )
    reponse = inviter(
        client, agent, second, django_capture_on_commit_callbacks, email="maire@peronne.example"
    )
    assert reponse.status_code == 302
    assert Organisation.objects.filter(type=Organisation.Type.COLLECTIVITE).count() == 1
    assert set(CoPorteur.objects.values_list("organisation", flat=True)) == {compte.organisation_id}
    # The person already has an account there: told of the new file, no second invitation.
    assert "a déjà un compte" in texte_lu(client.get(reponse.url))
    assert compte.notifications.filter(titre__contains="Faubourg de Péronne").exists()
    client.force_login(compte)
    assert client.get(reverse("candidatures:detail", args=[second.pk])).status_code == 200


def test_a_collectivite_outside_the_file_territory_is_refused(
    client, agent, commune, django_capture_on_commit_callbacks
):
    cand = dossier(agent, commune)
    CommuneFactory(code="80001", nom="Abbeville")
    reponse = inviter(client, agent, cand, django_capture_on_commit_callbacks, collectivite="80001")
    assert reponse.status_code == 200
    assert "Sélectionnez un choix valide" in texte_lu(reponse)
    # And the service refuses it too, whatever the form lets through.
    from candidatures import coporteurs
    from journal.transitions import TransitionRefusee

    with pytest.raises(TransitionRefusee, match="territoire du dossier"):
        coporteurs.inviter(agent, cand, code="80001", email="x@y.example", prenom="A", nom="B")
    assert not CoPorteur.objects.exists() and not mail.outbox
    assert not Organisation.objects.filter(type=Organisation.Type.COLLECTIVITE).exists()


def test_another_service_gets_404_and_a_collectivite_member_cannot_invite(
    client, agent, commune, django_capture_on_commit_callbacks
):
    cand = dossier(agent, commune)
    url = reverse("candidatures:inviter_coporteur", args=[cand.pk])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.post(url, {"collectivite": "80620"}).status_code == 404

    membre = coporteur(cand)
    reponse = inviter(client, membre, cand, django_capture_on_commit_callbacks)
    assert reponse.status_code == 302
    page = texte_lu(client.get(reponse.url))
    assert "Seuls les agents du service qui porte le dossier invitent la collectivité." in page
    assert "Inviter une personne de la collectivité" not in page
    assert CoPorteur.objects.count() == 1 and not mail.outbox


def test_a_closed_file_takes_no_new_coporteur(
    client, agent, commune, django_capture_on_commit_callbacks
):
    cand = dossier(agent, commune, statut=StatutCandidature.SANS_SUITE)
    reponse = inviter(client, agent, cand, django_capture_on_commit_callbacks)
    assert "il n'accueille plus de co-porteur" in texte_lu(client.get(reponse.url))
    assert not CoPorteur.objects.exists() and not mail.outbox


def test_a_person_invited_on_a_first_file_is_added_to_a_second_without_a_second_invitation(
    client, agent, commune, django_capture_on_commit_callbacks
):
    """Invited on one file and not yet accepted, the person is invited on another file of the
    same commune: the second file gets the co-porteur, the invitation stays the one sent."""
    premier = dossier(agent, commune)
    second = dossier(agent, commune, titre="Gare de Péronne")
    inviter(client, agent, premier, django_capture_on_commit_callbacks)
    reponse = inviter(client, agent, second, django_capture_on_commit_callbacks)
    assert reponse.status_code == 302
    page = texte_lu(client.get(reponse.url))
    assert "lea@peronne.example a déjà une invitation en attente" in page
    assert Invitation.objects.filter(email="lea@peronne.example").count() == 1
    assert len(mail.outbox) == 1
    assert CoPorteur.objects.filter(candidature=second).count() == 1
