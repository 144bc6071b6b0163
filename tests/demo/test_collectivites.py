"""The demo's two collectivités log in from the login page and find their files: Albert its
open file (a draft of the DDTM 80), Doullens the closed atelier of the site Sueur; neither
sees the other's, nor a file it is not co-porteur of."""

from django.urls import reverse

from ateliers.models import Atelier
from candidatures.models import Candidature
from demo.comptes import COMPTES, MOT_DE_PASSE_DEMO


def _connecter(client, cle):
    client.logout()
    reponse = client.post(
        reverse("login"), {"username": COMPTES[cle].email, "password": MOT_DE_PASSE_DEMO}
    )
    assert reponse.status_code == 302 and reponse["Location"] == reverse("tableau_de_bord")
    return client.get(reverse("tableau_de_bord")).content.decode()


def test_each_collectivite_finds_its_own_file_on_its_dashboard_and_no_other(demo, client):
    albert = Candidature.objects.get(titre="Entrée de ville nord d'Albert")
    sueur = Candidature.objects.get(titre="Reconquête du site Sueur")

    page = _connecter(client, "albert")
    assert "Commune d&#x27;Albert (80016)" in page
    assert albert.titre.replace("'", "&#x27;") in page and "Sueur" not in page
    assert client.get(reverse("candidatures:detail", args=[albert.pk])).status_code == 200
    assert client.get(reverse("candidatures:detail", args=[sueur.pk])).status_code == 404

    page = _connecter(client, "doullens")
    atelier = Atelier.objects.get(candidature=sueur)
    assert "Reconquête du site Sueur" in page and "Albert" not in page
    assert client.get(reverse("ateliers:detail", args=[atelier.pk])).status_code == 200
    assert client.get(reverse("candidatures:detail", args=[albert.pk])).status_code == 404
    autres = Candidature.objects.exclude(pk__in=[albert.pk, sueur.pk])
    assert autres.exists()
    for autre in autres:
        assert client.get(reverse("candidatures:detail", args=[autre.pk])).status_code == 404
