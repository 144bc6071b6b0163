"""The late invoices on the DGALN's dashboard: unpaid past their deadline, and paid late this
year with the interest and indemnity the State owes, built through the real transitions."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from commandes import transitions
from commandes.models import Facture, TauxBCE
from pilotage import indicateurs
from tests.commandes.conftest import creer_agent, creer_atelier, creer_titulaire_user
from tests.commandes.facturation import facture as enregistrer_facture
from tests.factories import UserFactory
from tests.outils import texte_lu

pytestmark = pytest.mark.django_db

J = datetime.date
AUJOURD_HUI = J(2026, 6, 30)


@pytest.fixture(autouse=True)
def au_30_juin_2026():
    with time_machine.travel(datetime.datetime(2026, 6, 30, 10, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def retards(db):
    """One invoice unpaid 20 days past its deadline, one paid 20 days late in 2026, one paid
    late in 2025, one paid on time and one received a week ago."""
    TauxBCE.objects.create(semestre=J(2025, 1, 1), taux=Decimal("3.15"))
    TauxBCE.objects.create(semestre=J(2026, 1, 1), taux=Decimal("2.15"))
    atelier = creer_atelier()
    agent, titulaire = creer_agent(atelier), creer_titulaire_user(atelier)

    def bon(service_fait):
        b = transitions.creer(
            agent,
            atelier,
            objet="Atelier",
            montant_ht="20000.00",
            taux_tva=Decimal("20"),
            engagement_juridique="2100012345",
            code_service="DDT80-SA",
        )
        transitions.emettre(agent, b, J(2025, 3, 1))
        transitions.notifier_titulaire(agent, b, J(2025, 3, 2))
        return transitions.attester_service_fait(agent, b, service_fait, "Livrables reçus")

    def facture(b, recue_le, numero, accepte=None, paye=None, ht="5000.00"):
        return enregistrer_facture(
            titulaire,
            b,
            ht,
            recue_le=recue_le,
            numero=numero,
            reference_chorus="CPP-1",
            agent=agent,
            accepte=accepte,
            paye=paye,
        )

    ancien, recent = bon(J(2025, 4, 1)), bon(J(2026, 3, 1))
    facture(ancien, J(2025, 4, 2), "F-2025", J(2025, 4, 3), J(2025, 6, 1))  # late, in 2025
    facture(recent, J(2026, 5, 1), "F-IMPAYEE", J(2026, 5, 2))  # due 31 May: 30 days late
    # 12 000 € TTC due 31 March, paid 20 April: 12 000 × 10.15 % × 20 / 365 = 66.74 €.
    facture(recent, J(2026, 3, 1), "F-TARDIVE", J(2026, 3, 2), J(2026, 4, 20), ht="10000.00")
    facture(recent, J(2026, 3, 2), "F-A-TEMPS", J(2026, 3, 3), J(2026, 3, 20), ht="1000.00")
    facture(recent, J(2026, 6, 23), "F-RECENTE", ht="1000.00")
    return atelier


def test_late_invoices_unpaid_and_paid_late_this_year(retards):
    lus = indicateurs.factures_en_retard(AUJOURD_HUI)
    (impayee,) = lus["impayees"]
    assert (impayee.facture.numero, impayee.retard.jours) == ("F-IMPAYEE", 30)
    (payee,) = lus["payees"]  # F-2025 was paid late, but not this year
    assert payee.facture.numero == "F-TARDIVE"
    assert (payee.retard.jours, payee.retard.interets) == (20, Decimal("66.74"))
    assert lus["du"] == Decimal("106.74")  # the interest and the 40 € indemnity
    assert lus["sans_taux"] == 0


def test_the_dashboard_lists_them(client, retards):
    client.force_login(UserFactory(instructeur=True))
    page = texte_lu(client.get(reverse("pilotage:tableau")))
    assert "1 facture en retard de paiement" in page
    assert "Facture F-IMPAYEE" in page
    assert "1 facture payée en retard en 2026" in page
    assert "Facture F-TARDIVE" in page
    assert "F-A-TEMPS" not in page and "F-RECENTE" not in page
    assert Facture.objects.count() == 5
