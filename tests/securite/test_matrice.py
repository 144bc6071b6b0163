"""The permission matrix: every URL of the portal, for each of the seven roles, and what that
role gets (the page, the login page, 403, 404, or a refusal with its reason).

The URLs come from the URL configuration itself: a new URL without its line in ``MATRICE``
fails ``test_every_url_has_its_line_in_the_matrix``, and so does a line whose URL is gone.

The answers follow the apps' own access tests:

- 404 when the person may not see the object at all: guessing an id reveals nothing;
- 403 when a whole page is reserved to some roles (the DGALN's pages, invitations, agents'
  intentions), whatever object it shows;
- "refus" when the person sees the object but may not do this: back to its page, where the
  reason is shown.

One data set is built once for the module, in a transaction rolled back at its end, around
one atelier: its candidature with pièces, resource and an attachment in its thread, two other
files of the same service (a draft, one under review), a bon notified to the titulaire with
its invoice (recorded by the titulaire) and a draft bon, a livrable
with a version, the feuille de route, the fiche synthétique and its image, generated PDFs, an
export, a notification and an invitation, all belonging to the "service_pilote" and
"titulaire" roles. Each test runs in its own savepoint; a case that needs a different state
(a published atelier, an eligible file) changes it there.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

import pytest
from django.conf import settings as reglages_django
from django.contrib import messages
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from ateliers.models import Atelier, EngagementCollectivite, Phase, Publication
from bilans.models import Bilan, Suite
from candidatures.models import (
    Candidature,
    CoPorteur,
    Depot,
    Message,
    Piece,
    RubriqueConfiee,
    StatutCandidature,
)
from commandes import factures
from commandes import transitions as commandes
from commandes.models import BonDeCommande, Facture, StatutBon
from comptes import services as comptes
from comptes.models import Invitation, Role, User
from config.celery import app
from documents import rendu
from documents import services as documents
from documents.models import Document, StatutDocument
from exports.models import Export, StatutExport
from journal.models import Evenement, enregistrer
from livrables import services as livrables
from livrables import transitions as transitions_livrables
from livrables.models import Axe, FicheSynthetique, ImageFiche, Livrable, Version
from marches.models import MembreGroupement
from notifications.models import Notification
from tests.factories import (
    AtelierFactory,
    CandidatureFactory,
    MembreFactory,
    ThematiqueFactory,
    UserFactory,
    completer,
    coporteur,
)
from tests.fichiers import pdf, png
from tests.roles import ROLES, personnes

# --- What a person gets ---------------------------------------------------------------------

OK = 200
INTERDIT = 403
INTROUVABLE = 404
METHODE = 405  # a POST-only address opened with GET
CONNEXION = "connexion"  # 302 to the login page
REFUS = "refus"  # 302 back to a page that shows the reason (an error message)
REDIRECTION = "redirection"  # 302 elsewhere, without an error: done, or nothing to show here


def profil(defaut, **par_role):
    """The answer of each role: ``defaut`` unless told; anonymous visitors are sent to the
    login page unless told."""
    attendus = dict.fromkeys(ROLES, defaut)
    attendus["anonyme"] = CONNEXION
    attendus.update(par_role)
    return attendus


PUBLIC = profil(OK, anonyme=OK)
PERSONNE = profil(INTROUVABLE, anonyme=INTROUVABLE)
CONNECTE = profil(OK)
POST_SEULEMENT = profil(METHODE)
DGALN = profil(INTERDIT, instructeur=OK, administrateur=OK)
AGENTS = profil(INTERDIT, service_pilote=OK, autre_service=OK)
# The DGALN invites through its administrateurs only; agents and prestataires their colleagues.
# A collectivité invites nobody: the pilot service invites its people on a file.
INVITANTS = profil(OK, instructeur=INTERDIT, collectivite=INTERDIT, autre_collectivite=INTERDIT)
# Everyone who follows the atelier: its pilot service, the DGALN, its titulaire.
VU_PAR_L_ATELIER = profil(
    INTROUVABLE, service_pilote=OK, instructeur=OK, administrateur=OK, titulaire=OK
)
# The service's and the DGALN's business, not the titulaire's (drafts, receipts, letters).
SERVICE_ET_DGALN = profil(INTROUVABLE, service_pilote=OK, instructeur=OK, administrateur=OK)
# A draft: the DGALN does not see it before its deposit.
SERVICE_SEUL = profil(INTROUVABLE, service_pilote=OK)
# What only the pilot service does on its atelier; the others who follow it are refused.
SERVICE_AGIT = profil(
    INTROUVABLE, service_pilote=OK, instructeur=REFUS, administrateur=REFUS, titulaire=REFUS
)
# What the two sides of a closed atelier write (its bilan, « Et après ? »): its pilot service
# and its collectivité co-porteur; the DGALN and the titulaire, who see it, are refused.
COTES_DE_L_ATELIER = profil(
    INTROUVABLE,
    service_pilote=OK,
    instructeur=REFUS,
    administrateur=REFUS,
    titulaire=REFUS,
    collectivite=OK,
)
# What only the titulaire writes (feuille de route, fiche synthétique).
TITULAIRE_REDIGE = profil(
    INTROUVABLE, service_pilote=REFUS, instructeur=REFUS, administrateur=REFUS, titulaire=OK
)
# The atelier's page, its programme: its collectivité co-porteur follows it too.
SUIVI_DE_L_ATELIER = VU_PAR_L_ATELIER | {"collectivite": OK}


# --- The data set ---------------------------------------------------------------------------


def construire():
    """One atelier and everything that hangs on it, owned by the service pilote and the
    titulaire; ``personnes`` adds another atelier for the other service and groupement."""
    atelier = AtelierFactory(candidature__titre="Centre de Péronne")
    MembreFactory(titulaire=atelier.titulaire, role=MembreGroupement.Role.MANDATAIRE)
    agent = UserFactory(organisation=atelier.service_pilote)
    titulaire = UserFactory(
        prestataire=True, organisation=atelier.titulaire.membres.first().organisation
    )
    gens = personnes(agent, titulaire)
    instructeur = gens["instructeur"]

    candidature = completer(atelier.candidature)
    message = Message.objects.create(
        candidature=candidature,
        auteur=instructeur,
        texte="Voici la note de cadrage.",
        fichier=pdf("cadrage.pdf"),
        nom_fichier="cadrage.pdf",
    )
    ressource = candidature.ressources.create(
        titre="PLU", fichier=pdf("plu.pdf"), nom_fichier="plu.pdf"
    )
    depot = Depot.objects.create(
        candidature=candidature, numero=f"{candidature.reference}-D1", auteur=agent, instantane={}
    )
    enregistrer(candidature, instructeur, "eligible", "Dossier éligible", "", "", "Complet")
    brouillon = completer(
        CandidatureFactory(
            service=agent.organisation, cree_par=agent, statut=StatutCandidature.BROUILLON
        )
    )
    en_instruction = completer(
        CandidatureFactory(
            service=agent.organisation, cree_par=agent, statut=StatutCandidature.EN_INSTRUCTION
        )
    )

    def bon():
        return commandes.creer(
            agent,
            atelier,
            objet="Atelier Flash",
            montant_ht="10000.00",
            engagement_juridique="2100012345",
            code_service="DDT80-SA",
        )

    bon_emis = bon()
    commandes.emettre(agent, bon_emis)
    bon_emis.refresh_from_db()
    bon_brouillon = bon()

    livrable = transitions_livrables.ajouter(
        agent, atelier, "feuille_de_route", atelier.cree_le.date()
    )
    version = transitions_livrables.deposer(titulaire, livrable, pdf("feuille.pdf"))
    axe = livrables.enregistrer_axe(titulaire, atelier, titre="Relier le centre")
    action = livrables.enregistrer_action(
        titulaire,
        axe,
        intitule="Promenade du canal",
        thematique=ThematiqueFactory(),
        priorite="court",
        porteur="Commune",
    )
    image = livrables.ajouter_image(titulaire, atelier, png(), "Vue du canal")
    livrables.enregistrer_fiche(titulaire, atelier, territoire="Péronne")

    # The PDFs, rendered at once (their rendering is tested in tests/documents).
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(documents, "mettre_en_file", lambda pk: None)
        patch.setattr(rendu, "rendre", lambda document: b"%PDF-1.4\n%%EOF\n")
        pdfs = {}
        for cle, code, source in (
            ("doc_recapitulatif", "recapitulatif_candidature", depot),
            ("doc_decision", "decision_eligibilite", candidature),
            ("doc_bon", "bon_de_commande", bon_emis),
            ("doc_feuille", "feuille_de_route", atelier),
            ("doc_fiche", "fiche_synthetique", atelier),
        ):
            document, _ = documents.demander(gens["administrateur"], code, source)
            documents.produire(document.pk)
            pdfs[cle] = document
        # Notified once its PDF is made (the PDF is of the bon émis); the titulaire invoices.
        commandes.notifier_titulaire(agent, bon_emis)
        bon_emis.refresh_from_db()
        facture = factures.enregistrer(
            titulaire,
            bon_emis,
            nature="acompte",
            numero="F-2026-001",
            reference_chorus="CPP-2026-0001",
            recue_le=timezone.localdate(),
            montant_ht="1000.00",
            montant_tva="200.00",
            fichier=pdf("facture.pdf"),
        )

    export = Export.objects.create(
        demandeur=agent,
        liste="candidatures",
        titre="Candidatures",
        format="csv",
        statut=StatutExport.PRET,
        fichier=ContentFile("\ufeffTitre\nCentre de Péronne\n".encode(), name="export.csv"),
        nom_fichier="candidatures.csv",
    )
    notification = Notification.objects.create(
        destinataire=agent, titre="Nouveau message", lien=f"/candidatures/{candidature.pk}/"
    )
    invitation, jeton = comptes.inviter(
        agent,
        email="collegue@ddt.example",
        prenom="Camille",
        nom="Martin",
        role=Role.AGENT,
        organisation=agent.organisation,
    )
    return {
        "personnes": gens,
        "atelier": atelier,
        "accord": atelier.accord_cadre,
        "candidature": candidature,
        "piece": candidature.pieces.first(),
        "ressource": ressource,
        "message": message,
        "echange": Message.objects.create(
            candidature=candidature,
            auteur=agent,
            texte="Le conseil municipal vote jeudi.",
            fichier=pdf("ordre-du-jour.pdf"),
            nom_fichier="ordre-du-jour.pdf",
            fil=Message.Fil.COPORTEURS,
        ),
        "brouillon": brouillon,
        "piece_brouillon": brouillon.pieces.first(),
        "en_instruction": en_instruction,
        "bon_notifie": bon_emis,
        "facture": facture,
        "bon_brouillon": bon_brouillon,
        "livrable": livrable,
        "version": version,
        "axe": axe,
        "action": action,
        "image": image,
        "export": export,
        "notification": notification,
        "invitation": invitation,
        "jeton_invitation": jeton,
        **pdfs,
    }


def reglages(medias):
    """Uploads in a folder of the module (the files outlive each test's savepoint)."""
    return {
        "MEDIA_ROOT": medias,
        "STORAGES": {
            **reglages_django.STORAGES,
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": medias},
            },
        },
    }


@pytest.fixture(scope="module")
def medias(tmp_path_factory):
    return tmp_path_factory.mktemp("medias")


@pytest.fixture(scope="module")
def monde(django_db_setup, django_db_blocker, medias):
    """The data set, built once; every test runs in a savepoint inside this transaction."""
    app.conf.task_always_eager = True
    with (
        django_db_blocker.unblock(),
        override_settings(
            **reglages(medias), PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
        ),
        transaction.atomic(),
    ):
        yield construire()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _fichiers_du_module(_environnement_de_test, settings, medias):
    # After the shared fixture that gives each test its own (empty) upload folder.
    for nom, valeur in reglages(medias).items():
        setattr(settings, nom, valeur)


@pytest.fixture(scope="module")
def _client_du_module():
    return Client()


@pytest.fixture
def client(_client_du_module):
    """One test client for the module, without its cookies: a new client loads the
    middleware again, whose static files index alone costs a quarter of a second."""
    _client_du_module.cookies = SimpleCookie()
    return _client_du_module


def pk(cle, nom="pk"):
    return lambda m: {nom: m[cle].pk}


def publier(m):
    # The public catalogue shows a published atelier once its fiche synthétique is validated.
    Atelier.objects.filter(pk=m["atelier"].pk).update(publication=Publication.PUBLIE)
    FicheSynthetique.objects.filter(atelier=m["atelier"]).update(validee_le=timezone.now())


def publier_a_peronne(m):
    # A commune's public page lists the published ateliers that accompany it.
    from tests.factories import CommuneFactory

    publier(m)
    m["atelier"].candidature.communes.add(CommuneFactory(code="80620", nom="Péronne"))


def coporter(cle):
    """Make the "collectivite" role co-porteur of the file ``cle`` too."""
    return lambda m: coporteur(m[cle], m["personnes"]["collectivite"])


def confier_la_strategie(m):
    coporter("brouillon")(m)
    m["brouillon"].rubriques_confiees.create(
        rubrique="strategie", confiee_par=m["brouillon"].cree_par
    )


def rendre_eligible(m):
    Candidature.objects.filter(pk=m["en_instruction"].pk).update(statut=StatutCandidature.ELIGIBLE)


def annuler_le_brouillon(m):
    # An atelier holds two bons at most: with the draft cancelled, the service may prepare one.
    BonDeCommande.objects.filter(pk=m["bon_brouillon"].pk).update(statut=StatutBon.ANNULE)


def en_echec(m):
    Document.objects.filter(pk=m["doc_feuille"].pk).update(statut=StatutDocument.ECHEC)


def valider_le_livrable(m):
    # The collectivité reads a livrable once the service validated it, and its validated
    # version only.
    Livrable.objects.filter(pk=m["livrable"].pk).update(statut="valide")
    Version.objects.filter(pk=m["version"].pk).update(avis=Version.Avis.VALIDEE)


def clore_l_atelier(m):
    # The bilan and « Et après ? » open once the atelier is closed.
    Atelier.objects.filter(pk=m["atelier"].pk).update(
        phase=Phase.CLOTURE, date_cloture=timezone.localdate()
    )


# --- The matrix: one line per URL name ------------------------------------------------------


@dataclass(frozen=True)
class Cas:
    attendus: dict
    kwargs: Callable = lambda m: {}
    variante: str = ""
    # A change to the data set for this case, made inside the test's savepoint.
    preparer: Callable | None = None
    entetes: dict = field(default_factory=dict)


HTMX = {"HX-Request": "true"}

MATRICE = {
    # Portail
    "accueil_public": Cas(PUBLIC),
    "tableau_de_bord": Cas(CONNECTE),
    "page": Cas(PUBLIC, lambda m: {"slug": "mentions-legales"}),
    "sante": Cas(PUBLIC),
    # The benchmark's yardstick exists only where PAGE_DE_REFERENCE is on.
    "reference": Cas(PERSONNE),
    # Accounts: Django's views
    "login": Cas(profil(REDIRECTION, anonyme=OK)),  # a logged-in person goes to their home
    # The code step comes after the password step only: anyone else starts from the login.
    "connexion_code": Cas(profil(CONNEXION)),
    "logout": Cas(profil(METHODE, anonyme=METHODE)),  # a POST, never a link
    # ProConnect is off unless configured (its journeys: tests/proconnect/).
    "proconnect_connexion": Cas(PERSONNE),
    "proconnect_retour": Cas(PERSONNE),
    "proconnect_deconnexion": Cas(PERSONNE),
    "password_reset": Cas(PUBLIC),
    "password_reset_done": Cas(PUBLIC),
    "password_reset_confirm": Cas(PUBLIC, lambda m: {"uidb64": "MQ", "token": "perime"}),
    "password_reset_complete": Cas(PUBLIC),
    "password_change": Cas(CONNECTE),
    "password_change_done": Cas(CONNECTE),
    # Invitations and profile
    "comptes:invitations": Cas(INVITANTS),
    "comptes:inviter": Cas(INVITANTS),
    "comptes:renvoyer": Cas(POST_SEULEMENT, pk("invitation")),
    "comptes:annuler": Cas(POST_SEULEMENT, pk("invitation")),
    # The link is the credential: whoever holds it sees the form.
    "comptes:accepter_invitation": Cas(PUBLIC, lambda m: {"jeton": m["jeton_invitation"]}),
    "comptes:profil": Cas(CONNECTE),
    "comptes:changer_email": Cas(CONNECTE),
    # The second factor is offered to DGALN staff.
    "comptes:double_authentification": Cas(DGALN),
    # A GET only asks for a click (mail scanners follow links); the POST decides.
    "comptes:confirmer_email": Cas(PUBLIC, lambda m: {"jeton": "inconnu"}),
    # The DGALN's directory and dashboard
    "annuaire:organisations": Cas(DGALN),
    "annuaire:organisation": Cas(DGALN, lambda m: {"pk": m["atelier"].service_pilote_id}),
    "annuaire:personnes": Cas(DGALN),
    "annuaire:personne": Cas(DGALN, lambda m: {"pk": m["personnes"]["service_pilote"].pk}),
    # Instructeurs read the directory; only administrateurs manage accounts.
    "annuaire:action": Cas(
        profil(INTERDIT, instructeur=REFUS, administrateur=OK),
        lambda m: {"pk": m["personnes"]["service_pilote"].pk, "nom": "desactiver"},
    ),
    "pilotage:tableau": Cas(DGALN),
    # The public catalogue: published ateliers only, for everyone, even those who follow them.
    "catalogue:liste": Cas(PUBLIC),
    "catalogue:atelier": (
        Cas(PERSONNE, pk("atelier"), "en-cours"),
        Cas(PUBLIC, pk("atelier"), "publie", publier),
    ),
    "catalogue:famille": Cas(PUBLIC, lambda m: {"code": "territoriales"}),
    "catalogue:image": (
        Cas(PERSONNE, pk("image"), "en-cours"),
        Cas(PUBLIC, pk("image"), "publie", publier),
    ),
    "catalogue:donnees": Cas(PUBLIC),
    "catalogue:donnees_csv": Cas(PUBLIC),
    "catalogue:donnees_geojson": Cas(PUBLIC),
    "catalogue:communes": Cas(PUBLIC),
    "catalogue:commune": (
        Cas(PERSONNE, lambda m: {"code": "80620"}, "sans-atelier-publie"),
        Cas(PUBLIC, lambda m: {"code": "80620"}, "publie", publier_a_peronne),
    ),
    "catalogue:communes_geojson": Cas(PUBLIC),
    # Candidatures
    "candidatures:liste": Cas(CONNECTE),  # each sees their own rows (tests/candidatures)
    "candidatures:intention": Cas(AGENTS),
    # The collectivité co-porteur sees its file, drafts included; another one sees nothing.
    "candidatures:detail": (
        Cas(VU_PAR_L_ATELIER | {"collectivite": OK}, pk("candidature"), "attribuee"),
        Cas(SERVICE_ET_DGALN, pk("en_instruction"), "en-instruction"),
        Cas(SERVICE_SEUL, pk("brouillon"), "brouillon"),
        Cas(SERVICE_SEUL | {"collectivite": OK}, pk("brouillon"), "coporte", coporter("brouillon")),
    ),
    "candidatures:rubrique": (
        Cas(SERVICE_SEUL, lambda m: {"pk": m["brouillon"].pk, "code": "strategie"}, "brouillon"),
        # The collectivité writes the rubrics handed to it, and those only.
        Cas(
            SERVICE_SEUL | {"collectivite": REFUS},
            lambda m: {"pk": m["brouillon"].pk, "code": "contacts"},
            "non-confiee",
            confier_la_strategie,
        ),
        Cas(
            SERVICE_SEUL | {"collectivite": OK},
            lambda m: {"pk": m["brouillon"].pk, "code": "strategie"},
            "confiee",
            confier_la_strategie,
        ),
        # An attributed file is read-only, for its service too.
        Cas(
            profil(
                INTROUVABLE,
                service_pilote=REFUS,
                instructeur=REFUS,
                administrateur=REFUS,
                titulaire=REFUS,
                collectivite=REFUS,
            ),
            lambda m: {"pk": m["candidature"].pk, "code": "strategie"},
            "attribuee",
        ),
    ),
    "candidatures:supprimer_piece": Cas(
        POST_SEULEMENT,
        lambda m: {"pk": m["brouillon"].pk, "piece_pk": m["piece_brouillon"].pk},
    ),
    # The service deposits, never the collectivité.
    "candidatures:deposer": (
        Cas(SERVICE_SEUL, pk("brouillon")),
        Cas(
            SERVICE_SEUL | {"collectivite": REFUS},
            pk("brouillon"),
            "coporte",
            coporter("brouillon"),
        ),
    ),
    "candidatures:inviter_coporteur": Cas(
        profil(
            INTROUVABLE,
            service_pilote=OK,
            instructeur=REFUS,
            administrateur=REFUS,
            titulaire=REFUS,
            collectivite=REFUS,
        ),
        pk("candidature"),
    ),
    "candidatures:confier_rubriques": Cas(POST_SEULEMENT, pk("en_instruction")),
    "candidatures:ecrire_coporteurs": Cas(POST_SEULEMENT, pk("en_instruction")),
    "candidatures:ecrire": Cas(POST_SEULEMENT, pk("candidature")),
    "candidatures:annoter": Cas(POST_SEULEMENT, pk("candidature")),
    "candidatures:action": Cas(
        profil(INTROUVABLE, service_pilote=REFUS, instructeur=OK, administrateur=OK),
        lambda m: {"pk": m["en_instruction"].pk, "nom": "eligible"},
    ),
    # The fiche's pièces and resources are the titulaire's documentary resources, and the
    # collectivité's that writes the file.
    "candidatures:piece": Cas(
        VU_PAR_L_ATELIER | {"collectivite": OK},
        lambda m: {"pk": m["candidature"].pk, "piece_pk": m["piece"].pk},
    ),
    "candidatures:ressource": Cas(
        VU_PAR_L_ATELIER | {"collectivite": OK},
        lambda m: {"pk": m["candidature"].pk, "ressource_pk": m["ressource"].pk},
    ),
    # The thread is between the service and the DGALN: not the titulaire's nor the
    # collectivité's; the thread with the collectivité is not the titulaire's.
    "candidatures:piece_jointe": (
        Cas(
            SERVICE_ET_DGALN,
            lambda m: {"pk": m["candidature"].pk, "message_pk": m["message"].pk},
            "dgaln",
        ),
        Cas(
            SERVICE_ET_DGALN | {"collectivite": OK},
            lambda m: {"pk": m["candidature"].pk, "message_pk": m["echange"].pk},
            "collectivite",
        ),
    ),
    # Ateliers
    "ateliers:liste": Cas(CONNECTE),
    "ateliers:detail": Cas(SUIVI_DE_L_ATELIER, pk("atelier")),
    "ateliers:planifier": Cas(
        profil(
            INTROUVABLE,
            service_pilote=OK,
            instructeur=REFUS,
            administrateur=REFUS,
            titulaire=OK,
            collectivite=REFUS,
        ),
        pk("atelier"),
    ),
    # The collectivité's page says the programme is in preparation (tests/ateliers).
    "ateliers:programme": Cas(SUIVI_DE_L_ATELIER, pk("atelier")),
    "ateliers:ecrire": Cas(POST_SEULEMENT, pk("atelier")),
    "ateliers:cocher_engagement": Cas(
        POST_SEULEMENT, lambda m: {"pk": m["atelier"].pk, "code": "salle"}
    ),
    "ateliers:action": Cas(
        profil(
            INTROUVABLE,
            service_pilote=REFUS,
            instructeur=OK,
            administrateur=OK,
            titulaire=REFUS,
            collectivite=REFUS,
        ),
        lambda m: {"pk": m["atelier"].pk, "nom": "publier"},
    ),
    "ateliers:attribuer": Cas(
        profil(INTROUVABLE, service_pilote=REFUS, instructeur=OK, administrateur=OK),
        pk("en_instruction", "candidature_pk"),
        preparer=rendre_eligible,
    ),
    # Bons de commande
    "commandes:liste": Cas(CONNECTE),
    "commandes:creer": Cas(
        SERVICE_AGIT | {"collectivite": REFUS},
        pk("atelier", "atelier_pk"),
        preparer=annuler_le_brouillon,
    ),
    "commandes:detail": (
        Cas(VU_PAR_L_ATELIER, pk("bon_notifie"), "notifie"),
        # A draft is the service's business until it is emitted.
        Cas(SERVICE_ET_DGALN, pk("bon_brouillon"), "brouillon"),
    ),
    "commandes:modifier": Cas({**SERVICE_AGIT, "titulaire": INTROUVABLE}, pk("bon_brouillon")),
    "commandes:action": Cas(
        {**SERVICE_AGIT, "titulaire": INTROUVABLE},
        lambda m: {"pk": m["bon_brouillon"].pk, "nom": "emettre"},
    ),
    # Invoices: the titulaire's and its service's, read by the DGALN; each sees in the list
    # the invoices of the bons it sees (tests/commandes/test_liste_factures.py).
    "commandes:factures": Cas(CONNECTE),
    "commandes:enregistrer_facture": Cas({**SERVICE_AGIT, "titulaire": OK}, pk("bon_notifie")),
    "commandes:facture": Cas(VU_PAR_L_ATELIER, pk("facture")),
    "commandes:telecharger_facture": Cas(VU_PAR_L_ATELIER, pk("facture")),
    "commandes:action_facture": (
        Cas(SERVICE_AGIT, lambda m: {"pk": m["facture"].pk, "nom": "accepter"}, "accepter"),
        Cas(SERVICE_AGIT, lambda m: {"pk": m["facture"].pk, "nom": "rejeter"}, "rejeter"),
        Cas(
            SERVICE_AGIT,
            lambda m: {"pk": m["facture"].pk, "nom": "payer"},
            "payer",
            preparer=lambda m: Facture.objects.filter(pk=m["facture"].pk).update(
                statut="acceptee", acceptee_le=timezone.localdate()
            ),
        ),
    ),
    "commandes:accords_cadres": Cas(DGALN),
    "commandes:accord_cadre": Cas(DGALN, pk("accord")),
    # Livrables, feuille de route, fiche synthétique
    "livrables:liste": Cas(CONNECTE),
    "livrables:ajouter": Cas(SERVICE_AGIT | {"collectivite": REFUS}, pk("atelier", "atelier_pk")),
    # The collectivité reads what the service validated: not a livrable waiting for its review
    # (nor its version, nor the feuille de route or the fiche before their validation).
    "livrables:detail": (
        Cas(VU_PAR_L_ATELIER, pk("livrable")),
        Cas(SUIVI_DE_L_ATELIER, pk("livrable"), "valide", valider_le_livrable),
    ),
    "livrables:modifier": Cas(SERVICE_AGIT, pk("livrable")),
    "livrables:action": Cas(
        {**VU_PAR_L_ATELIER, "titulaire": REFUS},
        lambda m: {"pk": m["livrable"].pk, "nom": "valider"},
    ),
    "livrables:version": (
        Cas(VU_PAR_L_ATELIER, lambda m: {"pk": m["livrable"].pk, "version_pk": m["version"].pk}),
        Cas(
            SUIVI_DE_L_ATELIER,
            lambda m: {"pk": m["livrable"].pk, "version_pk": m["version"].pk},
            "validee",
            valider_le_livrable,
        ),
    ),
    "livrables:feuille_de_route": (
        Cas(VU_PAR_L_ATELIER, pk("atelier", "atelier_pk")),
        Cas(SUIVI_DE_L_ATELIER, pk("atelier", "atelier_pk"), "validee", valider_le_livrable),
    ),
    "livrables:feuille_de_route_csv": Cas(VU_PAR_L_ATELIER, pk("atelier", "atelier_pk")),
    "livrables:ajouter_axe": Cas(TITULAIRE_REDIGE, pk("atelier", "atelier_pk")),
    "livrables:modifier_axe": Cas(TITULAIRE_REDIGE, pk("axe")),
    "livrables:ajouter_action": Cas(TITULAIRE_REDIGE, pk("axe", "axe_pk")),
    "livrables:modifier_action": Cas(TITULAIRE_REDIGE, pk("action")),
    "livrables:supprimer": Cas(TITULAIRE_REDIGE, lambda m: {"quoi": "axe", "pk": m["axe"].pk}),
    "livrables:fiche": (
        Cas(VU_PAR_L_ATELIER, pk("atelier", "atelier_pk")),
        Cas(SUIVI_DE_L_ATELIER, pk("atelier", "atelier_pk"), "validee", publier),
    ),
    "livrables:modifier_fiche": Cas(TITULAIRE_REDIGE, pk("atelier", "atelier_pk")),
    "livrables:ajouter_image": Cas(TITULAIRE_REDIGE, pk("atelier", "atelier_pk")),
    "livrables:image": (
        Cas(VU_PAR_L_ATELIER, pk("image")),
        Cas(SUIVI_DE_L_ATELIER, pk("image"), "validee", publier),
    ),
    "livrables:retirer_image": Cas(TITULAIRE_REDIGE, pk("image")),
    # The bilan and « Et après ? » of a closed atelier: its collectivité and its service write
    # them; the DGALN and the titulaire are told why not.
    "bilans:repondre": Cas(COTES_DE_L_ATELIER, pk("atelier"), preparer=clore_l_atelier),
    "bilans:ajouter_suite": Cas(COTES_DE_L_ATELIER, pk("atelier"), preparer=clore_l_atelier),
    # Generated PDFs: the rule of their source
    "documents:demander": Cas(
        POST_SEULEMENT, lambda m: {"code": "bon_de_commande", "pk": m["bon_brouillon"].pk}
    ),
    "documents:etat": (
        Cas(SERVICE_ET_DGALN, pk("doc_recapitulatif"), "recapitulatif", entetes=HTMX),
        Cas(VU_PAR_L_ATELIER, pk("doc_feuille"), "feuille-de-route", entetes=HTMX),
    ),
    "documents:telecharger": (
        Cas(SERVICE_ET_DGALN, pk("doc_decision"), "decision"),
        Cas(VU_PAR_L_ATELIER, pk("doc_bon"), "bon-emis"),
        Cas(VU_PAR_L_ATELIER, pk("doc_fiche"), "fiche"),
    ),
    "documents:relancer": Cas(POST_SEULEMENT, pk("doc_feuille")),
    # Exports: a list's file holds the rows the person sees (tests/exports); a prepared file
    # is personal, and someone else's does not exist.
    "exports:mes_exports": Cas(CONNECTE),
    "exports:exporter": Cas(CONNECTE, lambda m: {"code": "candidatures", "format": "csv"}),
    # A page's computed table (the accords-cadres' consumption): the DGALN's.
    "exports:tableau": Cas(
        DGALN, lambda m: {"code": "consommation-accords-cadres", "format": "csv"}
    ),
    "exports:telecharger": Cas(profil(INTROUVABLE, service_pilote=OK), pk("export")),
    # Notifications are personal too.
    "notifications:liste": Cas(CONNECTE),
    "notifications:ouvrir": Cas(POST_SEULEMENT, pk("notification")),
    "notifications:tout_marquer_lu": Cas(POST_SEULEMENT),
    "notifications:preferences": Cas(CONNECTE),
    "referentiels:communes": Cas(CONNECTE),
}

# Covered by their own test below: the Django admin.
PREFIXES_COUVERTS = ("admin/",)


# --- The writes: a POST by each role, and what it changed -----------------------------------


@dataclass(frozen=True)
class Ecriture:
    donnees: dict | Callable  # or monde -> dict, for a file (an upload is read once)
    # What the POST changes, read again from the database.
    etat: Callable
    attendus: dict
    # The roles whose POST changes it (for every other one nothing changes); by default,
    # those whose answer is REUSSIT.
    modifient: tuple | None = None
    # Which case of the URL's line gives its address.
    variante: str = ""
    preparer: Callable | None = None

    def qui_modifient(self):
        if self.modifient is not None:
            return self.modifient
        return tuple(r for r, attendu in self.attendus.items() if attendu == REUSSIT)


def compter(modele, **filtres):
    return lambda m: modele.objects.filter(**{c: f(m) for c, f in filtres.items()}).count()


def champ(modele, cle, nom):
    return lambda m: modele.objects.filter(pk=m[cle].pk).values_list(nom, flat=True).first()


REUSSIT = REDIRECTION  # a write that is done sends the person back to the page

ECRITURES = {
    "bilans:repondre": Ecriture(
        {
            "utilite_cadrage": "utile",
            "utilite_animation": "utile",
            "utilite_production": "utile",
            "utilite_restitution": "utile",
            "equipe": "satisfaisant",
            "livrables": "satisfaisant",
            "recommande": "oui",
        },
        compter(Bilan, atelier=lambda m: m["atelier"].pk),
        {**COTES_DE_L_ATELIER, "service_pilote": REUSSIT, "collectivite": REUSSIT},
    ),
    "bilans:ajouter_suite": Ecriture(
        {"nature": "etude", "date": "2025-01-15", "texte": "Étude de programmation lancée."},
        compter(Suite, atelier=lambda m: m["atelier"].pk),
        {**COTES_DE_L_ATELIER, "service_pilote": REUSSIT, "collectivite": REUSSIT},
    ),
    "candidatures:supprimer_piece": Ecriture(
        {},
        compter(Piece, pk=lambda m: m["piece_brouillon"].pk),
        profil(INTROUVABLE, service_pilote=REUSSIT),
    ),
    "candidatures:deposer": Ecriture(
        {},
        champ(Candidature, "brouillon", "statut"),
        profil(INTROUVABLE, service_pilote=REUSSIT, collectivite=REFUS),
        variante="coporte",
    ),
    "candidatures:inviter_coporteur": Ecriture(
        lambda m: {
            "collectivite": m["candidature"].communes.first().code,
            "email": "maire@commune.example",
            "prenom": "Marie",
            "nom": "Maire",
        },
        compter(CoPorteur, candidature=lambda m: m["candidature"].pk),
        profil(
            INTROUVABLE,
            service_pilote=REUSSIT,
            instructeur=REFUS,
            administrateur=REFUS,
            titulaire=REFUS,
            collectivite=REFUS,
        ),
    ),
    "candidatures:confier_rubriques": Ecriture(
        {"rubriques": ["strategie"]},
        compter(RubriqueConfiee, candidature=lambda m: m["en_instruction"].pk),
        profil(
            INTROUVABLE,
            service_pilote=REUSSIT,
            instructeur=REFUS,
            administrateur=REFUS,
            collectivite=REFUS,
        ),
        preparer=coporter("en_instruction"),
    ),
    # The thread with the collectivité: the service, the co-porteurs and the DGALN.
    "candidatures:ecrire_coporteurs": Ecriture(
        {"echange-texte": "Le maire confirme."},
        compter(Message, candidature=lambda m: m["en_instruction"].pk),
        profil(
            INTROUVABLE,
            service_pilote=REUSSIT,
            instructeur=REUSSIT,
            administrateur=REUSSIT,
            collectivite=REUSSIT,
        ),
        preparer=coporter("en_instruction"),
    ),
    "candidatures:ecrire": Ecriture(
        {"texte": "Une question"},
        compter(Message, candidature=lambda m: m["candidature"].pk),
        profil(
            INTROUVABLE,
            service_pilote=REUSSIT,
            instructeur=REUSSIT,
            administrateur=REUSSIT,
            titulaire=REFUS,
            collectivite=REFUS,
        ),
    ),
    "candidatures:annoter": Ecriture(
        {"texte": "Élu difficile"},
        lambda m: m["candidature"].notes_internes.count(),
        profil(
            INTROUVABLE,
            service_pilote=REFUS,
            instructeur=REUSSIT,
            administrateur=REUSSIT,
            titulaire=REFUS,
            collectivite=REFUS,
        ),
    ),
    "candidatures:action": Ecriture(
        {"motif": "Dossier complet"},
        champ(Candidature, "en_instruction", "statut"),
        profil(INTROUVABLE, service_pilote=REFUS, instructeur=REUSSIT, administrateur=REUSSIT),
    ),
    "ateliers:programme": Ecriture(
        {"lieu": "Salle des fêtes"},
        lambda m: Atelier.objects.get(pk=m["atelier"].pk).programme.lieu,
        TITULAIRE_REDIGE | {"titulaire": REUSSIT, "collectivite": REFUS},
    ),
    "ateliers:ecrire": Ecriture(
        {"texte": "Rendez-vous en mairie"},
        lambda m: m["atelier"].messages.count(),
        profil(
            INTROUVABLE,
            service_pilote=REUSSIT,
            instructeur=REUSSIT,
            administrateur=REUSSIT,
            titulaire=REUSSIT,
            collectivite=REUSSIT,
        ),
    ),
    # The collectivité ticks off what it takes on for the on-site days, or its service for it.
    "ateliers:cocher_engagement": Ecriture(
        {"fait": "1"},
        lambda m: EngagementCollectivite.objects.get(atelier=m["atelier"], code="salle").fait_le,
        profil(
            INTROUVABLE,
            service_pilote=REUSSIT,
            instructeur=REFUS,
            administrateur=REFUS,
            titulaire=REFUS,
            collectivite=REUSSIT,
        ),
    ),
    "ateliers:action": Ecriture(
        {"publication": Publication.PUBLIE, "commentaire": ""},
        champ(Atelier, "atelier", "publication"),
        profil(
            INTROUVABLE,
            service_pilote=REFUS,
            instructeur=REUSSIT,
            administrateur=REUSSIT,
            titulaire=REFUS,
            collectivite=REFUS,
        ),
    ),
    "commandes:action": Ecriture(
        {"date": ""},
        champ(BonDeCommande, "bon_brouillon", "statut"),
        profil(INTROUVABLE, service_pilote=REUSSIT, instructeur=REFUS, administrateur=REFUS),
    ),
    "commandes:enregistrer_facture": Ecriture(
        lambda m: {
            "nature": "acompte",
            "numero": "F-2026-002",
            "reference_chorus": "CPP-2026-0002",
            "recue_le": timezone.localdate().isoformat(),
            "montant_ht": "1000,00",
            "montant_tva": "200,00",
            "fichier": pdf("facture-2.pdf"),
        },
        compter(Facture, bon=lambda m: m["bon_notifie"].pk),
        {**SERVICE_AGIT, "service_pilote": REUSSIT, "titulaire": REUSSIT},
    ),
    "commandes:action_facture": (
        Ecriture(
            lambda m: {"date": timezone.localdate().isoformat()},
            champ(Facture, "facture", "statut"),
            profil(INTROUVABLE, service_pilote=REUSSIT, instructeur=REFUS, administrateur=REFUS)
            | {"titulaire": REFUS},
            variante="accepter",
        ),
        Ecriture(
            lambda m: {
                "motif": "Il manque le n° d'engagement",
                "date": timezone.localdate().isoformat(),
            },
            champ(Facture, "facture", "statut"),
            profil(INTROUVABLE, service_pilote=REUSSIT, instructeur=REFUS, administrateur=REFUS)
            | {"titulaire": REFUS},
            variante="rejeter",
        ),
        Ecriture(
            lambda m: {"date": timezone.localdate().isoformat()},
            champ(Facture, "facture", "statut"),
            profil(INTROUVABLE, service_pilote=REUSSIT, instructeur=REFUS, administrateur=REFUS)
            | {"titulaire": REFUS},
            variante="payer",
        ),
    ),
    "livrables:action": Ecriture(
        {"commentaire": ""},
        champ(Livrable, "livrable", "statut"),
        profil(
            INTROUVABLE,
            service_pilote=REUSSIT,
            instructeur=REUSSIT,
            administrateur=REUSSIT,
            titulaire=REFUS,
        ),
    ),
    "livrables:supprimer": Ecriture(
        {},
        compter(Axe, pk=lambda m: m["axe"].pk),
        TITULAIRE_REDIGE | {"titulaire": REUSSIT},
    ),
    "livrables:retirer_image": Ecriture(
        {"confirmer": "1"},  # an empty POST is an unbound form
        compter(ImageFiche, pk=lambda m: m["image"].pk),
        TITULAIRE_REDIGE | {"titulaire": REUSSIT},
    ),
    # Asking for the PDF of a draft bon: the titulaire does not see drafts.
    "documents:demander": Ecriture(
        {},
        lambda m: Document.objects.count(),
        profil(INTROUVABLE, service_pilote=REUSSIT, instructeur=REUSSIT, administrateur=REUSSIT),
    ),
    "documents:relancer": Ecriture(
        {},
        champ(Document, "doc_feuille", "statut"),
        profil(
            INTROUVABLE,
            service_pilote=REUSSIT,
            instructeur=REUSSIT,
            administrateur=REUSSIT,
            titulaire=REUSSIT,
        ),
        preparer=en_echec,
    ),
    "notifications:ouvrir": Ecriture(
        {},
        champ(Notification, "notification", "lue_le"),
        profil(INTROUVABLE, service_pilote=REUSSIT),
    ),
    # Everyone may mark their own notifications read; nobody else's.
    "notifications:tout_marquer_lu": Ecriture(
        {},
        champ(Notification, "notification", "lue_le"),
        profil(REUSSIT),
        modifient=("service_pilote",),  # only their own notification
    ),
    "comptes:renvoyer": Ecriture(
        {},
        champ(Invitation, "invitation", "envois"),
        profil(INTROUVABLE, service_pilote=REUSSIT, administrateur=REUSSIT),
    ),
    "comptes:annuler": Ecriture(
        {},
        champ(Invitation, "invitation", "annulee_le"),
        profil(INTROUVABLE, service_pilote=REUSSIT, administrateur=REUSSIT),
    ),
    "annuaire:action": Ecriture(
        {"motif": "Départ du service"},
        lambda m: User.objects.get(pk=m["personnes"]["service_pilote"].pk).is_active,
        profil(INTERDIT, instructeur=REFUS, administrateur=REUSSIT),
    ),
}


# --- How a request is made and its answer read ----------------------------------------------


def cas_de(nom, variante=""):
    ligne = MATRICE[nom]
    for cas in ligne if isinstance(ligne, tuple) else (ligne,):
        if cas.variante == variante:
            return cas
    raise KeyError(f"{nom}[{variante}]")


def connecter(client, monde, role):
    personne = monde["personnes"][role]
    if personne is not None:
        client.force_login(personne)


def constater(reponse):
    """What the person got, in the matrix's words."""
    if reponse.streaming:
        # Reading a download to its end closes its file (and only its file).
        b"".join(reponse.streaming_content)
    if reponse.status_code != 302:
        return reponse.status_code
    if urlsplit(reponse["Location"]).path == reverse("login"):
        return CONNEXION
    erreurs = [m for m in get_messages(reponse.wsgi_request) if m.level == messages.ERROR]
    return REFUS if erreurs else REDIRECTION


def _lignes():
    for nom, ligne in MATRICE.items():
        for cas in ligne if isinstance(ligne, tuple) else (ligne,):
            for role in ROLES:
                etiquette = f"{nom}[{cas.variante}]" if cas.variante else nom
                yield pytest.param(nom, cas, role, id=f"{etiquette}-{role}")


def _ecritures():
    for nom, ligne in ECRITURES.items():
        for ecriture in ligne if isinstance(ligne, tuple) else (ligne,):
            etiquette = f"{nom}[{ecriture.variante}]" if ecriture.variante else nom
            for role in ROLES:
                yield pytest.param(nom, ecriture, role, id=f"{etiquette}-{role}")


# --- The tests ------------------------------------------------------------------------------


def routes(resolveur=None, espace="", prefixe=""):
    """``(name, route)`` of every URL pattern, names with their namespaces."""
    resolveur = resolveur or get_resolver()
    for motif in resolveur.url_patterns:
        route = prefixe + str(motif.pattern)
        if isinstance(motif, URLResolver):
            sous_espace = f"{espace}{motif.namespace}:" if motif.namespace else espace
            yield from routes(motif, sous_espace, route)
        else:
            yield (f"{espace}{motif.name}" if motif.name else None, route)


def test_every_url_has_its_line_in_the_matrix():
    a_couvrir = [(n, r) for n, r in routes() if not r.startswith(PREFIXES_COUVERTS)]
    sans_nom = [r for n, r in a_couvrir if n is None]
    assert not sans_nom, f"URL patterns without a name cannot be in the matrix: {sans_nom}"
    noms = {n for n, _ in a_couvrir}
    manquants = sorted(noms - MATRICE.keys())
    assert not manquants, f"URLs missing from the permission matrix: {', '.join(manquants)}"
    disparus = sorted(MATRICE.keys() - noms)
    assert not disparus, f"The matrix names URLs that no longer exist: {', '.join(disparus)}"


def test_every_post_only_url_is_also_checked_with_a_post():
    post_seulement = {
        nom
        for nom, ligne in MATRICE.items()
        for cas in (ligne if isinstance(ligne, tuple) else (ligne,))
        if cas.attendus["service_pilote"] == METHODE and nom not in ("logout",)
    }
    assert post_seulement <= ECRITURES.keys(), sorted(post_seulement - ECRITURES.keys())
    assert ECRITURES.keys() <= MATRICE.keys()


@pytest.mark.django_db
@pytest.mark.parametrize(("nom", "cas", "role"), list(_lignes()))
def test_permission_matrix(client, monde, nom, cas, role):
    if cas.preparer:
        cas.preparer(monde)
    connecter(client, monde, role)
    reponse = client.get(reverse(nom, kwargs=cas.kwargs(monde)), headers=cas.entetes)
    assert constater(reponse) == cas.attendus[role]
    if role != "anonyme":  # a shared computer's browser keeps nothing (socle/cache.py)
        assert "no-store" in reponse.get("Cache-Control", "")


@pytest.mark.django_db
@pytest.mark.parametrize(("nom", "ecriture", "role"), list(_ecritures()))
def test_post_by_each_role(client, monde, nom, ecriture, role):
    cas = cas_de(nom, ecriture.variante)
    for preparer in (cas.preparer, ecriture.preparer):
        if preparer:
            preparer(monde)
    avant = (ecriture.etat(monde), Evenement.objects.count())
    connecter(client, monde, role)
    donnees = ecriture.donnees(monde) if callable(ecriture.donnees) else ecriture.donnees
    reponse = client.post(reverse(nom, kwargs=cas.kwargs(monde)), donnees)
    assert constater(reponse) == ecriture.attendus[role]
    apres = (ecriture.etat(monde), Evenement.objects.count())
    if role in ecriture.qui_modifient():
        assert apres[0] != avant[0], "the POST of a role allowed to do it changed nothing"
    else:
        assert apres == avant, "a POST refused to this role changed the data or the journal"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("nom", "objet"),
    [
        ("admin:index", None),
        ("admin:comptes_user_changelist", None),
        # The portal's own admin page: the tourniquet's traced decisions.
        ("admin:marches_accordcadre_tourniquet", "accord"),
    ],
)
def test_only_administrators_reach_the_django_admin(client, monde, nom, objet, role):
    connecter(client, monde, role)
    reponse = client.get(reverse(nom, args=[monde[objet].pk] if objet else []))
    if role == "administrateur":
        assert reponse.status_code == 200
    else:
        assert reponse.status_code == 302
        assert urlsplit(reponse["Location"]).path == reverse("admin:login")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["service_pilote", "instructeur", "titulaire"])
def test_the_titulaire_does_not_read_the_thread_between_service_and_dgaln(client, monde, role):
    connecter(client, monde, role)
    page = client.get(reverse("candidatures:detail", args=[monde["candidature"].pk]))
    lu = "Voici la note de cadrage." in page.content.decode()
    assert lu is (role != "titulaire")
