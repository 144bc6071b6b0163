"""What an exported list holds: French headers, one row per record the list shows, amounts
and dates as numbers and dates, the filters of the screen applied, and the same content in
CSV and XLSX."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from candidatures.models import StatutCandidature
from tests.exports.conftest import colonne, exporter, lignes_csv, lignes_xlsx
from tests.factories import CandidatureFactory
from tests.outils import texte

pytestmark = pytest.mark.django_db

LISTES = ["candidatures", "ateliers", "bons-de-commande", "livrables"]


def test_bons_de_commande_export_has_french_headers_amounts_and_dates(client, agent, monde):
    client.force_login(agent)
    reponse = exporter(client, "bons-de-commande")
    assert reponse["Content-Type"] == "text/csv; charset=utf-8"
    assert reponse["Content-Disposition"] == (
        f'attachment; filename="bons-de-commande-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    lignes = lignes_csv(reponse)
    assert lignes[0] == [
        "Numéro",
        "Atelier",
        "Titulaire",
        "Service pilote",
        "Objet",
        "Montant HT (€)",
        "Taux de TVA (%)",
        "TVA (€)",
        "Montant TTC (€)",
        "État",
        "Engagement juridique (Chorus)",
        "Code service (Chorus Pro)",
        "Émis le",
        "Notifié le",
        "Service fait le",
    ]
    emis, brouillon = monde["emis"], monde["brouillon"]
    emis.refresh_from_db()
    # Newest first, as on the list page; the other service's bon is not there.
    assert colonne(lignes, "Numéro") == [brouillon.numero, emis.numero]
    ligne = dict(zip(lignes[0], lignes[2], strict=True))
    assert ligne["Atelier"] == "Centre de Péronne"
    assert ligne["Montant HT (€)"] == "12345,50"
    assert ligne["Taux de TVA (%)"] == "20,00"
    assert ligne["TVA (€)"] == "2469,10"
    assert ligne["Montant TTC (€)"] == "14814,60"
    assert ligne["État"] == "Émis"
    assert ligne["Engagement juridique (Chorus)"] == "2100012345"
    assert ligne["Émis le"] == emis.date_emission.strftime("%d/%m/%Y")
    assert ligne["Notifié le"] == ""


def test_xlsx_has_the_same_content_as_csv_with_typed_cells(client, agent, monde):
    client.force_login(agent)
    for code in LISTES:
        en_csv = lignes_csv(exporter(client, code, "csv"))
        reponse = exporter(client, code, "xlsx")
        assert reponse["Content-Type"] == (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        assert reponse["Content-Disposition"] == (
            f'attachment; filename="{code}-{timezone.localdate():%Y-%m-%d}.xlsx"'
        )
        assert lignes_xlsx(reponse) == en_csv, code


def test_xlsx_cells_are_numbers_and_dates_under_a_bold_frozen_header(client, agent, monde):
    from tests.exports.conftest import classeur

    client.force_login(agent)
    feuille = classeur(exporter(client, "bons-de-commande", "xlsx", statut="emis")).active
    entetes = [c.value for c in feuille[1]]
    assert all(c.font.bold for c in feuille[1])
    assert feuille.freeze_panes == "A2"
    assert feuille.title == "Bons de commande"
    ligne = dict(zip(entetes, feuille[2], strict=True))
    montant = ligne["Montant HT (€)"]
    assert montant.data_type == "n" and Decimal(str(montant.value)) == Decimal("12345.50")
    assert "€" in montant.number_format
    emission = ligne["Émis le"]
    monde["emis"].refresh_from_db()
    assert emission.value.date() == monde["emis"].date_emission
    assert emission.number_format == "DD/MM/YYYY"
    # Wide enough to read the object without widening the column by hand.
    lettre = ligne["Objet"].column_letter
    assert feuille.column_dimensions[lettre].width >= len("Atelier Flash")


def test_candidatures_export_lists_the_service_files_with_their_territory(client, agent, monde):
    client.force_login(agent)
    lignes = lignes_csv(exporter(client, "candidatures"))
    assert lignes[0][:8] == [
        "Référence",
        "Titre",
        "Année",
        "État",
        "Service",
        "Territoire",
        "Échelle",
        "Thématiques",
    ]
    # The reviewer's name is the DGALN's business: not in a service's list, nor its export.
    assert "Instructeur" not in lignes[0]
    titres = colonne(lignes, "Titre")
    assert sorted(titres) == ["Centre de Péronne", "Cœur de bourg", "Friche de la gare"]
    friche = dict(zip(lignes[0], lignes[1 + titres.index("Friche de la gare")], strict=True))
    assert friche["État"] == "Déposée"
    assert friche["Référence"] == monde["deposee"].reference
    assert friche["Année"] == "2026"
    peronne = dict(zip(lignes[0], lignes[1 + titres.index("Centre de Péronne")], strict=True))
    assert peronne["Territoire"] == "Péronne"


def test_the_dgaln_export_has_the_reviewer_and_no_drafts(client, instructeur, agent, monde):
    CandidatureFactory(
        service=agent.organisation, titre="En instruction", statut="en_instruction",
        instructeur=instructeur,
    )  # fmt: skip
    client.force_login(instructeur)
    lignes = lignes_csv(exporter(client, "candidatures", statut="en_instruction"))
    assert lignes[0][-1] == "Instructeur"
    assert lignes[1:] == [[*lignes[1][:-1], str(instructeur)]]
    tout = lignes_csv(exporter(client, "candidatures"))
    assert "Cœur de bourg" not in colonne(tout, "Titre")  # a draft stays the service's


def test_ateliers_export_has_the_planned_amount_as_a_number(client, agent, atelier, monde):
    client.force_login(agent)
    lignes = lignes_csv(exporter(client, "ateliers"))
    assert lignes[0] == [
        "Référence",
        "Atelier",
        "Territoire",
        "Phase",
        "Titulaire",
        "Service pilote",
        "Accord-cadre",
        "Montant prévu HT (€)",
        "Attribué le",
        "Clôturé le",
    ]
    assert lignes[1] == [
        atelier.reference,
        "Centre de Péronne",
        "Péronne",
        "Cadrage et appropriation",
        atelier.titulaire.nom,
        atelier.service_pilote.nom,
        atelier.accord_cadre.reference,
        "20000,00",
        timezone.localdate(atelier.cree_le).strftime("%d/%m/%Y"),
        "",
    ]
    assert len(lignes) == 2


def test_livrables_export_says_which_are_late(client, agent, monde):
    client.force_login(agent)
    lignes = lignes_csv(exporter(client, "livrables"))
    assert colonne(lignes, "Livrable") == ["Charte", "Feuille de route"]  # by due date
    assert colonne(lignes, "En retard") == ["Oui", "Non"]
    assert colonne(lignes, "Échéance")[0] == monde["en_retard"].echeance.strftime("%d/%m/%Y")
    assert colonne(lignes, "Famille") == ["Opérationnel", "Stratégique"]
    assert colonne(lignes, "Versions déposées") == ["0", "0"]


# --- The filters of the screen --------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "page", "filtres", "cle", "attendus"),
    [
        ("bons-de-commande", "commandes:liste", {"statut": "emis"}, "Numéro", ["emis"]),
        ("bons-de-commande", "commandes:liste", {"statut": "brouillon"}, "Numéro", ["brouillon"]),
        ("livrables", "livrables:liste", {"statut": "en_retard"}, "Livrable", ["Charte"]),
        ("livrables", "livrables:liste", {"statut": "valide"}, "Livrable", []),
        ("ateliers", "ateliers:liste", {"phase": "cloture"}, "Atelier", []),
        ("ateliers", "ateliers:liste", {"phase": "cadrage"}, "Atelier", ["Centre de Péronne"]),
        ("candidatures", "candidatures:liste", {"statut": "deposee"}, "Titre", ["deposee"]),
        ("candidatures", "candidatures:liste", {"annee": "2025"}, "Titre", ["Cœur de bourg"]),
        ("candidatures", "candidatures:liste", {"q": "friche"}, "Titre", ["Friche de la gare"]),
    ],
)
def test_the_filters_of_the_list_apply_to_its_export(
    client, agent, monde, code, page, filtres, cle, attendus
):
    client.force_login(agent)
    # A name of the world stands for its bon's number or its file's title.
    attendus = [
        getattr(monde[a], "numero", None) or monde[a].titre if a in monde else a for a in attendus
    ]
    for format in ("csv", "xlsx"):
        lecture = lignes_csv if format == "csv" else lignes_xlsx
        assert colonne(lecture(exporter(client, code, format, **filtres)), cle) == attendus
    # The page with the same query string shows the same rows.
    reponse = client.get(reverse(page), filtres)
    assert reponse.context["page"].paginator.count == len(attendus)


def test_candidatures_sorted_on_screen_are_sorted_in_the_file(client, agent, monde):
    client.force_login(agent)
    lignes = lignes_csv(exporter(client, "candidatures", tri="titre"))
    assert colonne(lignes, "Titre") == ["Centre de Péronne", "Cœur de bourg", "Friche de la gare"]
    lignes = lignes_csv(exporter(client, "candidatures", tri="-titre"))
    assert colonne(lignes, "Titre") == ["Friche de la gare", "Cœur de bourg", "Centre de Péronne"]


def test_an_unknown_filter_value_is_ignored_as_on_the_list(client, agent, monde):
    client.force_login(agent)
    assert len(lignes_csv(exporter(client, "bons-de-commande", statut="pigeon"))) == 3
    reponse = client.get(reverse("commandes:liste"), {"statut": "pigeon"})
    assert reponse.context["page"].paginator.count == 2


def test_list_pages_link_to_their_exports_with_the_current_filters(client, agent, monde):
    client.force_login(agent)
    page = texte(client.get(reverse("commandes:liste"), {"statut": "emis", "page": "1"}))
    assert 'href="/exports/bons-de-commande.csv?statut=emis"' in page
    assert 'href="/exports/bons-de-commande.xlsx?statut=emis"' in page
    assert "Exporter en CSV" in page and "Exporter en XLSX" in page
    for nom, code in [
        ("candidatures:liste", "candidatures"),
        ("ateliers:liste", "ateliers"),
        ("livrables:liste", "livrables"),
    ]:
        page = texte(client.get(reverse(nom)))
        assert f'href="/exports/{code}.xlsx"' in page, nom


def test_a_title_that_looks_like_a_formula_stays_text(client, agent, monde):
    CandidatureFactory(
        service=agent.organisation, titre='=HYPERLINK("http://x.example","Cliquez")',
        statut=StatutCandidature.DEPOSEE,
    )  # fmt: skip
    client.force_login(agent)
    titres = colonne(lignes_csv(exporter(client, "candidatures")), "Titre")
    assert """'=HYPERLINK("http://x.example","Cliquez")""" in titres
    from tests.exports.conftest import classeur

    feuille = classeur(exporter(client, "candidatures", "xlsx")).active
    cellules = [ligne[1] for ligne in feuille.iter_rows(min_row=2)]
    piegee = next(c for c in cellules if str(c.value).startswith("="))
    assert piegee.data_type == "s"


def test_dates_are_the_local_day(client, agent, monde):
    # Deposited at 23:30 UTC on 31 December: already 1 January in Paris.
    depot = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)
    type(monde["deposee"]).objects.filter(pk=monde["deposee"].pk).update(
        date_premier_depot=depot, date_dernier_depot=depot
    )
    client.force_login(agent)
    lignes = lignes_csv(exporter(client, "candidatures", statut="deposee"))
    assert colonne(lignes, "Premier dépôt") == ["01/01/2027"]
