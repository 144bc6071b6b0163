"""The bons the atelier's closure still waits for are named with a link to their page, in the
refusal and on the atelier's page (the rest of the reason escaped)."""

import pytest
from django.urls import reverse

from ateliers import cloture
from ateliers.models import Atelier, Phase
from commandes.atelier import manques
from commandes.models import BonDeCommande, StatutBon

pytestmark = pytest.mark.django_db


def lien(bon):
    return f'<a href="/commandes/{bon.pk}/">{bon.numero}</a>'


@pytest.fixture
def en_attente_de_service_fait(atelier, fabrique_bon):
    """An atelier in restitution whose two bons still wait for their service fait."""
    bons = fabrique_bon(StatutBon.NOTIFIE), fabrique_bon(StatutBon.EMIS)
    Atelier.objects.filter(pk=atelier.pk).update(phase=Phase.RESTITUTION)
    atelier.refresh_from_db()
    return bons


def test_the_closure_refusal_links_each_bon_without_service_fait(
    client, agent, atelier, en_attente_de_service_fait
):
    notifie, emis = en_attente_de_service_fait
    attendu = f"bons de commande sans service fait : {lien(notifie)}, {lien(emis)}"
    assert attendu in cloture.manques(atelier)
    client.force_login(agent)
    html = client.get(reverse("ateliers:detail", args=[atelier.pk])).content.decode()
    assert attendu in html
    assert "&lt;a" not in html


def test_a_refused_closure_says_which_bons_with_links(
    client, agent, atelier, en_attente_de_service_fait
):
    notifie, emis = en_attente_de_service_fait
    client.force_login(agent)
    reponse = client.post(
        reverse("ateliers:action", args=[atelier.pk, "cloturer"]), {"date": ""}, follow=True
    )
    atelier.refresh_from_db()
    assert atelier.phase == Phase.RESTITUTION
    html = reponse.content.decode()
    assert f"bons de commande sans service fait : {lien(notifie)}, {lien(emis)}" in html
    assert "&lt;a" not in html


def test_the_closure_refusal_escapes_what_it_does_not_write_itself():
    bon = BonDeCommande(pk=7, numero="<b>AF-1</b>", statut=StatutBon.EMIS)
    (raison,) = manques([bon])
    assert raison == (
        'bons de commande sans service fait : <a href="/commandes/7/">&lt;b&gt;AF-1&lt;/b&gt;</a>'
    )
    assert manques([]) == ["aucun bon de commande"]
