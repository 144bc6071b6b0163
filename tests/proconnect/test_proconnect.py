"""Sign-in with ProConnect against a real OpenID Connect provider on loopback."""

import datetime

import jwt
import pytest
import time_machine
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from comptes.models import User
from comptes.proconnect import ProConnectBackend
from journal.models import Evenement
from tests.comptes.test_securite import activer_double_facteur, code_actuel, pas_suivant, tenter
from tests.factories import UserFactory
from tests.proconnect.outils import Navigation, chemin, fournisseur_demarre, parametres

pytestmark = pytest.mark.django_db

RETOUR = "http://testserver/comptes/proconnect/retour/"
APRES_DECONNEXION = "http://testserver/comptes/proconnect/deconnexion/"


@pytest.fixture(scope="module")
def fournisseur(tmp_path_factory):
    with fournisseur_demarre(tmp_path_factory.mktemp("oidc"), [RETOUR], [APRES_DECONNEXION]) as f:
        yield f


@pytest.fixture
def proconnect(fournisseur, settings):
    fournisseur.reglages(settings)
    return fournisseur


def demarrer(client, next_url=None):
    """The button: the portal's redirection to the provider."""
    url = reverse("proconnect_connexion") + (f"?next={next_url}" if next_url else "")
    reponse = client.get(url)
    assert reponse.status_code == 302, reponse.content
    return reponse["Location"]


def revenir(client, fournisseur, email, second_facteur=False, avant_retour=None):
    """The whole sign-in; `avant_retour(url)` may change the redirection back."""
    retour = Navigation(fournisseur).s_identifier(demarrer(client), email, second_facteur)
    assert retour.startswith(RETOUR), retour
    if avant_retour:
        retour = avant_retour(retour)
    return client.get(chemin(retour))


def messages_de(reponse):
    return [str(m) for m in get_messages(reponse.wsgi_request)]


def connecte(client):
    return "_auth_user_id" in client.session


def test_without_settings_there_is_no_button_and_no_route(client):
    page = client.get(reverse("login")).content.decode()
    assert "ProConnect" not in page
    assert client.get(reverse("proconnect_connexion")).status_code == 404
    assert client.get(reverse("proconnect_retour")).status_code == 404


def test_the_login_page_shows_the_proconnect_button_above_the_password_form(client, proconnect):
    page = client.get(reverse("login")).content.decode()
    assert 'class="fr-connect"' in page
    assert "S’identifier avec" in page
    assert '<span class="fr-connect__brand">ProConnect</span>' in page
    assert 'href="https://www.proconnect.gouv.fr/"' in page
    assert "Qu’est-ce que ProConnect ?" in page
    assert page.index("fr-connect__brand") < page.index('name="password"')


def test_the_authorization_request_carries_state_nonce_and_asks_for_amr(client, proconnect):
    demande = parametres(demarrer(client))
    assert len(demande["state"]) >= 32
    assert len(demande["nonce"]) >= 32
    assert demande["redirect_uri"] == RETOUR
    assert set(demande["scope"].split()) >= {"openid", "email", "given_name", "usual_name"}
    assert '"amr"' in demande["claims"]
    assert client.session["oidc_states"][demande["state"]]["nonce"] == demande["nonce"]


def test_an_invited_agent_lands_on_the_dashboard_and_the_claims_update_the_profile(
    client, proconnect
):
    agent = UserFactory(email="anne.martin@somme.gouv.fr", first_name="anne", last_name="Martin")
    proconnect.connaitre(
        "Anne.Martin@somme.gouv.fr",
        given_name="Anne",
        usual_name="Martin-Durand",
        siret="13000000000005",
    )

    reponse = revenir(client, proconnect, "Anne.Martin@somme.gouv.fr")

    assert reponse.status_code == 302
    assert reponse["Location"] == reverse("tableau_de_bord")
    assert client.get(reponse["Location"]).status_code == 200
    agent.refresh_from_db()
    assert (agent.first_name, agent.last_name, agent.siret) == (
        "Anne",
        "Martin-Durand",
        "13000000000005",
    )
    evenement = Evenement.objects.pour(agent).get(action="profil_proconnect")
    assert evenement.libelle == "Profil mis à jour par ProConnect : prénom, nom, SIRET"
    assert (evenement.etat_avant, evenement.etat_apres) == ("SIRET : —", "SIRET : 13000000000005")
    # The sealed journal never holds the person's names (the retention rules remove them).
    assert "Martin" not in f"{evenement.libelle}{evenement.etat_avant}{evenement.etat_apres}"
    # Unchanged claims at the next sign-in write nothing more.
    client.post(reverse("logout"))
    revenir(client, proconnect, "anne.martin@somme.gouv.fr")
    assert Evenement.objects.pour(agent).filter(action="profil_proconnect").count() == 1


def test_an_invalid_siret_claim_is_ignored(client, proconnect):
    agent = UserFactory(email="siret@somme.gouv.fr")
    proconnect.connaitre("siret@somme.gouv.fr", siret="12345678901234")
    revenir(client, proconnect, "siret@somme.gouv.fr")
    agent.refresh_from_db()
    assert connecte(client)
    assert agent.siret == ""


def test_the_next_page_is_followed(client, proconnect):
    UserFactory(email="suite@somme.gouv.fr")
    navigation = Navigation(proconnect)
    retour = navigation.s_identifier(
        demarrer(client, reverse("comptes:profil")), "suite@somme.gouv.fr"
    )
    assert client.get(chemin(retour))["Location"] == reverse("comptes:profil")


def test_an_unknown_email_gets_a_page_saying_to_ask_for_an_invitation(client, proconnect):
    comptes = User.objects.count()

    reponse = revenir(client, proconnect, "inconnu@ailleurs.gouv.fr")

    assert reponse.status_code == 403
    page = reponse.content.decode()
    assert "Aucun compte pour cette adresse" in page
    assert "Demandez à un collègue de votre service, ou à la DGALN" in page
    assert User.objects.count() == comptes
    assert not connecte(client)


def test_a_deactivated_account_is_refused_and_its_profile_untouched(client, proconnect):
    parti = UserFactory(email="parti@somme.gouv.fr", first_name="Paul", is_active=False)
    proconnect.connaitre("parti@somme.gouv.fr", given_name="Pierre")

    reponse = revenir(client, proconnect, "parti@somme.gouv.fr")

    assert reponse.status_code == 403
    assert "Compte désactivé" in reponse.content.decode()
    assert not connecte(client)
    parti.refresh_from_db()
    assert parti.first_name == "Paul"


def test_a_session_of_an_account_deactivated_since_ends(client, proconnect):
    agent = UserFactory(email="bientot@somme.gouv.fr")
    revenir(client, proconnect, "bientot@somme.gouv.fr")
    assert client.get(reverse("tableau_de_bord")).status_code == 200
    # As the directory and the admin deactivate an account: saved, so forgotten by the cache.
    agent.is_active = False
    agent.save()
    assert client.get(reverse("tableau_de_bord")).status_code == 302


def _refuse(client, reponse):
    assert reponse.status_code == 302
    assert reponse["Location"] == reverse("login")
    assert any("n'a pas pu être vérifiée" in m for m in messages_de(reponse))
    assert not connecte(client)


def test_a_wrong_state_is_refused(client, proconnect):
    UserFactory(email="etat@somme.gouv.fr")

    def autre_etat(url):
        return url.replace(parametres(url)["state"], "x" * 43)

    _refuse(client, revenir(client, proconnect, "etat@somme.gouv.fr", avant_retour=autre_etat))


def test_a_callback_replayed_in_another_browser_is_refused(client, proconnect):
    UserFactory(email="rejeu@somme.gouv.fr")
    retour = Navigation(proconnect).s_identifier(demarrer(client), "rejeu@somme.gouv.fr")
    autre = Client()
    reponse = autre.get(chemin(retour))
    assert reponse["Location"] == reverse("login")
    assert "_auth_user_id" not in autre.session


def test_a_wrong_nonce_is_refused(client, proconnect):
    UserFactory(email="nonce@somme.gouv.fr")

    def autre_nonce(url):
        session = client.session
        session["oidc_states"][parametres(url)["state"]]["nonce"] = "n" * 43
        session.save()
        return url

    _refuse(client, revenir(client, proconnect, "nonce@somme.gouv.fr", avant_retour=autre_nonce))


def test_an_expired_id_token_is_refused(client, proconnect):
    UserFactory(email="expire@somme.gouv.fr")
    retour = Navigation(proconnect).s_identifier(demarrer(client), "expire@somme.gouv.fr")
    # The provider's ID tokens live five minutes: the portal reads this one an hour late.
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(hours=1)):
        _refuse(client, client.get(chemin(retour)))


def _jeton_altere(monkeypatch, alterer):
    """The provider's real token response, with its ID token changed by `alterer`."""
    get_token = ProConnectBackend.get_token

    def get_token_altere(self, payload):
        reponse = get_token(self, payload)
        return {**reponse, "id_token": alterer(reponse["id_token"])}

    monkeypatch.setattr(ProConnectBackend, "get_token", get_token_altere)


def test_an_id_token_signed_with_another_key_is_refused(client, proconnect, monkeypatch):
    UserFactory(email="signature@somme.gouv.fr")
    autre_cle = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def resigner(id_token):
        contenu = jwt.decode(id_token, options={"verify_signature": False})
        entete = jwt.get_unverified_header(id_token)
        return jwt.encode(contenu, autre_cle, algorithm="RS256", headers={"kid": entete["kid"]})

    _jeton_altere(monkeypatch, resigner)
    _refuse(client, revenir(client, proconnect, "signature@somme.gouv.fr"))


def test_an_unsigned_or_secret_signed_id_token_is_refused(client, proconnect, monkeypatch):
    UserFactory(email="hs256@somme.gouv.fr")

    def avec_le_secret(id_token):
        contenu = jwt.decode(id_token, options={"verify_signature": False})
        return jwt.encode(contenu, "secret-du-portail-de-test-0123456789", algorithm="HS256")

    _jeton_altere(monkeypatch, avec_le_secret)
    _refuse(client, revenir(client, proconnect, "hs256@somme.gouv.fr"))


def test_an_id_token_for_another_client_is_refused(client, proconnect, monkeypatch, settings):
    UserFactory(email="audience@somme.gouv.fr")
    demarrage = demarrer(client)
    retour = Navigation(proconnect).s_identifier(demarrage, "audience@somme.gouv.fr")
    # The same token, checked by a portal registered under another client id.
    settings.PROCONNECT_CLIENT_ID = "un-autre-service"
    monkeypatch.setattr(ProConnectBackend, "OIDC_RP_CLIENT_ID", "portail-ateliers-flash")
    _refuse(client, client.get(chemin(retour)))


def test_an_error_from_the_provider_says_the_sign_in_was_interrupted(client, proconnect):
    state = parametres(demarrer(client))["state"]
    reponse = client.get(reverse("proconnect_retour"), {"error": "access_denied", "state": state})
    assert reponse["Location"] == reverse("login")
    assert any("interrompue" in m for m in messages_de(reponse))


def test_a_provider_that_does_not_answer_gets_a_french_message(client, settings):
    settings.PROCONNECT_DISCOVERY_URL = "http://127.0.0.1:9/.well-known/openid-configuration"
    settings.PROCONNECT_CLIENT_ID = "x"
    settings.PROCONNECT_CLIENT_SECRET = "y"
    reponse = client.get(reverse("proconnect_connexion"))
    assert reponse["Location"] == reverse("login")
    assert any("ProConnect ne répond pas" in m for m in messages_de(reponse))


def test_logging_out_also_ends_the_provider_session(client, proconnect):
    UserFactory(email="depart@somme.gouv.fr")
    navigation = Navigation(proconnect)
    client.get(chemin(navigation.s_identifier(demarrer(client), "depart@somme.gouv.fr")))
    assert connecte(client)
    id_token = client.session["oidc_id_token"]

    reponse = client.post(reverse("logout"))

    assert not connecte(client)
    fin = reponse["Location"]
    assert fin.startswith(f"{proconnect.url}/session/end")
    demande = parametres(fin)
    assert demande["id_token_hint"] == id_token
    assert demande["post_logout_redirect_uri"] == APRES_DECONNEXION
    retour = navigation.se_deconnecter(fin)
    assert retour.startswith(APRES_DECONNEXION)
    arrivee = client.get(chemin(retour))
    assert arrivee["Location"] == reverse("accueil_public")
    assert "Vous êtes déconnecté du portail et de ProConnect." in messages_de(arrivee)
    # The provider asks to sign in again: its session has ended too.
    assert navigation.page_de_connexion_affichee(demarrer(client))


def test_a_password_session_logs_out_as_before(client):
    agent = UserFactory()
    client.force_login(agent)
    reponse = client.post(reverse("logout"))
    assert reponse["Location"] == reverse("accueil_public")


# --- The second factor -------------------------------------------------------------------


def test_a_proconnect_second_factor_counts_as_the_portal_s(client, proconnect):
    instructeur = UserFactory(instructeur=True, email="instructeur@dgaln.gouv.fr")
    activer_double_facteur(Client(), instructeur)

    reponse = revenir(client, proconnect, instructeur.email, second_facteur=True)

    assert reponse["Location"] == reverse("tableau_de_bord")
    assert connecte(client)


def test_without_a_second_factor_at_proconnect_the_totp_step_still_applies(client, proconnect):
    instructeur = UserFactory(instructeur=True, email="code@dgaln.gouv.fr")
    device = activer_double_facteur(Client(), instructeur)
    pas_suivant(device)

    reponse = revenir(client, proconnect, instructeur.email)

    assert reponse["Location"] == reverse("connexion_code")
    assert not connecte(client)
    suite = client.post(reverse("connexion_code"), {"code": code_actuel(device)})
    assert suite["Location"] == reverse("tableau_de_bord")
    assert connecte(client)


def test_the_lockout_still_holds_with_proconnect_among_the_backends(client, proconnect, settings):
    UserFactory(email="bloque@somme.gouv.fr")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        tenter(client, "bloque@somme.gouv.fr", "mauvais")
    assert tenter(client, "bloque@somme.gouv.fr", "mauvais").status_code == 429


def test_a_compulsory_second_factor_is_met_by_proconnect_s(client, proconnect, settings):
    settings.DOUBLE_FACTEUR_ADMINISTRATEURS = True
    administrateur = UserFactory(administrateur=True, email="admin@dgaln.gouv.fr")

    revenir(client, proconnect, administrateur.email, second_facteur=True)
    assert client.get(reverse("tableau_de_bord")).status_code == 200

    client.post(reverse("logout"))
    revenir(client, proconnect, administrateur.email)
    reponse = client.get(reverse("tableau_de_bord"))
    assert reponse["Location"] == reverse("comptes:double_authentification")
