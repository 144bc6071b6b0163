"""Property-based tests: every form of the portal gets random and hostile values.

Each form is found the way a person finds it: the page is read as the role that may use it,
its ``<form>`` is parsed, every field is filled (hostile text in text fields, mostly valid
choices in selects and boxes, sometimes invalid ones) and posted. Whatever was sent, the
portal never answers with a server error, and a value it stored never comes back as live
markup on the pages that show it. List filters and searches get the same treatment in their
query strings.

``FUZZ_EXEMPLES`` sets the number of examples per form (default: a few, to keep CI quick);
with the environment variable ``CI`` set, the examples are derandomized so that a CI run is
reproducible.
"""

import copy
import datetime
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.html import escape
from django.utils.http import urlsafe_base64_encode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.donnees_du_module import donnees_du_module
from tests.factories import MOT_DE_PASSE

CI = bool(os.environ.get("CI"))
EXEMPLES = int(os.environ.get("FUZZ_EXEMPLES", "5"))

settings.register_profile(
    "fuzzing",
    max_examples=EXEMPLES,
    deadline=None,
    derandomize=CI,
    database=None if CI else settings.default.database,
    print_blob=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
FUZZING = settings.get_profile("fuzzing")


# --- Hostile values --------------------------------------------------------------------------

# Markup that must never come back raw: its presence on a page means stored script runs.
MARQUEURS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    'onmouseover="alert(1)',
)

CHARGES = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    '" onmouseover="alert(1)',
    "</textarea><script>alert(1)</script>",
    "{{ 7*7 }}{% debug %}",
    "javascript:alert(1)",
    "'; DROP TABLE candidatures_candidature; --",
    "1' OR '1'='1",
    "1; SELECT pg_sleep(5)",
    "%s%s%s%n",
    "\x00",
    "avant\x00après",
    "\x01\x02\x07\x08\x0b\x0c\x1b[31m\x7f",
    "\r\n\r\nSet-Cookie: x=1",
    "\u202eelbisivni\u202c",
    "\u200b\u200c\u200d\ufeff",
    "e\u0301\u0301\u0301 Z\u0351\u0338\u0334",
    "🏗️👩🏽‍🔧🇫🇷",
    "𝕬𝖙𝖊𝖑𝖎𝖊𝖗",
    "ﷺ",
    " ",
    "-1",
    "²",
    "٣",
    "99999999999999999999",
    "1e309",
    "NaN",
    "0x7fffffff",
    "2027-02-30",
    "../../etc/passwd",
)


def _long(motif, n):
    return (motif * (n // len(motif) + 1))[:n]


hostiles = st.one_of(
    st.sampled_from(CHARGES),
    st.text(max_size=40),
    st.builds(lambda a, b: a + b, st.sampled_from(CHARGES), st.text(max_size=10)),
    st.builds(
        _long,
        st.sampled_from(("x", "é", "<script>alert(1)</script>", "🏗️", "a\x00")),
        st.sampled_from((256, 2_001, 10_001, 65_536)),
    ),
)

_AUJOURD_HUI = datetime.date.today()
DATES = (
    *((_AUJOURD_HUI + datetime.timedelta(days=n)).isoformat() for n in (0, -20, 60, 400)),
    "15/03/2027",
)
EMAILS = ("personne.nouvelle@exemple.gouv.fr", "x@y.fr")


# --- The forms of a page -------------------------------------------------------------------


@dataclass
class Champ:
    genre: str  # input type, "textarea", "select" or "button"
    nom: str
    valeur: str = ""
    coche: bool = False
    multiple: bool = False
    options: list = field(default_factory=list)


@dataclass
class Formulaire:
    action: str
    methode: str
    champs: list = field(default_factory=list)


class _Lecteur(HTMLParser):
    """The ``<form>`` elements of a page with their fields, as a browser would submit them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.formulaires = []
        self._form = self._select = self._textarea = self._option = None

    def handle_starttag(self, tag, attrs):
        a = {k: ("" if v is None else v) for k, v in attrs}
        if tag == "form":
            self._form = Formulaire(a.get("action", ""), a.get("method", "get").lower())
            self.formulaires.append(self._form)
        elif self._form is None or "disabled" in a:
            return
        elif tag == "input" and a.get("name"):
            self._form.champs.append(
                Champ(a.get("type", "text").lower(), a["name"], a.get("value", ""), "checked" in a)
            )
        elif tag == "button" and a.get("name"):
            self._form.champs.append(Champ("button", a["name"], a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea = Champ("textarea", a["name"])
            self._form.champs.append(self._textarea)
        elif tag == "select" and a.get("name"):
            self._select = Champ("select", a["name"], multiple="multiple" in a)
            self._form.champs.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value"), ""]
            self._select.options.append(self._option)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.valeur += data
        if self._option is not None:
            self._option[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "option":
            self._option = None


def formulaires(html):
    lecteur = _Lecteur()
    lecteur.feed(html)
    for form in lecteur.formulaires:
        for champ in form.champs:
            if champ.genre == "select":
                champ.options = [v if v is not None else t.strip() for v, t in champ.options]
    return lecteur.formulaires


NON_SAISIS = {"submit", "reset", "image", "file", "button"}
TEXTES = {"text", "textarea", "search", "password", "tel", "url"}


def tirer(data, valide, nom, une_fois_sur=4):
    """A valid value, or once in ``une_fois_sur`` a hostile one."""
    if data.draw(st.integers(0, une_fois_sur - 1), label=f"{nom} hostile ?") == 0:
        return data.draw(hostiles, label=nom)
    return data.draw(valide, label=nom)


def remplir(form, data, cible):
    """What a person (or an attacker) sends: hostile text, mostly valid choices."""
    donnees = {}
    groupes = {}
    for champ in form.champs:
        if champ.genre in ("checkbox", "radio"):
            groupes.setdefault(champ.nom, (champ.genre, []))[1].append(champ.valeur or "on")
    for champ in form.champs:
        nom = champ.nom
        if nom in donnees or nom == "csrfmiddlewaretoken":
            continue
        if nom in cible.valides:
            donnees[nom] = tirer(data, st.sampled_from(cible.valides[nom]), nom, 2)
        elif champ.genre in NON_SAISIS:
            continue
        elif champ.genre == "hidden":
            # Hidden values (formset counters, the phase seen…) are kept, sometimes tampered.
            falsifier = data.draw(st.integers(0, 5), label=f"{nom}?") == 0
            donnees[nom] = data.draw(hostiles, label=nom) if falsifier else champ.valeur
        elif champ.genre in ("checkbox", "radio"):
            genre, valeurs = groupes[nom]
            choix = st.lists(st.sampled_from(valeurs), unique=True, max_size=len(valeurs))
            if genre == "radio":
                choix = st.sampled_from(valeurs).map(lambda v: [v])
            valeur = tirer(data, choix, nom)
            if isinstance(valeur, str):
                valeur = [valeur]
            if valeur:
                donnees[nom] = valeur
        elif champ.genre == "select":
            options = [o for o in champ.options if o] or [""]
            choix = st.sampled_from(options)
            if champ.multiple:
                choix = st.lists(choix, unique=True, max_size=3)
            donnees[nom] = tirer(data, choix, nom)
        elif champ.genre == "date":
            donnees[nom] = tirer(data, st.sampled_from(DATES), nom, 3)
        elif champ.genre == "email":
            donnees[nom] = data.draw(
                st.one_of(
                    st.sampled_from(EMAILS),
                    hostiles.map(lambda h: f"{h}@exemple.fr"),
                    st.integers(250, 330).map(lambda n: _long("a", n - 11) + "@exemple.fr"),
                    hostiles,
                ),
                label=nom,
            )
        elif champ.genre == "number":
            donnees[nom] = data.draw(
                st.one_of(st.integers(-(2**70), 2**70).map(str), hostiles), label=nom
            )
        else:  # text, textarea, search, password, tel, url and unknown types
            donnees[nom] = data.draw(hostiles, label=nom)
    for copie, source in cible.copies.items():
        if source in donnees and data.draw(st.integers(0, 3), label=f"{copie} = {source} ?"):
            donnees[copie] = donnees[source]
    for nom, fabrique in cible.fichiers.items():
        if data.draw(st.integers(0, 3), label=f"{nom} joint ?"):
            donnees[nom] = fabrique()
    donnees.update(cible.boutons)
    return donnees


# --- What must hold for every response ----------------------------------------------------


def verifier_reponse(reponse, quoi):
    assert reponse.status_code < 500, f"{quoi}: erreur serveur {reponse.status_code}"
    if "html" in reponse.get("Content-Type", ""):
        page = reponse.content.decode()
        for marqueur in MARQUEURS:
            assert marqueur not in page, f"{quoi}: « {marqueur} » rendu sans échappement"
        assert 'href="javascript:' not in page.lower(), f"{quoi}: lien javascript: rendu"


def _chemin(url):
    return urlsplit(url).path


# --- The world the forms act on ------------------------------------------------------------


class Monde(dict):
    """Everything the forms need, built once for the module; each test runs in a savepoint
    and each example in a transaction inside it, both rolled back."""

    def __getattr__(self, nom):
        try:
            return self[nom]
        except KeyError:
            raise AttributeError(nom) from None


@pytest.fixture(scope="module")
def _monde_du_module(django_db_setup, django_db_blocker, medias_du_module):
    """The world, built once for the module (tests/donnees_du_module.py): building it for
    each of the hundred forms was most of the time."""
    with donnees_du_module(django_db_blocker, medias_du_module):
        yield construire_monde()


# Each test's uploads go to the module's folder, where the world's files are.
pytestmark = pytest.mark.usefixtures("fichiers_du_module")


@pytest.fixture
def monde(_monde_du_module, db):
    """The module's world for one test: its rows in the test's savepoint (``db``, rolled
    back), its Python objects a copy, so that what a test changes on them stays there."""
    return copy.deepcopy(_monde_du_module)


def construire_monde():
    from candidatures import transitions as t_cand
    from candidatures.models import StatutCandidature
    from commandes import transitions as t_bons
    from comptes import services as comptes_services
    from comptes.models import Invitation, Role
    from livrables import services as s_livrables
    from livrables import transitions as t_livrables
    from marches.models import MembreGroupement
    from tests.factories import (
        AtelierFactory,
        CandidatureFactory,
        CommuneFactory,
        DepartementFactory,
        LivrableFactory,
        MembreFactory,
        ServiceFactory,
        ThematiqueFactory,
        UserFactory,
        completer,
    )
    from tests.fichiers import pdf, png

    somme = DepartementFactory(code="80", nom="Somme")
    service = ServiceFactory(departement=somme, nom="DDTM 80")
    for nom in ("Amiens", "Péronne", "Ham"):
        CommuneFactory(nom=nom, departement=somme)
    ThematiqueFactory()
    m = Monde()
    m["agent"] = UserFactory(organisation=service, email="agent@ddtm80.example")
    m["instructeur"] = UserFactory(instructeur=True, email="instructeur@dgaln.example")
    m["administrateur"] = UserFactory(administrateur=True, email="admin@dgaln.example")
    m["anonyme"] = None

    atelier = AtelierFactory(candidature__service=service, candidature__titre="Centre de Ham")
    MembreFactory(titulaire=atelier.titulaire, role=MembreGroupement.Role.MANDATAIRE)
    m["atelier"] = atelier
    m["titulaire"] = UserFactory(
        prestataire=True,
        organisation=atelier.titulaire.membres.first().organisation,
        email="equipe@titulaire.example",
    )

    def dossier(statut, **kwargs):
        return completer(
            CandidatureFactory(service=service, cree_par=m.agent, statut=statut, **kwargs)
        )

    m["brouillon"] = dossier(StatutCandidature.BROUILLON)
    m["intention"] = CandidatureFactory(service=service, cree_par=m.agent, statut="intention")
    m["deposee"] = dossier(StatutCandidature.DEPOSEE)
    m["en_instruction"] = dossier(StatutCandidature.EN_INSTRUCTION, instructeur=m.instructeur)
    m["eligible"] = dossier(StatutCandidature.ELIGIBLE, instructeur=m.instructeur)
    m["complement"] = dossier(StatutCandidature.EN_INSTRUCTION, instructeur=m.instructeur)
    t_cand.demander_complement(
        m.instructeur, m.complement, message="Il manque le plan.", rubriques=["strategie"]
    )

    m["bon"] = t_bons.creer(
        m.agent,
        atelier,
        objet="Atelier Flash",
        montant_ht="10000.00",
        engagement_juridique="2100012345",
        code_service="DDT80-SA",
    )
    m["bon_emis"] = t_bons.creer(
        m.agent,
        atelier,
        objet="Tranche 2",
        montant_ht="5000.00",
        engagement_juridique="2100012346",
        code_service="DDT80-SA",
    )
    t_bons.emettre(m.agent, m.bon_emis)
    # At most two bons per atelier: the third one is on another atelier of the service.
    m["atelier2"] = AtelierFactory(candidature__service=service, titulaire=atelier.titulaire)
    m["bon_notifie"] = t_bons.creer(
        m.agent,
        m.atelier2,
        objet="Tranche 3",
        montant_ht="5000.00",
        engagement_juridique="2100012347",
        code_service="DDT80-SA",
    )
    t_bons.emettre(m.agent, m.bon_notifie)
    t_bons.notifier_titulaire(m.agent, m.bon_notifie)

    m["livrable"] = LivrableFactory(atelier=atelier, cree_par=m.agent)
    m["livrable_depose"] = LivrableFactory(
        atelier=atelier, cree_par=m.agent, type="autre", intitule="Carnet d'arpentage"
    )
    t_livrables.deposer(m.titulaire, m.livrable_depose, pdf("carnet.pdf"), "Première version")
    m["axe"] = s_livrables.enregistrer_axe(
        m.titulaire, atelier, titre="Reconquérir la gare", description="Un axe."
    )
    m["action"] = s_livrables.enregistrer_action(
        m.titulaire,
        m.axe,
        intitule="Une halle",
        description="",
        priorite="court",
        porteur="La commune",
        thematique=ThematiqueFactory(),
    )
    m["image"] = s_livrables.ajouter_image(m.titulaire, atelier, png(), "Le site vu du ciel")

    m["collegue"] = UserFactory(organisation=service, email="collegue@ddtm80.example")
    m["desactive"] = UserFactory(
        organisation=service, email="ancien@ddtm80.example", is_active=False
    )
    invitation, m["jeton"] = comptes_services.inviter(
        m.agent,
        email="invitee@ddtm80.example",
        prenom="Inès",
        nom="Invitée",
        role=Role.AGENT,
        organisation=service,
    )
    assert Invitation.objects.filter(pk=invitation.pk).exists()
    return m


# --- The forms ------------------------------------------------------------------------------


def _fichier_pdf():
    from tests.fichiers import pdf

    return pdf("piece.pdf")


def _fichier_png():
    from tests.fichiers import png

    return png("vue.png")


@dataclass
class Cible:
    """A form: who opens it, where, and where its values show afterwards."""

    nom: str
    role: str
    url: Callable
    # The form's action when it is not the page itself.
    action: Callable | None = None
    # Pages that show the stored values, as (role, url(monde)).
    pages: tuple = ()
    # Fields whose accepted value must show, escaped, on one of ``pages``.
    affiches: tuple = ()
    # Valid values mixed with the hostile ones, so that some submissions are accepted.
    valides: dict = field(default_factory=dict)
    fichiers: dict = field(default_factory=dict)
    boutons: dict = field(default_factory=dict)
    # Fields that repeat another (password confirmation), most of the time.
    copies: dict = field(default_factory=dict)
    # A field only the right form of the page has, when several post to the same address.
    champ: str = ""
    # Changes to the world before the form is opened (rolled back with the example).
    preparer: Callable | None = None

    def __str__(self):
        return self.nom


def r(nom, *args):
    return lambda m: reverse(nom, args=[a(m) if callable(a) else a for a in args])


def pk(cle):
    return lambda m: m[cle].pk


CANDIDATURE = lambda cle, role="agent": (role, r("candidatures:detail", pk(cle)))  # noqa: E731
ATELIER = ("agent", r("ateliers:detail", pk("atelier")))
ATELIER_TITULAIRE = ("titulaire", r("ateliers:detail", pk("atelier")))
MONTANTS = ["12 500,50", "19500", "0,01", "19 500 €"]
TELEPHONES = ["03 22 00 00 00", "+33 3 22 00 00 00"]


def _programme_complet(m):
    from ateliers.models import ProgrammeSurSite

    ProgrammeSurSite.objects.filter(atelier=m.atelier).update(
        premier_jour=datetime.date(2027, 3, 1),
        dernier_jour=datetime.date(2027, 3, 3),
        lieu="Mairie",
        deroule="Trois jours",
        arpentage="Le centre",
        invites="Les élus",
        tables="Deux tables",
    )


def _programme_propose(m):
    from ateliers import transitions

    _programme_complet(m)
    m.atelier.refresh_from_db()
    transitions.proposer_programme(m.titulaire, m.atelier, "")


def _phase(statut):
    def preparer(m):
        from ateliers.models import Atelier

        Atelier.objects.filter(pk=m.atelier.pk).update(phase=statut)

    return preparer


def _pret_a_cloturer(m):
    """After the restitution, every livrable validated and every bon executed."""
    from ateliers.models import Atelier
    from commandes.models import BonDeCommande, StatutBon
    from livrables.models import Livrable, StatutLivrable

    Atelier.objects.filter(pk=m.atelier.pk).update(phase="restitution")
    Livrable.objects.filter(atelier=m.atelier).update(statut=StatutLivrable.VALIDE)
    BonDeCommande.objects.filter(atelier=m.atelier).exclude(statut=StatutBon.ANNULE).update(
        statut=StatutBon.EXECUTE
    )


CIBLES = [
    # Accounts
    Cible(
        "connexion",
        "anonyme",
        r("login"),
        valides={"username": ["agent@ddtm80.example"], "password": [MOT_DE_PASSE]},
    ),
    Cible("mot_de_passe_oublie", "anonyme", r("password_reset")),
    Cible(
        "nouveau_mot_de_passe",
        "anonyme",
        lambda m: reverse(
            "password_reset_confirm",
            args=[
                urlsafe_base64_encode(force_bytes(m.agent.pk)),
                default_token_generator.make_token(m.agent),
            ],
        ),
        valides={"new_password1": ["Un-Autre-mot-2027!"]},
        copies={"new_password2": "new_password1"},
    ),
    Cible(
        "mot_de_passe_change",
        "agent",
        r("password_change"),
        valides={"old_password": [MOT_DE_PASSE], "new_password1": ["Un-Autre-mot-2027!"]},
        copies={"new_password2": "new_password1"},
    ),
    Cible(
        "invitation_par_un_agent",
        "agent",
        r("comptes:inviter"),
        pages=[("agent", r("comptes:invitations"))],
        affiches=("prenom", "nom"),
    ),
    Cible(
        "invitation_par_l_administrateur",
        "administrateur",
        r("comptes:inviter"),
        pages=[("administrateur", r("comptes:invitations"))],
        affiches=("prenom", "nom"),
    ),
    Cible(
        "acceptation_d_invitation",
        "anonyme",
        lambda m: reverse("comptes:accepter_invitation", args=[m.jeton]),
        valides={"password1": ["Un-mot-de-passe-2027!"]},
        copies={"password2": "password1"},
    ),
    Cible(
        "profil",
        "agent",
        r("comptes:profil"),
        pages=[("agent", r("comptes:profil")), ("administrateur", r("annuaire:personnes"))],
        affiches=("first_name", "last_name", "fonction"),
        valides={"telephone": TELEPHONES},
    ),
    Cible(
        "changement_d_adresse",
        "agent",
        r("comptes:changer_email"),
        valides={"mot_de_passe": [MOT_DE_PASSE]},
    ),
    Cible("preferences_de_notification", "agent", r("notifications:preferences")),
    # Directory (administrateur)
    Cible(
        "desactivation_d_un_compte",
        "administrateur",
        r("annuaire:action", pk("collegue"), "desactiver"),
        pages=[("administrateur", r("annuaire:personne", pk("collegue")))],
        affiches=("motif",),
    ),
    Cible(
        "reactivation_d_un_compte",
        "administrateur",
        r("annuaire:action", pk("desactive"), "reactiver"),
        pages=[("administrateur", r("annuaire:personne", pk("desactive")))],
        affiches=("motif",),
    ),
    Cible(
        "deplacement_d_un_compte",
        "administrateur",
        r("annuaire:action", pk("collegue"), "deplacer"),
        pages=[("administrateur", r("annuaire:personne", pk("collegue")))],
        affiches=("motif",),
    ),
    # Candidatures: the service's fiche
    Cible(
        "intention",
        "agent",
        r("candidatures:intention"),
        pages=[("agent", r("candidatures:liste"))],
        affiches=("titre",),
        valides={"ajout_communes": ["Amiens", "Péronne", "80001"]},
    ),
    Cible(
        "rubrique_territoire",
        "agent",
        r("candidatures:rubrique", pk("brouillon"), "territoire"),
        pages=[CANDIDATURE("brouillon")],
        affiches=("titre", "description"),
        valides={"ajout_communes": ["Amiens", "Péronne"]},
    ),
    Cible(
        "rubrique_strategie",
        "agent",
        r("candidatures:rubrique", pk("brouillon"), "strategie"),
        pages=[CANDIDATURE("brouillon")],
        affiches=("strategie", "secteur", "enjeux", "problematiques", "objectifs"),
    ),
    Cible(
        "rubrique_strategie_en_complement",
        "agent",
        r("candidatures:rubrique", pk("complement"), "strategie"),
        pages=[CANDIDATURE("complement"), CANDIDATURE("complement", "instructeur")],
        affiches=("strategie", "enjeux"),
    ),
    Cible(
        "rubrique_acteurs",
        "agent",
        r("candidatures:rubrique", pk("brouillon"), "acteurs"),
        pages=[CANDIDATURE("brouillon")],
        affiches=("acteurs-0-nom", "acteurs-0-role", "ressources-0-titre"),
        fichiers={"ressources-0-fichier": _fichier_pdf},
    ),
    Cible(
        "rubrique_contacts",
        "agent",
        r("candidatures:rubrique", pk("brouillon"), "contacts"),
        pages=[CANDIDATURE("brouillon")],
        affiches=("ref_collectivite_nom", "ref_collectivite_fonction", "ref_service_nom"),
        valides={
            "ref_collectivite_telephone": TELEPHONES,
            "ref_service_telephone": TELEPHONES,
            "ref_collectivite_email": EMAILS,
            "ref_service_email": EMAILS,
        },
    ),
    Cible(
        "rubrique_pieces",
        "agent",
        r("candidatures:rubrique", pk("brouillon"), "pieces"),
        pages=[CANDIDATURE("brouillon")],
        fichiers={"fichier": _fichier_pdf},
    ),
    Cible(
        "depot",
        "agent",
        r("candidatures:deposer", pk("brouillon")),
        pages=[CANDIDATURE("brouillon"), CANDIDATURE("brouillon", "instructeur")],
    ),
    Cible(
        "message_du_service",
        "agent",
        r("candidatures:detail", pk("deposee")),
        action=r("candidatures:ecrire", pk("deposee")),
        pages=[CANDIDATURE("deposee"), CANDIDATURE("deposee", "instructeur")],
        affiches=("texte",),
        fichiers={"fichier": _fichier_pdf},
    ),
    Cible(
        "note_interne",
        "instructeur",
        r("candidatures:detail", pk("deposee")),
        action=r("candidatures:annoter", pk("deposee")),
        pages=[CANDIDATURE("deposee", "instructeur")],
        affiches=("texte",),
    ),
]

# The DGALN's decisions on a file: each asks for a reason or a comment.
for _nom, _cle, _champ in (
    ("confirmer-opportunite", "intention", "commentaire"),
    ("decliner-opportunite", "intention", "motif"),
    ("prendre-en-charge", "deposee", None),
    ("demander-complement", "en_instruction", "message"),
    ("eligible", "en_instruction", "motif"),
    ("non-eligible", "en_instruction", "motif"),
    ("sans-suite", "deposee", "motif"),
):
    CIBLES.append(
        Cible(
            f"candidature_{_nom}",
            "instructeur",
            r("candidatures:action", pk(_cle), _nom),
            pages=[CANDIDATURE(_cle, "instructeur"), CANDIDATURE(_cle)],
            affiches=(_champ,) if _champ else (),
        )
    )

CIBLES += [
    # Ateliers
    Cible(
        "attribution",
        "instructeur",
        r("ateliers:attribuer", pk("eligible")),
        pages=[CANDIDATURE("eligible", "instructeur")],
        valides={"montant_ht": MONTANTS},
        boutons={"choix": "attribuer"},
    ),
    Cible(
        "ecart_du_tourniquet",
        "instructeur",
        r("ateliers:attribuer", pk("eligible")),
        pages=[("instructeur", r("ateliers:attribuer", pk("eligible")))],
        boutons={"choix": "ecarter"},
        champ="motif",
    ),
    Cible(
        "planning",
        "titulaire",
        r("ateliers:planifier", pk("atelier")),
        pages=[ATELIER_TITULAIRE],
    ),
    Cible(
        "programme_sur_site",
        "titulaire",
        r("ateliers:programme", pk("atelier")),
        pages=[ATELIER_TITULAIRE, ("titulaire", r("ateliers:programme", pk("atelier")))],
        affiches=("lieu", "deroule", "arpentage", "invites", "tables"),
    ),
    Cible(
        "message_sur_l_atelier",
        "titulaire",
        r("ateliers:detail", pk("atelier")),
        action=r("ateliers:ecrire", pk("atelier")),
        pages=[ATELIER, ATELIER_TITULAIRE],
        affiches=("texte",),
    ),
    Cible(
        "proposition_du_programme",
        "titulaire",
        r("ateliers:action", pk("atelier"), "proposer-programme"),
        pages=[ATELIER, ATELIER_TITULAIRE],
        affiches=("commentaire",),
        preparer=_programme_complet,
    ),
    Cible(
        "validation_du_programme",
        "agent",
        r("ateliers:action", pk("atelier"), "valider-programme"),
        pages=[ATELIER, ATELIER_TITULAIRE],
        affiches=("commentaire",),
        preparer=_programme_propose,
    ),
    Cible(
        "revision_du_programme",
        "agent",
        r("ateliers:action", pk("atelier"), "revoir-programme"),
        pages=[ATELIER, ATELIER_TITULAIRE],
        affiches=("commentaire",),
        preparer=_programme_propose,
    ),
    Cible(
        "passage_de_phase",
        "titulaire",
        r("ateliers:action", pk("atelier"), "avancer"),
        pages=[ATELIER, ATELIER_TITULAIRE],
        affiches=("commentaire",),
        preparer=_phase("animation"),
    ),
    Cible(
        "cloture",
        "agent",
        r("ateliers:action", pk("atelier"), "cloturer"),
        pages=[ATELIER, ATELIER_TITULAIRE],
        affiches=("commentaire",),
        preparer=_pret_a_cloturer,
    ),
    Cible(
        "publication",
        "instructeur",
        r("ateliers:action", pk("atelier"), "publier"),
        pages=[("instructeur", r("ateliers:detail", pk("atelier")))],
        affiches=("commentaire",),
    ),
    # Bons de commande
    Cible(
        "nouveau_bon",
        "agent",
        r("commandes:creer", pk("atelier2")),
        pages=[("agent", r("commandes:liste"))],
        affiches=("objet",),
        valides={
            "montant_ht": MONTANTS,
            "taux_tva": ["20", "5,5", "0"],
            "engagement_juridique": ["2100012399", ""],
        },
    ),
    Cible(
        "bon_modifie",
        "agent",
        r("commandes:modifier", pk("bon")),
        pages=[("agent", r("commandes:detail", pk("bon")))],
        affiches=("objet", "code_service"),
        valides={"montant_ht": MONTANTS, "taux_tva": ["20"]},
    ),
    Cible("bon_emis", "agent", r("commandes:action", pk("bon"), "emettre")),
    Cible("bon_notifie", "agent", r("commandes:action", pk("bon_emis"), "notifier")),
    Cible(
        "service_fait",
        "agent",
        r("commandes:action", pk("bon_notifie"), "service-fait"),
        pages=[("agent", r("commandes:detail", pk("bon_notifie")))],
        affiches=("commentaire",),
    ),
    Cible(
        "bon_annule",
        "agent",
        r("commandes:action", pk("bon"), "annuler"),
        pages=[("agent", r("commandes:detail", pk("bon")))],
        affiches=("motif",),
    ),
    # Livrables, feuille de route, fiche synthétique
    Cible(
        "nouveau_livrable",
        "agent",
        r("livrables:ajouter", pk("atelier")),
        pages=[("agent", r("livrables:liste")), ATELIER],
        affiches=("intitule",),
    ),
    Cible(
        "livrable_modifie",
        "agent",
        r("livrables:modifier", pk("livrable_depose")),
        pages=[("agent", r("livrables:detail", pk("livrable_depose")))],
        affiches=("intitule",),
    ),
    Cible(
        "version_deposee",
        "titulaire",
        r("livrables:detail", pk("livrable")),
        pages=[("agent", r("livrables:detail", pk("livrable")))],
        affiches=("note",),
        fichiers={"fichier": _fichier_pdf},
    ),
    Cible(
        "livrable_valide",
        "agent",
        r("livrables:action", pk("livrable_depose"), "valider"),
        pages=[("titulaire", r("livrables:detail", pk("livrable_depose")))],
        affiches=("commentaire",),
    ),
    Cible(
        "livrable_a_reprendre",
        "agent",
        r("livrables:action", pk("livrable_depose"), "reprendre"),
        pages=[("titulaire", r("livrables:detail", pk("livrable_depose")))],
        affiches=("commentaire",),
    ),
    Cible("livrable_retire", "agent", r("livrables:action", pk("livrable"), "retirer")),
    Cible(
        "nouvel_axe",
        "titulaire",
        r("livrables:ajouter_axe", pk("atelier")),
        pages=[("agent", r("livrables:feuille_de_route", pk("atelier")))],
        affiches=("titre", "description"),
    ),
    Cible(
        "axe_modifie",
        "titulaire",
        r("livrables:modifier_axe", pk("axe")),
        pages=[("agent", r("livrables:feuille_de_route", pk("atelier")))],
        affiches=("titre", "description"),
    ),
    Cible(
        "nouvelle_action_cle",
        "titulaire",
        r("livrables:ajouter_action", pk("axe")),
        pages=[("agent", r("livrables:feuille_de_route", pk("atelier")))],
        affiches=("intitule", "description", "porteur"),
        valides={"cout_estime": MONTANTS},
    ),
    Cible(
        "action_cle_modifiee",
        "titulaire",
        r("livrables:modifier_action", pk("action")),
        pages=[("agent", r("livrables:feuille_de_route", pk("atelier")))],
        affiches=("intitule", "description", "porteur"),
        valides={"cout_estime": MONTANTS},
    ),
    Cible("axe_supprime", "titulaire", r("livrables:supprimer", "axe", pk("axe"))),
    Cible(
        "fiche_synthetique",
        "titulaire",
        r("livrables:modifier_fiche", pk("atelier")),
        pages=[("agent", r("livrables:fiche", pk("atelier")))],
        affiches=("territoire", "maitrise_ouvrage", "contexte", "enjeux", "productions"),
        valides={"annee": ["2027", "2026"]},
    ),
    Cible(
        "image_de_la_fiche",
        "titulaire",
        r("livrables:ajouter_image", pk("atelier")),
        pages=[("agent", r("livrables:fiche", pk("atelier")))],
        affiches=("legende", "credit"),
        fichiers={"fichier": _fichier_png},
    ),
    Cible("image_retiree", "titulaire", r("livrables:retirer_image", pk("image"))),
]

# The Django admin, where DGALN administrators set up the programme: the add form of each
# model they may add by hand (the titulaire's members are its inline). Stored values must
# show escaped in the admin's lists.
for _modele in (
    "comptes.Organisation",
    "comptes.User",
    "marches.AccordCadre",
    "marches.Titulaire",
    "referentiels.Thematique",
    "referentiels.ProgrammeANCT",
    "candidatures.Candidature",
    "referentiels.Region",
    "referentiels.Departement",
    "referentiels.EPCI",
    "referentiels.Commune",
):
    _app, _nom = _modele.lower().split(".")
    CIBLES.append(
        Cible(
            f"admin_ajout_{_app}_{_nom}",
            "administrateur",
            r(f"admin:{_app}_{_nom}_add"),
            pages=[("administrateur", r(f"admin:{_app}_{_nom}_changelist"))],
        )
    )


def _client(m, role):
    client = Client()
    if m[role] is not None:
        client.force_login(m[role])
    return client


def _formulaire(reponse, action, champ=""):
    """The page's POST form that submits to ``action`` (and has field ``champ``)."""
    page = reponse.content.decode()
    trouves = [
        f
        for f in formulaires(page)
        if f.methode == "post"
        and _chemin(urljoin(reponse.request["PATH_INFO"], f.action)) == action
        and (not champ or any(c.nom == champ for c in f.champs))
    ]
    assert trouves, f"aucun formulaire vers {action} sur {reponse.request['PATH_INFO']}"
    return trouves[0]


def _ligne_supprimee(donnees, nom):
    """Whether ``nom`` is a field of a formset row posted with its DELETE box ticked: Django's
    checkbox reads any value but "false" as ticked (a hostile one too), and the row is then
    deleted, or never saved, so its value shows nowhere."""
    ligne, _, _ = nom.rpartition("-")
    valeur = donnees.get(f"{ligne}-DELETE") if ligne else None
    if isinstance(valeur, list):
        valeur = valeur[-1] if valeur else None
    return bool(valeur) and str(valeur).lower() != "false"


def _accepte(client, reponse):
    """Whether the post was accepted: a redirect to a page that tells the success."""
    if reponse.status_code != 302:
        return False
    suite = client.get(reponse["Location"])
    verifier_reponse(suite, f"après redirection vers {reponse['Location']}")
    return "fr-alert--success" in suite.content.decode()


@pytest.fixture
def cible_prete(monde, cible):
    if cible.preparer:
        cible.preparer(monde)
    return cible


@pytest.mark.parametrize("cible", CIBLES, ids=str)
@FUZZING
@given(data=st.data())
def test_form_survives_hostile_values(monde, cible_prete, data):
    cible = cible_prete
    with transaction.atomic():
        cache.clear()
        client = _client(monde, cible.role)
        url = cible.url(monde)
        page = client.get(url, follow=True)
        assert page.status_code == 200, f"{url}: {page.status_code}"
        # A page reached through a redirect (password reset) posts to where it landed.
        action = cible.action(monde) if cible.action else page.request["PATH_INFO"]
        form = _formulaire(page, action, cible.champ)
        donnees = remplir(form, data, cible)
        reponse = client.post(action, donnees)
        verifier_reponse(reponse, f"POST {action}")
        accepte = _accepte(client, reponse)
        if accepte:
            contenus = []
            for role, page_url in cible.pages:
                vue = _client(monde, role).get(page_url(monde))
                verifier_reponse(vue, f"{role} sur {page_url(monde)}")
                contenus.append(vue.content.decode())
            for nom in cible.affiches:
                valeur = None if _ligne_supprimee(donnees, nom) else donnees.get(nom)
                for marqueur in MARQUEURS:
                    if isinstance(valeur, str) and marqueur in valeur:
                        assert any(escape(marqueur) in c for c in contenus), (
                            f"{nom} accepté mais absent des pages qui le montrent"
                        )
        transaction.set_rollback(True)


# --- Lists: filters and searches in the query string --------------------------------------


@dataclass
class Liste:
    nom: str
    role: str
    url: Callable
    # The export of the same list, which applies the same query string.
    export: str = ""

    def __str__(self):
        return self.nom


LISTES = [
    Liste("candidatures_du_service", "agent", r("candidatures:liste"), "candidatures"),
    Liste("dossiers_a_instruire", "instructeur", r("candidatures:liste"), "candidatures"),
    Liste("ateliers", "instructeur", r("ateliers:liste"), "ateliers"),
    Liste("bons_de_commande", "agent", r("commandes:liste"), "bons-de-commande"),
    Liste("livrables", "titulaire", r("livrables:liste"), "livrables"),
    Liste("annuaire_organisations", "administrateur", r("annuaire:organisations")),
    Liste("annuaire_personnes", "administrateur", r("annuaire:personnes")),
    Liste("catalogue_public", "anonyme", r("catalogue:liste")),
    Liste("feuille_de_route", "agent", r("livrables:feuille_de_route", pk("atelier"))),
    Liste("pilotage", "instructeur", r("pilotage:tableau")),
    Liste("notifications", "agent", r("notifications:liste")),
    Liste("mes_exports", "agent", r("exports:mes_exports")),
]


@pytest.mark.parametrize("liste", LISTES, ids=str)
@FUZZING
@given(data=st.data())
def test_list_survives_hostile_query_string(monde, liste, data):
    with transaction.atomic():
        cache.clear()
        client = _client(monde, liste.role)
        url = liste.url(monde)
        page = client.get(url)
        assert page.status_code == 200
        champs = [
            c for f in formulaires(page.content.decode()) if f.methode == "get" for c in f.champs
        ]
        filtres = Formulaire(url, "get", champs)
        # Parameters every list reads besides its filters.
        for nom in ("page", "annee", "tri", "q"):
            filtres.champs.append(Champ("text", nom))
        parametres = remplir(filtres, data, Cible(liste.nom, liste.role, liste.url))
        reponse = client.get(url, parametres)
        verifier_reponse(reponse, f"GET {url}")
        if liste.export:
            fichier = client.get(
                reverse("exports:exporter", args=[liste.export, "csv"]), parametres
            )
            assert fichier.status_code < 500
        transaction.set_rollback(True)


@FUZZING
@given(q=hostiles)
def test_communes_autocomplete_survives_hostile_search(monde, q):
    with transaction.atomic():
        reponse = _client(monde, "agent").get(reverse("referentiels:communes"), {"q": q})
        assert reponse.status_code == 200
        assert isinstance(json.loads(reponse.content)["resultats"], list)
        transaction.set_rollback(True)


# --- Regressions: the server errors the fuzzing found, one example each -------------------


def test_out_of_range_id_in_theme_boxes_is_an_invalid_choice(monde):
    # SQLite cannot bind the id in the ``IN`` query of the boxes: it was a server error.
    reponse = _client(monde, "agent").post(
        reverse("candidatures:rubrique", args=[monde.brouillon.pk, "strategie"]),
        {"strategie": "Reconvertir", "thematiques": ["99999999999999999999"]},
    )
    assert reponse.status_code == 200
    # SQLite: our message; PostgreSQL compares the id and Django says it is not a choice.
    assert "Sélectionnez" in reponse.content.decode()


@pytest.mark.parametrize(
    ("role", "nom", "args", "parametre"),
    [
        ("administrateur", "annuaire:personnes", [], "q"),
        ("administrateur", "annuaire:organisations", [], "q"),
        ("instructeur", "candidatures:liste", [], "q"),
        ("agent", "livrables:feuille_de_route", [pk("atelier")], "porteur"),
    ],
)
def test_overlong_search_is_refused_with_a_message(monde, role, nom, args, parametre):
    # SQLite refuses LIKE patterns over 50 000 bytes: a pasted text was a server error.
    url = reverse(nom, args=[a(monde) for a in args])
    reponse = _client(monde, role).get(url, {parametre: "x" * 60_000})
    assert reponse.status_code == 200
    assert "au plus 200 caractères" in reponse.content.decode()


@pytest.mark.parametrize("q", ["x" * 60_000, "Am\x00iens"])
def test_communes_autocomplete_answers_nothing_to_an_impossible_search(monde, q):
    # A NUL character was a server error on PostgreSQL, a very long one on SQLite.
    reponse = _client(monde, "agent").get(reverse("referentiels:communes"), {"q": q})
    assert reponse.status_code == 200
    assert reponse.json() == {"resultats": []}


def test_inbox_ignores_a_year_written_with_a_superscript_digit(monde):
    # "²".isdigit() is true but int("²") fails: it was a server error for the DGALN.
    reponse = _client(monde, "instructeur").get(reverse("candidatures:liste"), {"annee": "²"})
    assert reponse.status_code == 200


def test_invitation_refuses_an_address_longer_than_an_account_can_hold(monde):
    # Django's e-mail validator lets 320 characters through; the column holds 254 (a server
    # error on PostgreSQL).
    reponse = _client(monde, "agent").post(
        reverse("comptes:inviter"),
        {"email": "a" * 300 + "@exemple.gouv.fr", "prenom": "Inès", "nom": "Longue"},
    )
    assert reponse.status_code == 200
    assert "au plus 254 caractères" in reponse.content.decode()


def test_new_address_longer_than_an_account_can_hold_is_refused(monde):
    reponse = _client(monde, "agent").post(
        reverse("comptes:changer_email"),
        {"nouvel_email": "a" * 300 + "@exemple.gouv.fr", "mot_de_passe": MOT_DE_PASSE},
    )
    assert reponse.status_code == 200
    assert "au plus 254 caractères" in reponse.content.decode()


def test_stored_script_shows_escaped_in_the_thread(monde):
    """The property above, once by hand: a message with markup reads as text."""
    client = _client(monde, "agent")
    client.post(
        reverse("candidatures:ecrire", args=[monde.deposee.pk]),
        {"texte": '"><img src=x onerror=alert(1)><script>alert(1)</script>'},
    )
    page = _client(monde, "instructeur").get(
        reverse("candidatures:detail", args=[monde.deposee.pk])
    )
    contenu = page.content.decode()
    assert "<script>alert(1)</script>" not in contenu
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in contenu


def test_admin_autocomplete_with_text_instead_of_an_id_shows_the_form_error(monde):
    """Django's autocomplete widget queried the posted text as a key: a 500 instead of the
    form's error."""
    client = _client(monde, "administrateur")
    reponse = client.post(
        reverse("admin:comptes_user_add"),
        {"email": "nouvelle@exemple.gouv.fr", "organisation": "<script>alert(1)</script>"},
    )
    assert reponse.status_code == 200
    assert "Sélectionnez un choix valide" in reponse.content.decode()
    assert "<script>alert(1)</script>" not in reponse.content.decode()
