"""Bons emitted or created at the same moment: never past the maximum, never one number twice."""

import threading
import time
from decimal import Decimal

import pytest
from django.db import connection

from commandes import transitions
from commandes.models import BonDeCommande, BonDeCommandeQuerySet, StatutBon
from marches.models import AccordCadre
from tests.factories import AtelierFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_simultaneous_emissions_stay_under_the_maximum(
    agent, atelier, accord, fabrique_bon, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("Les verrous de ligne se vérifient sur PostgreSQL (CI).")
    AccordCadre.objects.filter(pk=accord.pk).update(montant_max_ht=Decimal("30000.00"))
    autre = AtelierFactory(titulaire=atelier.titulaire, service_pilote=atelier.service_pilote)
    bons = [fabrique_bon(montant_ht="20000"), fabrique_bon(montant_ht="20000", sur=autre)]
    total = BonDeCommandeQuerySet.engages

    def lent(self):  # widen the window between summing the orders and emitting
        resultat = total(self)
        time.sleep(0.3)
        return resultat

    monkeypatch.setattr(BonDeCommandeQuerySet, "engages", lent)
    resultats = []
    depart = threading.Barrier(2)

    def emettre(bon):
        try:
            depart.wait()
            acteur = type(agent).objects.filter(organisation=bon.atelier.service_pilote).first()
            transitions.emettre(acteur, BonDeCommande.objects.get(pk=bon.pk))
            resultats.append("émis")
        except Exception as refus:  # any failure is reported by the assertions below
            resultats.append(str(refus))
        finally:
            connection.close()

    fils = [threading.Thread(target=emettre, args=(b,)) for b in bons]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    assert resultats.count("émis") == 1
    assert any("au-delà de son maximum" in r for r in resultats)
    assert BonDeCommande.objects.filter(statut=StatutBon.EMIS).count() == 1


def test_simultaneous_creations_on_one_atelier_never_share_a_number(agent, atelier):
    """Two colleagues (or a double click) prepare a bon on the same atelier at once: the
    numbers follow each other, and the third attempt is refused with its reason."""
    if connection.vendor != "postgresql":
        pytest.skip("Les verrous de ligne se vérifient sur PostgreSQL (CI).")
    collegue = type(agent).objects.create_user(
        email="collegue@ddt.example", password="x", organisation=atelier.service_pilote
    )
    resultats = []
    depart = threading.Barrier(3)

    def creer(acteur):
        try:
            depart.wait()
            bon = transitions.creer(
                acteur, atelier, objet="Atelier sur site", montant_ht=Decimal("10000.00")
            )
            resultats.append(bon.numero)
        except Exception as refus:  # any failure is reported by the assertions below
            resultats.append(str(refus))
        finally:
            connection.close()

    fils = [threading.Thread(target=creer, args=(p,)) for p in (agent, collegue, agent)]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    numeros = sorted(r for r in resultats if r.startswith(atelier.reference))
    assert numeros == [f"{atelier.reference}-1", f"{atelier.reference}-2"], resultats
    assert len(resultats) == 3
    assert sorted(BonDeCommande.objects.values_list("numero", flat=True)) == numeros
