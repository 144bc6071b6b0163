"""One atelier, one reference, in the back-office export as in the open data; an imported
atelier shows no attribution day (the import's own day is not it); and the catalogue's
counters can be recomputed from the open data."""

import csv
import io

from django.urls import reverse

from ateliers.models import Atelier
from catalogue import selecteurs
from comptes.models import User
from tests.exports.conftest import colonne, exporter, lignes_csv


def test_the_back_office_export_and_the_open_data_give_the_same_references(client, demo):
    client.force_login(User.objects.get(email="instructeur@demo.gouv.fr"))
    export = lignes_csv(exporter(client, "ateliers"))
    ouvertes = client.get(reverse("catalogue:donnees_csv"))
    publiees = list(csv.DictReader(io.StringIO(ouvertes.content.decode("utf-8-sig"))))

    references = colonne(export, "Référence")
    assert publiees and {ligne["reference"] for ligne in publiees} <= set(references)
    for atelier in Atelier.objects.filter(historique=True):
        ligne = export[references.index(atelier.reference_historique) + 1]
        assert ligne[export[0].index("Attribué le")] == ""
        assert ligne[export[0].index("Clôturé le")] == atelier.date_cloture.strftime("%d/%m/%Y")


def test_the_catalogue_s_counters_are_those_of_the_open_data(client, demo):
    reponse = client.get(reverse("catalogue:donnees_csv"))
    publiees = list(csv.DictReader(io.StringIO(reponse.content.decode("utf-8-sig"))))
    accompagnees = {
        code for ligne in publiees for code in ligne["communes_accompagnees_insee"].split("|")
    }

    compteurs = selecteurs.compteurs()
    assert (
        compteurs["communes"]
        == len(accompagnees)
        > len({code for ligne in publiees for code in ligne["communes_insee"].split("|")})
    )
    assert compteurs["ateliers"] == len(publiees)
    page = client.get(reverse("catalogue:liste")).content.decode()
    assert f"{len(accompagnees)} communes accompagnées" in page


def test_the_ateliers_list_gives_an_imported_atelier_no_attribution_day(client, demo):
    from tests.outils import texte_lu

    client.force_login(User.objects.get(email="instructeur@demo.gouv.fr"))
    page = texte_lu(client.get(reverse("ateliers:liste")))
    importes = Atelier.objects.filter(historique=True).count()
    assert page.count("date inconnue (atelier importé de l'historique)") == importes > 0
