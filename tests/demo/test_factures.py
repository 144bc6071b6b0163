"""The demo holds an invoice at each state of its workflow, a rejected one replaced by its
corrected invoice, and one paid late whose page says what the State owes."""

from django.urls import reverse

from commandes import paiement
from commandes.modeles_factures import StatutFacture
from commandes.models import Facture
from comptes.models import User
from tests.outils import texte_lu


def test_the_demo_holds_an_invoice_in_each_state(demo):
    assert set(Facture.objects.values_list("statut", flat=True)) == set(StatutFacture.values)
    rejetee = Facture.objects.get(statut=StatutFacture.REJETEE)
    assert rejetee.motif_rejet
    assert rejetee.remplacee_par.statut == StatutFacture.PAYEE
    payees = Facture.objects.filter(statut=StatutFacture.PAYEE)
    assert any(paiement.retard(f) is None for f in payees), "aucune facture payée à temps"


def test_one_invoice_was_paid_late_and_its_page_shows_the_interest(client, demo):
    (en_retard,) = [
        f for f in Facture.objects.filter(statut=StatutFacture.PAYEE) if paiement.retard(f)
    ]
    retard = paiement.retard(en_retard)
    assert retard.interets > 0

    client.force_login(User.objects.get(email="agent.ddtm80@demo.gouv.fr"))
    texte = texte_lu(client.get(reverse("commandes:facture", args=[en_retard.pk])))
    assert f"Payée {retard.jours} jours après l'échéance" in texte
    assert "des intérêts moratoires de" in texte
    assert "l'indemnité forfaitaire pour frais de recouvrement de 40,00 €" in texte


def test_the_titulaire_reads_its_invoices_on_the_bon(client, demo):
    bon = Facture.objects.get(statut=StatutFacture.RECUE).bon
    client.force_login(User.objects.get(email="prestataire@ville-ouverte.demo"))
    texte = texte_lu(client.get(reverse("commandes:detail", args=[bon.pk])))
    for facture in bon.factures.all():
        assert facture.numero in texte
