"""The territory's communes are chosen one at a time: the server receives them as a list of
``communes`` values (one hidden input per tag with JavaScript, one checked box without), a
text with « ; » is one (unknown) name, and without JavaScript « Ajouter la commune » shows the
form again with the typed commune checked, saving nothing."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from candidatures.models import Candidature, StatutCandidature
from referentiels.models import Commune, Departement
from tests.factories import CandidatureFactory, ServiceFactory, UserFactory
from tests.outils import texte, texte_lu

pytestmark = pytest.mark.django_db

INTENTION = {"titre": "Site Sueur", "echelle": "quartier", "description": "Une friche"}


@pytest.fixture
def agent80(referentiel, client):
    service = ServiceFactory(type_service="DDTM", departement=Departement.objects.get(code="80"))
    agent = UserFactory(organisation=service)
    client.force_login(agent)
    return agent


@pytest.fixture
def brouillon(agent80):
    cand = CandidatureFactory(
        service=agent80.organisation, cree_par=agent80, statut=StatutCandidature.BROUILLON
    )
    cand.communes.set(Commune.objects.filter(code__in=["80253", "80021"]))
    return cand


def territoire(cand):
    return reverse("candidatures:rubrique", args=[cand.pk, "territoire"])


class _Champs(HTMLParser):
    """The inputs and buttons of the page's territory form."""

    def __init__(self):
        super().__init__()
        self.formulaires = []

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            self.formulaires.append([])
        elif tag in ("input", "button") and self.formulaires:
            self.formulaires[-1].append({"balise": tag, **dict(attrs)})


def champs(reponse, **filtre):
    lecteur = _Champs()
    lecteur.feed(reponse.content.decode())
    [formulaire] = [
        f for f in lecteur.formulaires if any(c.get("name") == "ajout_communes" for c in f)
    ]
    return [c for c in formulaire if all(c.get(k) == v for k, v in filtre.items())]


def cochees(reponse):
    """The communes the page shows as kept: its checked boxes."""
    return [c["value"] for c in champs(reponse, type="checkbox", name="communes") if "checked" in c]


def codes(cand):
    return set(cand.communes.values_list("code", flat=True))


def test_two_communes_sent_as_two_values_are_both_kept(client, agent80):
    reponse = client.post(
        reverse("candidatures:intention"), {**INTENTION, "communes": ["80253", "80021"]}
    )
    cand = Candidature.objects.get(titre="Site Sueur")
    assert reponse.status_code == 302
    assert codes(cand) == {"80253", "80021"}


def test_a_commune_removed_from_the_list_leaves_the_territory(client, brouillon):
    # Its tag was removed (or its box unchecked): the form comes without it.
    client.post(
        territoire(brouillon),
        {"titre": brouillon.titre, "echelle": "quartier", "communes": ["80021"], "rester": "1"},
    )
    assert codes(brouillon) == {"80021"}


def test_a_typed_commune_joins_those_sent(client, brouillon):
    client.post(
        territoire(brouillon),
        {"titre": "x", "echelle": "quartier", "communes": ["80021"], "ajout_communes": "Albert"},
    )
    assert codes(brouillon) == {"80021", "80016"}


@pytest.mark.parametrize(
    "saisie", ["Amiens ; Albert", "Doullens (80253) ; 80001", "Doullens (80253); Ham (80410)"]
)
def test_a_text_with_a_semicolon_is_no_list_of_communes(client, agent80, saisie):
    reponse = client.post(
        reverse("candidatures:intention"), {**INTENTION, "ajout_communes": saisie}
    )
    assert reponse.status_code == 200
    assert (
        f"Aucune commune ne correspond à « {saisie} » : ajoutez les communes une à une"
        in texte_lu(reponse)
    )
    assert not Candidature.objects.exists()


@pytest.mark.parametrize(
    ("saisie", "erreur"),
    [
        ("Redon", "Aucune commune ne correspond à « Redon » dans le territoire de votre service"),
        ("35236", "Redon (35236) n'est pas dans le territoire de votre service"),
        ("99999", "Aucune commune n'a le code INSEE 99999."),
    ],
)
def test_an_unknown_commune_is_refused_in_french(client, agent80, saisie, erreur):
    reponse = client.post(
        reverse("candidatures:intention"), {**INTENTION, "ajout_communes": saisie}
    )
    assert erreur in texte_lu(reponse)
    assert not Candidature.objects.exists()


def test_an_ambiguous_name_asks_for_the_insee_code(client, agent80):
    Commune.objects.create(code="80999", nom="Doullens", departement_id="80")
    reponse = client.post(
        reverse("candidatures:intention"), {**INTENTION, "ajout_communes": "doullens"}
    )
    assert (
        "Plusieurs communes s'appellent « doullens » : saisissez le code INSEE de celle à "
        "ajouter (80253 pour Doullens (80253), 80999 pour Doullens (80999))."
    ) in texte_lu(reponse)
    reponse = client.post(
        reverse("candidatures:intention"), {**INTENTION, "ajout_communes": "80999"}
    )
    assert codes(Candidature.objects.get()) == {"80999"}


def test_a_commune_outside_the_territory_cannot_be_sent_as_a_value(client, agent80):
    reponse = client.post(reverse("candidatures:intention"), {**INTENTION, "communes": ["35236"]})
    assert reponse.status_code == 200
    assert "La commune 35236 n'est pas dans le territoire de votre service." in texte_lu(reponse)
    assert not Candidature.objects.exists()


def test_the_add_button_shows_the_form_again_with_the_commune_checked(client, agent80):
    url = reverse("candidatures:intention")
    # No title yet: adding a commune is not sending the form, nothing else is checked.
    reponse = client.post(url, {"ajout_communes": "Doullens", "ajouter_commune": "1"})
    assert reponse.status_code == 200 and not Candidature.objects.exists()
    assert cochees(reponse) == ["80253"]
    lu = texte_lu(reponse)
    assert "Doullens (80253) ajoutée aux communes retenues." in lu
    assert "Ce champ est obligatoire" not in lu and "au moins une commune" not in lu
    [champ] = champs(reponse, name="ajout_communes")
    assert not champ.get("value") and "autofocus" in champ  # empty, for the next one

    reponse = client.post(
        url, {"communes": ["80253"], "ajout_communes": "80001", "ajouter_commune": "1"}
    )
    assert cochees(reponse) == ["80253", "80001"] and not Candidature.objects.exists()

    client.post(url, {**INTENTION, "communes": cochees(reponse)})
    assert codes(Candidature.objects.get()) == {"80253", "80001"}


def test_the_add_button_on_the_fiche_saves_nothing(client, brouillon):
    reponse = client.post(
        territoire(brouillon),
        {
            "titre": "Nouveau titre",
            "echelle": "quartier",
            "communes": ["80253", "80021"],
            "ajout_communes": "Albert (80016)",
            "ajouter_commune": "1",
        },
    )
    assert reponse.status_code == 200
    assert cochees(reponse) == ["80021", "80253", "80016"]
    # Adding a commune is no failed save: no red banner saying the rubric was not saved.
    assert "La rubrique n'est pas enregistrée" not in reponse.content.decode()
    brouillon.refresh_from_db()
    assert codes(brouillon) == {"80253", "80021"} and brouillon.titre != "Nouveau titre"


def test_an_unchecked_commune_stays_on_the_page_unchecked(client, brouillon):
    reponse = client.post(
        territoire(brouillon),
        {
            "echelle": "quartier",
            "communes": ["80021"],
            "ajout_communes": "Albert",
            "ajouter_commune": "1",
        },
    )
    assert [c["value"] for c in champs(reponse, type="checkbox")] == ["80021", "80253", "80016"]
    assert cochees(reponse) == ["80021", "80016"]


def test_the_add_button_with_nothing_typed_says_what_to_type(client, agent80):
    reponse = client.post(reverse("candidatures:intention"), {"ajouter_commune": "1"})
    assert "Saisissez le nom ou le code INSEE de la commune à ajouter." in texte_lu(reponse)


def test_the_add_button_shows_the_refusal_and_keeps_the_communes(client, agent80):
    reponse = client.post(
        reverse("candidatures:intention"),
        {"communes": ["80253"], "ajout_communes": "Amiens ; Albert", "ajouter_commune": "1"},
    )
    assert "ajoutez les communes une à une" in texte_lu(reponse)
    assert cochees(reponse) == ["80253"]


def test_an_epci_alone_is_a_territory_and_nothing_is_none(client, agent80):
    reponse = client.post(reverse("candidatures:intention"), INTENTION)
    assert "Indiquez le territoire : au moins une commune ou un EPCI." in texte_lu(reponse)
    epci = Commune.objects.get(code="80253").epci_id
    client.post(reverse("candidatures:intention"), {**INTENTION, "epci": epci})
    cand = Candidature.objects.get()
    assert cand.epci_id == epci and not codes(cand)


def test_the_page_offers_one_commune_at_a_time(client, brouillon):
    reponse = client.get(territoire(brouillon))
    page = texte(reponse)
    assert "point-virgule" not in page and "séparez" not in page
    assert "Une commune à la fois : saisissez son nom ou son code INSEE" in page
    assert cochees(reponse) == ["80021", "80253"]  # only the current communes, not the territory
    [bouton] = champs(reponse, name="ajouter_commune")
    assert bouton["type"] == "submit" and "Ajouter la commune" in page
    assert 'aria-live="polite"' in page
    # Enter in a text field still sends the form as its main button does.
    premier = champs(reponse, balise="button", type="submit")[0]
    assert "hidden" in premier and "name" not in premier


def test_the_intention_page_has_no_commune_yet(client, agent80):
    reponse = client.get(reverse("candidatures:intention"))
    assert cochees(reponse) == [] and "Aucune commune retenue pour l'instant." in texte(reponse)
