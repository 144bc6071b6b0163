"""What a bon de commande must state (Code de la commande publique R2162-13 and the
accord-cadre): what is ordered as a line of quantity, unit and unit price, the titulaire with
its mandataire's SIRET and address and each member's SIRET, the period of execution, and the
signature of the service's representative of the pouvoir adjudicateur."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commandes import factures, transitions
from commandes.models import fin_d_execution_par_defaut
from documents.models import Document
from marches.models import MembreGroupement
from tests.documents.conftest import telecharger, texte_pdf
from tests.factories import MembreFactory
from tests.fichiers import pdf
from tests.outils import texte_lu

pytestmark = pytest.mark.django_db


def _bon(agent, atelier, **champs):
    return transitions.creer(
        agent,
        atelier,
        **{
            "objet": "Atelier Flash de Péronne — trois journées sur site",
            "quantite": 3,
            "unite": "journee",
            "montant_ht": "12000.00",
            "fin_execution": datetime.date(2027, 6, 30),
            "engagement_juridique": "2100012345",
            "code_service": "DDT80-SA",
            **champs,
        },
    )


def test_the_pdf_states_the_line_the_titulaire_the_period_and_the_signatory(
    client, agent, atelier, django_capture_on_commit_callbacks
):
    mandataire = atelier.titulaire.membres.get(role=MembreGroupement.Role.MANDATAIRE)
    mandataire.organisation.siret = "88412345600011"
    mandataire.organisation.adresse = "12 rue de l'Ourcq, 75019 Paris"
    mandataire.organisation.save()
    cotraitant = MembreFactory(titulaire=atelier.titulaire, organisation__siret="90123456700013")
    service = atelier.service_pilote
    service.signataire_nom = "Anne Martin"
    service.signataire_qualite = "Pour le préfet et par délégation, la directrice départementale"
    service.adresse = "1 boulevard du Port, 80000 Amiens"
    service.save()

    bon = _bon(agent, atelier)
    with django_capture_on_commit_callbacks(execute=True):
        transitions.emettre(agent, bon)
    client.force_login(agent)
    texte = " ".join(
        texte_pdf(telecharger(client, Document.objects.pour(bon, "bon_de_commande").get())).split()
    )

    assert (
        "Atelier Flash de Péronne — trois journées sur site 3 journées 4 000,00 € 12 000,00 €"
        in (texte)
    )
    assert (
        f"représenté par son mandataire {mandataire.organisation.nom} SIRET 88412345600011 "
        "12 rue de l'Ourcq, 75019 Paris"
    ) in texte
    assert "90123456700013" in texte and cotraitant.organisation.nom in texte
    assert (
        "Période d'exécution À compter de la notification du bon au titulaire, jusqu'au "
        "30 juin 2027"
    ) in texte
    assert "1 boulevard du Port, 80000 Amiens" in texte
    assert (
        "le représentant du pouvoir adjudicateur : Pour le préfet et par délégation, la "
        "directrice départementale, Anne Martin"
    ) in texte
    assert agent.get_full_name() not in texte
    page = texte_lu(client.get(reverse("commandes:detail", args=[bon.pk])))
    assert "Quantité 3 journées à 4 000,00 € HT" in page
    assert "de la notification au titulaire jusqu'au 30 juin 2027" in page


def test_an_amount_that_does_not_divide_into_the_quantity_is_refused(agent, atelier):
    with pytest.raises(transitions.TransitionRefusee, match="ne se divise pas au centime près"):
        _bon(agent, atelier, montant_ht="10000.00", quantite=3)
    assert not atelier.bons.exists()


def test_a_bon_whose_period_ends_before_its_emission_is_not_emitted(agent, atelier):
    bon = _bon(agent, atelier, fin_execution=datetime.date(2026, 1, 31))
    with pytest.raises(transitions.TransitionRefusee, match="finit le 31 janvier 2026, avant"):
        transitions.emettre(agent, bon, datetime.date(2026, 2, 2))
    bon.refresh_from_db()
    assert bon.statut == "brouillon"


def test_the_period_runs_eight_months_by_default_and_the_form_asks_for_it(client, agent, atelier):
    assert fin_d_execution_par_defaut(datetime.date(2026, 6, 30)) == datetime.date(2027, 2, 28)
    client.force_login(agent)
    url = reverse("commandes:creer", args=[atelier.pk])
    formulaire = client.get(url)
    # The date input shows it (a browser's date input reads only an ISO value).
    fin = fin_d_execution_par_defaut(timezone.localdate())
    assert f'value="{fin.isoformat()}"' in formulaire.content.decode()
    reponse = client.post(
        url,
        {"objet": "X", "quantite": "1", "unite": "forfait", "montant_ht": "100", "taux_tva": "20"},
    )
    assert "Indiquez la date de fin de la période d'exécution." in texte_lu(reponse)
    assert not atelier.bons.exists()


def _texte_du_dernier_pdf(client, bon):
    return texte_pdf(telecharger(client, Document.objects.pour(bon, "bon_de_commande").first()))


def test_the_pdf_lists_the_invoices_and_is_remade_at_each_of_their_steps(
    client, agent, atelier, titulaire_user, django_capture_on_commit_callbacks
):
    bon = _bon(agent, atelier)
    with django_capture_on_commit_callbacks(execute=True):
        transitions.emettre(agent, bon, datetime.date(2026, 1, 5))
        transitions.notifier_titulaire(agent, bon, datetime.date(2026, 1, 6))
    client.force_login(titulaire_user)
    assert "Factures" not in _texte_du_dernier_pdf(client, bon).split("Dates")[0]

    with django_capture_on_commit_callbacks(execute=True):
        facture = factures.enregistrer(
            titulaire_user,
            bon,
            nature="acompte",
            numero="VO-2026-118",
            reference_chorus="CPP-2026-0001",
            recue_le=datetime.date(2026, 2, 2),
            montant_ht="3600.00",
            montant_tva="720.00",
            fichier=pdf("facture.pdf"),
        )
    assert (
        "Factures N° de facture Reçue le Montant TTC État Mise en paiement le "
        "VO-2026-118 (acompte) 02/02/2026 4 320,00 € Reçue, à vérifier —"
    ) in _texte_du_dernier_pdf(client, bon)

    with django_capture_on_commit_callbacks(execute=True):
        factures.accepter(agent, facture, datetime.date(2026, 2, 4))
        factures.mettre_en_paiement(agent, facture, datetime.date(2026, 2, 20))
    texte = _texte_du_dernier_pdf(client, bon)
    assert "VO-2026-118 (acompte) 02/02/2026 4 320,00 € Mise en paiement 20/02/2026" in texte
    # One PDF for each step that changed the bon's record: emission, notification, then the
    # invoice's three.
    assert Document.objects.pour(bon, "bon_de_commande").count() == 5
