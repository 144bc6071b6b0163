"""Filing through the pages: intention, the fiche step by step, pièces, deposit."""

import pytest
from django.urls import reverse

from candidatures.models import Candidature, Piece, StatutCandidature
from referentiels.models import EPCI, Commune
from tests import fichiers
from tests.factories import CandidatureFactory, ServiceFactory, ThematiqueFactory, UserFactory
from tests.outils import texte

pytestmark = pytest.mark.django_db


@pytest.fixture
def ddtm80(referentiel):
    from referentiels.models import Departement

    return ServiceFactory(type_service="DDTM", departement=Departement.objects.get(code="80"))


@pytest.fixture
def agent80(ddtm80, client):
    agent = UserFactory(organisation=ddtm80)
    client.force_login(agent)
    return agent


def test_intention_with_communes_by_name_code_and_suggestion(client, agent80):
    doullens = Commune.objects.get(code="80253")
    reponse = client.post(
        reverse("candidatures:intention"),
        {
            "titre": "Site Sueur",
            "echelle": "quartier",
            "description": "Une friche",
            # Two tags (a suggestion picked, a code), then one more typed by name.
            "communes": ["80253", "80001"],
            "ajout_communes": "albert",
            "epci": doullens.epci_id,
        },
    )
    cand = Candidature.objects.get(titre="Site Sueur")
    assert reponse.status_code == 302 and reponse.url == f"/candidatures/{cand.pk}/"
    assert set(cand.communes.values_list("code", flat=True)) == {"80253", "80001", "80016"}
    assert cand.statut == StatutCandidature.INTENTION and cand.epci_id == doullens.epci_id


@pytest.mark.parametrize(
    ("saisie", "erreur"),
    [
        ("Redon", "Aucune commune ne correspond à « Redon » dans le territoire de votre service"),
        ("35236", "n'est pas dans le territoire de votre service"),
        ("99999", "Aucune commune n'a le code INSEE 99999"),
        # Pasted text, not a name: refused in words (SQLite used to answer 500 on it).
        ("%_" * 200, "est trop long pour un nom de commune (80 caractères au plus)"),
    ],
)
def test_intention_refuses_communes_outside_the_service_territory(client, agent80, saisie, erreur):
    reponse = client.post(
        reverse("candidatures:intention"),
        {"titre": "Ailleurs", "echelle": "commune", "ajout_communes": saisie},
    )
    assert reponse.status_code == 200
    assert erreur in texte(reponse)
    assert not Candidature.objects.exists()


def test_intention_needs_a_territory(client, agent80):
    reponse = client.post(reverse("candidatures:intention"), {"titre": "x", "echelle": "commune"})
    assert "au moins une commune ou un EPCI" in texte(reponse)


def test_the_epci_list_holds_only_the_service_territory(client, agent80):
    page = texte(client.get(reverse("candidatures:intention")))
    epci_80 = EPCI.objects.filter(membres__departement_id="80").distinct().first()
    epci_35 = EPCI.objects.filter(membres__departement_id="35").distinct().first()
    assert epci_80.nom in page and epci_35.nom not in page


def test_commune_suggestions_are_scoped_to_the_agent_territory(client, agent80):
    resultats = client.get(reverse("referentiels:communes"), {"q": "Doul"}).json()["resultats"]
    assert [r["libelle"] for r in resultats] == ["Doullens (80253)"]
    assert client.get(reverse("referentiels:communes"), {"q": "Redo"}).json() == {"resultats": []}


def test_suggestions_need_a_login(client):
    assert client.get(reverse("referentiels:communes"), {"q": "Doul"}).status_code == 302


def test_only_agents_declare_intentions(client):
    client.force_login(UserFactory(instructeur=True))
    assert client.get(reverse("candidatures:intention")).status_code == 403


@pytest.fixture
def brouillon(agent80):
    cand = CandidatureFactory(
        service=agent80.organisation, cree_par=agent80, statut=StatutCandidature.BROUILLON
    )
    cand.communes.add(Commune.objects.get(code="80253"))
    return cand


def test_the_fiche_is_filled_step_by_step_by_any_agent_of_the_service(client, brouillon, ddtm80):
    theme = ThematiqueFactory()
    client.force_login(UserFactory(organisation=ddtm80))  # a colleague continues the draft
    url = reverse("candidatures:rubrique", args=[brouillon.pk, "strategie"])
    reponse = client.post(
        url,
        {
            "strategie": "Reconvertir",
            "thematiques": [theme.pk],
            "secteur": "Gare",
            "enjeux": "E",
            "problematiques": "P",
            "objectifs": "O",
        },
    )
    assert reponse.url == reverse("candidatures:rubrique", args=[brouillon.pk, "acteurs"])
    brouillon.refresh_from_db()
    assert brouillon.strategie == "Reconvertir" and list(brouillon.thematiques.all()) == [theme]
    reponse = client.post(
        reverse("candidatures:rubrique", args=[brouillon.pk, "acteurs"]),
        {
            "acteurs-TOTAL_FORMS": "2",
            "acteurs-INITIAL_FORMS": "0",
            "acteurs-0-nom": "EPF Hauts-de-France",
            "acteurs-0-role": "portage foncier",
            "acteurs-1-nom": "",
            "ressources-TOTAL_FORMS": "1",
            "ressources-INITIAL_FORMS": "0",
            "ressources-0-titre": "PLUi",
            "ressources-0-fichier": fichiers.pdf("plui.pdf"),
        },
    )
    assert reponse.status_code == 302
    assert list(brouillon.acteurs.values_list("nom", flat=True)) == ["EPF Hauts-de-France"]
    assert brouillon.ressources.get().nom_fichier == "plui.pdf"


def test_a_bad_contact_is_explained_and_nothing_else_is_lost(client, agent80, brouillon):
    reponse = client.post(
        reverse("candidatures:rubrique", args=[brouillon.pk, "contacts"]),
        {
            "ref_collectivite_nom": "Marie",
            "ref_collectivite_email": "pas-un-email",
            "periode_debut": "2027-06-01",
            "periode_fin": "2027-01-01",
        },
    )
    page = texte(reponse)
    assert "Saisissez une adresse de courriel valide" in page
    assert "La fin souhaitée doit suivre le début" in page
    assert 'value="Marie"' in page  # what was typed is still there


@pytest.mark.parametrize("fabrique", [fichiers.pdf, fichiers.png, fichiers.docx, fichiers.odt])
def test_accepted_formats_are_stored_under_a_random_name(client, agent80, brouillon, fabrique):
    fichier = fabrique()
    reponse = client.post(
        reverse("candidatures:rubrique", args=[brouillon.pk, "pieces"]),
        {"type": Piece.Type.AUTRE, "fichier": fichier},
    )
    assert reponse.status_code == 302
    piece = brouillon.pieces.get()
    assert piece.nom_fichier == fichier.name
    assert fichier.name not in piece.fichier.name
    assert piece.fichier.name.startswith("candidatures/pieces/")


@pytest.mark.parametrize(
    ("fichier", "erreur"),
    [
        (fichiers.executable_renomme(), "ne correspond pas à un document PDF"),
        (fichiers.texte_renomme(), "ne correspond pas à un document PDF"),
        (fichiers.executable_renomme("outil.exe"), "Format non accepté (.exe)"),
        (fichiers.pdf("courrier.PDF.zip"), "Format non accepté (.zip)"),
    ],
)
def test_a_disguised_or_unaccepted_file_is_refused(client, agent80, brouillon, fichier, erreur):
    reponse = client.post(
        reverse("candidatures:rubrique", args=[brouillon.pk, "pieces"]),
        {"type": Piece.Type.LETTRE_PREFET, "fichier": fichier},
    )
    assert erreur in texte(reponse)
    assert not brouillon.pieces.exists()


def test_a_long_name_comes_back_as_a_pdf_with_its_extension(client, agent80, brouillon):
    long = "Courrier du préfet de la Somme " * 10 + ".pdf"  # 314 characters
    client.post(
        reverse("candidatures:rubrique", args=[brouillon.pk, "pieces"]),
        {"type": Piece.Type.LETTRE_PREFET, "fichier": fichiers.pdf(long)},
    )
    piece = brouillon.pieces.get()
    reponse = client.get(reverse("candidatures:piece", args=[brouillon.pk, piece.pk]))
    assert b"".join(reponse.streaming_content).startswith(b"%PDF")
    reponse.close()
    assert reponse["Content-Type"] == "application/pdf"
    assert reponse["Content-Disposition"].endswith(".pdf")
    assert len(piece.nom_fichier) == 200
    assert piece.nom_fichier.startswith("Courrier_du_préfet_de_la_Somme_Courrier")


@pytest.mark.parametrize(
    ("piege", "motif"),
    [
        ("ouverture_javascript", "Le PDF contient du JavaScript, qui pourrait s'exécuter"),
        ("lancement", "lance un programme ou ouvre un autre fichier (/Launch)"),
        ("fichier_joint", "Le PDF contient des fichiers joints"),
    ],
)
def test_a_pdf_carrying_a_script_is_refused_on_the_page(client, agent80, brouillon, piege, motif):
    reponse = client.post(
        reverse("candidatures:rubrique", args=[brouillon.pk, "pieces"]),
        {"type": Piece.Type.LETTRE_PREFET, "fichier": fichiers.pdf_piege(piege)},
    )
    assert reponse.status_code == 200
    assert motif in texte(reponse)
    assert "enregistrez-le à nouveau sans" in texte(reponse)
    assert not brouillon.pieces.exists()


def test_a_file_over_the_size_limit_is_refused(client, agent80, brouillon, settings):
    settings.UPLOAD_MAX_SIZE_MB = 0.0005  # about 500 bytes
    reponse = client.post(
        reverse("candidatures:rubrique", args=[brouillon.pk, "pieces"]),
        {"type": Piece.Type.LETTRE_PREFET, "fichier": fichiers.pdf()},
    )
    assert "la taille maximale est de" in texte(reponse)
    assert not brouillon.pieces.exists()


def test_deposit_page_lists_what_is_missing_then_deposits(client, agent80, brouillon):
    url = reverse("candidatures:deposer", args=[brouillon.pk])
    page = texte(client.get(url))
    assert "Le dossier ne peut pas encore être déposé" in page
    assert "le courrier de soutien signé du préfet" in page
    reponse = client.post(url, follow=True)
    assert "Il manque" in texte(reponse)
    brouillon.refresh_from_db()
    assert brouillon.statut == StatutCandidature.BROUILLON

    from tests.factories import completer

    completer(brouillon)
    reponse = client.post(url, follow=True)
    assert f"AF-2026-{brouillon.pk:05d}-D1" in texte(reponse)
    brouillon.refresh_from_db()
    assert brouillon.statut == StatutCandidature.DEPOSEE
