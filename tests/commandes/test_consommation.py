"""The consumption of the accord-cadre per year and titulaire, built through the real
transitions of bons and invoices: committed, certified, invoiced and paid, HT and TTC, equal to
the sums of the rows; the projection's amounts; the pages and the export."""

import csv
import datetime
import io
from collections import defaultdict
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from commandes import consommation, factures, transitions
from commandes.modeles_factures import StatutFacture
from commandes.models import ENGAGES, BonDeCommande, Facture, StatutBon
from marches.models import MembreGroupement
from socle.formats import euros
from tests.commandes.facturation import facture
from tests.factories import AtelierFactory, MembreFactory, TitulaireFactory, UserFactory
from tests.outils import texte_lu

pytestmark = pytest.mark.django_db

J = datetime.date
AUJOURD_HUI = J(2026, 6, 30)


@pytest.fixture(autouse=True)
def au_30_juin_2026():
    with time_machine.travel(datetime.datetime(2026, 6, 30, 10, tzinfo=datetime.UTC), tick=False):
        yield


def _bon(agent, atelier, ht, emis, notifie=None, service_fait=None):
    bon = transitions.creer(
        agent,
        atelier,
        objet="Atelier Flash",
        montant_ht=ht,
        taux_tva=Decimal("20"),
        engagement_juridique="2100012345",
        code_service="DDT80-SA",
    )
    if emis:
        transitions.emettre(agent, bon, emis)
        transitions.notifier_titulaire(agent, bon, notifie or emis)
    if service_fait:
        transitions.attester_service_fait(agent, bon, service_fait, "Livrables reçus")
    return bon


def _facture(titulaire, agent, bon, ht, recue_le, nature="acompte", accepte=None, paye=None):
    return facture(
        titulaire,
        bon,
        ht,
        recue_le=recue_le,
        nature=nature,
        agent=agent,
        accepte=accepte,
        paye=paye,
    )


@pytest.fixture
def marche(atelier, agent, titulaire_user, accord):
    """Two titulaires of a 50 000 € accord-cadre, bons and invoices over 2025 and 2026."""
    accord.montant_max_ht = Decimal("50000")
    accord.save(update_fields=["montant_max_ht"])
    autre = AtelierFactory(titulaire=TitulaireFactory(accord_cadre=accord, nom="Groupement B"))
    membre = MembreFactory(titulaire=autre.titulaire, role=MembreGroupement.Role.MANDATAIRE)
    agent_b = UserFactory(organisation=autre.service_pilote)
    titulaire_b = UserFactory(prestataire=True, organisation=membre.organisation)

    # A: 10 000 € emitted in 2025, service fait in 2026; an acompte paid in 2025, the solde
    # (6 000 €: less than ordered) paid in 2026.
    b1 = _bon(agent, atelier, "10000.00", J(2025, 10, 1), J(2025, 10, 2), J(2026, 1, 15))
    _facture(
        titulaire_user,
        agent,
        b1,
        "3000.00",
        J(2025, 11, 3),
        "acompte",
        J(2025, 11, 4),
        J(2025, 11, 20),
    )
    _facture(
        titulaire_user, agent, b1, "6000.00", J(2026, 1, 20), "solde", J(2026, 1, 21), J(2026, 2, 5)
    )
    # A: 5 000 € emitted in 2026, its only invoice rejected (it no longer counts).
    b2 = _bon(agent, atelier, "5000.00", J(2026, 2, 1))
    rejetee = _facture(titulaire_user, agent, b2, "2000.00", J(2026, 2, 10))
    factures.rejeter(agent, rejetee, "Montant erroné", J(2026, 2, 11))
    # B: 8 000 € emitted in 2025, service fait in 2026; an acompte paid, another accepted.
    b3 = _bon(agent_b, autre, "8000.00", J(2025, 12, 1), J(2025, 12, 2), J(2026, 3, 1))
    _facture(
        titulaire_b, agent_b, b3, "3000.00", J(2026, 3, 5), "acompte", J(2026, 3, 6), J(2026, 3, 20)
    )
    _facture(titulaire_b, agent_b, b3, "1000.00", J(2026, 3, 10), "acompte", J(2026, 3, 11))
    # B: a draft commits nothing.
    _bon(agent_b, autre, "1000.00", None)
    return {"accord": accord, "a": atelier.titulaire, "b": autre.titulaire}


def _cellule(conso, annee, titulaire):
    (ligne,) = [x for x in conso.lignes if (x.annee, x.titulaire) == (annee, titulaire)]
    return ligne.montants


def test_each_year_and_titulaire_by_hand(marche):
    conso = consommation.consommation(marche["accord"])
    a, b = marche["a"], marche["b"]
    e = Decimal

    a25 = _cellule(conso, 2025, a)
    assert (a25.engage_ht, a25.engage_ttc) == (e("10000.00"), e("12000.00"))
    assert a25.certifie_ht == 0
    assert (a25.facture_ht, a25.facture_ttc, a25.paye_ht, a25.paye_ttc) == (
        e("3000.00"),
        e("3600.00"),
        e("3000.00"),
        e("3600.00"),
    )
    a26 = _cellule(conso, 2026, a)
    assert a26.engage_ht == e("5000.00")
    assert (a26.certifie_ht, a26.certifie_ttc) == (e("10000.00"), e("12000.00"))
    # The rejected invoice of b2 is not invoiced.
    assert (a26.facture_ht, a26.facture_ttc) == (e("6000.00"), e("7200.00"))
    assert (a26.paye_ht, a26.paye_ttc) == (e("6000.00"), e("7200.00"))
    b25 = _cellule(conso, 2025, b)
    assert (b25.engage_ht, b25.facture_ht, b25.paye_ht) == (e("8000.00"), 0, 0)
    b26 = _cellule(conso, 2026, b)
    assert (b26.engage_ht, b26.certifie_ht) == (0, e("8000.00"))
    assert (b26.facture_ht, b26.facture_ttc) == (e("4000.00"), e("4800.00"))
    assert (b26.paye_ht, b26.paye_ttc) == (e("3000.00"), e("3600.00"))

    assert conso.total.engage_ht == e("23000.00")  # the draft does not count
    assert conso.total.paye_ht == e("12000.00")
    assert conso.reste_ht == e("27000.00")  # the maximum is HT: compared with HT
    assert (conso.pourcentage_engage, conso.pourcentage_paye) == (46, 24)
    # The page's rows: each year's titulaires (by rank) then its total.
    assert [(x.annee, x.titulaire and x.titulaire.nom) for x in conso.tableau] == [
        (2025, a.nom),
        (2025, "Groupement B"),
        (2025, None),
        (2026, a.nom),
        (2026, "Groupement B"),
        (2026, None),
    ]
    assert conso.tableau[2].montants.engage_ht == e("18000.00")


def test_the_figures_are_the_sums_of_the_rows(marche):
    """Recomputed from every bon and invoice, one at a time, the way a person would."""
    attendu = defaultdict(lambda: defaultdict(Decimal))
    for bon in BonDeCommande.objects.select_related("atelier"):
        t = bon.atelier.titulaire_id
        if bon.statut in ENGAGES:
            attendu[(bon.date_emission.year, t)]["engage_ht"] += bon.montant_ht
            attendu[(bon.date_emission.year, t)]["engage_ttc"] += bon.montant_ttc
        if bon.statut == StatutBon.EXECUTE:
            attendu[(bon.date_service_fait.year, t)]["certifie_ht"] += bon.montant_ht
    for f in Facture.objects.select_related("bon__atelier"):
        t = f.bon.atelier.titulaire_id
        if f.statut != StatutFacture.REJETEE:
            attendu[(f.recue_le.year, t)]["facture_ht"] += f.montant_ht
            attendu[(f.recue_le.year, t)]["facture_ttc"] += f.montant_ttc
        if f.statut == StatutFacture.PAYEE:
            attendu[(f.mise_en_paiement_le.year, t)]["paye_ht"] += f.montant_ht
            attendu[(f.mise_en_paiement_le.year, t)]["paye_ttc"] += f.montant_ttc

    conso = consommation.consommation(marche["accord"])

    assert {(x.annee, x.titulaire.pk) for x in conso.lignes} == set(attendu)
    for ligne in conso.lignes:
        for nom, montant in attendu[(ligne.annee, ligne.titulaire.pk)].items():
            assert getattr(ligne.montants, nom) == montant, (ligne.annee, nom)
    for nom in ("engage_ht", "certifie_ht", "facture_ht", "facture_ttc", "paye_ht", "paye_ttc"):
        assert getattr(conso.total, nom) == sum(c[nom] for c in attendu.values())


def test_the_projection_counts_what_was_paid_once_the_solde_is_paid(marche):
    """b1 is soldé: its 9 000 € paid, not its 10 000 € ordered; b3's acomptes are below what
    it commits (8 000 €), b2 has nothing paid (5 000 €)."""
    total, depuis = consommation.retenu(marche["accord"], J(2026, 1, 1))
    assert total == Decimal("22000.00")
    assert depuis == Decimal("5000.00")  # only b2 was emitted in 2026


def test_the_pilotage_projection_uses_it(marche):
    from pilotage import indicateurs

    projection = indicateurs.projection(marche["accord"], AUJOURD_HUI)
    # Since 1 September 2025 (302 days), 22 000 € counted; 28 000 € left under the maximum.
    par_jour = Decimal("22000.00") / 302
    assert projection.retenu == Decimal("22000.00")
    assert projection.rythme_mensuel == (par_jour * 30).quantize(Decimal("0.01"))
    assert projection.date == AUJOURD_HUI + datetime.timedelta(days=int(28000 / par_jour))


def test_the_accord_cadre_page_shows_the_table(client, marche):
    client.force_login(UserFactory(instructeur=True))
    page = client.get(reverse("commandes:accord_cadre", args=[marche["accord"].pk]))
    texte = page.content.decode()
    assert "par année et par titulaire" in texte
    assert "Total 2025" in texte and "Total de l'accord-cadre" in texte
    assert "exports/tableaux/consommation-accords-cadres.csv?accord=" in texte


def test_the_pilotage_shows_the_chart_with_its_table(client, marche):
    client.force_login(UserFactory(instructeur=True))
    reponse = client.get(reverse("pilotage:tableau"))
    page = texte_lu(reponse)
    reference = marche["accord"].reference
    assert f"Consommation de l'accord-cadre {reference} (HT, toutes années) (données)" in page
    # The chart's data table, in euros.
    paye = f'<th scope="row">Payé</th><td class="fr-cell--right">{euros(Decimal("12000"))}</td>'
    assert paye in reponse.content.decode()
    assert "montant HT payé une fois sa facture de solde mise en paiement" in page
    assert f"Consommation de {reference} par année et par titulaire" in page


def _requetes(client, url):
    with CaptureQueriesContext(connection) as requetes:
        assert client.get(url).status_code == 200
    return len(requetes)


def test_the_pages_queries_do_not_grow_with_the_bons_and_invoices(
    client, marche, agent, titulaire_user
):
    client.force_login(UserFactory(instructeur=True))
    pages = [reverse("commandes:accord_cadre", args=[marche["accord"].pk]), "/pilotage/"]
    [_requetes(client, url) for url in pages]  # caches warmed (content types, session)
    avant = [_requetes(client, url) for url in pages]
    for _ in range(3):
        atelier = AtelierFactory(titulaire=marche["a"], candidature__service=agent.organisation)
        bon = _bon(agent, atelier, "1000.00", J(2026, 4, 1), J(2026, 4, 1), J(2026, 4, 2))
        _facture(
            titulaire_user,
            agent,
            bon,
            "500.00",
            J(2026, 4, 3),
            "acompte",
            J(2026, 4, 4),
            J(2026, 6, 1),
        )  # paid late: the pilotage lists it
        _facture(titulaire_user, agent, bon, "500.00", J(2026, 4, 5), "solde")
    assert [_requetes(client, url) for url in pages] == avant


def test_the_export_holds_one_row_per_year_and_titulaire(client, marche):
    client.force_login(UserFactory(instructeur=True))
    url = reverse("exports:tableau", args=["consommation-accords-cadres", "csv"])
    reponse = client.get(url, {"accord": marche["accord"].pk})
    assert reponse["Content-Disposition"].startswith(
        'attachment; filename="consommation-accords-cadres-2026-06-30.csv"'
    )
    lignes = list(csv.reader(io.StringIO(reponse.content.decode("utf-8-sig")), delimiter=";"))
    assert lignes[0][:6] == [
        "Accord-cadre",
        "Année",
        "Titulaire",
        "Maximum HT (€)",
        "Engagé HT (€)",
        "Engagé TTC (€)",
    ]
    reference = marche["accord"].reference
    assert lignes[1][:5] == [reference, "2025", marche["a"].nom, "50000,00", "10000,00"]
    assert lignes[4][:3] == [reference, "2026", "Groupement B"]
    assert lignes[4][-2:] == ["3000,00", "3600,00"]  # paid HT, TTC
    assert len(lignes) == 5

    xlsx = client.get(reverse("exports:tableau", args=["consommation-accords-cadres", "xlsx"]))
    feuille = load_workbook(io.BytesIO(xlsx.content)).active
    assert feuille.max_row == 5
    assert feuille["E2"].value == 10000  # a number, that sums


@pytest.mark.parametrize(("qui", "attendu"), [("agent", 403), ("prestataire", 403)])
def test_only_the_dgaln_exports_the_consumption(client, marche, qui, attendu):
    client.force_login(UserFactory(**({"prestataire": True} if qui == "prestataire" else {})))
    url = reverse("exports:tableau", args=["consommation-accords-cadres", "csv"])
    assert client.get(url).status_code == attendu
