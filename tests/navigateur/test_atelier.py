"""In a real browser, journey 4, the life of an atelier: the titulaire plans it and proposes
the on-site programme, the pilot service validates it and records a livrable, the titulaire
starts the animation and uploads the livrable (a disguised file is refused), the service asks
for a reprise then validates version 2; the titulaire writes the fiche synthétique, which the
service validates; the service attests the service fait of its bon and closes the atelier
(confirming dates the planning finds implausible), which a visitor then finds in the public
catalogue. A prestataire of another
groupement sees none of it. axe-core checks every page on the way (WCAG 2 A/AA)."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from commandes import transitions as commandes
from marches.models import MembreGroupement
from tests.factories import (
    MOT_DE_PASSE,
    AtelierFactory,
    LivrableFactory,
    MembreFactory,
    UserFactory,
)
from tests.fichiers import pdf, texte_renomme
from tests.navigateur.outils import accessible, message, prochaine_etape
from tests.navigateur.outils import connecter as connecter_avec

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PRESTATAIRE = "equipe@titulaire.example"
AGENT = "agent@ddt.example"
AUTRE_PRESTATAIRE = "equipe@concurrent.example"


@pytest.fixture
def atelier():
    """An atelier just attributed: a service, a groupement with its mandataire and each side's
    user, a prestataire of another groupement of the same accord-cadre, and the bon de
    commande the service notified to the titulaire."""
    atelier = AtelierFactory(candidature__titre="Centre de Péronne")
    mandataire = MembreFactory(titulaire=atelier.titulaire, role=MembreGroupement.Role.MANDATAIRE)
    UserFactory(prestataire=True, organisation=mandataire.organisation, email=PRESTATAIRE)
    agent = UserFactory(organisation=atelier.service_pilote, email=AGENT)
    concurrent = MembreFactory(role=MembreGroupement.Role.MANDATAIRE)
    UserFactory(prestataire=True, organisation=concurrent.organisation, email=AUTRE_PRESTATAIRE)
    bon = commandes.creer(
        agent,
        atelier,
        objet="Atelier Flash de Péronne",
        montant_ht="20000.00",
        engagement_juridique="2100012345",
        code_service="DDT-SUA",
    )
    commandes.emettre(agent, bon)
    commandes.notifier_titulaire(agent, bon)
    return atelier


def connecter(page, email):
    """Log in as one of the fixture's users (the factories' password)."""
    connecter_avec(page, email, MOT_DE_PASSE)


def jour(decalage):
    return (datetime.date.today() + datetime.timedelta(days=decalage)).isoformat()


def fichier(dossier, nom, televersable):
    chemin = dossier / nom
    chemin.write_bytes(televersable.read())
    return chemin


def test_atelier_from_planning_to_the_public_catalogue(page, atelier, tmp_path):
    # 1. The titulaire plans the atelier and proposes the on-site programme.
    connecter(page, PRESTATAIRE)
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Ateliers"
    ).click()
    accessible(page)
    page.get_by_role("link", name="Centre de Péronne").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Centre de Péronne")
    accessible(page)
    adresse_atelier = page.url

    page.get_by_role("link", name="Modifier le planning").click()
    accessible(page)
    for phase, debut, fin in (
        ("Cadrage et appropriation", 0, 30),
        ("Animation sur site", 35, 37),
        ("Production des livrables", 38, 120),
        ("Restitution à distance", 121, 150),
    ):
        page.get_by_label(f"{phase} : début prévu").fill(jour(debut))
        page.get_by_label(f"{phase} : fin prévue").fill(jour(fin))
    page.get_by_role("button", name="Enregistrer").click()
    expect(message(page, "Planning enregistré.")).to_be_visible()
    planning = page.get_by_role("table", name="Planning de l'atelier")
    expect(planning.get_by_role("row", name="Animation sur site")).to_contain_text(
        datetime.date.fromisoformat(jour(35)).strftime("%d/%m/%Y")
    )

    page.get_by_role("link", name="Rédiger le programme sur site").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Programme sur site")
    accessible(page)
    page.get_by_label("Premier jour sur site").fill(jour(35))
    page.get_by_label("Dernier jour sur site").fill(jour(37))
    page.get_by_label("Lieu d'accueil").fill("Salle des fêtes de Péronne")
    page.get_by_label("Jours et horaires").fill(
        "Jour 1 : introduction à 9 h, arpentage l'après-midi.\n"
        "Jour 2 : tables de travail.\nJour 3 : restitution à chaud à 16 h."
    )
    page.get_by_label("Parcours de l'arpentage").fill("De la gare au château par les remparts.")
    page.get_by_label("Personnes à inviter").fill("Élus, commerçants, associations d'habitants.")
    page.get_by_label("Thèmes des tables de travail").fill("Commerces ; mobilités ; patrimoine.")
    page.get_by_role("button", name="Enregistrer le programme").click()
    expect(message(page, "Programme enregistré.")).to_be_visible()
    expect(page.get_by_text("À compléter avant de le proposer")).to_have_count(0)
    accessible(page)
    prochaine_etape(page).get_by_role("link", name="Proposer au service").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Proposer le programme au service")
    accessible(page)
    page.get_by_role("button", name="Proposer le programme").click()
    expect(message(page, "Programme proposé : le service pilote est prévenu.")).to_be_visible()
    # Proposed, the programme no longer changes: the titulaire only reads it.
    expect(page.get_by_role("link", name="Voir le programme sur site")).to_be_visible()

    # 2. The pilot service validates the programme and records the expected livrable.
    connecter(page, AGENT)
    page.goto(adresse_atelier)
    page.get_by_role("link", name="Examiner le programme proposé").click()
    expect(page.get_by_text("Salle des fêtes de Péronne")).to_be_visible()
    accessible(page)
    prochaine_etape(page).get_by_role("link", name="Valider le programme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Valider le programme sur site")
    accessible(page)
    page.get_by_label("Commentaire").fill("Programme complet, merci.")
    page.get_by_role("button", name="Valider le programme").click()
    expect(message(page, "Programme validé : le titulaire est prévenu.")).to_be_visible()

    page.get_by_role("link", name="Indiquer les livrables attendus").click()
    accessible(page)
    page.get_by_label("Type de livrable").select_option(label="Feuille de route")
    page.get_by_label("Échéance").fill(jour(100))
    page.get_by_role("button", name="Ajouter le livrable").click()
    expect(
        message(page, "« Feuille de route » attendu : le titulaire est prévenu.")
    ).to_be_visible()
    livrables = page.get_by_role("table", name="Livrables")
    expect(livrables.get_by_role("row", name="Feuille de route")).to_contain_text("Attendu")
    accessible(page)

    page.get_by_role("link", name="Lire la feuille de route (aucun axe pour l'instant)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feuille de route")
    expect(page.get_by_text("n'a pas encore d'axe d'intervention")).to_be_visible()
    accessible(page)

    # 3. The titulaire starts the animation and uploads the livrable.
    connecter(page, PRESTATAIRE)
    page.goto(adresse_atelier)
    prochaine_etape(page).get_by_role("link", name="Passer à la phase suivante").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Passer à la phase « Animation sur site »"
    )
    # The planned dates are shown; the actual date is asked (the planned start is to come).
    expect(page.get_by_text("Phase suivante, « Animation sur site » : prévue du")).to_be_visible()
    accessible(page)
    expect(page.get_by_label("Date du changement de phase")).to_have_value(jour(0))
    page.get_by_label("Date du changement de phase").fill(jour(0))
    page.get_by_role("button", name="Passer à la phase suivante").click()
    expect(message(page, "L'atelier est passé à la phase suivante.")).to_be_visible()
    expect(page.get_by_role("heading", name="Animation sur site")).to_be_visible()

    page.get_by_role("table", name="Livrables").get_by_role("link", name="Feuille de route").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feuille de route")
    expect(page.get_by_text("Aucune version déposée pour l'instant.")).to_be_visible()
    accessible(page)
    adresse_livrable = page.url

    # A text file renamed .pdf is refused for what it contains, not for its name.
    page.get_by_label("Fichier").set_input_files(fichier(tmp_path, "plan.pdf", texte_renomme()))
    page.get_by_role("button", name="Déposer la version").click()
    expect(
        page.get_by_text(
            "Le contenu du fichier ne correspond pas à un document PDF : "
            "il a peut-être été renommé."
        )
    ).to_be_visible()
    expect(page.get_by_text("Aucune version déposée pour l'instant.")).to_be_visible()
    accessible(page)

    page.get_by_label("Fichier").set_input_files(
        fichier(tmp_path, "feuille-de-route-v1.pdf", pdf())
    )
    page.get_by_label("Note pour le service").fill("Première version, trois axes.")
    page.get_by_role("button", name="Déposer la version").click()
    expect(message(page, "Version 1 déposée : le service pilote est prévenu.")).to_be_visible()
    expect(page.get_by_role("link", name="feuille-de-route-v1.pdf")).to_be_visible()
    accessible(page)

    # 4. The service sends version 1 back; the titulaire uploads version 2; it is validated.
    connecter(page, AGENT)
    page.goto(adresse_livrable)
    expect(page.get_by_text("Note du titulaire : Première version, trois axes.")).to_be_visible()
    page.get_by_role("link", name="Demander une reprise").click()
    accessible(page)
    page.get_by_label("Ce qu'il faut reprendre").fill("Chiffrer les actions du deuxième axe.")
    page.get_by_role("button", name="Demander la reprise").click()
    expect(message(page, "Reprise demandée : le titulaire est prévenu.")).to_be_visible()

    connecter(page, PRESTATAIRE)
    page.goto(adresse_livrable)
    # The livrable's state comes first, above the versions (version 1's opinion says the same).
    expect(page.get_by_text("À reprendre", exact=True).first).to_be_visible()
    expect(page.get_by_text("Chiffrer les actions du deuxième axe.").first).to_be_visible()
    page.get_by_label("Fichier").set_input_files(
        fichier(tmp_path, "feuille-de-route-v2.pdf", pdf())
    )
    page.get_by_label("Note pour le service").fill("Actions du deuxième axe chiffrées.")
    page.get_by_role("button", name="Déposer la version").click()
    expect(message(page, "Version 2 déposée : le service pilote est prévenu.")).to_be_visible()

    connecter(page, AGENT)
    page.goto(adresse_livrable)
    prochaine_etape(page).get_by_role("link", name="Valider la version 2").click()
    accessible(page)
    page.get_by_role("button", name="Valider", exact=True).click()
    expect(message(page, "Livrable validé : le titulaire est prévenu.")).to_be_visible()
    expect(page.get_by_text("Validé", exact=True)).to_be_visible()
    # Every version is kept, the latest first, each with the service's opinion.
    versions = page.get_by_role("region", name="Versions")
    expect(versions.get_by_role("link")).to_have_text(
        ["feuille-de-route-v2.pdf", "feuille-de-route-v1.pdf"]
    )
    expect(versions.get_by_text("Validée", exact=True)).to_be_visible()
    expect(versions.get_by_text("À reprendre", exact=True)).to_be_visible()
    expect(versions.get_by_text("Chiffrer les actions du deuxième axe.")).to_be_visible()
    expect(page.get_by_role("link", name="Demander une reprise")).to_have_count(0)
    accessible(page)

    page.get_by_role("link", name="Centre de Péronne").first.click()
    expect(
        page.get_by_role("table", name="Livrables").get_by_role("row", name="Feuille de route")
    ).to_contain_text("Validé")

    # 5. The titulaire writes the fiche synthétique, the service validates it: the public
    # catalogue will show the atelier once closed.
    connecter(page, PRESTATAIRE)
    page.goto(adresse_atelier)
    page.get_by_role("link", name="Fiche synthétique").click()
    page.get_by_role("link", name="Rédiger la fiche").click()
    accessible(page)
    for champ, texte in (
        ("Territoire bénéficiaire", "Péronne (Somme)"),
        ("Contexte", "Un centre-bourg entre la Somme et ses étangs."),
        ("Enjeux", "Ramener commerces et habitants au centre."),
        ("Ce que l'atelier a produit", "Une feuille de route en trois axes."),
        ("Prochaines étapes", "Une étude de revitalisation du centre."),
    ):
        page.get_by_label(champ).fill(texte)
    page.get_by_role("button", name="Enregistrer").click()
    expect(message(page, "Fiche synthétique enregistrée.")).to_be_visible()
    connecter(page, AGENT)
    page.goto(adresse_atelier)
    page.get_by_role("link", name="Fiche synthétique").click()
    expect(page.get_by_text("Pas encore validée par le service pilote")).to_be_visible()
    accessible(page)
    page.get_by_role("button", name="Valider la fiche synthétique").click()
    expect(message(page, "Fiche synthétique validée : le titulaire est prévenu.")).to_be_visible()
    page.goto(adresse_atelier)

    # 6. The atelier reaches its restitution; the service attests the bon and closes it. The
    # animation began today: leaving it the same day, the page asks to confirm that date.
    prochaine_etape(page).get_by_role("link", name="Passer à la phase suivante").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Passer à la phase « Production des livrables »"
    )
    page.get_by_label("Date du changement de phase").fill(jour(0))
    page.get_by_role("button", name="Passer à la phase suivante").click()
    expect(page.get_by_role("alert")).to_contain_text("se terminerait le jour même")
    accessible(page)
    # The DSFR draws the box on its label: a person ticks it there.
    page.get_by_text("Je confirme cette date malgré les alertes ci-dessus").click()
    expect(page.get_by_label("Je confirme cette date malgré les alertes ci-dessus")).to_be_checked()
    page.get_by_role("button", name="Passer à la phase suivante").click()
    expect(message(page, "L'atelier est passé à la phase suivante.")).to_be_visible()
    prochaine_etape(page).get_by_role("link", name="Passer à la phase suivante").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Passer à la phase « Restitution à distance »"
    )
    page.get_by_label("Date du changement de phase").fill(jour(0))
    page.get_by_role("button", name="Passer à la phase suivante").click()
    expect(message(page, "L'atelier est passé à la phase suivante.")).to_be_visible()
    # Not yet: its bon has no service fait, and the page says so.
    expect(page.get_by_text("bons de commande sans service fait")).to_be_visible()
    expect(page.get_by_role("link", name="Clôturer l'atelier")).to_have_count(0)
    accessible(page)

    page.get_by_role("table", name="Bons de commande").get_by_role("link").first.click()
    prochaine_etape(page).get_by_role("link", name="Attester le service fait").click()
    accessible(page)
    page.get_by_label("Date du service fait").fill(jour(0))
    page.get_by_label("Attestation").fill("Feuille de route et restitution reçues.")
    page.get_by_role("button", name="Attester le service fait").click()
    expect(message(page, "Service fait attesté : le titulaire est prévenu.")).to_be_visible()

    page.goto(adresse_atelier)
    prochaine_etape(page).get_by_role("link", name="Clôturer l'atelier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Clôturer l'atelier")
    accessible(page)
    page.get_by_label("Date de clôture").fill(jour(0))
    page.get_by_role("button", name="Clôturer l'atelier").click()
    # Attributed today, closed today: far from the 4 to 8 months, confirmed before closing.
    expect(page.get_by_role("alert")).to_contain_text("un Atelier Flash dure de 4 à 8 mois.")
    page.get_by_text("Je confirme cette date malgré les alertes ci-dessus").click()
    page.get_by_role("button", name="Clôturer l'atelier").click()
    expect(message(page, "Atelier clôturé.")).to_be_visible()
    expect(page.get_by_text("Clôturé", exact=True).first).to_be_visible()
    accessible(page)

    # 7. Closed, its fiche validated, the atelier is in the public catalogue, for anyone.
    page.context.clear_cookies()
    page.goto("/")
    page.get_by_role("link", name="Découvrir les ateliers réalisés").click()
    expect(page.get_by_text("1 atelier réalisé depuis")).to_be_visible()
    page.get_by_role("link", name="Centre de Péronne").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Centre de Péronne")
    expect(page.get_by_text(atelier.titulaire.nom).first).to_be_visible()
    # The agents' contact details stay inside the portal.
    expect(page.get_by_text(AGENT)).to_have_count(0)
    accessible(page)


def test_prestataire_of_another_groupement_gets_404(page, atelier):
    livrable = LivrableFactory(atelier=atelier)
    connecter(page, AUTRE_PRESTATAIRE)
    for adresse in (
        reverse("ateliers:detail", args=[atelier.pk]),
        reverse("livrables:detail", args=[livrable.pk]),
    ):
        reponse = page.goto(adresse)
        assert reponse.status == 404, adresse
        expect(page.get_by_role("heading", level=1)).to_have_text("Page introuvable")
        expect(page.get_by_text("Centre de Péronne")).to_have_count(0)
        accessible(page)
