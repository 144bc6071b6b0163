"""The planning's warnings: 4 to 8 months, late phases (pure rule, no database)."""

import datetime

from ateliers.models import EtapePlanning, Phase
from ateliers.planning import ajouter_mois, alertes

J = datetime.date


def etapes(*periodes, reels=()):
    """Planning lines for the four phases from (début, fin) pairs and (début, fin) actuals."""
    lignes = []
    for i, phase in enumerate(
        (Phase.CADRAGE, Phase.ANIMATION, Phase.PRODUCTION, Phase.RESTITUTION)
    ):
        debut, fin = periodes[i] if i < len(periodes) else (None, None)
        # The cadrage starts at the attribution: it always has an actual start.
        reel = reels[i] if i < len(reels) else ((debut, None) if i == 0 else (None, None))
        lignes.append(
            EtapePlanning(
                phase=phase,
                debut_prevu=debut,
                fin_prevue=fin,
                debut_reel=reel[0],
                fin_reelle=reel[1],
            )
        )
    return lignes


def messages(phase, lignes, jour):
    return [a.message for a in alertes(phase, lignes, jour)]


def test_adding_months_keeps_the_end_of_month():
    assert ajouter_mois(J(2027, 1, 31), 1) == J(2027, 2, 28)
    assert ajouter_mois(J(2027, 8, 15), 8) == J(2028, 4, 15)


def test_planning_past_eight_months_is_flagged():
    lignes = etapes(
        (J(2027, 1, 4), J(2027, 3, 1)),
        (J(2027, 3, 10), J(2027, 3, 11)),
        (J(2027, 3, 15), J(2027, 7, 1)),
        (J(2027, 7, 5), J(2027, 9, 20)),
    )
    assert messages(Phase.CADRAGE, lignes, J(2027, 1, 5)) == [
        "Le planning court du 04/01/2027 au 20/09/2027 : il dépasse les 8 mois qu'un Atelier "
        "Flash doit durer au plus."
    ]


def test_planning_of_six_months_raises_nothing_and_one_of_three_is_flagged_short():
    six = etapes(
        (J(2027, 1, 4), J(2027, 3, 1)),
        (J(2027, 3, 10), J(2027, 3, 11)),
        (J(2027, 3, 15), J(2027, 6, 1)),
        (J(2027, 6, 5), J(2027, 7, 4)),
    )
    assert messages(Phase.CADRAGE, six, J(2027, 1, 5)) == []
    trois = etapes(
        (J(2027, 1, 4), J(2027, 2, 1)),
        (J(2027, 2, 10), J(2027, 2, 11)),
        (J(2027, 2, 15), J(2027, 3, 1)),
        (J(2027, 3, 5), J(2027, 4, 1)),
    )
    assert "moins des 4 mois" in messages(Phase.CADRAGE, trois, J(2027, 1, 5))[0]


def test_phase_not_ended_after_its_planned_end_is_late():
    lignes = etapes(
        (J(2027, 1, 4), J(2027, 3, 1)),
        (J(2027, 3, 10), J(2027, 3, 11)),
        (J(2027, 3, 15), J(2027, 6, 1)),
        (J(2027, 6, 5), J(2027, 7, 4)),
        reels=((J(2027, 1, 4), None),),
    )
    assert messages(Phase.CADRAGE, lignes, J(2027, 3, 2)) == [
        "La phase « Cadrage et appropriation » devait se terminer le 01/03/2027."
    ]
    # Ended on time, and the animation starts on its date: nothing to say.
    lignes[0].fin_reelle = J(2027, 3, 1)
    lignes[1].debut_reel = J(2027, 3, 10)
    assert messages(Phase.ANIMATION, lignes, J(2027, 3, 10)) == []


def test_phase_not_started_after_its_planned_start_is_late():
    lignes = etapes(
        (J(2027, 1, 4), J(2027, 3, 1)),
        (J(2027, 3, 10), J(2027, 3, 11)),
        reels=((J(2027, 1, 4), J(2027, 3, 1)),),
    )
    assert messages(Phase.ANIMATION, lignes, J(2027, 3, 11)) == [
        "La phase « Animation sur site » devait commencer le 10/03/2027."
    ]


def test_closed_atelier_has_no_warning():
    lignes = etapes((J(2020, 1, 4), J(2021, 3, 1)))
    assert messages(Phase.CLOTURE, lignes, J(2027, 1, 1)) == []


def test_atelier_page_shows_the_warnings(client, agent, atelier):
    from django.urls import reverse

    from ateliers import transitions
    from tests.outils import texte_lu

    debut = atelier.cree_le.date()
    transitions.planifier(
        agent,
        atelier,
        {
            Phase.CADRAGE: (debut, debut + datetime.timedelta(days=60)),
            Phase.RESTITUTION: (
                debut + datetime.timedelta(days=200),
                debut + datetime.timedelta(days=300),
            ),
        },
    )
    client.force_login(agent)
    page = texte_lu(client.get(reverse("ateliers:detail", args=[atelier.pk])))
    assert "Planning à surveiller" in page
    assert "il dépasse les 8 mois" in page
