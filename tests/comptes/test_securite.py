"""Login protection and security headers, as a browser sees them."""

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import MOT_DE_PASSE, UserFactory

pytestmark = pytest.mark.django_db


def tenter(client, email, mot_de_passe, ip="192.0.2.10", **entetes):
    return client.post(
        reverse("login"),
        {"username": email, "password": mot_de_passe},
        REMOTE_ADDR=ip,
        **entetes,
    )


def test_five_wrong_passwords_lock_the_address_even_with_the_right_one(client, settings):
    agent = UserFactory(email="agent@exemple.gouv.fr")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert tenter(client, "agent@exemple.gouv.fr", "mauvais").status_code == 200
    # The last allowed failure, typed in another case, counts for the same address.
    bloquee = tenter(client, "AGENT@exemple.gouv.fr", "mauvais")
    assert bloquee.status_code == 429
    assert "Connexion suspendue" in bloquee.content.decode()
    assert "pendant 15 minutes" in bloquee.content.decode()
    # Now even the right password is refused, and no session is opened.
    reponse = tenter(client, agent.email, MOT_DE_PASSE)
    assert reponse.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another computer (another IP address) can still log in to that account.
    assert tenter(client, agent.email, MOT_DE_PASSE, ip="198.51.100.7").status_code == 302


def test_a_success_resets_the_count(client, settings):
    agent = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        tenter(client, agent.email, "mauvais")
    assert tenter(client, agent.email, MOT_DE_PASSE).status_code == 302
    client.post(reverse("logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        tenter(client, agent.email, "mauvais")
    assert tenter(client, agent.email, MOT_DE_PASSE).status_code == 302


def test_the_lock_ends_after_the_cool_off(client, settings):
    from axes.models import AccessAttempt

    agent = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        tenter(client, agent.email, "mauvais")
    assert tenter(client, agent.email, MOT_DE_PASSE).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME)
    assert tenter(client, agent.email, MOT_DE_PASSE).status_code == 302


def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(client, settings):
    """A client cannot escape the lock by sending its own X-Forwarded-For."""
    settings.BEHIND_PROXY = True
    agent = UserFactory()
    for i in range(settings.AXES_FAILURE_LIMIT):
        tenter(
            client,
            agent.email,
            "mauvais",
            ip="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{i}, 192.0.2.50",
        )
    reponse = tenter(
        client, agent.email, MOT_DE_PASSE, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="8.8.8.8, 192.0.2.50"
    )
    assert reponse.status_code == 429


def test_the_admin_has_no_login_of_its_own(client):
    """The admin's own form would skip the lockout page and the second factor."""
    reponse = client.get(reverse("admin:login") + "?next=/admin/")
    assert reponse.status_code == 302
    assert reponse["Location"] == reverse("login") + "?next=/admin/"
    assert (
        client.post(reverse("admin:login"), {"username": "x", "password": "y"}).status_code == 302
    )


def test_an_expired_session_sends_back_to_the_login_page(client):
    client.force_login(UserFactory())
    assert client.get(reverse("tableau_de_bord")).status_code == 200
    # The session is kept in the cache and in the base: both forget it after its age.
    plus_tard = timezone.now() + timezone.timedelta(seconds=settings.SESSION_COOKIE_AGE + 1)
    with time_machine.travel(plus_tard):
        reponse = client.get(reverse("tableau_de_bord"))
    assert reponse.status_code == 302
    assert reponse["Location"].startswith(reverse("login"))


def test_pages_carry_the_security_headers(client):
    reponse = client.get(reverse("accueil_public"))
    politique = reponse["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in politique.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in politique
    assert reponse["X-Frame-Options"] == "DENY"
    assert reponse["Referrer-Policy"] == "same-origin"
    assert reponse["X-Content-Type-Options"] == "nosniff"


def test_production_sends_hsts_and_secure_cookies(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = True
    agent = UserFactory()
    reponse = client.post(
        reverse("login"),
        {"username": agent.email, "password": MOT_DE_PASSE},
        secure=True,
    )
    assert reponse["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    cookie = reponse.cookies["sessionid"]
    assert cookie["secure"]
    assert cookie["httponly"]


# --- Optional second factor (TOTP) for DGALN staff -------------------------------------------


def code_actuel(device):
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def pas_suivant(device):
    """As if 30 seconds had passed: the app shows a new code, any pause for a wrong one is
    over (a code already used is never accepted twice)."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    maintenant = TOTP(device.bin_key, device.step, device.t0, device.digits).t()
    TOTPDevice.objects.filter(pk=device.pk).update(
        last_t=maintenant - 1, throttling_failure_timestamp=None
    )


def activer_double_facteur(client, personne):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(personne)
    page = client.get(reverse("comptes:double_authentification"))
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=personne, confirmed=False)
    client.post(reverse("comptes:double_authentification"), {"code": code_actuel(device)})
    client.post(reverse("logout"))
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_an_instructeur_turns_on_totp_then_needs_a_code_to_log_in(client):
    from journal.models import Evenement

    instructeur = UserFactory(instructeur=True)
    device = activer_double_facteur(client, instructeur)
    assert Evenement.objects.pour(instructeur).filter(action="double_facteur").exists()
    pas_suivant(device)
    # The password alone opens no session.
    reponse = tenter(client, instructeur.email, MOT_DE_PASSE)
    assert reponse["Location"] == reverse("connexion_code")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("tableau_de_bord")).status_code == 302
    # A wrong code is refused in French, still no session.
    faux = "000000" if code_actuel(device) != "000000" else "111111"
    page = client.post(reverse("connexion_code"), {"code": faux})
    assert "Code incorrect ou expiré" in page.content.decode()
    assert "_auth_user_id" not in client.session
    # The next code (after the pause the wrong one imposed) opens the session.
    pas_suivant(device)
    reponse = client.post(reverse("connexion_code"), {"code": code_actuel(device)})
    assert reponse.status_code == 302
    assert client.get(reverse("tableau_de_bord")).status_code == 200


def test_the_code_step_needs_the_password_step_first(client):
    reponse = client.post(reverse("connexion_code"), {"code": "123456"})
    assert reponse["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_repeated_wrong_codes_are_throttled(client):
    instructeur = UserFactory(instructeur=True)
    device = activer_double_facteur(client, instructeur)
    pas_suivant(device)
    tenter(client, instructeur.email, MOT_DE_PASSE)
    faux = "000000" if code_actuel(device) != "000000" else "111111"
    client.post(reverse("connexion_code"), {"code": faux})
    # Even the right code waits after a wrong one.
    page = client.post(reverse("connexion_code"), {"code": code_actuel(device)})
    assert "Trop de codes erronés" in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_without_a_device_the_password_is_enough(client):
    instructeur = UserFactory(instructeur=True)
    reponse = tenter(client, instructeur.email, MOT_DE_PASSE)
    assert reponse["Location"] == reverse("tableau_de_bord")


def test_the_second_factor_is_offered_to_dgaln_staff_only(client):
    for personne in (UserFactory(), UserFactory(prestataire=True)):
        client.force_login(personne)
        assert client.get(reverse("comptes:double_authentification")).status_code == 403
        assert (
            "Double authentification" not in client.get(reverse("comptes:profil")).content.decode()
        )
    client.force_login(UserFactory(administrateur=True))
    assert "Double authentification" in client.get(reverse("comptes:profil")).content.decode()


def test_turning_it_off_needs_a_current_code(client):
    instructeur = UserFactory(instructeur=True)
    device = activer_double_facteur(client, instructeur)
    client.force_login(instructeur)
    page = client.post(reverse("comptes:double_authentification"), {"code": "12345"})
    assert "Le code compte six chiffres." in page.content.decode()
    pas_suivant(device)
    client.post(reverse("comptes:double_authentification"), {"code": code_actuel(device)})
    assert tenter(client, instructeur.email, MOT_DE_PASSE)["Location"] == reverse("tableau_de_bord")
