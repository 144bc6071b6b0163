"""« Et après ? »: the collectivité or the service records what the atelier led to, from the
atelier's page; the public page of a published atelier shows it, without any name."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from ateliers.models import Atelier, Publication
from bilans.models import Nature, Suite
from journal.models import Evenement
from livrables.models import FicheSynthetique
from referentiels.models import ProgrammeANCT
from tests.outils import texte_lu

from .conftest import clore


def _pvd():
    return ProgrammeANCT.objects.get(libelle="Petites villes de demain")


def _ajouter(client, user, atelier, **donnees):
    client.force_login(user)
    valeurs = {
        "nature": Nature.FINANCEMENT,
        "programme": _pvd().pk,
        "autre_programme": "",
        "date": "2025-05-12",
        "texte": "La friche est achetée grâce à Petites villes de demain.",
    } | donnees
    return client.post(reverse("bilans:ajouter_suite", args=[atelier.pk]), valeurs)


def _dernier_message(reponse):
    return [str(m) for m in get_messages(reponse.wsgi_request)][-1]


def _publier(atelier, auteur):
    Atelier.objects.filter(pk=atelier.pk).update(publication=Publication.PUBLIE)
    FicheSynthetique.objects.create(
        atelier=atelier, modifie_par=auteur, contexte="Une friche", validee_le=timezone.now()
    )


def test_a_member_of_the_collectivite_records_a_follow_up_shown_on_the_atelier_page(
    client, atelier, membre, titulaire_user
):
    clore(atelier, datetime.date(2025, 1, 10))

    reponse = _ajouter(client, membre, atelier)

    assert reponse.status_code == 302
    assert reponse["Location"].endswith("#et-apres")
    suite = Suite.objects.get()
    assert (suite.nature, suite.programme, suite.auteur) == (Nature.FINANCEMENT, _pvd(), membre)
    assert Evenement.objects.get(action="suite").libelle == (
        "Suite de l'atelier renseignée : Financement obtenu"
    )
    client.force_login(titulaire_user)
    page = texte_lu(client.get(reverse("ateliers:detail", args=[atelier.pk])))
    assert "Financement obtenu (Petites villes de demain), 12 mai 2025" in page
    assert "renseigné par " + str(membre) in page


def test_the_service_records_one_too_with_another_funding(client, atelier, agent):
    clore(atelier)
    _ajouter(client, agent, atelier, programme="", autre_programme="Fonds vert")

    assert Suite.objects.get().programme_nomme == "Fonds vert"


def test_a_funding_names_its_programme(client, atelier, agent):
    clore(atelier)
    reponse = _ajouter(client, agent, atelier, programme="")

    assert reponse.status_code == 200
    assert "Indiquez le programme ou le financement." in texte_lu(reponse)
    assert not Suite.objects.exists()


@pytest.mark.parametrize("qui", ["titulaire_user", "instructeur"])
def test_the_titulaire_and_the_dgaln_do_not_record_follow_ups(client, atelier, qui, request):
    clore(atelier)
    reponse = _ajouter(client, request.getfixturevalue(qui), atelier)

    assert _dernier_message(reponse) == (
        "Seuls la collectivité co-porteuse et le service pilote renseignent les suites de "
        "l'atelier."
    )
    assert not Suite.objects.exists()
    assert not Evenement.objects.filter(action="suite").exists()


def test_another_collectivite_does_not_find_the_atelier(client, atelier, autre_membre):
    clore(atelier)
    assert _ajouter(client, autre_membre, atelier).status_code == 404
    assert not Suite.objects.exists()


def test_an_open_atelier_has_no_follow_up_yet(client, atelier, membre):
    reponse = _ajouter(client, membre, atelier)

    assert _dernier_message(reponse) == (
        "L'atelier n'est pas clôturé : « Et après ? » s'ouvre à sa clôture."
    )
    assert not Suite.objects.exists()


def test_the_public_page_shows_follow_ups_once_published_and_no_name(
    client, atelier, membre, agent
):
    clore(atelier)
    _ajouter(client, membre, atelier)
    _ajouter(client, agent, atelier, nature=Nature.RIEN, texte="Pas encore de suite côté État.")
    client.logout()
    adresse = reverse("catalogue:atelier", args=[atelier.pk])
    Atelier.objects.filter(pk=atelier.pk).update(publication=Publication.NON_PUBLIE)
    assert client.get(adresse).status_code == 404

    _publier(atelier, agent)
    page = texte_lu(client.get(adresse))

    assert "Et après ?" in page
    assert "La friche est achetée grâce à Petites villes de demain." in page
    assert "Financement obtenu (Petites villes de demain)" in page
    # « Rien pour l'instant » is not shown to the public, nor any name or organisation.
    assert "Pas encore de suite" not in page
    for nom in (membre.first_name, membre.last_name, str(membre.organisation), str(agent)):
        assert nom not in page


def test_the_public_page_without_follow_up_has_no_such_section(client, atelier, agent):
    clore(atelier)
    _publier(atelier, agent)
    assert "Et après ?" not in texte_lu(client.get(reverse("catalogue:atelier", args=[atelier.pk])))
