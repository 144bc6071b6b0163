"""The livrables' part of the atelier's page right after its attribution: who must record the
expected livrables, and the feuille de route set apart from them."""

import datetime
from html import unescape

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from ateliers import volets
from livrables import transitions
from livrables.atelier import a_indiquer
from livrables.models import Type
from tests.outils import texte_lu

pytestmark = pytest.mark.django_db


def _atelier_vu_par(client, personne, atelier):
    client.force_login(personne)
    return client.get(reverse("ateliers:detail", args=[atelier.pk]))


def test_the_titulaire_reads_that_the_service_must_first_record_the_livrables(
    client, atelier, titulaire_user
):
    page = texte_lu(_atelier_vu_par(client, titulaire_user, atelier))
    assert (
        f"Le service pilote ({atelier.service_pilote}) n'a pas encore indiqué les livrables "
        "attendus : vous serez prévenu dès qu'il les aura ajoutés" in page
    )
    assert "Aucun livrable attendu pour l'instant." not in page
    assert "Indiquer les livrables attendus" not in page


def test_the_service_is_prompted_to_record_them_right_after_the_attribution(client, atelier, agent):
    reponse = _atelier_vu_par(client, agent, atelier)
    page = texte_lu(reponse)
    assert "Aucun livrable n'est encore attendu pour cet atelier. Indiquez ceux" in page
    ajouter = reverse("livrables:ajouter", args=[atelier.pk])
    assert f'href="{ajouter}">Indiquer les livrables attendus</a>' in reponse.content.decode()


def test_the_dgaln_reads_who_is_expected_to_act(client, atelier, instructeur):
    page = texte_lu(_atelier_vu_par(client, instructeur, atelier))
    assert (
        f"Le service pilote ({atelier.service_pilote}) n'a pas encore indiqué les livrables "
        "attendus." in page
    )


def test_the_prompt_goes_once_a_livrable_is_expected(client, atelier, agent, titulaire_user):
    echeance = timezone.localdate() + datetime.timedelta(days=30)
    transitions.ajouter(agent, atelier, Type.PLAN_GUIDE, echeance)
    for personne in (agent, titulaire_user):
        page = texte_lu(_atelier_vu_par(client, personne, atelier))
        assert "Esquisse de plan-guide" in page
        assert "n'a pas encore indiqué les livrables attendus" not in page
        assert "Indiquer les livrables attendus" not in page


def test_what_the_atelier_still_waits_for_is_exposed_for_its_next_step(
    atelier, agent, titulaire_user
):
    """The atelier's « Prochaine étape » may show it: a ``Manque`` with the link for whoever
    records the livrables, in words for the others; nothing once one is expected."""
    pour_le_service = a_indiquer(agent, atelier, [])
    assert pour_le_service.lien == reverse("livrables:ajouter", args=[atelier.pk])
    assert pour_le_service.lien_texte == "Indiquer les livrables attendus"
    pour_le_titulaire = a_indiquer(titulaire_user, atelier, [])
    assert pour_le_titulaire.lien == "" and str(atelier.service_pilote) in pour_le_titulaire.texte
    # In a table's « Il manque encore : … », read by everyone.
    pour_tous = a_indiquer(None, atelier, [])
    assert pour_tous.texte == (
        f"les livrables attendus, que le service pilote ({atelier.service_pilote}) n'a pas "
        "encore indiqués"
    )
    assert pour_tous.lien == pour_le_service.lien
    livrable = transitions.ajouter(agent, atelier, Type.CHARTE, timezone.localdate())
    assert a_indiquer(agent, atelier, [livrable]) is None
    assert a_indiquer(None, atelier, [livrable]) is None


def _volet(personne, atelier):
    """The words of the livrables' part as ``templates/livrables/_volet.html`` renders it."""
    _, contexte = volets.lire(personne, atelier)
    requete = RequestFactory().get("/")
    requete.user = personne
    html = render_to_string(
        "livrables/_volet.html", {**contexte, "atelier": atelier}, request=requete
    )
    return " ".join(unescape(strip_tags(html)).split())


def test_the_feuille_de_route_is_not_mistaken_for_a_missing_livrable(
    atelier, agent, titulaire_user
):
    texte = _volet(titulaire_user, atelier)
    assert "Rédiger la feuille de route (aucun axe pour l'instant)" in texte
    assert "Contenus rédigés en ligne par le titulaire" in texte
    # Its own list, after the livrables' table or the prompt, never inside them.
    assert texte.index("n'a pas encore indiqué") < texte.index("Contenus rédigés")
    texte = _volet(agent, atelier)
    assert "Lire la feuille de route (aucun axe pour l'instant)" in texte


def test_the_atelier_page_shows_the_livrables_part(client, atelier, titulaire_user):
    page = texte_lu(_atelier_vu_par(client, titulaire_user, atelier))
    assert "Rédiger la feuille de route (aucun axe pour l'instant)" in page
    assert "Feuille de route (0 axe" not in page
