"""What the Django admin changes in a business record is in its audit journal (who, which
field, before, after); what a workflow relies on is read-only there or cannot be deleted."""

from decimal import Decimal

import pytest
from django.urls import reverse

from candidatures.models import Candidature
from commandes.models import BonDeCommande, StatutBon
from journal.administration import ActionAdministration
from journal.models import Evenement
from referentiels.models import Commune
from tests.factories import (
    AtelierFactory,
    CandidatureFactory,
    CommuneFactory,
    ServiceFactory,
    UserFactory,
)
from tests.outils import texte_lu

from .formulaire import valeurs

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrateur(client):
    personne = UserFactory(administrateur=True, first_name="Julien", last_name="Bernard")
    client.force_login(personne)
    return personne


def _modifier(client, modele, objet, **changes):
    url = reverse(f"admin:{modele}_change", args=[objet.pk])
    donnees = valeurs(client.get(url)) | changes
    return client.post(url, donnees)


def test_a_change_in_the_admin_is_journaled_with_before_and_after(client, administrateur):
    atelier = AtelierFactory()
    cand = atelier.candidature
    ancien = cand.titre

    reponse = _modifier(client, "candidatures_candidature", cand, titre="Cœur de ville de Ham")

    assert reponse.status_code == 302, texte_lu(reponse)
    (evenement,) = Evenement.objects.pour(cand).filter(action=ActionAdministration.MODIFICATION)
    assert evenement.acteur == administrateur
    assert evenement.libelle == "Modifié dans l'administration : Titre"
    assert f"Titre : {ancien} → Cœur de ville de Ham" in evenement.commentaire
    # The journal's list names the record each event concerns.
    journal = texte_lu(client.get(reverse("admin:journal_evenement_changelist")))
    assert "candidature : Cœur de ville de Ham" in journal


def test_an_attributed_file_keeps_its_service_and_campaign(client, administrateur):
    atelier = AtelierFactory()
    cand = atelier.candidature
    Candidature.objects.filter(pk=cand.pk).update(date_premier_depot=cand.cree_le)
    autre = ServiceFactory()

    _modifier(client, "candidatures_candidature", cand, service=str(autre.pk), annee="2019")

    cand.refresh_from_db()
    assert cand.service != autre and cand.annee != 2019


def test_nothing_a_workflow_relies_on_is_deleted_from_the_admin(client, administrateur):
    cand = CandidatureFactory()
    commune = CommuneFactory()
    suppressions = [
        reverse("admin:candidatures_candidature_delete", args=[cand.pk]),
        reverse("admin:referentiels_commune_delete", args=[commune.pk]),
    ]
    for url in suppressions:
        assert client.post(url, {"post": "yes"}).status_code == 403, url
    assert Candidature.objects.filter(pk=cand.pk).exists()
    assert Commune.objects.filter(pk=commune.pk).exists()


def test_an_atelier_s_amount_cannot_fall_below_its_bons(client, administrateur):
    atelier = AtelierFactory()
    BonDeCommande.objects.create(
        atelier=atelier,
        ordre=1,
        numero=f"BC-{atelier.pk}-1",
        objet="Atelier",
        montant_ht=Decimal("12000.00"),
        taux_tva=Decimal("20.0"),
        statut=StatutBon.EMIS,
        cree_par=UserFactory(organisation=atelier.service_pilote),
    )

    reponse = _modifier(client, "ateliers_atelier", atelier, montant_ht="10000.00")

    assert "engagent déjà 12 000,00 € HT" in texte_lu(reponse)
    atelier.refresh_from_db()
    assert atelier.montant_ht > 10000


def test_an_accord_cadre_s_change_and_its_rows_are_journaled(client, administrateur):
    from tests.factories import AccordCadreFactory, TitulaireFactory

    accord = AccordCadreFactory(intitule="Ateliers Flash 2025–2029")
    TitulaireFactory(accord_cadre=accord, rang=1, nom="Groupement A")
    TitulaireFactory(accord_cadre=accord, rang=2, nom="Groupement B")

    reponse = _modifier(
        client,
        "marches_accordcadre",
        accord,
        intitule="Ateliers Flash — accord-cadre 2025",
        date_fin="30/06/2029",
        **{"titulaires-0-rang": "2", "titulaires-1-rang": "1"},
    )

    assert reponse.status_code == 302, texte_lu(reponse)
    commentaires = "\n".join(
        Evenement.objects.pour(accord)
        .filter(action=ActionAdministration.MODIFICATION, acteur=administrateur)
        .values_list("commentaire", flat=True)
    )
    assert (
        "Intitulé : Ateliers Flash 2025–2029 → Ateliers Flash — accord-cadre 2025" in commentaires
    )
    assert "Date de fin : 31 août 2029 → 30 juin 2029" in commentaires
    assert "« Groupement A », Rang dans le tourniquet : 1 → 2" in commentaires
