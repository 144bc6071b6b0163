"""Answering the bilan: each side once, corrected for 30 days; who reads it on the atelier's
page; every refusal with its reason and nothing changed."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from bilans.models import Bilan, Cote
from journal.models import Evenement
from tests.outils import texte_lu

from .conftest import clore

REPONSES = {
    "utilite_cadrage": "tres_utile",
    "utilite_animation": "utile",
    "utilite_production": "peu_utile",
    "utilite_restitution": "pas_utile",
    "equipe": "tres_satisfaisant",
    "livrables": "satisfaisant",
    "recommande": "oui",
    "commentaire": "Une belle dynamique avec les habitants.",
}


def _repondre(client, user, atelier, **changes):
    client.force_login(user)
    return client.post(reverse("bilans:repondre", args=[atelier.pk]), REPONSES | changes)


def _page(client, user, atelier):
    client.force_login(user)
    return texte_lu(client.get(reverse("ateliers:detail", args=[atelier.pk])))


def _refus(reponse):
    from django.contrib.messages import get_messages

    # The last message: those of the earlier answers were never shown (no redirect followed).
    return [str(m) for m in get_messages(reponse.wsgi_request)][-1:]


def test_the_collectivite_answers_once_and_the_dgaln_reads_it(client, atelier, membre, instructeur):
    clore(atelier)

    reponse = _repondre(client, membre, atelier)

    assert reponse.status_code == 302
    bilan = Bilan.objects.get(atelier=atelier)
    assert (bilan.cote, bilan.auteur, bilan.recommande) == (Cote.COLLECTIVITE, membre, True)
    assert bilan.utilite_production == "peu_utile"
    evenement = Evenement.objects.get(action="bilan")
    assert evenement.acteur == membre
    assert evenement.libelle == "Bilan de l'atelier rempli (collectivité)"
    page = _page(client, instructeur, atelier)
    assert "Utilité de la production des livrables Peu utile" in page
    assert "Une belle dynamique avec les habitants." in page
    assert f"rempli le {timezone.localtime(bilan.repondu_le).day}" in page  # Paris, not UTC


def test_a_second_answer_of_the_same_side_corrects_the_first_for_thirty_days(
    client, atelier, membre
):
    clore(atelier)
    _repondre(client, membre, atelier)
    autre = type(membre).objects.create(
        email="adjoint@ville.example", role=membre.role, organisation=membre.organisation
    )

    _repondre(client, autre, atelier, recommande="non")

    bilan = Bilan.objects.get()
    assert bilan.recommande is False
    assert bilan.auteur == membre  # who first answered; the correction is in the journal
    assert Evenement.objects.filter(action="bilan_corrige", acteur=autre).exists()

    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        reponse = _repondre(client, membre, atelier, recommande="oui")
        assert _refus(reponse) == [
            f"Le bilan a été rempli le {texte_date(bilan.repondu_le)} : il se corrige pendant "
            "30 jours, il ne se modifie plus."
        ]
    bilan.refresh_from_db()
    assert bilan.recommande is False
    assert Evenement.objects.filter(action__startswith="bilan").count() == 2


def texte_date(moment):
    from socle.formats import date_longue

    return date_longue(moment)


def test_each_side_reads_its_own_answer_and_the_titulaire_reads_none(
    client, atelier, agent, membre, titulaire_user, instructeur
):
    clore(atelier)
    _repondre(client, membre, atelier, commentaire="Avis de la commune")
    _repondre(client, agent, atelier, commentaire="Avis du service")

    assert Bilan.objects.filter(repondu_le__isnull=False).count() == 2
    service = _page(client, agent, atelier)
    assert "Avis du service" in service and "Avis de la commune" not in service
    assert "Corriger le bilan" in service
    commune = _page(client, membre, atelier)
    assert "Avis de la commune" in commune and "Avis du service" not in commune
    dgaln = _page(client, instructeur, atelier)
    assert "Avis de la commune" in dgaln and "Avis du service" in dgaln
    titulaire = _page(client, titulaire_user, atelier)
    assert "Bilan de l'atelier" not in titulaire and "Avis" not in titulaire
    # Nor in the timeline.
    assert "Bilan de l'atelier rempli" not in titulaire


@pytest.mark.parametrize("qui", ["titulaire_user", "instructeur"])
def test_the_titulaire_and_the_dgaln_do_not_answer(client, atelier, qui, request):
    clore(atelier)
    reponse = _repondre(client, request.getfixturevalue(qui), atelier)

    assert reponse.status_code == 302
    assert _refus(reponse) == [
        "Seuls la collectivité co-porteuse et le service pilote remplissent le bilan de l'atelier."
    ]
    assert not Bilan.objects.exists()
    assert not Evenement.objects.filter(action="bilan").exists()


def test_a_member_of_another_collectivite_does_not_find_the_atelier(client, atelier, autre_membre):
    clore(atelier)
    assert _repondre(client, autre_membre, atelier).status_code == 404
    client.force_login(autre_membre)
    assert client.get(reverse("bilans:repondre", args=[atelier.pk])).status_code == 404
    assert not Bilan.objects.exists()


def test_an_open_atelier_has_no_bilan_yet(client, atelier, membre):
    reponse = _repondre(client, membre, atelier)

    assert _refus(reponse) == ["L'atelier n'est pas clôturé : le bilan s'ouvre à sa clôture."]
    assert not Bilan.objects.exists()
    assert "Bilan de l'atelier" not in _page(client, membre, atelier)


def test_the_form_asks_every_question(client, atelier, agent):
    clore(atelier)
    client.force_login(agent)
    page = texte_lu(client.get(reverse("bilans:repondre", args=[atelier.pk])))
    for libelle in (
        "Utilité de l'animation sur site",
        "Très utile",
        "Pas satisfaisant",
        "Recommanderiez-vous un Atelier Flash à un autre territoire ?",
    ):
        assert libelle in page
    reponse = _repondre(client, agent, atelier, recommande="")
    assert reponse.status_code == 200
    assert not Bilan.objects.exists()
