"""In a real browser, the invoice of a bon de commande: the titulaire logs in from the login
page, opens its notified bon and records its invoice with its PDF; the service fait is
attested afterwards, in the past; the pilot service accepts the invoice and records its
payment 25 days after the deadline, and the invoice's and the bon's pages say what the State
owes (interest at the ECB's rate plus 8 points, and the 40 € indemnity); the DGALN then
finds the bon paid in the accord-cadre's consumption on the pilotage and the accord-cadre's
page. axe-core checks every page on the way (WCAG 2 A/AA)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from commandes import paiement
from commandes import transitions as commandes
from commandes.models import Facture, TauxBCE
from comptes.models import User
from marches.models import MembreGroupement
from tests.factories import MOT_DE_PASSE, AtelierFactory, MembreFactory, UserFactory
from tests.fichiers import pdf
from tests.navigateur.outils import accessible, connecter, message, prochaine_etape

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PRESTATAIRE = "equipe@titulaire.example"
AGENT = "agent@ddt.example"
INSTRUCTEUR = "instructeur@dgaln.example"
ATELIER = "Centre de Péronne"


def jour(decalage):
    return datetime.date.today() + datetime.timedelta(days=decalage)


def mots(locator):
    """The words of a part of the page, French spaces made plain."""
    return " ".join(locator.inner_text().split())


# The consumption's totals, committed, certified, invoiced (HT, TTC) and paid (HT, TTC):
# the whole bon, paid.
PAYE = (
    "Total de l'accord-cadre 20 000,00 € 20 000,00 € 20 000,00 € 24 000,00 € 20 000,00 € "
    "24 000,00 €"
)


def consommation(page, accord):
    """The totals row of the accord-cadre's consumption per year and titulaire."""
    nom = f"Consommation de l'accord-cadre {accord.reference} par année et par titulaire"
    return mots(page.get_by_role("table", name=nom).locator("tfoot"))


@pytest.fixture
def bon():
    """A bon of 20 000 € HT (24 000 € TTC) notified to the titulaire 90 days ago; the ECB's
    rate (2.15 %) of this semester and the last in the table."""
    atelier = AtelierFactory(candidature__titre=ATELIER)
    mandataire = MembreFactory(titulaire=atelier.titulaire, role=MembreGroupement.Role.MANDATAIRE)
    UserFactory(prestataire=True, organisation=mandataire.organisation, email=PRESTATAIRE)
    agent = UserFactory(organisation=atelier.service_pilote, email=AGENT)
    UserFactory(instructeur=True, email=INSTRUCTEUR)
    for semestre in {paiement.semestre_de(jour(-200)), paiement.semestre_de(jour(0))}:
        TauxBCE.objects.create(semestre=semestre, taux=Decimal("2.15"))
    bon = commandes.creer(
        agent,
        atelier,
        objet="Atelier Flash de Péronne",
        montant_ht="20000.00",
        engagement_juridique="2100012345",
        code_service="DDT-SUA",
    )
    commandes.emettre(agent, bon, jour(-91))
    return commandes.notifier_titulaire(agent, bon, jour(-90))


def test_invoice_recorded_accepted_and_paid_late_then_the_interest_owed(page, bon, tmp_path):
    # 1. The titulaire logs in from the login page and opens its bon.
    page.goto("/")
    page.get_by_role("link", name="Se connecter").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion à l'espace des services")
    accessible(page)
    page.get_by_label("Adresse e-mail").fill(PRESTATAIRE)
    page.get_by_label("Mot de passe").first.fill(MOT_DE_PASSE)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tableau de bord")
    accessible(page)
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Ateliers"
    ).click()
    page.get_by_role("link", name=ATELIER).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ATELIER)
    accessible(page)
    page.get_by_role("link", name=bon.numero).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(bon.numero)
    accessible(page)

    # 2. It records its solde, received in Chorus Pro 60 days ago, with its PDF.
    page.get_by_role("link", name="Enregistrer une facture").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Enregistrer une facture — bon {bon.numero}"
    )
    accessible(page)
    page.get_by_label("Nature").select_option(label="Solde")
    page.get_by_label("N° de la facture").fill("PER-2026-007")
    page.get_by_label("Référence dans Chorus Pro").fill("CPP-2026-4242")
    page.get_by_label("Reçue dans Chorus Pro le").fill(jour(-60).isoformat())
    page.get_by_label("Montant HT (€)").fill("20000")
    page.get_by_label("TVA (€)").fill("4000")
    fichier = tmp_path / "facture-PER-2026-007.pdf"
    fichier.write_bytes(pdf().read())
    page.get_by_label("La facture en PDF").set_input_files(fichier)
    page.get_by_role("button", name="Enregistrer la facture").click()
    expect(message(page, "Facture PER-2026-007 enregistrée.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Facture PER-2026-007")
    expect(page.get_by_text("pas encore commencé")).to_be_visible()  # no service fait yet
    accessible(page)
    facture = Facture.objects.get(numero="PER-2026-007")
    assert facture.montant_ttc == Decimal("24000.00")

    # The service fait, attested 55 days ago: the 30 days ran out 25 days ago.
    agent = User.objects.get(email=AGENT)
    commandes.attester_service_fait(agent, bon, jour(-55), "Cadrage et ateliers réalisés.")
    echeance = jour(-25)

    # 3. The pilot service logs in, accepts the invoice, then records its payment today.
    connecter(page, AGENT, MOT_DE_PASSE)
    accessible(page)
    page.goto(reverse("commandes:detail", args=[bon.pk]))
    accessible(page)
    page.get_by_role("link", name="PER-2026-007").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Facture PER-2026-007")
    accessible(page)
    prochaine_etape(page).get_by_role("link", name="Accepter la facture").click()
    expect(page.get_by_label("Date d'acceptation")).to_be_visible()
    accessible(page)
    page.get_by_role("button", name="Accepter la facture").click()
    expect(message(page, "Facture acceptée : le titulaire est prévenu.")).to_be_visible()
    accessible(page)
    prochaine_etape(page).get_by_role("link", name="Indiquer la mise en paiement").click()
    accessible(page)
    page.get_by_role("button", name="Enregistrer la mise en paiement").click()
    expect(message(page, "Mise en paiement enregistrée")).to_be_visible()

    # 4. The invoice's page says what the State owes: 24 000 € × 10.15 % × 25 / 365.
    interets = "166,85 €"
    alerte = page.get_by_role("heading", name="Payée 25 jours après l'échéance")
    expect(alerte).to_be_visible()
    texte = mots(page.locator("main"))
    assert f"L'échéance était le {echeance.day}" in texte
    assert f"des intérêts moratoires de {interets} : 24 000,00 € TTC × 10,15 % × 25" in texte
    assert "l'indemnité forfaitaire pour frais de recouvrement de 40,00 €" in texte
    assert "Soit 206,85 €" in texte
    accessible(page)
    # …and so does the bon's list of invoices.
    page.get_by_role("link", name=bon.numero).first.click()
    factures = page.get_by_role("table", name=f"Factures du bon {bon.numero}")
    assert "payée avec 25 j de retard : 206,85 € dus" in mots(factures)
    accessible(page)

    # 5. The DGALN reads the accord-cadre's consumption on the pilotage, then on the
    # accord-cadre's page: the bon is ordered, executed, invoiced and paid.
    accord = bon.atelier.accord_cadre
    connecter(page, INSTRUCTEUR, MOT_DE_PASSE)
    page.goto(reverse("pilotage:tableau"))
    montants = page.get_by_role("table", name=f"Montants de l'accord-cadre {accord.reference}")
    assert mots(montants.locator("tbody td").nth(1)).startswith("20 000,00 €")  # ordered
    assert mots(montants.locator("tbody td").nth(2)) == "20 000,00 €"  # executed
    assert consommation(page, accord) == PAYE
    accessible(page)
    page.get_by_role("link", name=accord.reference).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Accord-cadre")
    texte = mots(page.locator("main"))
    assert "Commandé HT 20 000,00 €" in texte
    assert "Exécuté HT 20 000,00 €" in texte
    assert consommation(page, accord) == PAYE
    accessible(page)
