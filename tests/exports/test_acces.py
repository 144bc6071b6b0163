"""Who gets which rows: exactly those of the list each person sees (an agent their service's,
a prestataire their groupement's, the DGALN everything but drafts); and the export of a list
costs the same number of queries with 5 rows or 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commandes.models import BonDeCommande
from livrables.models import Type
from tests.exports.conftest import colonne, exporter, lignes_csv
from tests.factories import AtelierFactory, CandidatureFactory, LivrableFactory

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, monde):
    reponse = exporter(client, "candidatures")
    assert reponse.status_code == 302
    assert reponse.url.startswith(reverse("login"))


@pytest.mark.parametrize(("code", "format"), [("pigeons", "csv"), ("candidatures", "pdf")])
def test_an_unknown_list_or_format_is_not_found(client, agent, code, format):
    client.force_login(agent)
    assert exporter(client, code, format).status_code == 404


def test_an_agent_of_another_service_gets_only_their_own_rows(client, autre_agent, monde):
    client.force_login(autre_agent)
    assert colonne(lignes_csv(exporter(client, "bons-de-commande")), "Numéro") == [
        monde["bon_autre"].numero
    ]
    assert colonne(lignes_csv(exporter(client, "ateliers")), "Atelier") == ["Bourg de Vitré"]
    assert colonne(lignes_csv(exporter(client, "livrables")), "Atelier") == ["Bourg de Vitré"]
    assert colonne(lignes_csv(exporter(client, "candidatures")), "Titre") == ["Bourg de Vitré"]


def test_a_prestataire_gets_only_their_groupement_ateliers_and_no_draft_bon(
    client, titulaire_user, monde
):
    client.force_login(titulaire_user)
    assert colonne(lignes_csv(exporter(client, "ateliers")), "Atelier") == ["Centre de Péronne"]
    # A draft bon is the service's business until it is emitted.
    assert colonne(lignes_csv(exporter(client, "bons-de-commande")), "Numéro") == [
        monde["emis"].numero
    ]
    assert colonne(lignes_csv(exporter(client, "livrables")), "Atelier") == [
        "Centre de Péronne",
        "Centre de Péronne",
    ]
    # The candidature of its atelier, not the service's other files.
    assert colonne(lignes_csv(exporter(client, "candidatures")), "Titre") == ["Centre de Péronne"]


def test_the_other_groupement_sees_none_of_it(client, autre_prestataire, monde):
    client.force_login(autre_prestataire)
    assert colonne(lignes_csv(exporter(client, "ateliers")), "Atelier") == ["Bourg de Vitré"]
    assert colonne(lignes_csv(exporter(client, "bons-de-commande")), "Numéro") == [
        monde["bon_autre"].numero
    ]


def test_the_dgaln_gets_every_service(client, instructeur, monde):
    client.force_login(instructeur)
    assert len(lignes_csv(exporter(client, "bons-de-commande"))) == 1 + 3
    ateliers = colonne(lignes_csv(exporter(client, "ateliers")), "Atelier")
    assert sorted(ateliers) == ["Bourg de Vitré", "Centre de Péronne"]


# --- Query budget ---------------------------------------------------------------------------


def _remplir(code, atelier, agent, n):
    """``n`` more rows of list ``code`` that ``agent`` sees."""
    for i in range(n):
        if code == "candidatures":
            CandidatureFactory(service=agent.organisation).communes.add(
                *atelier.candidature.communes.all()
            )
        elif code == "ateliers":
            AtelierFactory(
                candidature__service=agent.organisation, titulaire=atelier.titulaire
            ).candidature.communes.add(*atelier.candidature.communes.all())
        elif code == "bons-de-commande":
            ordre = BonDeCommande.objects.filter(atelier=atelier).count() + 1
            BonDeCommande.objects.create(
                atelier=atelier,
                ordre=ordre,
                numero=f"{atelier.reference}-R{ordre}",
                objet=f"Bon {i}",
                montant_ht="1000.00",
                taux_tva="20.00",
                cree_par=agent,
            )
        else:
            LivrableFactory(atelier=atelier, type=Type.AUTRE, intitule=f"Livrable {i}")


def _compter(client, code, format):
    exporter(client, code, format, page="2")  # the first request fills the caches (the user…)
    with CaptureQueriesContext(connection) as requetes:
        reponse = exporter(client, code, format, page="2")
        assert reponse.status_code == 200
    return len(requetes), len(lignes_csv(reponse)) - 1 if format == "csv" else None


@pytest.mark.parametrize("format", ["csv", "xlsx"])
@pytest.mark.parametrize("code", ["candidatures", "ateliers", "bons-de-commande", "livrables"])
@pytest.mark.parametrize("qui", ["agent", "instructeur", "titulaire_user"])
def test_an_export_costs_the_same_queries_for_5_or_30_rows(
    client, atelier, monde, request, code, format, qui
):
    agent = request.getfixturevalue("agent")
    client.force_login(request.getfixturevalue(qui))
    _remplir(code, atelier, agent, 4)
    peu, lignes = _compter(client, code, format)
    _remplir(code, atelier, agent, 25)
    beaucoup, lignes_apres = _compter(client, code, format)
    if format == "csv" and qui == "agent":
        assert lignes >= 5 and lignes_apres == lignes + 25
    assert beaucoup == peu, (peu, beaucoup)
