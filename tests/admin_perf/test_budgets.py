"""The changelists of the Django admin the DGALN uses most run as many queries for 4 rows as for
40: no column, name or filter of the list reads the database once per row (issue 29)."""

import datetime
import itertools
import zoneinfo

import pytest
import time_machine
from django.contrib.admin.templatetags.admin_list import date_hierarchy
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commandes.models import BonDeCommande
from comptes.models import Role, User
from journal.models import Evenement, enregistrer
from tests.factories import (
    AtelierFactory,
    CandidatureFactory,
    CommuneFactory,
    LivrableFactory,
    ServiceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
_numeros = itertools.count(1)
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture
def administrateur(client):
    personne = UserFactory(administrateur=True)
    client.force_login(personne)
    return personne


def _candidatures(n):
    for _ in range(n):
        CandidatureFactory(instructeur=UserFactory(instructeur=True))


def _ateliers(n):
    for _ in range(n):
        AtelierFactory()


def _bons(n):
    for _ in range(n):
        _bon()


def _organisations(n):
    for _ in range(n):
        ServiceFactory()


def _comptes(n):
    for _ in range(n):
        UserFactory()


def _bon():
    atelier = AtelierFactory()
    return BonDeCommande.objects.create(
        atelier=atelier,
        ordre=1,
        numero=f"BC-{next(_numeros)}",
        objet="Un bon",
        montant_ht="1000.00",
        taux_tva="20.00",
        cree_par=atelier.candidature.cree_par,
    )


def _communes(n):
    for _ in range(n):
        CommuneFactory()


def _evenements(n):
    """Events about as many records, of each kind the list names in turn, by a few people."""
    acteurs = list(User.objects.filter(role=Role.AGENT)[:3]) or [UserFactory() for _ in range(3)]
    for i in range(n):
        objet = (CandidatureFactory, AtelierFactory, LivrableFactory, _bon)[i % 4]()
        enregistrer(objet, acteurs[i % 3], "essai", f"Événement {i}")


LISTES = {
    "candidatures/candidature": _candidatures,
    "ateliers/atelier": _ateliers,
    "commandes/bondecommande": _bons,
    "comptes/organisation": _organisations,
    "comptes/user": _comptes,
    "journal/evenement": _evenements,
    "referentiels/commune": _communes,
}


def _requetes(client, url):
    with CaptureQueriesContext(connection) as requetes:
        reponse = client.get(url)
    assert reponse.status_code == 200
    return reponse, [q["sql"] for q in requetes]


@pytest.mark.parametrize("chemin", LISTES)
def test_a_changelist_runs_as_many_queries_for_40_rows_as_for_4(client, administrateur, chemin):
    url = f"/admin/{chemin}/"
    LISTES[chemin](4)  # the journal: one event about each kind of record
    client.get(url)  # what a first request reads once (content types…)
    _, peu = _requetes(client, url)
    LISTES[chemin](36)
    reponse, beaucoup = _requetes(client, url)
    assert len(reponse.context["cl"].result_list) >= 40
    assert len(beaucoup) == len(peu), beaucoup


def test_the_journal_names_each_record_and_its_kind(client, administrateur):
    _evenements(4)
    reponse, _ = _requetes(client, "/admin/journal/evenement/")
    page = reponse.content.decode()
    for evenement in Evenement.objects.all():
        assert f"{evenement.content_type.name} : {evenement.objet}" in page
    assert page.count("atelier : Atelier — Candidature ") == 1


def test_the_journal_lists_the_years_it_spans_as_django_would(client, administrateur):
    candidature = CandidatureFactory()
    # Three years, the middle one without an event; the first event is of 2021 in Paris only.
    for annee in (2021, 2023, 2023):
        with time_machine.travel(datetime.datetime(annee, 1, 1, 0, 30, tzinfo=PARIS), tick=False):
            enregistrer(candidature, administrateur, "essai", f"En {annee}")
    reponse, _ = _requetes(client, "/admin/journal/evenement/")
    annees = [c["title"] for c in reponse.context["annees_du_journal"]["choices"]]
    assert annees == ["2021", "2023"]
    assert annees == [c["title"] for c in date_hierarchy(reponse.context["cl"])["choices"]]
    assert 'href="?date__year=2021"' in reponse.content.decode()


def test_within_one_year_the_journal_lists_its_months_as_django_does(client, administrateur):
    candidature = CandidatureFactory()
    for mois in (3, 5):
        with time_machine.travel(datetime.datetime(2024, mois, 2, tzinfo=PARIS), tick=False):
            enregistrer(candidature, administrateur, "essai", f"En {mois}")
    reponse, _ = _requetes(client, "/admin/journal/evenement/")
    assert reponse.context["annees_du_journal"] is None
    assert 'href="?date__month=3&amp;date__year=2024"' in reponse.content.decode()


def test_the_values_of_a_whole_column_are_read_once_for_its_filter(client, administrateur):
    CandidatureFactory(annee=2025)
    CandidatureFactory(annee=2026)
    premiere, requetes = _requetes(client, "/admin/candidatures/candidature/")
    assert any("DISTINCT" in q for q in requetes)
    seconde, requetes = _requetes(client, "/admin/candidatures/candidature/")
    assert not any("DISTINCT" in q for q in requetes)
    for page in (premiere, seconde):
        assert 'href="?annee=2025"' in page.content.decode()
        assert 'href="?annee=2026"' in page.content.decode()


@pytest.mark.parametrize("chemin", LISTES)
def test_the_rows_are_written_as_django_writes_them(client, administrateur, chemin):
    from django.contrib.admin.templatetags.admin_list import items_for_result

    LISTES[chemin](4)
    UserFactory(is_active=False)  # a « no » among the accounts' « yes »
    reponse, _ = _requetes(client, f"/admin/{chemin}/?o=-1")
    cl = reponse.context["cl"]
    lignes = cl.lignes_legeres["results"]
    assert len(lignes) == len(cl.result_list) > 0
    for ligne, obj in zip(lignes, cl.result_list, strict=True):
        assert ligne == ["".join(items_for_result(cl, obj, None))]
