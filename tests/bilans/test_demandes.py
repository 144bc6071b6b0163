"""Who is asked for the bilan and for « Et après ? », when, and only once."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from ateliers import cloture, transitions
from ateliers.models import Atelier, Phase
from bilans import demandes
from bilans.models import Bilan, Cote, DemandeDeSuites
from bilans.tasks import relancer_et_demander
from notifications.models import Notification, Preference
from notifications.sujets import Mode, Sujet
from tests.factories import CandidatureFactory, UserFactory

from .conftest import clore


def _fermer_par_le_service(agent, atelier, monkeypatch):
    """The real closure (its livrables and bons are the concern of tests/ateliers)."""
    monkeypatch.setattr(cloture, "_CONDITIONS", {})
    Atelier.objects.filter(pk=atelier.pk).update(phase=Phase.RESTITUTION)
    atelier.refresh_from_db()
    transitions.cloturer(agent, atelier)


def _notifies(sujet):
    return set(
        Notification.objects.filter(evenement=sujet).values_list("destinataire__email", flat=True)
    )


def test_closing_asks_the_collectivite_and_the_service_each_by_email_as_they_chose(
    agent, atelier, membre, monkeypatch, django_capture_on_commit_callbacks
):
    collegue = UserFactory(organisation=atelier.service_pilote, email="collegue@ddt.example")
    Preference.objects.create(personne=collegue, evenement=Sujet.BILAN, mode=Mode.PORTAIL)

    with django_capture_on_commit_callbacks(execute=True):
        _fermer_par_le_service(agent, atelier, monkeypatch)

    # Every agent of the service, the one who closed too: the bilan is the service's.
    agents = {a.email for a in demandes.agents_du_service_pilote(atelier)}
    assert {agent.email, collegue.email} <= agents
    assert _notifies(Sujet.BILAN) == agents | {membre.email}
    assert set(Bilan.objects.filter(atelier=atelier).values_list("cote", flat=True)) == {
        Cote.COLLECTIVITE,
        Cote.SERVICE,
    }
    envoyes = {m.to[0] for m in mail.outbox if "bilan" in m.subject.lower()}
    # The colleague chose the portal only.
    assert envoyes == agents - {collegue.email} | {membre.email}
    courriel = next(m for m in mail.outbox if m.to == [membre.email])
    assert "Centre de Péronne" in courriel.subject
    assert f"/bilans/atelier/{atelier.pk}/bilan/" in courriel.body


def test_without_a_collectivite_member_only_the_service_is_asked(agent, atelier, monkeypatch):
    _fermer_par_le_service(agent, atelier, monkeypatch)

    assert agent.email in _notifies(Sujet.BILAN)
    assert not Notification.objects.filter(destinataire__role="collectivite").exists()
    assert list(Bilan.objects.values_list("cote", flat=True)) == [Cote.SERVICE]


def test_a_refused_closure_asks_nobody(agent, atelier, membre, titulaire_user, monkeypatch):
    monkeypatch.setattr(cloture, "_CONDITIONS", {})
    Atelier.objects.filter(pk=atelier.pk).update(phase=Phase.RESTITUTION)
    with pytest.raises(Exception, match="Seul le service pilote"):
        transitions.cloturer(titulaire_user, atelier)
    assert not Bilan.objects.exists()
    assert not Notification.objects.filter(evenement=Sujet.BILAN).exists()


def test_a_side_that_has_not_answered_is_reminded_once_after_two_weeks(
    agent, atelier, membre, monkeypatch
):
    _fermer_par_le_service(agent, atelier, monkeypatch)
    Bilan.objects.filter(cote=Cote.SERVICE).update(repondu_le=timezone.now(), auteur=agent)

    assert demandes.relancer_bilans(timezone.now() + datetime.timedelta(days=13)) == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(days=14, minutes=1)):
        assert relancer_et_demander()["relances"] == 1
        assert relancer_et_demander()["relances"] == 0
    rappels = Notification.objects.filter(titre__startswith="Rappel")
    assert [n.destinataire for n in rappels] == [membre]
    assert "clôturé depuis le" in rappels.get().texte
    assert Bilan.objects.get(cote=Cote.COLLECTIVITE).relance_le is not None


def test_follow_ups_are_asked_at_6_and_12_months_once_each(agent, atelier, membre):
    clore(atelier, datetime.date(2025, 1, 31))

    assert demandes.demander_suites(datetime.date(2025, 7, 30)) == []
    assert demandes.demander_suites(datetime.date(2025, 7, 31)) == [(atelier, 6)]
    assert demandes.demander_suites(datetime.date(2025, 8, 1)) == []
    assert demandes.demander_suites(datetime.date(2026, 1, 31)) == [(atelier, 12)]
    assert demandes.demander_suites(datetime.date(2026, 6, 1)) == []

    demandes_faites = Notification.objects.filter(evenement=Sujet.SUITES)
    assert [n.destinataire for n in demandes_faites] == [membre, membre]
    assert "depuis 6 mois" in demandes_faites.order_by("pk").first().texte
    assert demandes_faites.first().lien == f"/ateliers/{atelier.pk}/#et-apres"
    assert list(DemandeDeSuites.objects.values_list("mois", flat=True)) == [6, 12]


def test_without_a_collectivite_member_the_service_is_asked_for_the_follow_ups(agent, atelier):
    clore(atelier, datetime.date(2025, 1, 15))

    demandes.demander_suites(datetime.date(2025, 8, 1))

    assert _notifies(Sujet.SUITES) == {a.email for a in demandes.agents_du_service_pilote(atelier)}
    assert agent.email in _notifies(Sujet.SUITES)


def test_an_atelier_first_seen_past_12_months_is_asked_once_and_history_never(agent, atelier):
    clore(atelier, datetime.date(2024, 1, 15))
    historique = clore(
        Atelier.objects.create(
            candidature=CandidatureFactory(service=atelier.service_pilote),
            accord_cadre=atelier.accord_cadre,
            titulaire=atelier.titulaire,
            service_pilote=atelier.service_pilote,
            historique=True,
        ),
        datetime.date(2020, 6, 1),
    )

    faites = demandes.demander_suites(datetime.date(2025, 8, 1))

    assert faites == [(atelier, 12)]
    assert not DemandeDeSuites.objects.filter(atelier=historique).exists()
