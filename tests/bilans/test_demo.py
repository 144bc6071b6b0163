"""The demo's bilans of a closed atelier (``demo.bilans.charger_bilans_demo``), which the demo
calls with the closed atelier of the site Sueur and its collectivité member."""

import datetime

from bilans.models import Bilan, DemandeDeSuites, Suite
from demo.bilans import charger_bilans_demo

from .conftest import clore


def test_the_demo_gives_a_closed_atelier_both_bilans_and_a_follow_up(atelier, agent, membre):
    clore(atelier, datetime.date(2024, 3, 29))

    charger_bilans_demo(atelier, membre)
    charger_bilans_demo(atelier, membre)  # loaded twice: nothing more

    assert {(b.cote, b.auteur) for b in Bilan.objects.all()} == {
        ("service", Bilan.objects.get(cote="service").auteur),
        ("collectivite", membre),
    }
    assert Bilan.objects.get(cote="service").auteur.organisation == atelier.service_pilote
    suite = Suite.objects.get()
    assert (suite.auteur, suite.programme.libelle) == (membre, "Petites villes de demain")
    assert list(DemandeDeSuites.objects.values_list("mois", flat=True)) == [6]
