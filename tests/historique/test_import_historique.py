"""Importing the programme's history from a CSV file: a good file creates closed, published
ateliers; a bad file is refused with every bad line listed, and nothing is half-imported."""

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from ateliers.models import Atelier, EtapePlanning, Phase, ProgrammeSurSite, Publication
from candidatures.models import Candidature, Echelle, StatutCandidature
from comptes.models import Organisation
from historique import importation, verification
from historique.colonnes import COLONNES, COLONNES_OBLIGATOIRES, HistoriqueInvalide, ValeurInvalide
from journal.models import Evenement
from livrables.models import Axe, FicheSynthetique
from marches.models import AccordCadre, MembreGroupement
from referentiels.models import EPCI, Commune, Thematique
from tests.factories import (
    AccordCadreFactory,
    CommuneFactory,
    DepartementFactory,
    MembreFactory,
    ServiceFactory,
    SocieteFactory,
    ThematiqueFactory,
    TitulaireFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

DOCS = Path(settings.BASE_DIR) / "docs"

ABBEVILLE = {
    "reference": "AF-2021-003",
    "annee": "2021",
    "titre": "Revitalisation du centre-ville d'Abbeville",
    "echelle": "Commune",
    "communes": "80001|80721",
    "epci": "200070993",
    "service": "DDTM 80 — Somme",
    "accord_cadre": "AC-AF-2021",
    "titulaire": "Groupement Atelier de l'Ourcq",
    "thematiques": "Reconversion des friches|Mobilités",
    "date_cloture": "15/12/2021",
    "montant_ht": "19 800,00",
    "latitude": "50,1054",
    "longitude": "1,8332",
    "maitrise_ouvrage": "DDTM 80, CA de la Baie de Somme, commune d'Abbeville",
    "contexte": "Des cellules commerciales vacantes ; une traversée routière.",
    "enjeux": "Ramener habitants et commerces dans le centre.",
    "productions": "Une esquisse de plan-guide et une feuille de route de douze actions.",
    "suites": "Convention Petites villes de demain.",
    "axes": "Reconquérir les rez-de-chaussée|Apaiser la traversée|Relier la gare",
    "exemple_inspirant": "oui",
}
PERONNE = {
    **ABBEVILLE,
    "reference": "AF-2022-011",
    "annee": "2022",
    "titre": "Reconversion de la friche de la gare de Péronne",
    "echelle": "quartier",
    "communes": "80620",
    "epci": "",
    "titulaire": "ville ouverte",  # the mandataire's name, any case
    "thematiques": "",
    "date_cloture": "2022-11-30",
    "montant_ht": "",
    "latitude": "",
    "longitude": "",
    "maitrise_ouvrage": "",
    "axes": "",
    "exemple_inspirant": "",
}


@pytest.fixture(autouse=True)
def admin(db):
    return UserFactory(administrateur=True, email="admin@dgaln.example")


@pytest.fixture(autouse=True)
def referentiels(db):
    """The référentiels the files point at: a service, three communes, an EPCI, two
    accords-cadres with their groupements, two themes."""
    somme = DepartementFactory(code="80", nom="Somme")
    ServiceFactory(type_service="DDTM", departement=somme, nom="DDTM 80 — Somme")
    baie = EPCI.objects.create(siren="200070993", nom="CA de la Baie de Somme", type=EPCI.Type.CA)
    CommuneFactory(code="80001", nom="Abbeville", departement=somme, epci=baie)
    CommuneFactory(code="80721", nom="Saint-Valery-sur-Somme", departement=somme, epci=baie)
    CommuneFactory(code="80620", nom="Péronne", departement=somme)
    ac2021 = AccordCadreFactory(reference="AC-AF-2021", statut=AccordCadre.Statut.ECHU)
    TitulaireFactory(accord_cadre=ac2021, rang=1, nom="Groupement Atelier de l'Ourcq")
    ville_ouverte = TitulaireFactory(accord_cadre=ac2021, rang=2, nom="Groupement Ville Ouverte")
    MembreFactory(
        titulaire=ville_ouverte,
        organisation=SocieteFactory(nom="Ville Ouverte"),
        role=MembreGroupement.Role.MANDATAIRE,
    )
    ac2025 = AccordCadreFactory(reference="AC-AF-2025", statut=AccordCadre.Statut.EN_VIGUEUR)
    TitulaireFactory(accord_cadre=ac2025, rang=1, nom="Groupement POLAU")
    ThematiqueFactory(libelle="Reconversion des friches")
    ThematiqueFactory(libelle="Mobilités", famille=Thematique.Famille.SOCIALES)


def ecrire(tmp_path, lignes, colonnes=None, separateur=";", encodage="utf-8"):
    colonnes = colonnes or list(lignes[0])
    tampon = io.StringIO()
    writer = csv.writer(tampon, delimiter=separateur, lineterminator="\r\n")
    writer.writerow(colonnes)
    writer.writerows([ligne.get(c, "") for c in colonnes] for ligne in lignes)
    chemin = tmp_path / "historique.csv"
    chemin.write_bytes(tampon.getvalue().encode(encodage))
    return chemin


def importer(chemin, auteur, *options):
    sortie = io.StringIO()
    call_command("importer_historique", str(chemin), "--auteur", auteur, *options, stdout=sortie)
    return sortie.getvalue()


def refus(chemin, auteur="admin@dgaln.example", *options):
    """The command's error message; checks that the base has not changed."""
    avant = etat()
    with pytest.raises(CommandError) as exc:
        importer(chemin, auteur, *options)
    assert etat() == avant
    return str(exc.value)


def etat():
    """Everything an import writes, counted."""
    modeles = (Candidature, Atelier, EtapePlanning, ProgrammeSurSite, FicheSynthetique, Axe)
    return {
        **{modele.__name__: modele.objects.count() for modele in modeles},
        "evenements": Evenement.objects.count(),
        "coordonnees": list(Commune.objects.exclude(latitude=None).values_list("code")),
    }


# -- A good file ---------------------------------------------------------------------------------


def test_good_file_creates_closed_published_historical_ateliers(tmp_path, admin):
    sortie = importer(ecrire(tmp_path, [ABBEVILLE, PERONNE]), admin.email)

    assert "2 ateliers importés" in sortie
    abbeville = Atelier.objects.get(reference_historique="AF-2021-003")
    assert abbeville.historique
    assert abbeville.phase == Phase.CLOTURE
    assert abbeville.date_cloture.isoformat() == "2021-12-15"
    assert abbeville.publication == Publication.A_LA_CLOTURE
    assert set(Atelier.objects.publies()) == set(Atelier.objects.filter(historique=True))
    assert Atelier.objects.filter(historique=True).count() == 2
    assert abbeville.exemple_inspirant
    assert abbeville.montant_ht == Decimal("19800.00")
    assert abbeville.titulaire.nom == "Groupement Atelier de l'Ourcq"
    assert abbeville.accord_cadre.reference == "AC-AF-2021"
    assert abbeville.service_pilote.nom == "DDTM 80 — Somme"

    candidature = abbeville.candidature
    assert candidature.statut == StatutCandidature.ATTRIBUEE
    assert candidature.annee == 2021
    assert candidature.echelle == Echelle.COMMUNE
    assert candidature.cree_par == admin
    assert candidature.epci.nom == "CA de la Baie de Somme"
    assert [c.code for c in candidature.communes.order_by("code")] == ["80001", "80721"]
    assert {t.libelle for t in candidature.thematiques.all()} == {
        "Reconversion des friches",
        "Mobilités",
    }
    assert "abbeville" in candidature.recherche  # found by the inbox's search

    fiche = abbeville.fiche_synthetique
    assert fiche.annee == 2021
    assert fiche.maitrise_ouvrage == "DDTM 80, CA de la Baie de Somme, commune d'Abbeville"
    assert fiche.contexte == ABBEVILLE["contexte"]
    assert fiche.enjeux == ABBEVILLE["enjeux"]
    assert fiche.productions == ABBEVILLE["productions"]
    assert fiche.suites == ABBEVILLE["suites"]
    assert "Abbeville" in fiche.territoire
    assert list(abbeville.axes.values_list("ordre", "titre")) == [
        (1, "Reconquérir les rez-de-chaussée"),
        (2, "Apaiser la traversée"),
        (3, "Relier la gare"),
    ]
    # The coordinates go to the row's first commune only.
    assert Commune.objects.get(code="80001").latitude == Decimal("50.10540")
    assert Commune.objects.get(code="80001").longitude == Decimal("1.83320")
    assert Commune.objects.get(code="80721").latitude is None

    evenement = Evenement.objects.pour(abbeville).get()
    assert evenement.libelle == "Atelier importé de l'historique"
    assert evenement.acteur == admin
    assert evenement.etat_apres == Phase.CLOTURE
    assert "AF-2021-003" in evenement.commentaire
    assert Evenement.objects.pour(candidature).get().acteur == admin

    # Every atelier carries its planning; only the closure date is known.
    restitution = abbeville.planning.get(phase="restitution")
    assert restitution.fin_reelle == abbeville.date_cloture
    assert not abbeville.planning.exclude(phase="restitution").exclude(debut_reel=None).exists()


def test_optional_cells_take_their_defaults(tmp_path, admin):
    importer(ecrire(tmp_path, [PERONNE]), admin.email)

    peronne = Atelier.objects.get(reference_historique="AF-2022-011")
    assert peronne.montant_ht == Decimal("20000.00")
    assert peronne.titulaire.nom == "Groupement Ville Ouverte"
    assert peronne.candidature.echelle == Echelle.QUARTIER
    assert not peronne.exemple_inspirant
    assert not peronne.axes.exists()
    assert peronne.candidature.epci is None
    # Without a maîtrise d'ouvrage, the fiche names the pilot service.
    assert peronne.fiche_synthetique.maitrise_ouvrage == "DDTM 80 — Somme"


def test_optional_columns_may_be_left_out_of_the_header(tmp_path, admin):
    chemin = ecrire(tmp_path, [ABBEVILLE], colonnes=list(COLONNES_OBLIGATOIRES))

    assert "1 atelier importé" in importer(chemin, admin.email)


def test_comma_separated_file_with_bom_and_written_headers(tmp_path, admin):
    entetes = {"reference": "Référence", "annee": "Année", "accord_cadre": "Accord-cadre"}
    lignes = [{entetes.get(c, c): v for c, v in ligne.items()} for ligne in (ABBEVILLE, PERONNE)]
    chemin = ecrire(tmp_path, lignes, separateur=",", encodage="utf-8-sig")

    assert chemin.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "2 ateliers importés" in importer(chemin, admin.email)


def test_an_email_of_another_case_names_the_same_account(tmp_path, admin):
    assert "1 atelier importé" in importer(ecrire(tmp_path, [PERONNE]), "Admin@DGALN.example")


# -- Bad files: every bad line listed, nothing imported ---------------------------------------


@pytest.mark.parametrize(
    ("cellules", "attendu"),
    [
        pytest.param(
            {"communes": "80001|80999"},
            "ligne 3 : colonne « communes » : commune inconnue du référentiel (80999)",
            id="commune inconnue",
        ),
        pytest.param(
            {"date_cloture": "31/02/2022"},
            "ligne 3 : colonne « date_cloture » : date JJ/MM/AAAA ou AAAA-MM-JJ attendue "
            "(31/02/2022)",
            id="date invalide",
        ),
        pytest.param(
            {"titulaire": "Groupement Inconnu"},
            "ligne 3 : colonne « titulaire » : « Groupement Inconnu » n'est pas un titulaire de "
            "l'accord-cadre AC-AF-2021 (titulaires : Groupement Atelier de l'Ourcq, Groupement "
            "Ville Ouverte)",
            id="titulaire inconnu",
        ),
        pytest.param(
            {"titulaire": "Groupement POLAU"},
            "ligne 3 : colonne « titulaire » : « Groupement POLAU » n'est pas un titulaire de "
            "l'accord-cadre AC-AF-2021",
            id="titulaire d'un autre accord-cadre",
        ),
        pytest.param(
            {"reference": "af-2021-003"},
            "ligne 3 : colonne « reference » : référence déjà donnée ligne 2 (AF-2021-003)",
            id="référence en double",
        ),
        pytest.param(
            {"latitude": "49,93", "longitude": ""},
            "ligne 3 : colonne « longitude » : manquante alors que la latitude est donnée",
            id="latitude sans longitude",
        ),
        pytest.param(
            {"annee": "2018"},
            "ligne 3 : colonne « annee » : année entre 2019 et",
            id="année 2018",
        ),
        pytest.param(
            {"date_cloture": "15/12/2021"},
            "ligne 3 : colonne « date_cloture » : clôture antérieure à l'année de l'atelier, "
            "2022 (15/12/2021)",
            id="clôture avant l'année",
        ),
        pytest.param(
            {"date_cloture": "01/01/2999"},
            "ligne 3 : colonne « date_cloture » : date dans le futur (01/01/2999)",
            id="clôture future",
        ),
        pytest.param(
            {"service": "DDTM 81 — Tarn"},
            "ligne 3 : colonne « service » : service déconcentré inconnu (DDTM 81 — Tarn)",
            id="service inconnu",
        ),
        pytest.param(
            {"accord_cadre": "AC-AF-2018"},
            "ligne 3 : colonne « accord_cadre » : accord-cadre inconnu (AC-AF-2018)",
            id="accord-cadre inconnu",
        ),
        pytest.param(
            {"echelle": "Région"},
            "ligne 3 : colonne « echelle » : échelle inconnue (Région) ; échelles possibles : "
            "Bâtiment, Îlot, Quartier, Commune, Intercommunalité",
            id="échelle inconnue",
        ),
        pytest.param(
            {"thematiques": "Reconversion des friches|Friches"},
            "ligne 3 : colonne « thematiques » : thématique inconnue (Friches)",
            id="thématique inconnue",
        ),
        pytest.param(
            {"epci": "123456789"},
            "ligne 3 : colonne « epci » : EPCI inconnu du référentiel (123456789)",
            id="EPCI inconnu",
        ),
        pytest.param(
            {"montant_ht": "vingt mille"},
            "ligne 3 : colonne « montant_ht » : montant attendu, par exemple 19 800,00 "
            "(vingt mille)",
            id="montant invalide",
        ),
        pytest.param(
            {"latitude": "48,85", "longitude": "70,2"},
            "ligne 3 : colonne « longitude » : longitude entre -62 et 56 attendue, en France "
            "(70,2)",
            id="hors de France",
        ),
        pytest.param(
            {"exemple_inspirant": "peut-être"},
            "ligne 3 : colonne « exemple_inspirant » : « oui » ou « non » attendu (peut-être)",
            id="exemple inspirant ni oui ni non",
        ),
        pytest.param(
            {"titre": ""},
            "ligne 3 : colonne « titre » : valeur obligatoire manquante",
            id="titre manquant",
        ),
        pytest.param(
            {"communes": "", "epci": ""},
            "ligne 3 : colonne « communes » : au moins une commune est obligatoire (ou un EPCI)",
            id="ni commune ni EPCI",
        ),
        pytest.param(
            {"titre": "x" * 201},
            "ligne 3 : colonne « titre » : 200 caractères au plus, 201 ici",
            id="titre trop long",
        ),
    ],
)
def test_a_bad_row_refuses_the_whole_file(tmp_path, admin, cellules, attendu):
    chemin = ecrire(tmp_path, [ABBEVILLE, {**PERONNE, **cellules}])

    message = refus(chemin)

    assert "rien n'a été importé (1 erreur)" in message
    assert attendu in message
    assert "ligne 2" not in message.replace("déjà donnée ligne 2", "")


def test_every_bad_line_is_listed_at_once(tmp_path):
    lignes = [
        ABBEVILLE,  # line 2: good
        {**PERONNE, "communes": "80999"},  # line 3
        {**PERONNE, "reference": "AF-2022-012"},  # line 4: good
        {**PERONNE, "reference": "AF-2022-013", "annee": "2018", "date_cloture": "hier"},
        {**PERONNE, "reference": "AF-2022-014", "titulaire": "Groupement POLAU"},  # line 6
    ]

    message = refus(ecrire(tmp_path, lignes))

    annee = timezone.localdate().year
    assert message.splitlines() == [
        "Fichier refusé, rien n'a été importé (4 erreurs) :",
        "- ligne 3 : colonne « communes » : commune inconnue du référentiel (80999)",
        f"- ligne 5 : colonne « annee » : année entre 2019 et {annee} attendue (2018)",
        "- ligne 5 : colonne « date_cloture » : date JJ/MM/AAAA ou AAAA-MM-JJ attendue (hier)",
        "- ligne 6 : colonne « titulaire » : « Groupement POLAU » n'est pas un titulaire de "
        "l'accord-cadre AC-AF-2021 (titulaires : Groupement Atelier de l'Ourcq, Groupement "
        "Ville Ouverte)",
    ]


def test_line_numbers_are_those_of_the_file_even_with_texts_on_several_lines(tmp_path):
    lignes = [
        {**ABBEVILLE, "contexte": "Première ligne.\nDeuxième ligne.\nTroisième ligne."},
        {**PERONNE, "communes": "80999"},
    ]

    assert "ligne 5 : colonne « communes »" in refus(ecrire(tmp_path, lignes))


def test_coordinates_of_one_commune_must_agree_across_the_file(tmp_path):
    lignes = [
        ABBEVILLE,
        {**PERONNE, "communes": "80001", "latitude": "50,2", "longitude": "1,8"},
    ]

    assert (
        "ligne 3 : colonne « latitude » : coordonnées de la commune 80001 différentes de "
        "celles de la ligne 2" in refus(ecrire(tmp_path, lignes))
    )


def test_coordinates_need_a_commune(tmp_path):
    ligne = {**PERONNE, "communes": "", "epci": "200070993", "latitude": "50", "longitude": "2"}

    assert "ligne 2 : colonne « latitude » : coordonnées données sans commune" in refus(
        ecrire(tmp_path, [ligne])
    )


def test_missing_required_columns_are_named_in_one_error(tmp_path):
    colonnes = [c for c in ABBEVILLE if c not in ("titulaire", "date_cloture")]

    message = refus(ecrire(tmp_path, [ABBEVILLE], colonnes=colonnes))

    assert (
        "Colonnes obligatoires absentes de l'en-tête : « titulaire », « date_cloture »." in message
    )
    assert "(1 erreur)" in message


def test_an_unknown_column_is_refused_as_a_likely_typo(tmp_path):
    ligne = {("comunes" if c == "communes" else c): v for c, v in ABBEVILLE.items()}

    message = refus(ecrire(tmp_path, [ligne]))

    assert "Colonnes obligatoires absentes de l'en-tête : « communes »." in message
    assert "Colonnes inconnues dans l'en-tête : « comunes »" in message


def test_a_repeated_column_is_refused(tmp_path):
    colonnes = [*ABBEVILLE, "titre"]

    assert "Colonnes en double dans l'en-tête : « titre »." in refus(
        ecrire(tmp_path, [ABBEVILLE], colonnes=colonnes)
    )


def test_an_empty_file_is_refused(tmp_path):
    chemin = tmp_path / "vide.csv"
    chemin.write_bytes(b"\xef\xbb\xbf\r\n")

    assert "Le fichier est vide." in refus(chemin)


def test_a_file_with_only_its_header_is_refused(tmp_path):
    chemin = tmp_path / "entete.csv"
    chemin.write_text(";".join(COLONNES) + "\n", encoding="utf-8")

    assert "aucun atelier" in refus(chemin)


def test_a_file_not_in_utf8_is_refused_with_the_way_out(tmp_path):
    chemin = ecrire(tmp_path, [ABBEVILLE], encodage="cp1252")

    assert "n'est pas encodé en UTF-8" in refus(chemin)
    assert "CSV UTF-8" in refus(chemin)


def test_a_row_with_too_many_values_is_refused(tmp_path):
    chemin = ecrire(tmp_path, [ABBEVILLE])
    texte = chemin.read_text(encoding="utf-8")
    chemin.write_text(texte.replace("Convention Petites", "Convention;Petites"), encoding="utf-8")

    assert f"ligne 2 : {len(ABBEVILLE) + 1} valeurs pour {len(ABBEVILLE)} colonnes" in refus(chemin)


def test_a_missing_file_is_refused(tmp_path):
    assert "Fichier introuvable" in refus(tmp_path / "absent.csv")


def test_importing_the_same_file_twice_refuses_what_is_already_there(tmp_path, admin):
    chemin = ecrire(tmp_path, [ABBEVILLE, PERONNE])
    importer(chemin, admin.email)

    message = refus(chemin)

    assert "ligne 2 : colonne « reference » : atelier déjà importé (AF-2021-003)" in message
    assert "ligne 3 : colonne « reference » : atelier déjà importé (AF-2022-011)" in message
    assert Atelier.objects.count() == 2


def test_an_error_while_writing_leaves_nothing_behind(tmp_path, admin, monkeypatch):
    """The rows are valid but the base refuses the second: the first is rolled back too."""
    ecrit = importation.enregistrer
    appels = []

    def enregistrer_puis_echouer(*args, **kwargs):
        appels.append(args)
        if len(appels) == 3:  # the second atelier's first event
            raise RuntimeError("panne de la base")
        return ecrit(*args, **kwargs)

    monkeypatch.setattr(importation, "enregistrer", enregistrer_puis_echouer)
    avant = etat()

    with pytest.raises(RuntimeError):
        importer(ecrire(tmp_path, [ABBEVILLE, PERONNE]), admin.email)

    assert etat() == avant


# -- Checking only, and who may import ----------------------------------------------------------


def test_verifier_checks_the_file_and_imports_nothing(tmp_path, admin):
    chemin = ecrire(tmp_path, [ABBEVILLE, PERONNE])
    avant = etat()

    sortie = importer(chemin, admin.email, "--verifier")

    assert "Fichier valide : 2 ateliers à importer" in sortie
    assert "Rien n'a été importé" in sortie
    assert etat() == avant


def test_verifier_lists_the_errors_too(tmp_path):
    chemin = ecrire(tmp_path, [ABBEVILLE, {**PERONNE, "communes": "80999"}])

    assert "ligne 3 : colonne « communes »" in refus(chemin, "admin@dgaln.example", "--verifier")


@pytest.mark.parametrize(
    "compte",
    [
        pytest.param({}, id="agent"),
        pytest.param({"instructeur": True}, id="instructeur DGALN"),
        pytest.param({"administrateur": True, "is_active": False}, id="administrateur désactivé"),
    ],
)
def test_only_an_active_dgaln_administrator_may_import(tmp_path, compte):
    user = UserFactory(email="autre@exemple.gouv.fr", **compte)

    message = refus(ecrire(tmp_path, [ABBEVILLE]), user.email)

    assert "Seul un administrateur DGALN peut importer l'historique" in message
    assert "autre@exemple.gouv.fr" in message


def test_an_unknown_author_is_refused(tmp_path):
    assert "Aucun compte n'a l'adresse « personne@exemple.gouv.fr »" in refus(
        ecrire(tmp_path, [ABBEVILLE]), "personne@exemple.gouv.fr"
    )


def test_the_service_refuses_a_non_administrator_too(tmp_path, admin):
    lignes = importation.lire_fichier(ecrire(tmp_path, [ABBEVILLE]))
    agent = UserFactory()

    with pytest.raises(HistoriqueInvalide, match="Seul un administrateur DGALN"):
        importation.importer(agent, lignes)
    assert not Atelier.objects.exists()


# -- Reading numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texte", "montant"),
    [
        ("19 800,00", "19800.00"),
        ("19\u202f800,00 €", "19800.00"),
        ("19800.00", "19800.00"),
        ("19.800,50", "19800.50"),
        ("19,800.50", "19800.50"),
        ("20000", "20000.00"),
    ],
)
def test_amounts_read_as_french_or_english_spreadsheets_write_them(texte, montant):
    assert verification.lire_montant(texte) == Decimal(montant)


@pytest.mark.parametrize("texte", ["vingt mille", "0", "-5", "19.800", "1,2,3", "NaN"])
def test_amounts_that_are_not_amounts_are_refused(texte):
    with pytest.raises(ValeurInvalide):
        verification.lire_montant(texte)


# -- The pages show an imported atelier --------------------------------------------------------


def test_imported_atelier_pages_open_for_the_dgaln(tmp_path, admin, client):
    importer(ecrire(tmp_path, [ABBEVILLE]), admin.email)
    atelier = Atelier.objects.get()
    client.force_login(admin)

    for url in (
        reverse("ateliers:detail", args=[atelier.pk]),
        reverse("livrables:fiche", args=[atelier.pk]),
        reverse("livrables:feuille_de_route", args=[atelier.pk]),
        reverse("candidatures:detail", args=[atelier.candidature.pk]),
    ):
        reponse = client.get(url)
        assert reponse.status_code == 200, url
        assert "Revitalisation du centre-ville d&#x27;Abbeville" in reponse.content.decode()


def test_imported_atelier_shows_in_the_public_catalogue(tmp_path, admin, client):
    importer(ecrire(tmp_path, [ABBEVILLE]), admin.email)
    atelier = Atelier.objects.get()

    page = client.get(reverse("catalogue:atelier", args=[atelier.pk])).content.decode()

    assert "Revitalisation du centre-ville d&#x27;Abbeville" in page
    assert "Des cellules commerciales vacantes" in page
    assert "Relier la gare" in page
    assert "Groupement Atelier de l&#x27;Ourcq" in page


# -- The documentation never goes stale -----------------------------------------------------------


def test_the_documented_example_is_the_demo_s_history(referentiel):
    # The demo loads the example file, as the DGALN would: it must import, and only once.
    call_command("charger_demo", stdout=io.StringIO())

    importes = Atelier.objects.filter(historique=True)
    assert importes.count() == 5
    assert set(importes) <= set(Atelier.objects.publies())
    assert (
        Organisation.objects.get(nom="DEAL Guadeloupe")
        .ateliers_pilotes.filter(historique=True)
        .exists()
    )
    message = refus(DOCS / "exemples" / "historique.csv", "admin@demo.gouv.fr")
    assert "déjà importé" in message
    call_command("charger_demo", "--force", stdout=io.StringIO())
    assert Atelier.objects.filter(historique=True).count() == 5


def test_the_documentation_describes_every_column_and_the_example_uses_them_all():
    doc = (DOCS / "import-historique.md").read_text(encoding="utf-8")
    with (DOCS / "exemples" / "historique.csv").open(encoding="utf-8", newline="") as f:
        entete = next(csv.reader(f, delimiter=";"))

    for colonne in COLONNES:
        assert f"| `{colonne}` |" in doc, colonne
    assert sorted(entete) == sorted(COLONNES)
