"""In a real browser, issue 30: a DGALN administrator sets up the accord-cadre in force in the
Django admin (three groupements, their order changed before any attribution, their members
chosen through the autocomplete), then sets one groupement aside on the « Modifier le
tourniquet » page, with a reason (refused without one). An instructeur then attributes two
eligible files from the portal: the tourniquet proposes the groupements in the order set in the
admin and skips the one set aside. axe-core checks the portal's pages (WCAG 2 A/AA), not the
admin's (the accessibility statement excludes it)."""

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.navigateur.outils import accessible, connecter, message, onglet, prochaine_etape

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ENREGISTRER_ET_CONTINUER = "Enregistrer et continuer les modifications"
MOTIF = "Le mandataire du groupement B est en redressement judiciaire : plus de proposition."

# Each groupement's mandataire, then its co-traitant.
MEMBRES = {
    "Groupement A": ("Atelier Alpha", "Paysages Alpha"),
    "Groupement B": ("Bureau Bêta", "Mobilités Bêta"),
    "Groupement C": ("Coopérative Gamma", "Habitat Gamma"),
}


def _ligne(page, prefixe, i, champ):
    return page.locator(f'[name="{prefixe}-{i}-{champ}"]')


def _choisir_societe(page, i, nom):
    """Pick ``nom`` in the i-th member row's autocomplete (select2, searched on the server)."""
    _ligne(page, "membres", i, "organisation").locator(
        "xpath=following-sibling::span[contains(@class, 'select2')]"
    ).locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(nom.split()[-1])
    page.locator(".select2-results__option", has_text=nom).click()
    expect(page.locator(".select2-container--open")).to_have_count(0)


def _ligne_du_titulaire(page, nom):
    """The accord-cadre's inline row of the groupement ``nom``."""
    return page.locator("tr.form-row").filter(has=page.locator(f'input[value="{nom}"]'))


def _creer_l_accord_cadre(page):
    page.goto("/admin/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.locator("tr.model-accordcadre").get_by_role("link", name="Accords-cadres").click()
    page.get_by_role("link", name=re.compile("^Ajouter accord-cadre")).click()
    aujourdhui = datetime.date.today()
    page.get_by_label("Référence").fill("AC-AF-2026")
    page.get_by_label("Intitulé").fill("Ateliers Flash — accord-cadre de recette")
    page.get_by_label("Statut").select_option(label="En vigueur")
    page.get_by_label("Date de début").fill(
        (aujourdhui - datetime.timedelta(days=30)).strftime("%d/%m/%Y")
    )
    page.get_by_label("Date de fin").fill(
        (aujourdhui + datetime.timedelta(days=700)).strftime("%d/%m/%Y")
    )
    page.get_by_label("Montant maximum HT (€)").fill("3000000")
    for i, nom in enumerate(MEMBRES):
        page.get_by_role("button", name=re.compile("^Ajouter un objet Titulaire")).click()
        _ligne(page, "titulaires", i, "rang").fill(str(i + 1))
        _ligne(page, "titulaires", i, "nom").fill(nom)
    page.get_by_role("button", name=ENREGISTRER_ET_CONTINUER).click()
    expect(page.locator(".messagelist")).to_contain_text("a été ajouté avec succès")

    # Before any attribution the order may still change here: A and C swap ranks.
    _ligne(page, "titulaires", 0, "rang").fill("3")
    _ligne(page, "titulaires", 2, "rang").fill("1")
    page.get_by_role("button", name=ENREGISTRER_ET_CONTINUER).click()
    expect(page.locator(".messagelist")).to_contain_text("a été modifié avec succès")
    for i, nom in enumerate(["Groupement C", "Groupement B", "Groupement A"]):
        expect(_ligne(page, "titulaires", i, "nom")).to_have_value(nom)
        expect(_ligne(page, "titulaires", i, "rang")).to_have_value(str(i + 1))
    return page.url


def _ajouter_les_membres(page, fiche_accord, nom):
    page.goto(fiche_accord)
    _ligne_du_titulaire(page, nom).get_by_role("link", name="Modification").click()
    expect(page.get_by_role("heading", name=nom, exact=True)).to_be_visible()
    mandataire, cotraitant = MEMBRES[nom]
    for i, (societe, role) in enumerate([(mandataire, "Mandataire"), (cotraitant, "Co-traitant")]):
        page.get_by_role("button", name=re.compile("^Ajouter un objet Membre")).click()
        _choisir_societe(page, i, societe)
        _ligne(page, "membres", i, "role").select_option(label=role)
    _ligne(page, "membres", 1, "specialite").fill("Paysage")
    page.get_by_role("button", name=ENREGISTRER_ET_CONTINUER).click()
    expect(page.locator(".messagelist")).to_contain_text("a été modifié avec succès")
    for i, societe in enumerate([mandataire, cotraitant]):
        choisie = _ligne(page, "membres", i, "organisation").locator("option:checked")
        expect(choisie).to_have_text(societe)


def _ecarter_le_groupement_b(page, fiche_accord):
    from marches.models import DecisionTourniquet, Titulaire

    page.goto(fiche_accord)
    page.get_by_role("link", name="Modifier le tourniquet").click()
    expect(page).to_have_url(re.compile(r"/admin/marches/accordcadre/\d+/tourniquet/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Modifier le tourniquet")
    page.get_by_label("« Groupement B » reçoit des propositions").uncheck()

    # Without a reason: refused in French on the same page, nothing changes.
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page).to_have_url(re.compile(r"/tourniquet/$"))
    expect(page.get_by_text("Indiquez le motif de la décision")).to_be_visible()
    assert Titulaire.objects.get(nom="Groupement B").actif
    assert not DecisionTourniquet.objects.exists()

    expect(page.get_by_label("« Groupement B » reçoit des propositions")).not_to_be_checked()
    page.get_by_label("Motif de la décision").fill(MOTIF)
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page).to_have_url(fiche_accord)
    expect(page.locator(".messagelist")).to_contain_text(
        "« Groupement B » mis à l’écart du tourniquet. La décision est inscrite au registre."
    )
    expect(_ligne(page, "titulaires", 1, "nom")).to_have_value("Groupement B")
    expect(_ligne(page, "titulaires", 1, "actif")).not_to_be_checked()
    decision = DecisionTourniquet.objects.get()
    assert decision.motif == MOTIF


def _attribuer(page, candidature, attendu, autres):
    page.goto(reverse("candidatures:detail", args=[candidature.pk]))
    prochaine_etape(page).get_by_role("link", name="Attribuer par le tourniquet").click()
    expect(page).to_have_url(re.compile(rf"/ateliers/attribuer/{candidature.pk}/$"))
    expect(page.get_by_role("heading", name=f"Titulaire proposé : {attendu}")).to_be_visible()
    mandataire, cotraitant = MEMBRES[attendu]
    expect(page.get_by_text(f"{mandataire} — mandataire")).to_be_visible()
    expect(page.get_by_text(f"{cotraitant} — co-traitant (Paysage)")).to_be_visible()
    ordre = page.get_by_role("table", name="Ordre du tourniquet")
    expect(ordre.get_by_role("row").nth(2)).to_contain_text("Groupement B")
    expect(ordre.get_by_role("row").nth(2)).to_contain_text("Mis à l'écart")
    accessible(page)
    page.get_by_role("button", name=f"Confirmer l'attribution à {attendu}").click()

    expect(page).to_have_url(re.compile(r"/ateliers/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(candidature.titre)
    expect(message(page, f"Atelier attribué à « {attendu} »")).to_be_visible()
    expect(page.get_by_text(f"titulaire : {attendu} — accord-cadre AC-AF-2026")).to_be_visible()
    titulaire = page.get_by_role("region", name="Titulaire")
    expect(titulaire.get_by_text(attendu, exact=True)).to_be_visible()
    for autre in autres:
        expect(page.get_by_text(autre)).to_have_count(0)
    accessible(page)


def test_administrator_sets_up_the_tourniquet_and_the_instructeur_follows_it(
    navigateur, live_server
):
    from ateliers.models import Atelier
    from marches.models import AccordCadre, Titulaire
    from tests.factories import MOT_DE_PASSE, CandidatureFactory, SocieteFactory, UserFactory

    assert not AccordCadre.objects.exists()
    for mandataire, cotraitant in MEMBRES.values():
        SocieteFactory(nom=mandataire)
        SocieteFactory(nom=cotraitant)
    administrateur = UserFactory(administrateur=True)
    instructeur = UserFactory(instructeur=True)
    ham = CandidatureFactory(statut="eligible", titre="Ham, cœur de ville")
    corbie = CandidatureFactory(statut="eligible", titre="Corbie, bords de Somme")

    with onglet(navigateur, live_server.url) as page:
        connecter(page, administrateur.email, MOT_DE_PASSE)
        fiche_accord = _creer_l_accord_cadre(page)
        for nom in MEMBRES:
            _ajouter_les_membres(page, fiche_accord, nom)
        _ecarter_le_groupement_b(page, fiche_accord)

    with onglet(navigateur, live_server.url) as page:
        connecter(page, instructeur.email, MOT_DE_PASSE)
        # Rank 1 first, then rank 3: rank 2 is set aside.
        _attribuer(page, ham, "Groupement C", ["Groupement A"])
        _attribuer(page, corbie, "Groupement A", ["Groupement C"])
    assert {t.nom: (t.rang, t.actif, str(t.mandataire)) for t in Titulaire.objects.all()} == {
        "Groupement C": (1, True, "Coopérative Gamma"),
        "Groupement B": (2, False, "Bureau Bêta"),
        "Groupement A": (3, True, "Atelier Alpha"),
    }
    assert dict(Atelier.objects.values_list("candidature__titre", "titulaire__nom")) == {
        "Ham, cœur de ville": "Groupement C",
        "Corbie, bords de Somme": "Groupement A",
    }
