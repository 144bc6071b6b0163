"""Amounts HT, TVA and TTC: Decimal, rounded half-up to the cent, shown the French way."""

from decimal import Decimal

import pytest
from django.urls import reverse

from commandes.models import calculer_montants
from tests.outils import texte_lu


@pytest.mark.parametrize(
    ("ht", "taux", "tva", "ttc"),
    [
        ("20000.00", "20", "4000.00", "24000.00"),
        ("19999.99", "20", "4000.00", "23999.99"),  # 3 999,998 → 4 000,00
        ("0.05", "10", "0.01", "0.06"),  # 0,005 → 0,01 (half-up, not banker's rounding)
        ("0.15", "5.5", "0.01", "0.16"),  # 0,00825 → 0,01
        ("12345.67", "0", "0.00", "12345.67"),
    ],
)
def test_tva_and_ttc_are_rounded_to_the_cent(ht, taux, tva, ttc):
    assert calculer_montants(Decimal(ht), Decimal(taux)) == (Decimal(tva), Decimal(ttc))


def test_a_bon_stores_exact_amounts_and_shows_them_in_french(client, agent, fabrique_bon):
    bon = fabrique_bon(montant_ht="19999.99")
    bon.refresh_from_db()
    assert (bon.montant_tva, bon.montant_ttc) == (Decimal("4000.00"), Decimal("23999.99"))
    assert isinstance(bon.montant_ttc, Decimal)
    client.force_login(agent)
    lu = texte_lu(client.get(reverse("commandes:detail", args=[bon.pk])))
    assert "Montant HT 19 999,99 €" in lu
    assert "TVA (20 %) 4 000,00 €" in lu
    assert "Montant TTC 23 999,99 €" in lu
