"""Invoices against a bon: amounts within the bon, the payment deadline in each case, the
interest a late payment costs, and the pages of the titulaire and the service."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from commandes import factures, paiement, transitions
from commandes.modeles_factures import StatutFacture
from commandes.models import Facture, TauxBCE
from journal.models import Evenement
from journal.transitions import TransitionRefusee
from notifications.models import Notification
from tests.commandes.facturation import facture
from tests.factories import UserFactory
from tests.fichiers import pdf, pdf_piege
from tests.outils import texte_lu


def mots(texte):
    """Spaces collapsed, narrow and non-breaking ones included (the amounts' separators)."""
    return " ".join(str(texte).split())


pytestmark = pytest.mark.django_db

J = datetime.date


@pytest.fixture
def bon(agent, atelier):
    """10 000 € HT at 20 %: 12 000 € TTC, notified on 6 January 2026."""
    bon = transitions.creer(
        agent,
        atelier,
        objet="Atelier Flash",
        montant_ht="10000.00",
        taux_tva=Decimal("20"),
        engagement_juridique="2100012345",
        code_service="DDT80-SA",
    )
    transitions.emettre(agent, bon, J(2026, 1, 5))
    return transitions.notifier_titulaire(agent, bon, J(2026, 1, 6))


def service_fait(agent, bon, jour):
    return transitions.attester_service_fait(agent, bon, jour, "Livrables reçus")


# --- The deadline ----------------------------------------------------------------------------


def test_before_the_service_fait_the_deadline_has_not_begun(bon, titulaire_user):
    f = facture(titulaire_user, bon)
    assert paiement.echeance(f) is None
    assert paiement.retard(f, J(2026, 12, 1)) is None


def test_received_before_the_service_fait_it_runs_from_the_service_fait(bon, titulaire_user, agent):
    f = facture(titulaire_user, bon, recue_le=J(2026, 2, 2))
    service_fait(agent, bon, J(2026, 3, 1))
    f.refresh_from_db()
    assert paiement.echeance(f) == J(2026, 3, 31)


def test_received_after_the_service_fait_it_runs_from_receipt(bon, titulaire_user, agent):
    service_fait(agent, bon, J(2026, 3, 1))
    f = facture(titulaire_user, bon, recue_le=J(2026, 3, 10))
    assert paiement.echeance(f) == J(2026, 4, 9)


def test_a_rejection_suspends_it_and_the_corrected_invoice_resumes_it(bon, titulaire_user, agent):
    service_fait(agent, bon, J(2026, 3, 1))
    premiere = facture(titulaire_user, bon, recue_le=J(2026, 3, 2))
    # Rejected 10 days into its 30.
    factures.rejeter(agent, premiere, "Il manque le n° d'engagement", J(2026, 3, 12))
    assert paiement.retard(premiere, J(2026, 12, 1)) is None  # suspended, never late

    rectificative = facture(titulaire_user, bon, recue_le=J(2026, 3, 20), remplace=premiere)

    assert rectificative.jours_deja_courus == 10
    assert paiement.echeance(rectificative) == J(2026, 4, 9)  # the 20 days left
    # The rejected invoice no longer counts against the bon; a second correction is refused.
    assert bon.factures.en_cours().total_ttc() == Decimal("6000.00")
    with pytest.raises(TransitionRefusee, match="pas encore remplacée"):
        facture(titulaire_user, bon, ht="100.00", tva="20.00", remplace=premiere)


def test_a_late_rejection_still_leaves_fifteen_days(bon, titulaire_user, agent):
    service_fait(agent, bon, J(2026, 3, 1))
    premiere = facture(titulaire_user, bon, recue_le=J(2026, 3, 2))
    factures.rejeter(agent, premiere, "Montant erroné", J(2026, 3, 27))  # 25 days run
    rectificative = facture(titulaire_user, bon, recue_le=J(2026, 4, 1), remplace=premiere)
    assert rectificative.jours_deja_courus == 25
    assert paiement.echeance(rectificative) == J(2026, 4, 16)  # 15 days, not 5


# --- Late-payment interest, by hand ------------------------------------------------------


def test_interest_on_a_known_case(bon, titulaire_user, agent):
    """24 000 € TTC due on 31 March 2026, paid on 20 April: 20 days late. The interest began
    to run on 1 April, in the semester that began on 1 January 2026, when the ECB's rate was
    2.15 %: 10.15 % a year. 24 000 × 10.15 % × 20 / 365 = 133.479… → 133.48 €, and 40 €."""
    TauxBCE.objects.create(semestre=J(2026, 1, 1), taux=Decimal("2.15"))
    TauxBCE.objects.create(semestre=J(2026, 7, 1), taux=Decimal("9.99"))  # not this one
    gros = transitions.creer(
        agent,
        bon.atelier,
        objet="Atelier Flash — solde",
        montant_ht="20000.00",
        taux_tva=Decimal("20"),
        engagement_juridique="2100012346",
        code_service="DDT80-SA",
    )
    transitions.emettre(agent, gros, J(2026, 1, 5))
    transitions.notifier_titulaire(agent, gros, J(2026, 1, 6))
    service_fait(agent, gros, J(2026, 3, 1))
    f = facture(titulaire_user, gros, ht="20000.00", tva="4000.00", nature="solde")
    factures.accepter(agent, f, J(2026, 3, 5))
    factures.mettre_en_paiement(agent, f, J(2026, 4, 20))

    retard = paiement.retard(f)

    assert retard.echeance == J(2026, 3, 31)
    assert retard.jours == 20
    assert retard.taux == Decimal("10.15")
    assert retard.interets == Decimal("133.48")
    assert retard.total == Decimal("173.48")
    evenement = Evenement.objects.pour(gros).get(action="facture_payee")
    assert "20 jours après l'échéance du 31/03/2026" in evenement.libelle


def test_paid_on_time_nothing_is_owed(bon, titulaire_user, agent):
    service_fait(agent, bon, J(2026, 3, 1))
    f = facture(titulaire_user, bon, recue_le=J(2026, 3, 2))
    factures.accepter(agent, f, J(2026, 3, 3))
    factures.mettre_en_paiement(agent, f, J(2026, 3, 31))  # the last day
    assert paiement.retard(f) is None


def test_without_the_semester_s_rate_the_indemnity_is_still_owed(bon, titulaire_user, agent):
    service_fait(agent, bon, J(2026, 3, 1))
    f = facture(titulaire_user, bon, recue_le=J(2026, 3, 2))
    retard = paiement.retard(f, J(2026, 5, 1))
    assert (retard.jours, retard.interets, retard.indemnite) == (30, None, Decimal("40.00"))


# --- Amounts ---------------------------------------------------------------------------------


def test_invoices_never_total_more_than_the_bon(bon, titulaire_user, agent):
    premiere = facture(titulaire_user, bon, ht="6000.00", tva="1200.00")
    with pytest.raises(TransitionRefusee) as refus:
        facture(titulaire_user, bon, ht="5000.00", tva="1000.00")
    assert "atteindraient 13 200,00 € TTC" in mots(refus.value)
    assert "il reste 4 800,00 € TTC à facturer" in mots(refus.value)
    assert Facture.objects.count() == 1
    # Rejected, the first no longer counts.
    factures.rejeter(agent, premiere, "Doublon", J(2026, 2, 3))
    facture(titulaire_user, bon, ht="10000.00", tva="2000.00", nature="solde")


def test_a_vat_that_is_not_the_bon_s_rate_is_refused(bon, titulaire_user):
    with pytest.raises(TransitionRefusee) as refus:
        facture(titulaire_user, bon, ht="5000.00", tva="500.00")
    assert "la TVA de 5 000,00 € HT est de 1 000,00 €, non de 500,00 €" in mots(refus.value)


def test_an_invoice_waits_for_the_bon_s_notification(agent, atelier, titulaire_user):
    emis = transitions.creer(
        agent,
        atelier,
        objet="Atelier",
        montant_ht="1000.00",
        engagement_juridique="2100012345",
        code_service="X",
    )
    transitions.emettre(agent, emis)
    with pytest.raises(TransitionRefusee, match="une fois le bon notifié au titulaire"):
        facture(titulaire_user, emis, ht="100.00", tva="20.00", recue_le=None)


def test_a_pdf_carrying_a_script_is_refused(bon, titulaire_user):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        facture(titulaire_user, bon, fichier=pdf_piege("ouverture_javascript", "facture.pdf"))
    assert not Facture.objects.exists()


# --- Who does what -------------------------------------------------------------------------


def test_only_the_service_accepts_rejects_and_pays(bon, titulaire_user, agent):
    f = facture(titulaire_user, bon)
    autre_service = UserFactory()
    for acteur in (titulaire_user, autre_service):
        with pytest.raises(TransitionRefusee):
            factures.accepter(acteur, f)
    with pytest.raises(TransitionRefusee):
        facture(autre_service, bon, ht="100.00", tva="20.00")
    f.refresh_from_db()
    assert f.statut == StatutFacture.RECUE


def test_each_step_is_in_the_bon_s_journal_and_notifies_the_other_party(bon, titulaire_user, agent):
    f = facture(titulaire_user, bon)
    assert Notification.objects.filter(destinataire=agent, evenement="facture").count() == 1
    factures.accepter(agent, f, J(2026, 2, 3))
    assert Notification.objects.filter(destinataire=titulaire_user, evenement="facture").exists()
    etapes = list(
        Evenement.objects.pour(bon)
        .filter(action__startswith="facture_")
        .values_list("action", "etat_avant", "etat_apres", "acteur")
        .order_by("pk")
    )
    assert etapes == [
        ("facture_enregistree", "", "recue", titulaire_user.pk),
        ("facture_acceptee", "recue", "acceptee", agent.pk),
    ]


# --- Pages -------------------------------------------------------------------------------


def test_the_titulaire_records_its_invoice_from_the_bon_s_page(client, bon, titulaire_user):
    client.force_login(titulaire_user)
    page = client.get(reverse("commandes:detail", args=[bon.pk])).content.decode()
    assert "Enregistrer une facture" in page
    reponse = client.post(
        reverse("commandes:enregistrer_facture", args=[bon.pk]),
        {
            "nature": "acompte",
            "numero": "VO-2026-014",
            "reference_chorus": "CPP-88",
            "recue_le": "2026-02-02",
            "montant_ht": "4000,00",
            "montant_tva": "800,00",
            "fichier": pdf("facture-vo.pdf"),
        },
        follow=True,
    )
    page = texte_lu(reponse)
    assert "Facture VO-2026-014 enregistrée." in page
    assert "Reçue, à vérifier" in page
    assert "4 800,00 €" in page
    f = Facture.objects.get()
    telechargement = client.get(reverse("commandes:telecharger_facture", args=[f.pk]))
    assert telechargement["Content-Type"] == "application/pdf"
    assert b"".join(telechargement.streaming_content).startswith(b"%PDF")
    telechargement.close()


def test_a_refused_invoice_says_why_on_the_form(client, bon, titulaire_user):
    client.force_login(titulaire_user)
    reponse = client.post(
        reverse("commandes:enregistrer_facture", args=[bon.pk]),
        {
            "nature": "acompte",
            "numero": "VO-1",
            "reference_chorus": "CPP-1",
            "recue_le": "2026-02-02",
            "montant_ht": "11000,00",
            "montant_tva": "2200,00",
            "fichier": pdf(),
        },
    )
    assert reponse.status_code == 200
    assert "au-delà du montant du bon (12 000,00 € TTC)" in texte_lu(reponse)
    assert not Facture.objects.exists()


def test_the_service_pays_late_and_the_page_shows_what_is_owed(client, bon, titulaire_user, agent):
    TauxBCE.objects.create(semestre=J(2026, 1, 1), taux=Decimal("2.15"))
    service_fait(agent, bon, J(2026, 3, 1))
    f = facture(titulaire_user, bon, ht="10000.00", tva="2000.00", recue_le=J(2026, 3, 2))
    client.force_login(agent)
    client.post(
        reverse("commandes:action_facture", args=[f.pk, "accepter"]), {"date": "2026-03-05"}
    )
    reponse = client.post(
        reverse("commandes:action_facture", args=[f.pk, "payer"]),
        {"date": "2026-04-21"},
        follow=True,
    )
    page = texte_lu(reponse)
    # Due on 1 April, paid 20 days later: 12 000 × 10.15 % × 20 / 365 = 66.74 €.
    assert "Payée 20 jours après l'échéance" in page
    assert "66,74 €" in page
    assert "40,00 €" in page
    assert "106,74 €" in page
    bon_page = texte_lu(client.get(reverse("commandes:detail", args=[bon.pk])))
    assert "payée avec 20 j de retard" in bon_page


def test_another_titulaire_or_service_does_not_see_the_invoice(client, bon, titulaire_user):
    f = facture(titulaire_user, bon)
    for intrus in (UserFactory(prestataire=True), UserFactory()):
        client.force_login(intrus)
        assert client.get(reverse("commandes:facture", args=[f.pk])).status_code == 404
        assert client.get(reverse("commandes:telecharger_facture", args=[f.pk])).status_code == 404


def test_a_bon_fully_invoiced_offers_no_more_invoice(client, bon, titulaire_user):
    facture(titulaire_user, bon, ht="10000.00", tva="2000.00", nature="solde")
    client.force_login(titulaire_user)
    page = texte_lu(client.get(reverse("commandes:detail", args=[bon.pk])))
    assert "Le bon est entièrement facturé." in page
    assert "Enregistrer une facture" not in page
