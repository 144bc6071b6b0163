"""Headers that protect a shared computer and turn off what the portal never uses:
``Cache-Control: no-store, private`` on every signed-in page and private download
(socle/cache.py), and the ``Permissions-Policy`` (config/securite.py)."""

import pytest
from django.http import FileResponse, HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from socle.cache import PagesPriveesNonConservees
from tests import fichiers
from tests.factories import CandidatureFactory, MembreFactory, UserFactory, completer

pytestmark = pytest.mark.django_db


def directives(reponse):
    return {d.strip() for d in reponse.get("Cache-Control", "").split(",") if d.strip()}


def personne(role):
    if role == "agent":
        return UserFactory()
    if role == "prestataire":
        return UserFactory(prestataire=True, organisation=MembreFactory().organisation)
    return UserFactory(**{role: True})


@pytest.mark.parametrize("role", ["agent", "instructeur", "administrateur", "prestataire"])
def test_the_dashboard_is_never_kept_by_the_browser(client, role):
    client.force_login(personne(role))

    reponse = client.get(reverse("tableau_de_bord"))

    assert reponse.status_code == 200
    assert {"no-store", "private"} <= directives(reponse)


def test_a_downloaded_piece_is_never_kept_by_the_browser(client):
    agent = UserFactory()
    candidature = completer(CandidatureFactory(service=agent.organisation, cree_par=agent))
    client.force_login(agent)

    piece = candidature.pieces.first()
    reponse = client.get(reverse("candidatures:piece", args=[candidature.pk, piece.pk]))
    reponse.close()

    assert reponse.status_code == 200
    assert reponse["Content-Disposition"].startswith("attachment;")
    assert {"no-store", "private"} <= directives(reponse)


def test_a_stored_file_sent_as_an_attachment_is_never_kept_even_anonymously():
    # No private download answers an anonymous visitor today; one that would is still marked.
    requete = RequestFactory().get("/")
    fichier = fichiers.pdf("lettre.pdf")
    middleware = PagesPriveesNonConservees(
        lambda r: FileResponse(fichier, as_attachment=True, filename="lettre.pdf")
    )

    reponse = middleware(requete)
    reponse.close()

    assert {"no-store", "private"} <= directives(reponse)


def test_public_pages_and_images_keep_their_own_caching_for_anonymous_visitors(client):
    reponse = client.get(reverse("accueil_public"))
    assert reponse.status_code == 200
    assert "no-store" not in directives(reponse)

    # An image a public page shows (inline), and a page that set its own caching.
    requete = RequestFactory().get("/")
    image = PagesPriveesNonConservees(
        lambda r: FileResponse(fichiers.png("carte.png"), filename="carte.png")
    )(requete)
    image.close()
    publique = HttpResponse("ok", headers={"Cache-Control": "public, max-age=600"})
    assert "no-store" not in directives(image)
    assert directives(PagesPriveesNonConservees(lambda r: publique)(requete)) == {
        "public",
        "max-age=600",
    }


def test_pages_turn_off_the_browser_features_the_portal_never_uses(client):
    reponse = client.get(reverse("accueil_public"))

    politique = dict(p.strip().split("=", 1) for p in reponse["Permissions-Policy"].split(","))
    for fonction in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert politique[fonction] == "()", fonction
