"""Moving an atelier to its next phase, or closing it, asks for the actual date: the page shows
the planned dates, proposes the planned start once it has passed, and asks to confirm a date
the planning finds implausible (an animation sur site of less than a day or more than a week,
an atelier shorter than 4 months or longer than 8) before changing anything; the journal keeps
the warning."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ateliers.models import Atelier, EtapePlanning, Phase, ProgrammeSurSite
from ateliers.planning import alertes_du_changement
from commandes.models import StatutBon
from journal.models import Evenement
from livrables.models import StatutLivrable
from tests.factories import LivrableFactory
from tests.outils import texte_lu

pytestmark = pytest.mark.django_db

AUJOURDHUI = timezone.localdate()
J = datetime.timedelta


def en_phase(atelier, phase, debut_atelier, debut_phase):
    """The atelier in ``phase`` since ``debut_phase``, its cadrage begun on ``debut_atelier``,
    its programme validated."""
    ProgrammeSurSite.objects.filter(atelier=atelier).update(statut=ProgrammeSurSite.Statut.VALIDE)
    Atelier.objects.filter(pk=atelier.pk).update(phase=phase)
    atelier.planning.filter(phase=Phase.CADRAGE).update(debut_reel=debut_atelier)
    atelier.planning.filter(phase=phase).update(debut_reel=debut_phase)
    atelier.refresh_from_db()
    return atelier


def url(atelier, nom="avancer"):
    return reverse("ateliers:action", args=[atelier.pk, nom])


def poster(client, atelier, jour, nom="avancer", **autres):
    donnees = {"depuis": atelier.phase, "date": jour.isoformat(), "commentaire": ""} | autres
    return client.post(url(atelier, nom), donnees, follow=True)


def phase_de(atelier):
    atelier.refresh_from_db()
    return atelier.phase


def test_the_date_is_required(client, atelier, titulaire_user):
    en_phase(atelier, Phase.CADRAGE, AUJOURDHUI - J(30), AUJOURDHUI - J(30))
    client.force_login(titulaire_user)
    reponse = client.post(url(atelier), {"depuis": "cadrage", "date": "", "commentaire": ""})
    assert "Ce champ est obligatoire" in texte_lu(reponse)
    assert phase_de(atelier) == Phase.CADRAGE


def test_the_page_shows_the_planned_dates_and_proposes_the_planned_start_once_passed(
    client, atelier, titulaire_user
):
    debut = AUJOURDHUI - J(40)
    en_phase(atelier, Phase.CADRAGE, debut, debut)
    EtapePlanning.objects.filter(atelier=atelier, phase=Phase.CADRAGE).update(
        debut_prevu=debut, fin_prevue=AUJOURDHUI - J(11)
    )
    EtapePlanning.objects.filter(atelier=atelier, phase=Phase.ANIMATION).update(
        debut_prevu=AUJOURDHUI - J(10), fin_prevue=AUJOURDHUI - J(9)
    )
    client.force_login(titulaire_user)
    reponse = client.get(url(atelier))
    lu = texte_lu(reponse)
    assert "Passer à la phase « Animation sur site »" in lu
    assert "Phase actuelle, « Cadrage et appropriation » : prévue du" in lu
    assert "Phase suivante, « Animation sur site » : prévue du" in lu
    # Written as a date input reads it (another format shows an empty field).
    assert f'value="{(AUJOURDHUI - J(10)).isoformat()}"' in reponse.content.decode()
    # A planned start still to come is not proposed: today is.
    EtapePlanning.objects.filter(atelier=atelier, phase=Phase.ANIMATION).update(
        debut_prevu=AUJOURDHUI + J(10), fin_prevue=AUJOURDHUI + J(11)
    )
    assert client.get(url(atelier)).context["form"]["date"].value() == AUJOURDHUI


def test_an_animation_ended_the_day_it_began_is_confirmed_before_the_change(
    client, atelier, titulaire_user
):
    en_phase(atelier, Phase.ANIMATION, AUJOURDHUI - J(60), AUJOURDHUI)
    client.force_login(titulaire_user)

    lu = texte_lu(poster(client, atelier, AUJOURDHUI))
    assert "Cette date est-elle la bonne ?" in lu
    assert "se terminerait le jour même : elle dure d'ordinaire 2 à 3 jours." in lu
    assert "Je confirme cette date malgré les alertes ci-dessus" in lu
    assert phase_de(atelier) == Phase.ANIMATION  # nothing changed yet
    assert not Evenement.objects.pour(atelier).filter(action="phase").exists()

    poster(client, atelier, AUJOURDHUI, confirme="on", date_vue=AUJOURDHUI.isoformat())
    assert phase_de(atelier) == Phase.PRODUCTION
    evenement = Evenement.objects.pour(atelier).get(action="phase")
    assert "Alerte sur la date : L'animation sur site, commencée le" in evenement.commentaire


def test_a_confirmation_holds_for_the_date_that_was_read(client, atelier, titulaire_user):
    en_phase(atelier, Phase.ANIMATION, AUJOURDHUI - J(60), AUJOURDHUI - J(20))
    client.force_login(titulaire_user)
    # The box was ticked for another date: the warnings of this one are shown first.
    lu = texte_lu(
        poster(
            client,
            atelier,
            AUJOURDHUI,
            confirme="on",
            date_vue=(AUJOURDHUI - J(1)).isoformat(),
        )
    )
    assert "aurait duré 20 jours : elle dure d'ordinaire 2 à 3 jours, une semaine au plus." in lu
    assert phase_de(atelier) == Phase.ANIMATION


def test_a_plausible_date_changes_the_phase_at_once(client, atelier, titulaire_user):
    en_phase(atelier, Phase.ANIMATION, AUJOURDHUI - J(60), AUJOURDHUI - J(2))
    client.force_login(titulaire_user)
    lu = texte_lu(poster(client, atelier, AUJOURDHUI))
    assert "L'atelier est passé à la phase suivante." in lu
    assert phase_de(atelier) == Phase.PRODUCTION
    assert "Alerte" not in Evenement.objects.pour(atelier).get(action="phase").commentaire


@pytest.fixture
def pret_a_clore(atelier, agent, fabrique_bon):
    """An atelier in restitution whose livrable is validated and bon executed."""
    LivrableFactory(atelier=atelier, statut=StatutLivrable.VALIDE, cree_par=agent)
    fabrique_bon(StatutBon.EXECUTE)
    return atelier


@pytest.mark.parametrize(
    ("mois", "attendu"),
    [(1, "au bout de 1 mois"), (10, "au bout de 10 mois")],
)
def test_closing_an_atelier_too_short_or_too_long_is_confirmed(
    client, pret_a_clore, agent, mois, attendu
):
    atelier = en_phase(
        pret_a_clore, Phase.RESTITUTION, AUJOURDHUI - J(31 * mois), AUJOURDHUI - J(10)
    )
    client.force_login(agent)
    lu = texte_lu(client.get(url(atelier, "cloturer")))
    assert "Date de clôture" in lu and "un Atelier Flash dure de 4 à 8 mois" in lu
    lu = texte_lu(poster(client, atelier, AUJOURDHUI, "cloturer"))
    assert f"serait clôturé le {AUJOURDHUI.day}" in lu
    assert f"{attendu} : un Atelier Flash dure de 4 à 8 mois." in lu
    assert phase_de(atelier) == Phase.RESTITUTION
    poster(client, atelier, AUJOURDHUI, "cloturer", confirme="on", date_vue=AUJOURDHUI.isoformat())
    assert phase_de(atelier) == Phase.CLOTURE
    assert "Alerte sur la date" in Evenement.objects.pour(atelier).get(action="cloture").commentaire


# -- The rule itself, without a database -----------------------------------------------------

D = datetime.date


def lignes(animation=None):
    etapes = {p: EtapePlanning(phase=p) for p in (Phase.CADRAGE, Phase.ANIMATION)}
    etapes[Phase.ANIMATION].debut_reel = animation
    return etapes


def test_an_animation_of_two_days_in_an_atelier_of_five_months_raises_nothing():
    assert (
        alertes_du_changement(
            Phase.ANIMATION, D(2027, 3, 12), lignes(D(2027, 3, 10)), D(2027, 1, 4)
        )
        == []
    )
    assert alertes_du_changement(Phase.RESTITUTION, D(2027, 6, 4), lignes(), D(2027, 1, 4)) == []


def test_an_atelier_past_eight_months_is_flagged_at_any_change():
    assert alertes_du_changement(Phase.PRODUCTION, D(2027, 9, 10), lignes(), D(2027, 1, 4)) == [
        "L'atelier, commencé le 4 janvier 2027, dure déjà plus de 8 mois au 10 septembre 2027 : "
        "un Atelier Flash dure de 4 à 8 mois."
    ]


def test_a_closure_the_day_the_atelier_began_says_so():
    assert alertes_du_changement(Phase.RESTITUTION, D(2027, 1, 4), lignes(), D(2027, 1, 4)) == [
        "L'atelier, commencé le 4 janvier 2027, serait clôturé le 4 janvier 2027, le jour "
        "même : un Atelier Flash dure de 4 à 8 mois."
    ]
