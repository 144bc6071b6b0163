"""The pilotage's synthesis of the bilans and follow-ups, computed from the data, and pages
whose number of queries does not grow with the bilans and follow-ups."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bilans.indicateurs import suites_a_douze_mois, synthese_des_bilans
from bilans.models import Bilan, Cote, Nature, Suite
from tests.factories import AtelierFactory, UserFactory
from tests.outils import texte_lu

from .conftest import clore

AUJOURDHUI = datetime.date(2026, 6, 1)


def _bilan(atelier, cote, cadrage, recommande, repondu=True):
    return Bilan.objects.create(
        atelier=atelier,
        cote=cote,
        utilite_cadrage=cadrage,
        recommande=recommande,
        repondu_le=timezone.now() if repondu else None,
    )


def _suite(atelier, nature):
    return Suite.objects.create(
        atelier=atelier, nature=nature, date=datetime.date(2025, 3, 1), texte="Une suite"
    )


def _programme():
    """Four closed ateliers (three over 12 months ago) and one open; bilans and follow-ups."""
    vieux = [clore(AtelierFactory(), datetime.date(2025, 1, 10)) for _ in range(3)]
    recent = clore(AtelierFactory(), datetime.date(2026, 3, 1))
    ouvert = AtelierFactory()
    _bilan(vieux[0], Cote.SERVICE, "tres_utile", True)
    _bilan(vieux[0], Cote.COLLECTIVITE, "tres_utile", True)
    _bilan(vieux[1], Cote.SERVICE, "peu_utile", False)
    _bilan(recent, Cote.SERVICE, "utile", True)
    _bilan(vieux[2], Cote.SERVICE, "pas_utile", False, repondu=False)  # asked, not answered
    _bilan(ouvert, Cote.SERVICE, "pas_utile", False)  # not closed: not counted
    _suite(vieux[0], Nature.PLU)
    _suite(vieux[0], Nature.FINANCEMENT)
    _suite(vieux[1], Nature.RIEN)  # not a follow-up
    _suite(recent, Nature.ETUDE)  # closed less than 12 months ago
    return vieux, recent


def test_the_synthesis_counts_each_answer_and_who_would_recommend(db):
    _programme()

    synthese = synthese_des_bilans()

    assert synthese["total"] == 4
    assert synthese["par_cote"] == [("Collectivité", 1), ("Service pilote", 3)]
    assert (synthese["recommandent"], synthese["part_recommandent"]) == (3, 75)
    cadrage = synthese["questions"][0]
    assert cadrage["libelle"] == "Utilité du cadrage et de l'appropriation"
    assert cadrage["repartition"] == [
        ("Très utile", 2, 50),
        ("Utile", 1, 25),
        ("Peu utile", 1, 25),
        ("Pas utile", 0, 0),
    ]


def test_the_share_of_ateliers_with_a_follow_up_at_12_months_and_the_kinds(db):
    _programme()

    suites = suites_a_douze_mois(AUJOURDHUI)

    # Three ateliers closed 12 months ago or more; one has a follow-up (« rien » is none).
    assert (suites["ateliers"], suites["avec_suite"], suites["part"]) == (3, 1, 33)
    par_nature = dict(suites["par_nature"])
    assert par_nature["PLU ou PLUi modifié ou révisé"] == 1
    assert par_nature["Financement obtenu"] == 1
    assert par_nature["Étude lancée"] == 1
    assert par_nature["Rien pour l'instant"] == 1
    assert par_nature["SCoT modifié ou révisé"] == 0


def test_the_pilotage_shows_the_synthesis(client, db):
    _programme()
    client.force_login(UserFactory(instructeur=True))

    page = texte_lu(client.get(reverse("pilotage:tableau")))

    assert "Bilans des ateliers et suites" in page
    assert "75 % recommanderaient un Atelier Flash à un autre territoire (3 sur 4)" in page
    assert "Très utile : 2 (50 %)" in page


def _requetes(client, adresse):
    with CaptureQueriesContext(connection) as requetes:
        assert client.get(adresse).status_code == 200
    return len(requetes)


def test_the_atelier_page_and_the_pilotage_cost_the_same_with_more_bilans_and_follow_ups(
    client, atelier, agent, membre
):
    clore(atelier)
    _bilan(atelier, Cote.SERVICE, "utile", True).__class__.objects.filter(atelier=atelier).update(
        auteur=agent
    )
    _suite(atelier, Nature.PLU)
    instructeur = UserFactory(instructeur=True)
    client.force_login(instructeur)
    page = reverse("ateliers:detail", args=[atelier.pk])
    pilotage = reverse("pilotage:tableau")
    _requetes(client, page)
    avant = (_requetes(client, page), _requetes(client, pilotage))

    Bilan.objects.create(
        atelier=atelier, cote=Cote.COLLECTIVITE, repondu_le=timezone.now(), auteur=membre
    )
    for nature in (Nature.ETUDE, Nature.TRAVAUX, Nature.FINANCEMENT):
        Suite.objects.create(
            atelier=atelier, nature=nature, date=AUJOURDHUI, texte="Encore", auteur=membre
        )
    autre = clore(AtelierFactory(), datetime.date(2024, 1, 1))
    _bilan(autre, Cote.SERVICE, "utile", True)
    _suite(autre, Nature.OAP)

    assert (_requetes(client, page), _requetes(client, pilotage)) == avant
