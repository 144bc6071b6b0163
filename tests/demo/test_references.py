"""One atelier, one reference, in the back-office export as in the open data; and an
imported atelier shows no attribution day (the import's own day is not it)."""

import csv
import io

from django.urls import reverse

from ateliers.models import Atelier
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
