"""« Prochaine étape » on a file's page and « À faire » on the dashboard, read from the table."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from candidatures import transitions
from candidatures.models import Candidature, StatutCandidature
from tests.factories import CandidatureFactory, ServiceFactory, UserFactory, completer
from tests.outils import texte_lu

pytestmark = pytest.mark.django_db
S = StatutCandidature


@pytest.fixture
def agent(db):
    return UserFactory(organisation=ServiceFactory(nom="DDTM de la Somme"), email="a@ddt.example")


@pytest.fixture
def instructeur(db):
    return UserFactory(instructeur=True, email="i@dgaln.example", first_name="Inès")


def dossier(agent, statut, jours=0, **champs):
    cand = completer(
        CandidatureFactory(service=agent.organisation, cree_par=agent, statut=statut, **champs)
    )
    # Local noon of the day ``jours`` ago: its date in Paris is that day whatever the hour of
    # the run (late in the evening, UTC minus 45 days is already the next day in summer time).
    jour = timezone.localdate() - timedelta(days=jours)
    midi = timezone.make_aware(datetime.combine(jour, time(12)))
    Candidature.objects.filter(pk=cand.pk).update(modifie_le=min(midi, timezone.now()))
    return cand


def page(client, user, cand):
    client.force_login(user)
    return texte_lu(client.get(reverse("candidatures:detail", args=[cand.pk])))


def test_a_draft_tells_the_service_to_deposit_and_what_is_missing(client, agent):
    cand = CandidatureFactory(service=agent.organisation, cree_par=agent, statut=S.BROUILLON)
    lu = page(client, agent, cand)
    assert "Prochaine étape" in lu
    assert "Déposer le dossier — à faire par le service déconcentré (DDTM de la Somme)" in lu
    assert "Il manque encore" in lu and "compléter « Stratégie et enjeux »" in lu


def test_a_deposited_file_waits_on_the_dgaln_and_says_since_when(client, agent, instructeur):
    cand = dossier(agent, S.BROUILLON)
    with timezone.override("Europe/Paris"):
        transitions.deposer(agent, cand)
    lu = page(client, agent, cand)
    assert "Prendre en charge — à faire par la DGALN (bureau AD1)" in lu
    assert "État « Déposée » depuis le" in lu and "aujourd'hui" in lu
    # The service is told what comes next, but is offered none of the DGALN's buttons.
    assert "Déclarer éligible" not in lu
    lu = page(client, instructeur, cand)
    assert "Prendre en charge" in lu


def test_once_the_file_has_an_instructeur_the_step_names_that_person(client, agent, instructeur):
    cand = dossier(agent, S.EN_INSTRUCTION, instructeur=instructeur)
    assert f"la DGALN (bureau AD1, {instructeur})" in page(client, agent, cand)


def test_an_end_state_says_what_it_means(client, agent):
    cand = dossier(agent, S.NON_ELIGIBLE)
    assert "Le dossier n'est pas éligible : il s'arrête là." in page(client, agent, cand)


def dashboard(client, user):
    client.force_login(user)
    return texte_lu(client.get(reverse("tableau_de_bord")))


def a_faire(client, user):
    """The dashboard's « À faire » part alone."""
    return dashboard(client, user).split("À faire", 1)[1].split("En attente chez les autres")[0]


def test_the_service_dashboard_lists_what_awaits_it_oldest_first(client, agent):
    recent = dossier(agent, S.BROUILLON, jours=2, titre="Quartier récent")
    ancien = dossier(agent, S.BROUILLON, jours=40, titre="Friche ancienne")
    dossier(agent, S.DEPOSEE, titre="Chez la DGALN")
    lu = a_faire(client, agent).split("Les candidatures de votre service")[0]
    assert (
        f"{ancien.titre} (DDTM de la Somme) — Déposer le dossier, en attente depuis 40 jours" in lu
    )
    assert lu.index(ancien.titre) < lu.index(recent.titre)
    assert "Chez la DGALN" not in lu


def test_the_dgaln_sees_its_own_queue_not_a_colleague_s(client, agent, instructeur):
    collegue = UserFactory(instructeur=True, email="c@dgaln.example")
    dossier(agent, S.DEPOSEE, titre="Nouveau dépôt")
    dossier(agent, S.EN_INSTRUCTION, instructeur=instructeur, titre="Le mien")
    dossier(agent, S.EN_INSTRUCTION, instructeur=collegue, titre="Celui du collègue")
    lu = a_faire(client, instructeur)
    assert "Nouveau dépôt (DDTM de la Somme) — Prendre en charge" in lu
    assert "Le mien (DDTM de la Somme) — Déclarer éligible" in lu
    assert "Celui du collègue" not in lu


def test_the_dgaln_sees_what_waits_on_the_services_for_too_long(client, agent, instructeur):
    dossier(agent, S.COMPLEMENT_DEMANDE, jours=45, titre="Complément oublié")
    dossier(agent, S.COMPLEMENT_DEMANDE, jours=3, titre="Complément récent")
    lu = dashboard(client, instructeur)
    autres = lu.split("En attente chez les autres depuis plus de 30 jours")[1]
    autres = autres.split("Candidatures")[0]
    attendu = "Complément oublié (DDTM de la Somme) — Déposer le dossier : attendu de "
    assert attendu + "le service déconcentré depuis 45 jours" in autres
    assert "Complément récent" not in autres


def test_nothing_to_do_is_said_in_words(client, agent):
    assert "Rien n'attend votre action pour l'instant." in dashboard(client, agent)
