"""Invitations: send, accept (choose a password, land on the role's home page), expire, reuse,
resend, cancel; and who may invite whom."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from comptes import services
from comptes.models import Invitation, Role, User
from tests.factories import DgalnFactory, ServiceFactory, SocieteFactory, UserFactory
from tests.outils import texte_lu

pytestmark = pytest.mark.django_db

MOT_DE_PASSE = "Amenagement-Durable-2026"


@pytest.fixture
def administrateur(db):
    return UserFactory(administrateur=True, first_name="Ada", last_name="Admin")


@pytest.fixture
def agent(db):
    return UserFactory(first_name="Paul", last_name="Agent", email="paul@ddt80.example")


def lien_du_mail(message):
    return re.search(r"http://[^\s]+/comptes/invitation/[^\s/]+/", message.body).group(0)


def chemin(lien):
    return urlsplit(lien).path


def inviter_par_la_page(client, acteur, capture, **champs):
    client.force_login(acteur)
    donnees = {"email": "lea@dgaln.example", "prenom": "Léa", "nom": "Martin", **champs}
    with capture(execute=True):
        return client.post(reverse("comptes:inviter"), donnees)


def test_an_administrateur_invites_and_the_person_lands_on_the_dgaln_home_page(
    client, administrateur, django_capture_on_commit_callbacks
):
    dgaln = DgalnFactory()
    reponse = inviter_par_la_page(
        client,
        administrateur,
        django_capture_on_commit_callbacks,
        role=Role.INSTRUCTEUR,
        organisation=dgaln.pk,
    )
    assert reponse.status_code == 302
    page = texte_lu(client.get(reverse("comptes:invitations")))
    assert "Léa Martin lea@dgaln.example" in page and "Instructeur DGALN" in page

    (message,) = mail.outbox
    assert message.to == ["lea@dgaln.example"]
    assert "Ada Admin" in message.body and "« Instructeur DGALN »" in message.body
    lien = lien_du_mail(message)
    # Only the token's fingerprint is stored.
    jeton = lien.rstrip("/").rsplit("/", 1)[1]
    assert not Invitation.objects.filter(empreinte_jeton=jeton).exists()

    client.logout()
    page = texte_lu(client.get(chemin(lien)))
    assert "Bonjour Léa Martin, Ada Admin vous invite" in page
    reponse = client.post(chemin(lien), {"password1": MOT_DE_PASSE, "password2": MOT_DE_PASSE})
    assert reponse.status_code == 302 and reponse.url == reverse("tableau_de_bord")
    accueil = texte_lu(client.get(reponse.url))
    assert "Bienvenue Léa : votre compte est prêt." in accueil
    compte = User.objects.get(email="lea@dgaln.example")
    assert (compte.role, compte.organisation, compte.get_full_name()) == (
        Role.INSTRUCTEUR,
        dgaln,
        "Léa Martin",
    )
    assert compte.check_password(MOT_DE_PASSE)
    assert Invitation.objects.get().compte == compte

    # The link works once.
    client.logout()
    reponse = client.get(chemin(lien))
    assert reponse.status_code == 410
    assert "Cette invitation a déjà été utilisée" in texte_lu(reponse)
    reponse = client.post(chemin(lien), {"password1": "x", "password2": "x"})
    assert reponse.status_code == 410 and User.objects.filter(email=compte.email).count() == 1


def test_an_expired_link_says_so_and_the_inviter_sends_it_again(
    client, agent, django_capture_on_commit_callbacks
):
    inviter_par_la_page(client, agent, django_capture_on_commit_callbacks)
    ancien = chemin(lien_du_mail(mail.outbox[0]))
    Invitation.objects.update(expire_le=timezone.now() - datetime.timedelta(minutes=1))

    client.logout()
    reponse = client.get(ancien)
    assert reponse.status_code == 410
    page = texte_lu(reponse)
    assert "Cette invitation a expiré le" in page
    assert "Demandez à Paul Agent de vous l'envoyer à nouveau." in page
    reponse = client.post(ancien, {"password1": MOT_DE_PASSE, "password2": MOT_DE_PASSE})
    assert not User.objects.filter(email="lea@dgaln.example").exists()

    client.force_login(agent)
    assert "Expirée le" in texte_lu(client.get(reverse("comptes:invitations")))
    invitation = Invitation.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(reverse("comptes:renvoyer", args=[invitation.pk]), follow=True)
    assert "Invitation envoyée à nouveau à lea@dgaln.example" in texte_lu(reponse)
    assert len(mail.outbox) == 2
    nouveau = chemin(lien_du_mail(mail.outbox[1]))
    assert nouveau != ancien
    invitation.refresh_from_db()
    assert invitation.envois == 2 and invitation.expire_le > timezone.now()

    client.logout()
    # The old link was replaced; the new one works.
    assert client.get(ancien).status_code == 404
    assert "n'est pas valide" in texte_lu(client.get(ancien))
    client.post(nouveau, {"password1": MOT_DE_PASSE, "password2": MOT_DE_PASSE})
    compte = User.objects.get(email="lea@dgaln.example")
    assert compte.organisation == agent.organisation and compte.role == Role.AGENT


def test_the_link_is_valid_for_the_configured_time(agent, settings):
    settings.INVITATION_DUREE_VALIDITE = 48
    invitation, _ = services.inviter(
        agent,
        email="a@b.example",
        prenom="A",
        nom="B",
        role=Role.AGENT,
        organisation=agent.organisation,
    )
    duree = invitation.expire_le - invitation.envoyee_le
    assert duree == datetime.timedelta(hours=48)


def test_an_agent_invites_into_their_own_service_whatever_the_form_says(
    client, agent, django_capture_on_commit_callbacks
):
    client.force_login(agent)
    page = texte_lu(client.get(reverse("comptes:inviter")))
    assert f"Vous invitez un collègue de « {agent.organisation} »" in page
    assert "Rôle" not in page
    autre = ServiceFactory()
    inviter_par_la_page(
        client,
        agent,
        django_capture_on_commit_callbacks,
        role=Role.ADMINISTRATEUR,  # forged fields are ignored
        organisation=autre.pk,
    )
    invitation = Invitation.objects.get()
    assert (invitation.role, invitation.organisation) == (Role.AGENT, agent.organisation)


@pytest.mark.parametrize(
    ("qui", "role", "ou", "raison"),
    [
        ("agent", Role.AGENT, "autre_service", "Vous ne pouvez inviter que des collègues de"),
        ("agent", Role.INSTRUCTEUR, "dgaln", "Seul un administrateur DGALN peut attribuer"),
        ("agent", Role.ADMINISTRATEUR, "son_service", "Seul un administrateur DGALN peut"),
        ("agent", Role.PRESTATAIRE, "societe", "Vous ne pouvez inviter que des « Agent"),
        ("prestataire", Role.PRESTATAIRE, "societe", "Vous ne pouvez inviter que des collègues"),
        ("prestataire", Role.AGENT, "son_service", "Vous ne pouvez inviter que des « Prestataire"),
        ("instructeur", Role.INSTRUCTEUR, "dgaln", "Seul un administrateur DGALN invite"),
        ("administrateur", Role.AGENT, "dgaln", "doit être rattaché à une organisation de type"),
        ("administrateur", Role.INSTRUCTEUR, "societe", "doit être rattaché"),
    ],
)
def test_who_may_not_invite_whom(qui, role, ou, raison):
    personnes = {
        "agent": UserFactory(),
        "prestataire": UserFactory(prestataire=True),
        "instructeur": UserFactory(instructeur=True),
        "administrateur": UserFactory(administrateur=True),
    }
    acteur = personnes[qui]
    organisations = {
        "autre_service": ServiceFactory(),
        "dgaln": DgalnFactory(),
        "son_service": personnes["agent"].organisation,
        "societe": SocieteFactory(),
    }
    with pytest.raises(services.Refus, match=re.escape(raison)):
        services.inviter(
            acteur,
            email="x@y.example",
            prenom="X",
            nom="Y",
            role=role,
            organisation=organisations[ou],
        )
    assert not Invitation.objects.exists()


def test_a_prestataire_invites_a_colleague_of_their_company(db):
    prestataire = UserFactory(prestataire=True)
    invitation, _ = services.inviter(
        prestataire,
        email="chef@societe.example",
        prenom="C",
        nom="D",
        role=Role.PRESTATAIRE,
        organisation=prestataire.organisation,
    )
    assert invitation.organisation == prestataire.organisation


@pytest.mark.parametrize("role", ["instructeur", "anonyme"])
def test_an_instructeur_or_anonymous_cannot_open_the_invitation_pages(client, role):
    if role == "instructeur":
        client.force_login(UserFactory(instructeur=True))
    for url in (reverse("comptes:invitations"), reverse("comptes:inviter")):
        reponse = client.get(url)
        if role == "instructeur":
            assert reponse.status_code == 403
        else:
            assert reponse.status_code == 302 and reponse.url.startswith(reverse("login"))


def test_an_agent_sees_and_manages_only_their_service_invitations(client, agent):
    services.inviter(
        agent,
        email="c@ddt.example",
        prenom="C",
        nom="C",
        role=Role.AGENT,
        organisation=agent.organisation,
    )
    ailleurs = UserFactory()
    autre, _ = services.inviter(
        ailleurs,
        email="o@ddt.example",
        prenom="O",
        nom="O",
        role=Role.AGENT,
        organisation=ailleurs.organisation,
    )
    client.force_login(agent)
    page = texte_lu(client.get(reverse("comptes:invitations")))
    assert "c@ddt.example" in page and "o@ddt.example" not in page
    for action in ("comptes:renvoyer", "comptes:annuler"):
        assert client.post(reverse(action, args=[autre.pk])).status_code == 404
    autre.refresh_from_db()
    assert autre.envois == 1 and autre.annulee_le is None
    # An administrateur sees both.
    client.force_login(UserFactory(administrateur=True))
    page = texte_lu(client.get(reverse("comptes:invitations")))
    assert "c@ddt.example" in page and "o@ddt.example" in page


def test_a_cancelled_invitation_cannot_be_used(client, agent, django_capture_on_commit_callbacks):
    inviter_par_la_page(client, agent, django_capture_on_commit_callbacks)
    lien = chemin(lien_du_mail(mail.outbox[0]))
    invitation = Invitation.objects.get()
    reponse = client.post(reverse("comptes:annuler", args=[invitation.pk]), follow=True)
    assert "Invitation de lea@dgaln.example annulée." in texte_lu(reponse)
    assert "Aucune invitation en attente." in texte_lu(reponse)
    client.logout()
    assert "Cette invitation a été annulée." in texte_lu(client.get(lien))
    # The address may be invited again.
    services.inviter(
        agent,
        email="lea@dgaln.example",
        prenom="L",
        nom="M",
        role=Role.AGENT,
        organisation=agent.organisation,
    )


def test_an_address_with_an_account_or_a_pending_invitation_is_refused(
    client, agent, django_capture_on_commit_callbacks
):
    UserFactory(email="deja@ddt.example", is_active=False)
    reponse = inviter_par_la_page(
        client, agent, django_capture_on_commit_callbacks, email="Deja@DDT.example"
    )
    assert "Un compte existe déjà pour deja@ddt.example" in texte_lu(reponse)
    inviter_par_la_page(client, agent, django_capture_on_commit_callbacks)
    reponse = inviter_par_la_page(client, agent, django_capture_on_commit_callbacks)
    assert "Une invitation est déjà en cours pour lea@dgaln.example" in texte_lu(reponse)
    assert Invitation.objects.count() == 1 and len(mail.outbox) == 1


def test_bad_input_on_the_invitation_form_is_explained_in_french(
    client, agent, django_capture_on_commit_callbacks
):
    reponse = inviter_par_la_page(
        client, agent, django_capture_on_commit_callbacks, email="pas-une-adresse", prenom=""
    )
    page = texte_lu(reponse)
    assert "Saisissez une adresse de courriel valide." in page
    assert "Ce champ est obligatoire." in page
    assert not Invitation.objects.exists() and mail.outbox == []


def test_a_weak_or_mismatched_password_is_refused_and_the_link_stays_usable(
    client, agent, django_capture_on_commit_callbacks
):
    inviter_par_la_page(client, agent, django_capture_on_commit_callbacks)
    lien = chemin(lien_du_mail(mail.outbox[0]))
    client.logout()
    page = texte_lu(client.post(lien, {"password1": "lea", "password2": "lea"}))
    assert "Ce mot de passe est trop court." in page
    page = texte_lu(client.post(lien, {"password1": MOT_DE_PASSE, "password2": "autre"}))
    assert "Les deux mots de passe ne correspondent pas." in page
    assert not User.objects.filter(email="lea@dgaln.example").exists()
    client.post(lien, {"password1": MOT_DE_PASSE, "password2": MOT_DE_PASSE})
    assert User.objects.filter(email="lea@dgaln.example").exists()


def test_the_profile_offers_invitations_to_those_who_may_invite(client, agent):
    client.force_login(agent)
    assert "Inviter des collègues" in texte_lu(client.get(reverse("comptes:profil")))
    client.force_login(UserFactory(instructeur=True))
    assert "Inviter des collègues" not in texte_lu(client.get(reverse("comptes:profil")))
