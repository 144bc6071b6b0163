"""The file reads values, chunk by chunk, not the page's model instances: what it shows is
still what the model says (its territory, labels, references, reviewer), whatever the chunk
a row falls in; and the worker writes the same file from disk as the request would send."""

import pytest
from django.http import QueryDict

from candidatures.models import Candidature, StatutCandidature
from exports import rangees, services
from exports.models import Export
from referentiels.models import EPCI
from tests.exports.conftest import classeur, colonne, exporter, lignes_csv, lignes_xlsx
from tests.factories import (
    AtelierFactory,
    CandidatureFactory,
    CommuneFactory,
    ThematiqueFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LISTES = ["candidatures", "ateliers", "bons-de-commande", "livrables"]


@pytest.fixture
def dossiers(agent, instructeur, monde):
    """Files with 0 to 5 communes, with and without an EPCI, several thématiques, a reviewer
    with a name and one without, and a state that is no longer a choice."""
    epci = EPCI.objects.create(siren="200000001", nom="CC du Vimeu", type=EPCI.Type.CC)
    sans_nom = UserFactory(instructeur=True, first_name="", last_name="", email="x@dgaln.example")
    friches = ThematiqueFactory(libelle="Reconversion des friches", ordre=2)
    sobriete = ThematiqueFactory(libelle="Sobriété foncière", ordre=1)
    for n in range(6):
        candidature = CandidatureFactory(
            service=agent.organisation,
            titre=f"Dossier {n}",
            statut=StatutCandidature.EN_INSTRUCTION,
            epci=epci if n % 2 else None,
            instructeur=(instructeur, sans_nom, None)[n % 3],
        )
        candidature.communes.add(*(CommuneFactory(nom=f"Bourg {n}-{i}") for i in range(n)))
        candidature.thematiques.add(*(friches, sobriete)[: n % 3])
        if n in (3, 4):  # two more ateliers of the agent's service, one imported
            AtelierFactory(
                candidature=candidature,
                historique=n == 4,
                reference_historique="AF-2019-H4" if n == 4 else "",
            )
    Candidature.objects.filter(titre="Dossier 5").update(statut="disparu")
    return Candidature.objects.filter(titre__startswith="Dossier")


def test_each_column_shows_what_the_model_says(client, instructeur, dossiers):
    client.force_login(instructeur)
    lignes = lignes_csv(exporter(client, "candidatures"))
    par_titre = {ligne[1]: dict(zip(lignes[0], ligne, strict=True)) for ligne in lignes[1:]}
    for candidature in dossiers:
        ligne = par_titre[candidature.titre]
        assert ligne["Référence"] == candidature.reference
        assert ligne["Territoire"] == candidature.territoire()
        assert ligne["État"] == candidature.get_statut_display()
        assert ligne["Échelle"] == candidature.get_echelle_display()
        attendues = ", ".join(t.libelle for t in candidature.thematiques.all())
        assert ligne["Thématiques"] == attendues
        assert ligne["Instructeur"] == (
            str(candidature.instructeur) if candidature.instructeur else ""
        )
    assert par_titre["Dossier 5"]["État"] == "disparu"  # not a choice: the value itself
    assert par_titre["Dossier 4"]["Territoire"] == "Bourg 4-0 et 3 autres communes"
    assert par_titre["Dossier 3"]["Territoire"] == "Bourg 3-0, Bourg 3-1, Bourg 3-2 — CC du Vimeu"
    assert par_titre["Dossier 2"]["Thématiques"] == "Sobriété foncière, Reconversion des friches"


def test_an_atelier_shows_its_reference_territory_and_day_as_the_model_does(
    client, agent, dossiers
):
    from ateliers.models import Atelier

    client.force_login(agent)
    lignes = lignes_csv(exporter(client, "ateliers"))
    par_titre = {ligne[1]: dict(zip(lignes[0], ligne, strict=True)) for ligne in lignes[1:]}
    for atelier in Atelier.objects.filter(candidature__in=dossiers):
        ligne = par_titre[atelier.candidature.titre]
        assert ligne["Référence"] == atelier.reference
        assert ligne["Territoire"] == atelier.candidature.territoire()
        assert ligne["Phase"] == atelier.get_phase_display()
        jour = atelier.attribue_le
        assert ligne["Attribué le"] == (jour.strftime("%d/%m/%Y") if jour else "")
    assert par_titre["Dossier 4"]["Référence"] == "AF-2019-H4"
    assert par_titre["Dossier 4"]["Attribué le"] == ""  # imported: its day is not known


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_the_chunks_do_not_change_the_file(client, instructeur, dossiers, monkeypatch, format):
    client.force_login(instructeur)
    lecture = lignes_csv if format == "csv" else lignes_xlsx
    for code in LISTES:
        entier = lecture(exporter(client, code, format))
        monkeypatch.setattr(rangees, "TAILLE_DES_LOTS", 2)  # a row's m2m in another chunk
        assert lecture(exporter(client, code, format)) == entier, code
        monkeypatch.undo()


@pytest.mark.parametrize("code", LISTES)
def test_the_worker_writes_from_disk_the_file_the_request_sends(
    agent, dossiers, monkeypatch, settings, code
):
    """A large export (the queue's) holds the same file as a small one (sent at once)."""
    monkeypatch.setattr(services, "mettre_en_file", lambda pk: None)
    monkeypatch.setattr(rangees, "TAILLE_DES_LOTS", 2)
    liste = services.liste_de(code)
    for format in ("csv", "xlsx"):
        envoye = services.exporter(agent, code, format, QueryDict(""))
        assert isinstance(envoye, services.Fichier) and envoye.lignes >= 2
        export, _cree = services.demander(agent, liste, format, "")
        services.produire(export.pk)
        export.refresh_from_db()
        with export.fichier.open("rb") as fichier:
            ecrit = fichier.read()
        assert (export.lignes, export.taille) == (envoye.lignes, len(ecrit))
        if format == "csv":
            assert ecrit == envoye.contenu
        else:
            assert _cellules(ecrit) == _cellules(envoye.contenu)
    assert Export.objects.count() == 2


def _cellules(contenu):
    class Reponse:
        status_code = 200
        streaming = False

    reponse = Reponse()
    reponse.content = contenu
    feuille = classeur(reponse).active
    largeurs = {lettre: d.width for lettre, d in feuille.column_dimensions.items()}
    return lignes_xlsx(reponse), largeurs, feuille.auto_filter.ref, feuille.freeze_panes


def test_the_xlsx_filter_covers_the_rows_and_long_text_is_capped(client, agent, monde):
    CandidatureFactory(service=agent.organisation, titre="Très " * 40, statut="deposee")
    client.force_login(agent)
    feuille = classeur(exporter(client, "candidatures", "xlsx")).active
    assert feuille.auto_filter.ref == f"A1:M{1 + 4}"
    lettre = feuille.cell(row=1, column=2).column_letter
    assert feuille.column_dimensions[lettre].width == 60 + 2
    assert [c.value for c in feuille[1]][:2] == ["Référence", "Titre"]
    assert colonne(lignes_xlsx(exporter(client, "candidatures", "xlsx")), "Année")[0].isdigit()
