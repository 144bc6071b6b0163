"""Setting up an accord-cadre in the admin: the refusals are French sentences beside the
field or the table concerned, never a server error; the tourniquet's order, once used, is
fixed there."""

import datetime

import pytest
from django.urls import reverse

from ateliers import attribution
from marches.models import AccordCadre, MembreGroupement
from tests.factories import (
    AccordCadreFactory,
    CandidatureFactory,
    MembreFactory,
    SocieteFactory,
    TitulaireFactory,
    UserFactory,
)
from tests.outils import texte_lu

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrateur(client):
    client.force_login(UserFactory(administrateur=True))
    return client


def _accord(accord, **changes):
    """The accord-cadre's change form as the admin shows it, with ``changes``."""
    donnees = {
        "reference": accord.reference,
        "intitule": accord.intitule,
        "statut": accord.statut,
        "date_debut": accord.date_debut.strftime("%d/%m/%Y"),
        "date_fin": accord.date_fin.strftime("%d/%m/%Y"),
        "montant_max_ht": str(accord.montant_max_ht),
        "taux_tva": str(accord.taux_tva),
        "montant_atelier_ht": str(accord.montant_atelier_ht),
        "regle_ecart": accord.regle_ecart,
    }
    titulaires = list(accord.titulaires.order_by("rang"))
    donnees |= {
        "titulaires-TOTAL_FORMS": str(len(titulaires)),
        "titulaires-INITIAL_FORMS": str(len(titulaires)),
        "titulaires-MIN_NUM_FORMS": "0",
        "titulaires-MAX_NUM_FORMS": "1000",
    }
    for i, t in enumerate(titulaires):
        donnees |= {
            f"titulaires-{i}-id": str(t.pk),
            f"titulaires-{i}-accord_cadre": str(accord.pk),
            f"titulaires-{i}-rang": str(t.rang),
            f"titulaires-{i}-nom": t.nom,
            f"titulaires-{i}-actif": "on",
        }
    return donnees | changes


def _nouvel_accord(**changes):
    return {
        "reference": "AC-NOUVEAU",
        "intitule": "Ateliers Flash 2029–2033",
        "statut": "preparation",
        "date_debut": "01/09/2029",
        "date_fin": "31/08/2033",
        "montant_max_ht": "3000000",
        "taux_tva": "20",
        "montant_atelier_ht": "20000",
        "regle_ecart": "garde_sa_place",
        "titulaires-TOTAL_FORMS": "0",
        "titulaires-INITIAL_FORMS": "0",
        **changes,
    }


def test_swapping_two_ranks_of_a_new_accord_cadre_saves_them(administrateur):
    accord = AccordCadreFactory()
    premier = TitulaireFactory(accord_cadre=accord, rang=1, nom="Groupement A")
    second = TitulaireFactory(accord_cadre=accord, rang=2, nom="Groupement B")
    url = reverse("admin:marches_accordcadre_change", args=[accord.pk])

    reponse = administrateur.post(
        url, _accord(accord, **{"titulaires-0-rang": "2", "titulaires-1-rang": "1"})
    )

    assert reponse.status_code == 302, texte_lu(reponse)
    premier.refresh_from_db()
    second.refresh_from_db()
    assert (premier.rang, second.rang) == (2, 1)


def test_a_maximum_of_zero_is_refused_beside_the_field(administrateur):
    reponse = administrateur.post(
        reverse("admin:marches_accordcadre_add"), _nouvel_accord(montant_max_ht="0")
    )
    page = texte_lu(reponse)
    assert "Le montant maximum doit être supérieur à zéro." in page
    assert "accord_cadre_montant_positif" not in page
    assert not AccordCadre.objects.filter(reference="AC-NOUVEAU").exists()


def test_four_years_and_one_day_is_refused_with_the_last_possible_day(administrateur):
    reponse = administrateur.post(
        reverse("admin:marches_accordcadre_add"), _nouvel_accord(date_fin="01/09/2033")
    )
    assert "il finit au plus tard le 31 août 2033" in texte_lu(reponse)
    assert not AccordCadre.objects.filter(reference="AC-NOUVEAU").exists()


def test_an_accord_cadre_overlapping_another_is_refused(administrateur):
    AccordCadreFactory(
        reference="AC-2025",
        date_debut=datetime.date(2025, 9, 1),
        date_fin=datetime.date(2029, 8, 31),
    )
    reponse = administrateur.post(
        reverse("admin:marches_accordcadre_add"),
        _nouvel_accord(date_debut="01/06/2029", date_fin="31/05/2033"),
    )
    assert "Ces dates chevauchent celles de l'accord-cadre AC-2025" in texte_lu(reponse)
    assert not AccordCadre.objects.filter(reference="AC-NOUVEAU").exists()


def _membres(titulaire, roles):
    """The groupement's change form with one row per (société, rôle)."""
    donnees = {
        "nom": titulaire.nom,
        "accord_cadre": str(titulaire.accord_cadre_id),
        "rang": str(titulaire.rang),
        "actif": "on",
        "membres-TOTAL_FORMS": str(len(roles)),
        "membres-INITIAL_FORMS": "0",
        "membres-MIN_NUM_FORMS": "0",
        "membres-MAX_NUM_FORMS": "1000",
    }
    for i, (societe, role) in enumerate(roles):
        donnees |= {
            f"membres-{i}-titulaire": str(titulaire.pk),
            f"membres-{i}-organisation": str(societe.pk),
            f"membres-{i}-role": role,
            f"membres-{i}-specialite": "urbanisme",
        }
    return donnees


@pytest.mark.parametrize(
    ("roles", "attendu"),
    [
        (("mandataire", "mandataire"), "Un groupement n'a qu'un mandataire"),
        (("cotraitant", "cotraitant"), "Désignez le mandataire du groupement"),
    ],
)
def test_a_groupement_has_exactly_one_mandataire(administrateur, roles, attendu):
    titulaire = TitulaireFactory()
    societes = [SocieteFactory(nom="Ville Ouverte"), SocieteFactory(nom="Coopaname")]
    reponse = administrateur.post(
        reverse("admin:marches_titulaire_change", args=[titulaire.pk]),
        _membres(titulaire, list(zip(societes, roles, strict=True))),
    )
    assert reponse.status_code == 200
    assert attendu in texte_lu(reponse)
    assert not MembreGroupement.objects.filter(titulaire=titulaire).exists()


@pytest.fixture
def accord_servi():
    """An accord-cadre in force with three groupements; the first has been attributed once."""
    from tests.factories import accord_en_vigueur

    accord = accord_en_vigueur()
    for rang, nom in enumerate(["Ourcq", "Ville Ouverte", "POLAU"], start=1):
        MembreFactory(titulaire=TitulaireFactory(accord_cadre=accord, rang=rang, nom=nom))
    instructeur = UserFactory(instructeur=True)
    attribution.attribuer(
        instructeur, CandidatureFactory(statut="eligible"), accord.titulaires.get(rang=1)
    )
    return accord


def test_once_the_tourniquet_served_its_order_is_fixed_in_the_admin(administrateur, accord_servi):
    accord = accord_servi
    second = accord.titulaires.get(rang=2)
    donnees = _accord(accord, **{"titulaires-0-rang": "2", "titulaires-1-rang": "1"})
    del donnees["titulaires-2-actif"]  # try to set POLAU aside without a reason
    administrateur.post(reverse("admin:marches_accordcadre_change", args=[accord.pk]), donnees)
    administrateur.post(
        reverse("admin:marches_titulaire_change", args=[second.pk]),
        {**_membres(second, []), "rang": "5"},
    )

    assert list(accord.titulaires.order_by("rang").values_list("nom", "actif")) == [
        ("Ourcq", True),
        ("Ville Ouverte", True),
        ("POLAU", True),
    ]
    page = texte_lu(administrateur.get(reverse("admin:marches_titulaire_change", args=[second.pk])))
    assert "l'ordre des titulaires, leur situation et leur accord-cadre ne changent plus" in page
    assert "utilisez « Modifier le tourniquet »" in page


def _decision(accord, motif, **par_nom):
    donnees = {"motif": motif}
    for t in accord.titulaires.all():
        rang, actif = par_nom.get(t.nom.replace(" ", "_"), (t.rang, t.actif))
        donnees[f"rang_{t.pk}"] = str(rang)
        if actif:
            donnees[f"actif_{t.pk}"] = "on"
    return donnees


def test_the_administrator_sets_a_titulaire_aside_with_a_reason(administrateur, accord_servi):
    accord = accord_servi
    fiche = texte_lu(
        administrateur.get(reverse("admin:marches_accordcadre_change", args=[accord.pk]))
    )
    assert "Modifier le tourniquet" in fiche
    url = reverse("admin:marches_accordcadre_tourniquet", args=[accord.pk])
    assert "Ourcq (dernier servi)" in texte_lu(administrateur.get(url))

    reponse = administrateur.post(
        url,
        _decision(accord, "Liquidation judiciaire du mandataire.", Ville_Ouverte=(2, False)),
        follow=True,
    )

    page = texte_lu(reponse)
    assert reponse.redirect_chain[-1][0] == reverse(
        "admin:marches_accordcadre_change", args=[accord.pk]
    )
    assert "« Ville Ouverte » mis à l’écart du tourniquet. La décision est inscrite" in page
    assert not accord.titulaires.get(nom="Ville Ouverte").actif
    historique = texte_lu(administrateur.get(url))
    assert "Décisions déjà prises" in historique
    assert "Liquidation judiciaire du mandataire." in historique


@pytest.mark.parametrize(
    ("motif", "par_nom", "attendu"),
    [
        ("", {"POLAU": (3, False)}, "Indiquez le motif de la décision"),
        ("Avenant", {"POLAU": (1, True)}, "Deux titulaires ne peuvent pas avoir le même rang"),
        ("Avenant", {"POLAU": ("trois", True)}, "Le rang est un entier à partir de 1."),
        ("Avenant", {}, "Rien n'a changé"),
    ],
)
def test_a_decision_the_admin_refuses_is_said_on_the_form(
    administrateur, accord_servi, motif, par_nom, attendu
):
    accord = accord_servi
    url = reverse("admin:marches_accordcadre_tourniquet", args=[accord.pk])
    reponse = administrateur.post(url, _decision(accord, motif, **par_nom))
    assert reponse.status_code == 200
    assert attendu in texte_lu(reponse)
    assert not accord.decisions_tourniquet.exists()
    assert accord.titulaires.filter(actif=True).count() == 3
