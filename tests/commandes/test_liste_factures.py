"""The invoices list: who sees which invoice, its filters (state, late, accord-cadre, year),
its export with the deadline and what a delay costs, a query budget that does not grow with
the rows, and the late invoice flagged on the service's « À faire »."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from commandes import factures, paiement, transitions
from commandes.models import Facture, TauxBCE
from tests.exports.conftest import colonne, exporter, lignes_csv, lignes_xlsx
from tests.factories import AtelierFactory, UserFactory
from tests.fichiers import pdf
from tests.outils import texte_lu
from workflow import etapes

pytestmark = pytest.mark.django_db

AUJOURD_HUI = timezone.localdate()


def il_y_a(jours):
    return AUJOURD_HUI - datetime.timedelta(days=jours)


def bon_notifie(agent, atelier, montant_ht="10000.00"):
    bon = transitions.creer(
        agent,
        atelier,
        objet="Atelier Flash",
        montant_ht=montant_ht,
        taux_tva=Decimal("20"),
        engagement_juridique="2100012345",
        code_service="DDT80-SA",
    )
    transitions.emettre(agent, bon, il_y_a(200))
    return transitions.notifier_titulaire(agent, bon, il_y_a(199))


def facture(acteur, bon, numero, recue_le, ht="100.00", tva="20.00", nature="acompte"):
    return factures.enregistrer(
        acteur,
        bon,
        nature=nature,
        numero=numero,
        reference_chorus=f"CPP-{numero}",
        recue_le=recue_le,
        montant_ht=ht,
        montant_tva=tva,
        fichier=pdf(f"{numero}.pdf"),
    )


@pytest.fixture
def bon(agent, atelier):
    return bon_notifie(agent, atelier)


@pytest.fixture
def en_retard(bon, agent, titulaire_user):
    """Received 100 days ago, service fait 90 days ago: due 60 days ago, still unpaid; the
    semester's ECB rate is 2 %."""
    f = facture(titulaire_user, bon, "F-RETARD", il_y_a(100), ht="5000.00", tva="1000.00")
    transitions.attester_service_fait(agent, bon, il_y_a(90), "Livrables reçus")
    TauxBCE.objects.create(semestre=paiement.semestre_de(il_y_a(59)), taux=Decimal("2.000"))
    return Facture.objects.select_related("bon").get(pk=f.pk)


def numeros(reponse):
    return [ligne.facture.numero for ligne in reponse.context["lignes"]]


# --- Who sees what ---------------------------------------------------------------------------


def test_each_sees_the_invoices_of_the_bons_it_sees(client, bon, agent, titulaire_user):
    facture(titulaire_user, bon, "F-1", il_y_a(10))
    autre_atelier = AtelierFactory()
    autre_agent = UserFactory(organisation=autre_atelier.service_pilote)
    facture(autre_agent, bon_notifie(autre_agent, autre_atelier), "F-AUTRE", il_y_a(5))
    autre_prestataire = UserFactory(prestataire=True)
    attendus = [
        (titulaire_user, ["F-1"]),
        (agent, ["F-1"]),
        (autre_agent, ["F-AUTRE"]),
        (autre_prestataire, []),
        (UserFactory(instructeur=True), ["F-AUTRE", "F-1"]),  # last received first
    ]
    for user, vus in attendus:
        client.force_login(user)
        assert numeros(client.get(reverse("commandes:factures"))) == vus, user


def test_the_list_shows_deadline_delay_and_what_is_owed(client, agent, en_retard):
    client.force_login(agent)
    lu = texte_lu(client.get(reverse("commandes:factures")))
    retard = paiement.retard(en_retard)
    assert retard.jours == 60
    assert "F-RETARD" in lu and "Centre de Péronne" in lu and "Acompte" in lu
    assert f"{il_y_a(60):%d/%m/%Y} en retard de 60 jours" in lu
    assert "Reçue, à vérifier" in lu
    assert "Exporter en CSV" in lu


def test_the_bons_list_and_the_navigation_lead_to_the_invoices(client, agent):
    client.force_login(agent)
    page = client.get(reverse("commandes:liste")).content.decode()
    assert page.count(f'href="{reverse("commandes:factures")}"') == 2  # button and menu


# --- Filters ---------------------------------------------------------------------------------


def test_filters_state_late_accord_cadre_and_year(client, agent, titulaire_user, bon, en_retard):
    a_temps = facture(titulaire_user, bon, "F-A-TEMPS", il_y_a(20))
    factures.accepter(agent, a_temps, il_y_a(19))
    payee_tard = facture(titulaire_user, bon, "F-PAYEE-TARD", il_y_a(95))
    factures.accepter(agent, payee_tard, il_y_a(94))
    factures.mettre_en_paiement(agent, payee_tard, il_y_a(30))  # due 60 days ago
    ancienne = Facture.objects.filter(pk=a_temps.pk)
    client.force_login(agent)

    def vus(**filtres):
        return sorted(numeros(client.get(reverse("commandes:factures"), filtres)))

    assert vus(statut="acceptee") == ["F-A-TEMPS"]
    assert vus(retard="en_retard") == ["F-PAYEE-TARD", "F-RETARD"]
    assert vus(retard="en_retard", statut="payee") == ["F-PAYEE-TARD"]
    assert vus(accord_cadre=bon.atelier.accord_cadre_id) == [
        "F-A-TEMPS",
        "F-PAYEE-TARD",
        "F-RETARD",
    ]
    ancienne.update(recue_le=datetime.date(2025, 12, 20))
    assert vus(annee="2025") == ["F-A-TEMPS"]
    assert vus(statut="pigeon") == vus()  # an unknown value is ignored, as on every list


# --- Export ----------------------------------------------------------------------------------


def test_the_export_holds_the_deadline_the_days_late_and_what_is_owed(
    client, agent, titulaire_user, bon, en_retard
):
    facture(titulaire_user, bon, "F-RECENTE", il_y_a(3))
    client.force_login(agent)
    lignes = lignes_csv(exporter(client, "factures"))
    entetes = lignes[0]
    for entete in (
        "Échéance",
        "Jours de retard",
        "Taux des intérêts (%)",
        "Intérêts moratoires (€)",
        "Indemnité forfaitaire (€)",
        "Total dû par l'État (€)",
    ):
        assert entete in entetes
    assert colonne(lignes, "N° de facture") == ["F-RECENTE", "F-RETARD"]
    recente, tard = (dict(zip(entetes, ligne, strict=True)) for ligne in lignes[1:])
    # 6 000 € TTC × 10 % × 60 / 365 = 98,63 €.
    assert tard["Échéance"] == f"{il_y_a(60):%d/%m/%Y}"
    assert tard["Jours de retard"] == "60"
    assert tard["Taux des intérêts (%)"] == "10,00"
    assert tard["Intérêts moratoires (€)"] == "98,63"
    assert tard["Indemnité forfaitaire (€)"] == "40,00"
    assert tard["Total dû par l'État (€)"] == "138,63"
    assert tard["Montant TTC (€)"] == "6000,00"
    assert tard["État"] == "Reçue, à vérifier"
    assert tard["Bon de commande"] == bon.numero
    # Received after the service fait, 3 days ago: due in 27 days, nothing owed.
    assert recente["Échéance"] == f"{il_y_a(3) + datetime.timedelta(days=30):%d/%m/%Y}"
    assert recente["Jours de retard"] == "0"
    assert recente["Total dû par l'État (€)"] == "0,00"
    # The XLSX holds the same, and the screen's filters apply to the file.
    assert lignes_xlsx(exporter(client, "factures", "xlsx")) == lignes
    filtrees = lignes_csv(exporter(client, "factures", retard="en_retard"))
    assert colonne(filtrees, "N° de facture") == ["F-RETARD"]


def test_the_titulaire_exports_only_its_invoices(client, titulaire_user, bon, en_retard):
    autre_atelier = AtelierFactory()
    autre_agent = UserFactory(organisation=autre_atelier.service_pilote)
    facture(autre_agent, bon_notifie(autre_agent, autre_atelier), "F-AUTRE", il_y_a(5))
    client.force_login(titulaire_user)
    assert colonne(lignes_csv(exporter(client, "factures")), "N° de facture") == ["F-RETARD"]


# --- Query budget ----------------------------------------------------------------------------


def _remplir(agent, titulaire_user, atelier, debut, n):
    """``n`` invoices: on the atelier's bon and on bons of other ateliers of the same
    service and titulaire, some late, some paid."""
    for i in range(debut, debut + n):
        cible = atelier
        if i % 2:
            cible = AtelierFactory(
                titulaire=atelier.titulaire,
                service_pilote=atelier.service_pilote,
                candidature__service=atelier.service_pilote,
            )
        bon = cible.bons.first() or bon_notifie(agent, cible)
        f = facture(titulaire_user, bon, f"F-{i}", il_y_a(100 - i))
        if i % 3 == 1:
            factures.accepter(agent, f, il_y_a(50))
            factures.mettre_en_paiement(agent, f, il_y_a(40))


def _compter(client, url):
    with CaptureQueriesContext(connection) as requetes:
        reponse = client.get(url)
        assert reponse.status_code == 200
    return len(requetes)


@pytest.mark.parametrize("qui", ["agent", "titulaire_user", "instructeur"])
@pytest.mark.parametrize(
    "url",
    ["/commandes/factures/", "/commandes/factures/?retard=en_retard", "/exports/factures.csv"],
)
def test_the_list_and_its_export_cost_the_same_with_1_or_10_invoices(
    client, agent, titulaire_user, atelier, qui, url, request
):
    user = UserFactory(instructeur=True) if qui == "instructeur" else request.getfixturevalue(qui)
    TauxBCE.objects.create(semestre=paiement.semestre_de(il_y_a(200)), taux=Decimal("2.000"))
    _remplir(agent, titulaire_user, atelier, 0, 1)
    client.force_login(user)
    transitions.attester_service_fait(agent, atelier.bons.first(), il_y_a(95), "Livrables reçus")
    un = _compter(client, url)
    _remplir(agent, titulaire_user, atelier, 1, 9)
    assert Facture.objects.count() == 10
    dix = _compter(client, url)
    assert dix <= un <= 16, (un, dix)


# --- « À faire » -----------------------------------------------------------------------------


def a_faire(client, user):
    client.force_login(user)
    lu = texte_lu(client.get(reverse("tableau_de_bord")))
    return lu.split("À faire", 1)[1].split("En attente chez les autres")[0]


def test_a_late_invoice_is_flagged_on_the_service_s_a_faire(client, agent, titulaire_user, bon):
    facture(titulaire_user, bon, "F-A-JOUR", il_y_a(2))
    en_retard = facture(titulaire_user, bon, "F-TARD", il_y_a(100))
    transitions.attester_service_fait(agent, bon, il_y_a(90), "Livrables reçus")

    def alertes():
        return {
            ligne.objet.numero: ligne.alerte
            for ligne in etapes.a_faire(agent)
            if ligne.workflow.nom == "facture"
        }

    assert alertes() == {"F-A-JOUR": "", "F-TARD": "En retard de paiement depuis 60 jours"}
    lu = a_faire(client, agent)
    assert (
        f"Facture F-TARD — bon {bon.numero} — Centre de Péronne — Accepter la facture, en "
        "attente depuis aujourd'hui En retard de paiement depuis 60 jours" in lu
    )
    # Accepted, it still waits for its payment, still late; once paid it leaves the list.
    factures.accepter(agent, en_retard, il_y_a(1))
    assert alertes()["F-TARD"] == "En retard de paiement depuis 60 jours"
    assert "Indiquer la mise en paiement" in a_faire(client, agent)
    factures.mettre_en_paiement(agent, en_retard)
    assert "F-TARD" not in alertes()
