"""The administrators' decisions on the tourniquet: changing the order or setting a titulaire
aside, with a reason, once the rotation has served — replayed by the ledger's check, written
to the journal, told to the people concerned; an order changed any other way is reported."""

import pytest

from journal.models import Evenement
from journal.transitions import TransitionRefusee
from marches import tourniquet
from marches.decisions import modifier_tourniquet
from marches.models import DecisionTourniquet
from notifications.models import Notification
from notifications.sujets import Sujet
from tests.factories import MembreFactory, UserFactory
from tests.marches.rotation import attribuer, ecarter, eligible

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrateur():
    return UserFactory(administrateur=True)


def titulaires(accord):
    return {t.nom: t for t in accord.titulaires.all()}


def choix(accord, **par_nom):
    """Every titulaire as it is, except ``nom=(rang, actif)``."""
    courant = {t.nom: (t.rang, t.actif) for t in accord.titulaires.all()}
    courant |= {nom.replace("_", " "): v for nom, v in par_nom.items()}
    return {titulaires(accord)[nom].pk: v for nom, v in courant.items()}


def test_a_new_order_goes_on_after_the_titulaire_served_last(instructeur, administrateur, accord):
    attribuer(instructeur, accord, eligible())  # Ourcq, rank 1, served last
    # New order: POLAU 1, Ourcq 2, Ville Ouverte 3.
    modifier_tourniquet(
        administrateur,
        accord,
        choix(accord, POLAU=(1, True), Ourcq=(2, True), Ville_Ouverte=(3, True)),
        "Ordre du marché subséquent 2027 notifié aux titulaires.",
    )
    accord.refresh_from_db()
    assert accord.rang_dernier_servi == 2  # Ourcq's new rank
    servis = [attribuer(instructeur, accord, eligible()) for _ in range(3)]
    assert servis == ["Ville Ouverte", "POLAU", "Ourcq"]
    accord.refresh_from_db()
    assert tourniquet.verifier(accord) == []


def test_a_titulaire_set_aside_is_passed_over_until_it_is_brought_back(
    instructeur, administrateur, accord
):
    attribuer(instructeur, accord, eligible())  # Ourcq
    modifier_tourniquet(
        administrateur,
        accord,
        choix(accord, Ville_Ouverte=(2, False)),
        "Redressement judiciaire du mandataire.",
    )
    assert [attribuer(instructeur, accord, eligible()) for _ in range(2)] == ["POLAU", "Ourcq"]
    modifier_tourniquet(
        administrateur, accord, choix(accord, Ville_Ouverte=(2, True)), "Plan de continuation."
    )
    assert attribuer(instructeur, accord, eligible()) == "Ville Ouverte"
    accord.refresh_from_db()
    assert tourniquet.verifier(accord) == []
    assert list(
        DecisionTourniquet.objects.order_by("date").values_list("libelle", "apres_tour")
    ) == [
        ("« Ville Ouverte » mis à l’écart du tourniquet", 1),
        ("« Ville Ouverte » réintégré dans le tourniquet", 3),
    ]


def test_a_turn_owed_follows_its_titulaire_to_its_new_rank(instructeur, administrateur, accord):
    cand = eligible()
    ecarter(instructeur, accord, cand)  # Ourcq declines: owed a turn
    attribuer(instructeur, accord, cand)  # Ville Ouverte
    modifier_tourniquet(
        administrateur,
        accord,
        choix(accord, Ourcq=(3, True), POLAU=(1, True)),
        "Ordre révisé par avenant n° 2.",
    )
    accord.refresh_from_db()
    assert accord.tours_dus == [[3, 1]]
    assert attribuer(instructeur, accord, eligible()) == "Ourcq"  # its catch-up turn
    accord.refresh_from_db()
    assert tourniquet.verifier(accord) == []


def test_the_decision_is_journalled_and_told_to_the_dgaln_and_the_groupements_concerned(
    instructeur, administrateur, accord
):
    polau = MembreFactory(titulaire=accord.titulaires.get(nom="POLAU"))
    equipe_polau = UserFactory(prestataire=True, organisation=polau.organisation)
    ourcq = MembreFactory(titulaire=accord.titulaires.get(nom="Ourcq"))
    equipe_ourcq = UserFactory(prestataire=True, organisation=ourcq.organisation)
    attribuer(instructeur, accord, eligible())

    modifier_tourniquet(
        administrateur, accord, choix(accord, POLAU=(3, False)), "Sous-traitant défaillant."
    )

    evenement = Evenement.objects.get(action="tourniquet_decision")
    assert evenement.objet == accord
    assert evenement.acteur == administrateur
    assert evenement.libelle == "« POLAU » mis à l’écart du tourniquet"
    assert evenement.commentaire == "Motif : Sous-traitant défaillant."
    recus = set(
        Notification.objects.filter(evenement=Sujet.TOURNIQUET).values_list(
            "destinataire", flat=True
        )
    )
    assert instructeur.pk in recus and equipe_polau.pk in recus
    assert equipe_ourcq.pk not in recus  # its rank and situation did not change
    assert administrateur.pk not in recus  # the author


@pytest.mark.parametrize(
    ("par_nom", "motif", "message"),
    [
        ({"POLAU": (3, False)}, "  ", "Indiquez le motif"),
        ({"POLAU": (1, True)}, "Erreur", r"même rang \(rang 1\)"),
        ({}, "Rien", "Rien n'a changé"),
        ({"POLAU": (0, True)}, "Zéro", "entier à partir de 1"),
    ],
)
def test_a_decision_without_reason_or_with_a_broken_order_changes_nothing(
    instructeur, administrateur, accord, par_nom, motif, message
):
    attribuer(instructeur, accord, eligible())
    with pytest.raises(TransitionRefusee, match=message):
        modifier_tourniquet(administrateur, accord, choix(accord, **par_nom), motif)
    assert not DecisionTourniquet.objects.exists()
    assert [t.nom for t in accord.titulaires.order_by("rang")] == [
        "Ourcq",
        "Ville Ouverte",
        "POLAU",
    ]


def test_only_an_administrator_decides(instructeur, accord):
    with pytest.raises(TransitionRefusee, match="Seul un administrateur"):
        modifier_tourniquet(instructeur, accord, choix(accord, POLAU=(3, False)), "Motif")


def test_an_order_changed_without_a_decision_is_reported(instructeur, accord):
    for _ in range(2):
        attribuer(instructeur, accord, eligible())
    # Ville Ouverte moved from rank 2 to 5 behind the ledger's back.
    accord.titulaires.filter(nom="Ville Ouverte").update(rang=5)
    accord.refresh_from_db()
    assert "« Ville Ouverte » est passé du rang 2 au rang 5 sans décision motivée." in (
        tourniquet.verifier(accord)
    )
    assert attribuer(instructeur, accord, eligible()) == "POLAU"
    assert attribuer(instructeur, accord, eligible()) == "Ville Ouverte"  # at rank 5
    accord.refresh_from_db()
    anomalies = tourniquet.verifier(accord)
    assert any(
        "Tour 4 : « Ville Ouverte » est proposé au rang 5, qui n'est pas le sien" in a
        for a in anomalies
    )


def test_the_dgaln_reads_the_decision_beside_the_ledger_it_keeps_verified(
    client, instructeur, administrateur, accord
):
    from django.urls import reverse

    from tests.outils import texte_lu

    attribuer(instructeur, accord, eligible())
    modifier_tourniquet(
        administrateur, accord, choix(accord, POLAU=(3, False)), "Équipe indisponible."
    )
    client.force_login(instructeur)
    page = texte_lu(client.get(reverse("commandes:accord_cadre", args=[accord.pk])))
    assert "3 POLAU Mis à l'écart" in page
    assert "n° 1 « POLAU » mis à l’écart du tourniquet Équipe indisponible." in page
    assert "Registre vérifié" in page
