"""The tourniquet's rule: the fixed order, skips under each setting, inactive titulaires,
and the ledger that proves the rule was followed."""

import pytest

from ateliers import transitions
from candidatures.models import StatutCandidature
from candidatures.transitions import TransitionRefusee
from marches import tourniquet
from marches.models import AccordCadre, Nature, TourDeTourniquet
from tests.factories import UserFactory
from tests.marches.rotation import attribuer, ecarter, eligible, propose

pytestmark = pytest.mark.django_db


def test_titulaires_are_served_in_the_order_of_their_rank_then_again(instructeur, accord):
    servis = [attribuer(instructeur, accord, eligible()) for _ in range(5)]
    assert servis == ["Ourcq", "Ville Ouverte", "POLAU", "Ourcq", "Ville Ouverte"]


def test_a_titulaire_set_aside_keeps_its_place_for_the_next_file(instructeur, accord):
    premier = eligible()
    assert ecarter(instructeur, accord, premier) == "Ourcq"
    assert attribuer(instructeur, accord, premier) == "Ville Ouverte"
    # Ourcq is owed its turn: it comes first, then the rotation goes on after Ville Ouverte.
    assert [attribuer(instructeur, accord, eligible()) for _ in range(4)] == [
        "Ourcq",
        "POLAU",
        "Ourcq",
        "Ville Ouverte",
    ]
    compte = {
        nom: TourDeTourniquet.objects.filter(
            titulaire__nom=nom, issue=TourDeTourniquet.Issue.ATTRIBUE
        ).count()
        for nom in ("Ourcq", "Ville Ouverte", "POLAU")
    }
    assert compte == {"Ourcq": 2, "Ville Ouverte": 2, "POLAU": 1}


def test_a_titulaire_set_aside_loses_its_turn_when_the_accord_cadre_says_so(instructeur, accord):
    AccordCadre.objects.filter(pk=accord.pk).update(
        regle_ecart=AccordCadre.RegleEcart.PERD_SON_TOUR
    )
    premier = eligible()
    assert ecarter(instructeur, accord, premier) == "Ourcq"
    assert attribuer(instructeur, accord, premier) == "Ville Ouverte"
    assert [attribuer(instructeur, accord, eligible()) for _ in range(2)] == ["POLAU", "Ourcq"]


def test_a_titulaire_owed_a_turn_and_set_aside_again_stays_owed(instructeur, accord):
    premier = eligible()
    ecarter(instructeur, accord, premier)  # Ourcq, owed
    attribuer(instructeur, accord, premier)  # Ville Ouverte
    second = eligible()
    assert ecarter(instructeur, accord, second) == "Ourcq"  # its catch-up turn, set aside
    assert attribuer(instructeur, accord, second) == "POLAU"
    assert propose(accord, eligible()).nom == "Ourcq"
    assert tourniquet.tours_dus_par_rang(accord) == {1: 1}


def test_an_inactive_titulaire_is_left_out_of_the_rotation(instructeur, accord):
    accord.titulaires.filter(nom="Ville Ouverte").update(actif=False)
    assert [attribuer(instructeur, accord, eligible()) for _ in range(3)] == [
        "Ourcq",
        "POLAU",
        "Ourcq",
    ]
    accord.titulaires.filter(nom="Ville Ouverte").update(actif=True)
    assert attribuer(instructeur, accord, eligible()) == "Ville Ouverte"


def test_when_every_titulaire_is_set_aside_nobody_is_proposed(instructeur, accord):
    cand = eligible()
    for _ in range(3):
        ecarter(instructeur, accord, cand)
    assert propose(accord, cand) is None
    with pytest.raises(TransitionRefusee, match="Tous les titulaires actifs ont été écartés"):
        transitions.attribuer(instructeur, cand, accord.titulaires.get(rang=1))
    # Another file still gets the titulaire the rule gives (the first one owed).
    assert propose(accord, eligible()).nom == "Ourcq"


def test_confirming_a_titulaire_that_is_no_longer_proposed_is_refused(instructeur, accord):
    vu = propose(accord, eligible())
    attribuer(instructeur, accord, eligible())  # a colleague took that turn meanwhile
    cand = eligible()
    with pytest.raises(tourniquet.TourniquetModifie, match="« Ville Ouverte »"):
        transitions.attribuer(instructeur, cand, vu)
    cand.refresh_from_db()
    assert cand.statut == StatutCandidature.ELIGIBLE
    assert TourDeTourniquet.objects.count() == 1


def test_the_ledger_replays_to_the_current_state(instructeur, accord):
    accord.titulaires.filter(nom="POLAU").update(actif=False)
    premier = eligible()
    ecarter(instructeur, accord, premier)
    attribuer(instructeur, accord, premier)
    accord.titulaires.filter(nom="POLAU").update(actif=True)
    for _ in range(3):
        attribuer(instructeur, accord, eligible())
    accord.refresh_from_db()
    assert tourniquet.verifier(accord) == []
    natures = list(accord.registre_tourniquet.values_list("nature", flat=True))
    assert Nature.RATTRAPAGE in natures


def test_a_ledger_line_that_does_not_follow_the_rule_is_reported(instructeur, accord):
    for _ in range(2):
        attribuer(instructeur, accord, eligible())
    # Someone rewrites history: the second atelier "went" to POLAU.
    polau = accord.titulaires.get(nom="POLAU")
    TourDeTourniquet.objects.filter(numero=2).update(titulaire=polau, rang=polau.rang)
    accord.refresh_from_db()
    anomalies = tourniquet.verifier(accord)
    assert any("Tour 2" in a and "POLAU" in a for a in anomalies)


def test_pure_rule_pays_the_oldest_debt_first():
    etat = tourniquet.Etat(pointeur=3, dus=((2, 1), (1, 2)), actifs=(1, 2, 3), ecartes=())
    assert tourniquet.proposer(etat) == (2, Nature.RATTRAPAGE)
    assert tourniquet.proposer(etat.__class__(3, ((2, 1), (1, 2)), (1, 2, 3), (2,))) == (
        1,
        Nature.RATTRAPAGE,
    )
    # Paying one of two debts sends the rest to the back of the queue.
    pointeur, dus = tourniquet.appliquer(
        tourniquet.Etat(3, ((1, 2), (2, 1)), (1, 2, 3), ()),
        1,
        Nature.RATTRAPAGE,
        TourDeTourniquet.Issue.ATTRIBUE,
        AccordCadre.RegleEcart.GARDE_SA_PLACE,
    )
    assert (pointeur, dus) == (3, ((2, 1), (1, 1)))


def test_the_ledger_page_counts_per_titulaire(client, instructeur, accord):
    from django.urls import reverse

    from commandes import transitions as commandes
    from tests.outils import texte_lu

    premier = eligible()
    ecarter(instructeur, accord, premier)  # Ourcq set aside, owed a turn
    attribuer(instructeur, accord, premier)  # Ville Ouverte
    atelier = premier.atelier
    agent = UserFactory(organisation=atelier.service_pilote)
    bon = commandes.creer(
        agent,
        atelier,
        objet="X",
        montant_ht="18000",
        engagement_juridique="2100000001",
        code_service="S",
    )
    commandes.emettre(agent, bon)
    client.force_login(instructeur)
    lu = texte_lu(client.get(reverse("commandes:accord_cadre", args=[accord.pk])))
    # rank, name, situation, ateliers attributed, times set aside, turns owed, ordered HT
    assert "1 Ourcq Actif 0 1 1 0,00 €" in lu
    assert "2 Ville Ouverte Actif — dernier servi 1 0 0 18 000,00 €" in lu
    assert "3 POLAU Actif 0 0 0 0,00 €" in lu
    assert "Registre vérifié" in lu
