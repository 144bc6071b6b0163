"""The feuille de route's CSV goes through the exports' writer: what the titulaire types and
a spreadsheet would run as a formula reaches the file as text."""

import csv
import io

import pytest
from django.urls import reverse

from livrables.models import ActionCle, Axe, Priorite
from referentiels.models import Thematique

pytestmark = pytest.mark.django_db

PIEGE = '=HYPERLINK("http://x","y")'


def test_a_formula_typed_in_the_feuille_de_route_is_downloaded_as_text(
    client, titulaire_user, instructeur, atelier, referentiel
):
    client.force_login(titulaire_user)
    reponse = client.post(
        reverse("livrables:ajouter_axe", args=[atelier.pk]),
        {"titre": PIEGE, "description": ""},
    )
    assert reponse.status_code == 302, reponse.content.decode()
    axe = Axe.objects.get(atelier=atelier)
    assert axe.titre == PIEGE  # kept as typed: the guard belongs to the file, not the data
    reponse = client.post(
        reverse("livrables:ajouter_action", args=[axe.pk]),
        {
            "intitule": PIEGE,
            "description": "@SUM(A1:A9)",
            "thematique": Thematique.objects.get(libelle="Mobilités").pk,
            "priorite": Priorite.COURT,
            "porteur": "-Commune",
            "cout_estime": "1 500,50",
        },
    )
    assert reponse.status_code == 302, reponse.content.decode()
    assert ActionCle.objects.get(axe=axe).intitule == PIEGE

    client.force_login(instructeur)
    reponse = client.get(reverse("livrables:feuille_de_route_csv", args=[atelier.pk]))
    assert reponse["Content-Type"].startswith("text/csv")
    contenu = reponse.content.decode("utf-8")
    assert contenu.startswith("\ufeff")
    lignes = list(csv.reader(io.StringIO(contenu.lstrip("\ufeff")), delimiter=";"))
    assert len(lignes) == 2
    axe_lu, intitule, description, _theme, _famille, _priorite, porteur, cout = lignes[1]
    assert axe_lu == intitule == f"'{PIEGE}"
    assert description == "'@SUM(A1:A9)"
    assert porteur == "'-Commune"
    assert cout == "1500,50"  # an amount is a number, never guarded
