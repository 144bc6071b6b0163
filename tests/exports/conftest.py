"""A small world seen from two services and two groupements, and how a person reads an
exported file (CSV as text, XLSX through openpyxl, the same way)."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from candidatures.models import StatutCandidature
from commandes.models import StatutBon
from livrables.models import Type
from tests.commandes.conftest import accord, agent, atelier, fabrique_bon, titulaire_user  # noqa: F401
from tests.factories import (
    AtelierFactory,
    CandidatureFactory,
    CommuneFactory,
    LivrableFactory,
    MembreFactory,
    UserFactory,
)


@pytest.fixture
def instructeur(db):
    return UserFactory(instructeur=True, email="instructeur@dgaln.example")


@pytest.fixture
def autre_atelier(db):
    """An atelier of another service, run by another groupement."""
    autre = AtelierFactory(candidature__titre="Bourg de Vitré")
    MembreFactory(titulaire=autre.titulaire)
    return autre


@pytest.fixture
def autre_agent(autre_atelier):
    return UserFactory(organisation=autre_atelier.service_pilote, email="agent@autre.example")


@pytest.fixture
def autre_prestataire(autre_atelier):
    return UserFactory(
        prestataire=True,
        organisation=autre_atelier.titulaire.membres.first().organisation,
        email="equipe@autre-groupement.example",
    )


@pytest.fixture
def monde(atelier, agent, autre_atelier, fabrique_bon):  # noqa: F811
    """Two ateliers (ours and another service's), their bons, livrables and candidatures."""
    atelier.candidature.communes.add(CommuneFactory(nom="Péronne"))
    aujourd_hui = datetime.date.today()
    monde = {
        "emis": fabrique_bon(StatutBon.EMIS, montant_ht="12345.50"),
        "brouillon": fabrique_bon(montant_ht="500.00"),
        "bon_autre": fabrique_bon(StatutBon.EMIS, montant_ht="900.00", sur=autre_atelier),
        "en_retard": LivrableFactory(
            atelier=atelier,
            type=Type.CHARTE,
            echeance=aujourd_hui - datetime.timedelta(days=3),
            cree_par=agent,
        ),
        "a_temps": LivrableFactory(
            atelier=atelier,
            type=Type.FEUILLE_DE_ROUTE,
            echeance=aujourd_hui + datetime.timedelta(days=20),
            cree_par=agent,
        ),
        "livrable_autre": LivrableFactory(atelier=autre_atelier, type=Type.CHARTE),
        "deposee": CandidatureFactory(
            service=atelier.service_pilote,
            titre="Friche de la gare",
            statut=StatutCandidature.DEPOSEE,
            annee=2026,
        ),
        "brouillon_candidature": CandidatureFactory(
            service=atelier.service_pilote,
            titre="Cœur de bourg",
            statut=StatutCandidature.BROUILLON,
            annee=2025,
        ),
    }
    for candidature in (atelier.candidature, monde["deposee"], monde["brouillon_candidature"]):
        candidature.mettre_a_jour_recherche()  # the list's search reads it
    return monde


def exporter(client, code, format="csv", **filtres):
    return client.get(reverse("exports:exporter", args=[code, format]), filtres)


def lignes_csv(reponse):
    """The rows of a CSV export, header first, as a spreadsheet reads them."""
    assert reponse.status_code == 200, reponse.status_code
    contenu = b"".join(reponse.streaming_content) if reponse.streaming else reponse.content
    if reponse.streaming:
        for fermer in reponse._resource_closers:
            fermer()
    assert contenu.startswith("\ufeff".encode())  # Excel then reads UTF-8
    return list(csv.reader(io.StringIO(contenu.decode("utf-8-sig")), delimiter=";"))


def classeur(reponse):
    assert reponse.status_code == 200, reponse.status_code
    contenu = b"".join(reponse.streaming_content) if reponse.streaming else reponse.content
    if reponse.streaming:
        for fermer in reponse._resource_closers:
            fermer()
    return openpyxl.load_workbook(io.BytesIO(contenu))


def comme_en_csv(cellule):
    """An XLSX cell as a person reads it, written the way the CSV writes it: 25/11/2026,
    12345,50 (an amount keeps its two decimals, as its number format shows them)."""
    valeur = cellule.value
    if valeur is None:
        return ""
    if isinstance(valeur, datetime.datetime):
        return valeur.strftime("%d/%m/%Y")
    if isinstance(valeur, int | float) and "0.00" in cellule.number_format:
        return f"{Decimal(str(valeur)):.2f}".replace(".", ",")
    return str(valeur)


def lignes_xlsx(reponse):
    feuille = classeur(reponse).active
    return [[comme_en_csv(c) for c in ligne] for ligne in feuille.iter_rows()]


def colonne(lignes, entete):
    """The values of one column, by its header."""
    indice = lignes[0].index(entete)
    return [ligne[indice] for ligne in lignes[1:]]
