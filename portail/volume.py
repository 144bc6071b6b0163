"""A national-scale dataset for measuring the portal (``manage.py peupler``).

Ten times today's volume by default: 10 000 candidatures over every state and every campaign
since 2019, 3 000 ateliers, 6 000 bons de commande, 30 000 livrable versions (each a small
PDF file on disk), their messages, deposits, tourniquet ledger and audit journal, spread over
every département. Everything is written by ``bulk_create`` in one transaction, with the dates
each record would have had (the models' ``auto_now`` fields are lifted while seeding).

This is measurement data, never real data: ``peupler`` refuses a base that already holds
candidatures or accords-cadres. The same generator, with small volumes and one service, gives
the query-budget tests their 5 and 100 rows.
"""

import os
import random
import time
import uuid
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import time as heure
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection, transaction

from ateliers.models import (
    PHASES_PLANIFIEES,
    Atelier,
    EtapePlanning,
    MessageAtelier,
    Phase,
    ProgrammeSurSite,
)
from candidatures.recherche import texte_recherche
from candidatures.models import (
    Candidature,
    DemandeComplement,
    Depot,
    Echelle,
    Message,
    Piece,
    Statut,
)
from commandes.models import BonDeCommande, calculer_montants
from commandes.models import Statut as StatutBon
from comptes.models import Organisation, Role, User
from comptes.roles import synchroniser_groupe
from comptes.services_deconcentres import generer_services_deconcentres
from journal.chaine import sceller
from journal.models import Evenement
from livrables.models import FicheSynthetique, Livrable, Version
from livrables.models import Statut as StatutLivrable
from livrables.models import Type as TypeLivrable
from marches.models import AccordCadre, MembreGroupement, Nature, Titulaire, TourDeTourniquet
from referentiels.models import Commune, Departement, ProgrammeANCT, Thematique
from referentiels.programme import creer_thematiques_et_programmes

PARIS = ZoneInfo("Europe/Paris")
ANNEES = tuple(range(2019, 2027))
CAMPAGNE = ANNEES[-1]
DOMAINE = "volume.exemple.gouv.fr"
LOT = 2000

# A minimal PDF: the magic bytes the upload checks look for, a few hundred bytes.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

SUJETS = (
    "Revitalisation du centre-bourg de {}",
    "Reconquête des friches ferroviaires de {}",
    "Entrée de ville et zone commerciale de {}",
    "Quartier de gare de {}",
    "Adaptation au recul du trait de côte à {}",
    "Berges et trame bleue de {}",
    "Cœur de village et mobilités douces à {}",
    "Renouvellement du quartier des Tilleuls à {}",
    "Sobriété foncière et lotissements de {}",
    "Îlot de fraîcheur et place centrale de {}",
    "Reconversion de la caserne de {}",
    "Habitat inclusif et commerces de {}",
)

# Final states of a past campaign, with their weights; a file of the current campaign may
# be anywhere on its way.
ISSUES_PASSEES = (
    (Statut.NON_ELIGIBLE, 5),
    (Statut.SANS_SUITE, 4),
    (Statut.OPPORTUNITE_DECLINEE, 3),
)
EN_COURS = (
    (Statut.INTENTION, 3),
    (Statut.BROUILLON, 4),
    (Statut.DEPOSEE, 3),
    (Statut.EN_INSTRUCTION, 3),
    (Statut.COMPLEMENT_DEMANDE, 2),
    (Statut.ELIGIBLE, 2),
    (Statut.NON_ELIGIBLE, 1),
    (Statut.SANS_SUITE, 1),
)

# The journal of a file, step by step: (action, label, state before, state after).
ETAPES = {
    "intention": ("intention", "Intention de candidature déclarée", "", Statut.INTENTION),
    "opportunite": (
        "opportunite",
        "Opportunité confirmée : la fiche peut être remplie",
        Statut.INTENTION,
        Statut.BROUILLON,
    ),
    "declin": (
        "opportunite_declinee",
        "Opportunité déclinée",
        Statut.INTENTION,
        Statut.OPPORTUNITE_DECLINEE,
    ),
    "depot": ("depot", "Dossier déposé", Statut.BROUILLON, Statut.DEPOSEE),
    "prise": ("prise_en_charge", "Dossier pris en charge", Statut.DEPOSEE, Statut.EN_INSTRUCTION),
    "complement": (
        "complement",
        "Complément demandé",
        Statut.EN_INSTRUCTION,
        Statut.COMPLEMENT_DEMANDE,
    ),
    "eligible": ("eligible", "Dossier éligible", Statut.EN_INSTRUCTION, Statut.ELIGIBLE),
    "non_eligible": (
        "non_eligible",
        "Dossier non éligible",
        Statut.EN_INSTRUCTION,
        Statut.NON_ELIGIBLE,
    ),
    "sans_suite": (
        "sans_suite",
        "Dossier classé sans suite",
        Statut.EN_INSTRUCTION,
        Statut.SANS_SUITE,
    ),
}
PARCOURS = {
    Statut.INTENTION: ["intention"],
    Statut.OPPORTUNITE_DECLINEE: ["intention", "declin"],
    Statut.BROUILLON: ["intention", "opportunite"],
    Statut.DEPOSEE: ["intention", "opportunite", "depot"],
    Statut.EN_INSTRUCTION: ["intention", "opportunite", "depot", "prise"],
    Statut.COMPLEMENT_DEMANDE: ["intention", "opportunite", "depot", "prise", "complement"],
    Statut.ELIGIBLE: ["intention", "opportunite", "depot", "prise", "eligible"],
    Statut.NON_ELIGIBLE: ["intention", "opportunite", "depot", "prise", "non_eligible"],
    Statut.SANS_SUITE: ["intention", "opportunite", "depot", "prise", "sans_suite"],
    # The attribution itself is journaled with the atelier (``Generateur.ateliers``).
    Statut.ATTRIBUEE: ["intention", "opportunite", "depot", "prise", "eligible"],
}
DEPOSES = {s for s, etapes in PARCOURS.items() if "depot" in etapes}

TYPES_LIVRABLES = (
    TypeLivrable.FEUILLE_DE_ROUTE,
    TypeLivrable.PLAN_GUIDE,
    TypeLivrable.CAHIER_DES_CHARGES,
    TypeLivrable.FICHE_SYNTHETIQUE,
    TypeLivrable.COMMUNICATION,
    TypeLivrable.CHARTE,
)


@dataclass(frozen=True)
class Volumes:
    candidatures: int = 10_000
    ateliers: int = 3_000
    bons: int = 6_000
    versions: int = 30_000
    # How many départements the files are spread over (None: every one).
    departements: int | None = None

    def verifier(self):
        if min(self.candidatures, self.ateliers, self.bons, self.versions) < 0:
            raise ValueError("Les volumes sont des nombres positifs.")
        if self.ateliers > self.candidatures:
            raise ValueError("Il ne peut y avoir plus d'ateliers que de candidatures.")
        if self.bons > 2 * self.ateliers:
            raise ValueError("Un atelier compte au plus deux bons de commande.")
        if self.versions and not self.ateliers:
            raise ValueError("Des versions de livrables demandent des ateliers.")


class BaseNonVide(Exception):
    pass


@dataclass
class Rapport:
    comptes: dict = field(default_factory=dict)
    durees: list = field(default_factory=list)
    total: float = 0.0
    # Accounts to log in with: role → e-mail.
    connexions: dict = field(default_factory=dict)


@contextmanager
def dates_donnees(*modeles):
    """Let ``bulk_create`` keep the dates the generator gives: ``auto_now`` and
    ``auto_now_add`` are lifted for the seeding and restored after."""
    champs = [
        (f, f.auto_now, f.auto_now_add)
        for m in modeles
        for f in m._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    for f, _, _ in champs:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in champs:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _ecrire(chemin, contenu):
    with open(chemin, "wb") as f:
        f.write(contenu)


def _instant(hasard, annee, apres=None, jours=(5, 40)):
    """A working-hours moment of ``annee``, or some days after ``apres``."""
    if apres is None:
        jour = datetime(annee, 1, 10) + timedelta(days=hasard.randrange(300))
        return datetime.combine(jour.date(), heure(hasard.randrange(8, 18)), PARIS)
    return apres + timedelta(days=hasard.randint(*jours), minutes=hasard.randrange(600))


class Generateur:
    def __init__(self, volumes, graine, stockage=None):
        self.v = volumes
        self.hasard = random.Random(graine)
        self.stockage = stockage or default_storage
        self.evenements = []
        self.fichiers = 0
        self.repertoires = set()
        self.rapport = Rapport()
        self._chrono = time.perf_counter()

    # -- bookkeeping --------------------------------------------------------------------------

    def etape(self, nom, nombre=None):
        maintenant = time.perf_counter()
        self.rapport.durees.append((nom, maintenant - self._chrono))
        if nombre is not None:
            self.rapport.comptes[nom] = nombre
        self._chrono = maintenant

    def creer(self, modele, objets):
        return modele.objects.bulk_create(objets, batch_size=LOT)

    def copier(self, modele, objets):
        """Insert rows whose keys nobody reads back: PostgreSQL's COPY where the base is
        PostgreSQL (several times faster than INSERT), ``bulk_create`` elsewhere."""
        if connection.vendor != "postgresql":
            self.creer(modele, objets)
            return
        champs = [f for f in modele._meta.concrete_fields if not f.primary_key]
        colonnes = ", ".join(connection.ops.quote_name(f.column) for f in champs)
        table = connection.ops.quote_name(modele._meta.db_table)
        copie = f"COPY {table} ({colonnes}) FROM STDIN"
        with connection.cursor() as curseur, curseur.cursor.copy(copie) as flux:
            for objet in objets:
                flux.write_row(
                    [f.get_db_prep_save(getattr(objet, f.attname), connection) for f in champs]
                )

    def fichier(self, dossier, annee, contenu=PDF):
        """Write a small file under a random name, as an upload would be stored."""
        repertoire = f"{dossier}/{annee}"
        nom = f"{repertoire}/{uuid.uuid4().hex}.pdf"
        if isinstance(self.stockage, FileSystemStorage):
            if repertoire not in self.repertoires:
                os.makedirs(self.stockage.path(repertoire), exist_ok=True)
                self.repertoires.add(repertoire)
            _ecrire(os.path.join(self.stockage.location, nom), contenu)
        else:
            nom = self.stockage.save(nom, ContentFile(contenu))
        self.fichiers += 1
        return nom

    def journal(self, objet, type_objet, date, acteur, action, libelle, avant="", apres=""):
        self.evenements.append(
            Evenement(
                content_type=type_objet,
                object_id=objet.pk,
                date=date,
                acteur=acteur,
                action=action,
                libelle=libelle,
                etat_avant=avant,
                etat_apres=apres,
            )
        )

    # -- the steps ---------------------------------------------------------------------------

    def organisations(self):
        creer_thematiques_et_programmes()
        generer_services_deconcentres()
        self.thematiques = list(Thematique.objects.filter(actif=True).values_list("pk", flat=True))
        self.programmes = list(
            ProgrammeANCT.objects.filter(actif=True).values_list("pk", flat=True)
        )
        services = list(Organisation.objects.services().filter(actif=True))
        par_departement = {s.departement_id: s for s in services if s.departement_id}
        par_region = {s.region_id: s for s in services if s.region_id}
        communes = defaultdict(list)
        for c in (
            Commune.objects.filter(actif=True)
            .select_related("epci")
            .only("code", "nom", "departement_id", "epci__nom", "epci_id")
        ):
            communes[c.departement_id].append(c)
        departements = list(Departement.objects.filter(actif=True).order_by("code"))
        if self.v.departements:
            # A few départements: those with communes in the référentiel first.
            departements.sort(key=lambda d: (d.code not in communes, d.code))
            departements = departements[: self.v.departements]
        # Each département and the service that files for it (its DDT(M), or the DEAL or
        # DRIEAT of its region), with its communes.
        self.territoires = []
        for dep in departements:
            service = par_departement.get(dep.code) or par_region.get(dep.region_id)
            if service is not None:
                self.territoires.append((dep, service, communes.get(dep.code, [])))
        self.dgaln, _ = Organisation.objects.get_or_create(
            type=Organisation.Type.DGALN, defaults={"nom": "DGALN — bureau AD1"}
        )
        self.etape("organisations", len(self.territoires))

    def comptes(self, mot_de_passe):
        empreinte = make_password(mot_de_passe)
        services = list(dict.fromkeys(s for _, s, _ in self.territoires))
        comptes = [
            User(
                email=f"agent.{s.pk}@{DOMAINE}",
                first_name="Agent",
                last_name=s.nom,
                role=Role.AGENT,
                organisation=s,
                password=empreinte,
            )
            for s in services
        ]
        comptes += [
            User(
                email=f"instructeur.{i}@{DOMAINE}",
                first_name="Instructeur",
                last_name=f"n° {i}",
                role=Role.INSTRUCTEUR,
                organisation=self.dgaln,
                password=empreinte,
            )
            for i in range(1, 9)
        ]
        comptes.append(
            User(
                email=f"administrateur@{DOMAINE}",
                first_name="Administrateur",
                last_name="DGALN",
                role=Role.ADMINISTRATEUR,
                organisation=self.dgaln,
                password=empreinte,
                is_staff=True,
            )
        )
        self.creer(User, comptes)
        cree = {u.email: u for u in User.objects.filter(email__endswith=f"@{DOMAINE}")}
        self.agents = {s.pk: cree[f"agent.{s.pk}@{DOMAINE}"] for s in services}
        self.instructeurs = [cree[f"instructeur.{i}@{DOMAINE}"] for i in range(1, 9)]
        self.rapport.connexions["instructeur"] = self.instructeurs[0].email
        self.rapport.connexions["administrateur"] = f"administrateur@{DOMAINE}"
        self.empreinte = empreinte
        self.etape("comptes", len(comptes))

    def accords_cadres(self):
        """Two accords-cadres (2019–2022, expired, and 2023–2026, in force), each with three
        groupements whose mandataire company has one prestataire account."""
        self.accords = {}
        societes, prestataires, membres = [], [], []
        periodes = ((2019, AccordCadre.Statut.ECHU), (2023, AccordCadre.Statut.EN_VIGUEUR))
        for debut, statut in periodes:
            accord = AccordCadre.objects.create(
                reference=f"AC-VOLUME-{debut}",
                intitule=f"Ateliers Flash {debut}–{debut + 3} (jeu de mesure)",
                date_debut=datetime(debut, 1, 1).date(),
                date_fin=datetime(debut + 3, 12, 31).date(),
                montant_max_ht=Decimal("900000000.00"),
                statut=statut,
            )
            titulaires = self.creer(
                Titulaire,
                [
                    Titulaire(accord_cadre=accord, nom=f"Groupement {debut}-{rang}", rang=rang)
                    for rang in (1, 2, 3)
                ],
            )
            for t in titulaires:
                societes.append(
                    Organisation(type=Organisation.Type.PRESTATAIRE, nom=f"Agence {debut}-{t.rang}")
                )
            self.accords[debut] = (accord, titulaires)
        societes = self.creer(Organisation, societes)
        for (accord, titulaires), lot in zip(
            self.accords.values(), (societes[:3], societes[3:]), strict=True
        ):
            for t, societe in zip(titulaires, lot, strict=True):
                membres.append(
                    MembreGroupement(
                        titulaire=t, organisation=societe, role=MembreGroupement.Role.MANDATAIRE
                    )
                )
                prestataires.append(
                    User(
                        email=f"prestataire.{accord.date_debut.year}-{t.rang}@{DOMAINE}",
                        first_name="Prestataire",
                        last_name=societe.nom,
                        role=Role.PRESTATAIRE,
                        organisation=societe,
                        password=self.empreinte,
                    )
                )
        self.creer(MembreGroupement, membres)
        self.creer(User, prestataires)
        for u in User.objects.filter(email__endswith=f"@{DOMAINE}"):
            synchroniser_groupe(u)  # what ``User.save`` does, skipped by bulk_create
        self.prestataires = {
            u.organisation_id: u
            for u in User.objects.filter(role=Role.PRESTATAIRE).filter(
                email__endswith=f"@{DOMAINE}"
            )
        }
        self.mandataire = {m.titulaire_id: m.organisation_id for m in membres}
        self.rapport.connexions["prestataire"] = prestataires[-1].email
        self.etape("accords-cadres", len(self.accords))

    def candidatures(self):
        h, v = self.hasard, self.v
        statuts = [Statut.ATTRIBUEE] * v.ateliers
        reste = v.candidatures - v.ateliers
        passees = int(reste * 0.7)
        statuts += h.choices(
            [s for s, _ in ISSUES_PASSEES], [p for _, p in ISSUES_PASSEES], k=passees
        )
        statuts += h.choices([s for s, _ in EN_COURS], [p for _, p in EN_COURS], k=reste - passees)
        objets, territoires = [], []
        for i, statut in enumerate(statuts):
            dep, service, communes = self.territoires[i % len(self.territoires)]
            if statut in dict(EN_COURS) and i >= v.ateliers + passees:
                annee = CAMPAGNE
            elif statut == Statut.ATTRIBUEE:
                annee = ANNEES[i % len(ANNEES)]
            else:
                annee = h.choice(ANNEES[:-1])
            choisies = h.sample(communes, min(len(communes), h.choice((1, 1, 1, 2, 3))))
            lieu = choisies[0].nom if choisies else dep.nom
            epci = choisies[0].epci if choisies and choisies[0].epci_id else None
            titre = h.choice(SUJETS).format(lieu)
            cree = _instant(h, annee)
            c = Candidature(
                titre=titre,
                description=f"Atelier sur {lieu} ({dep.nom}) : projet d'aménagement à relancer.",
                annee=annee,
                statut=statut,
                echelle=h.choice(Echelle.values),
                service=service,
                epci=epci,
                cree_par=self.agents[service.pk],
                cree_le=cree,
                modifie_le=cree,
            )
            if statut not in (Statut.INTENTION, Statut.OPPORTUNITE_DECLINEE):
                c.strategie = "Conforter la centralité et sobriété foncière."
                c.enjeux = "Vacance commerciale, friches, mobilités, adaptation au climat."
                c.objectifs = "Une feuille de route partagée et un plan-guide."
                c.ref_collectivite_nom = "Camille Martin"
                c.ref_collectivite_fonction = "Maire"
                c.ref_collectivite_email = f"mairie{i}@exemple.fr"
                c.ref_service_nom = "Dominique Bernard"
                c.ref_service_email = f"agent.{service.pk}@{DOMAINE}"
            if statut in DEPOSES:
                c.date_premier_depot = _instant(h, annee, cree)
                c.date_dernier_depot = c.date_premier_depot
                c.instructeur = self.instructeurs[i % len(self.instructeurs)]
                if statut in (
                    Statut.ELIGIBLE,
                    Statut.NON_ELIGIBLE,
                    Statut.SANS_SUITE,
                    Statut.ATTRIBUEE,
                ):
                    # After the prise en charge (1 to 10 days after the deposit).
                    c.date_decision = _instant(h, annee, c.date_premier_depot, jours=(15, 60))
                    c.motif_decision = "Décision prise au vu du dossier."
                c.modifie_le = c.date_decision or c.date_premier_depot
            c.recherche = texte_recherche(c, communes=choisies)
            objets.append(c)
            territoires.append(choisies)
        with dates_donnees(Candidature):
            self.liste_candidatures = self.creer(Candidature, objets)
        lien_communes = Candidature.communes.through
        lien_thematiques = Candidature.thematiques.through
        lien_programmes = Candidature.programmes_anct.through
        self.copier(
            lien_communes,
            [
                lien_communes(candidature_id=c.pk, commune_id=x.code)
                for c, choisies in zip(self.liste_candidatures, territoires, strict=True)
                for x in choisies
            ],
        )
        self.copier(
            lien_thematiques,
            [
                lien_thematiques(candidature_id=c.pk, thematique_id=t)
                for c in self.liste_candidatures
                if c.statut not in (Statut.INTENTION, Statut.OPPORTUNITE_DECLINEE)
                for t in h.sample(self.thematiques, min(len(self.thematiques), 2))
            ],
        )
        if self.programmes:
            self.copier(
                lien_programmes,
                [
                    lien_programmes(candidature_id=c.pk, programmeanct_id=h.choice(self.programmes))
                    for c in self.liste_candidatures[::3]
                ],
            )
        self.etape("candidatures", len(self.liste_candidatures))

    def dossiers(self):
        """Deposits, signed letters, complement requests, messages and the files' journal."""
        h = self.hasard
        type_c = ContentType.objects.get_for_model(Candidature)
        depots, pieces, demandes, messages = [], [], [], []
        for c in self.liste_candidatures:
            agent = self.agents[c.service_id]
            moment = c.cree_le
            for nom in PARCOURS[c.statut]:
                action, libelle, avant, apres = ETAPES[nom]
                if nom == "depot":
                    moment = c.date_premier_depot
                elif nom in ("eligible", "non_eligible", "sans_suite"):
                    moment = c.date_decision
                elif nom != "intention":
                    moment = moment + timedelta(days=h.randint(1, 10))
                dgaln = nom not in ("intention", "depot")
                self.journal(
                    c,
                    type_c,
                    moment,
                    c.instructeur if dgaln and c.instructeur else agent,
                    action,
                    libelle,
                    avant,
                    apres,
                )
            if c.statut not in DEPOSES:
                continue
            depots.append(
                Depot(
                    candidature=c,
                    numero=f"{c.reference}-D1",
                    date=c.date_premier_depot,
                    auteur=agent,
                    instantane={"Titre": c.titre, "Enjeux": c.enjeux},
                )
            )
            for type_piece in (Piece.Type.LETTRE_COLLECTIVITE, Piece.Type.LETTRE_PREFET):
                pieces.append(
                    Piece(
                        candidature=c,
                        type=type_piece,
                        fichier=self.fichier("candidatures/pieces", c.annee),
                        nom_fichier=f"{type_piece}.pdf",
                        type_mime="application/pdf",
                        taille=len(PDF),
                        ajoutee_par=agent,
                        ajoutee_le=c.date_premier_depot,
                    )
                )
            if c.statut == Statut.COMPLEMENT_DEMANDE:
                demandes.append(
                    DemandeComplement(
                        candidature=c,
                        auteur=c.instructeur,
                        date=moment,
                        message="Précisez les acteurs à mobiliser.",
                        rubriques=["acteurs"],
                    )
                )
            if c.pk % 2:
                messages.append(
                    Message(
                        candidature=c,
                        auteur=c.instructeur,
                        texte="Pouvez-vous préciser le périmètre de réflexion ?",
                        date=c.date_premier_depot + timedelta(days=2),
                    )
                )
        with dates_donnees(Depot, Piece, DemandeComplement, Message):
            self.creer(Depot, depots)
            self.copier(Piece, pieces)
            self.copier(DemandeComplement, demandes)
            self.copier(Message, messages)
        self.rapport.comptes["pièces"] = len(pieces)
        self.rapport.comptes["messages des dossiers"] = len(messages)
        self.etape("dépôts et pièces", len(depots))

    def ateliers(self):
        h = self.hasard
        attribuees = [c for c in self.liste_candidatures if c.statut == Statut.ATTRIBUEE]
        type_c = ContentType.objects.get_for_model(Candidature)
        ateliers, tours = [], []
        numeros = defaultdict(int)
        for c in attribuees:
            debut = 2019 if c.annee < 2023 else 2023
            accord, titulaires = self.accords[debut]
            numeros[debut] += 1
            n = numeros[debut]
            titulaire = titulaires[(n - 1) % len(titulaires)]
            attribue = c.date_decision + timedelta(days=h.randint(3, 20))
            if c.annee <= CAMPAGNE - 2:
                phase = Phase.CLOTURE
            elif c.annee == CAMPAGNE - 1:
                phase = h.choice((Phase.PRODUCTION, Phase.RESTITUTION, Phase.CLOTURE))
            else:
                phase = h.choice((Phase.CADRAGE, Phase.ANIMATION, Phase.PRODUCTION))
            a = Atelier(
                candidature=c,
                accord_cadre=accord,
                titulaire=titulaire,
                service_pilote_id=c.service_id,
                montant_ht=Decimal("20000.00"),
                attribue_par=c.instructeur,
                statut=phase,
                date_cloture=(attribue + timedelta(days=h.randint(120, 240))).date()
                if phase == Phase.CLOTURE
                else None,
                cree_le=attribue,
                modifie_le=attribue,
            )
            ateliers.append(a)
            tours.append(
                TourDeTourniquet(
                    accord_cadre=accord,
                    numero=n,
                    candidature=c,
                    titulaire=titulaire,
                    rang=titulaire.rang,
                    nature=Nature.NORMAL,
                    issue=TourDeTourniquet.Issue.ATTRIBUE,
                    regle=accord.regle_ecart,
                    etat_avant={
                        "pointeur": 0 if n == 1 else titulaires[(n - 2) % len(titulaires)].rang,
                        "dus": [],
                        "actifs": [t.rang for t in titulaires],
                        "ecartes": [],
                    },
                    acteur=c.instructeur,
                    date=attribue,
                )
            )
        with dates_donnees(Atelier, TourDeTourniquet):
            self.liste_ateliers = self.creer(Atelier, ateliers)
            self.creer(TourDeTourniquet, tours)
        for debut, n in numeros.items():
            accord, titulaires = self.accords[debut]
            accord.rang_dernier_servi = titulaires[(n - 1) % len(titulaires)].rang
            accord.save(update_fields=["rang_dernier_servi"])
        type_a = ContentType.objects.get_for_model(Atelier)
        etapes, programmes, fils, fiches = [], [], [], []
        for a in self.liste_ateliers:
            c = a.candidature
            self.journal(
                c,
                type_c,
                a.cree_le,
                c.instructeur,
                "attribution_atelier",
                f"Atelier attribué à « {a.titulaire} »",
                Statut.ELIGIBLE,
                Statut.ATTRIBUEE,
            )
            self.journal(
                a, type_a, a.cree_le, c.instructeur, "creation", "Atelier créé", "", Phase.CADRAGE
            )
            moment, avant = a.cree_le, Phase.CADRAGE
            rang_actuel = list(Phase.values).index(a.statut)
            for k, phase in enumerate(PHASES_PLANIFIEES):
                debut = (a.cree_le + timedelta(days=30 * k)).date()
                fin = debut + timedelta(days=25)
                etapes.append(
                    EtapePlanning(
                        atelier=a,
                        phase=phase,
                        debut_prevu=debut,
                        fin_prevue=fin,
                        debut_reel=debut if k <= rang_actuel else None,
                        fin_reelle=fin if k < rang_actuel else None,
                    )
                )
            for phase in list(Phase.values)[1 : rang_actuel + 1]:
                moment = moment + timedelta(days=30)
                self.journal(
                    a,
                    type_a,
                    moment,
                    self.agents[a.service_pilote_id],
                    "phase",
                    f"Phase : {Phase(phase).label}",
                    avant,
                    phase,
                )
                avant = phase
            prestataire = self.prestataires[self.mandataire[a.titulaire_id]]
            programmes.append(
                ProgrammeSurSite(
                    atelier=a,
                    statut=ProgrammeSurSite.Statut.VALIDE
                    if rang_actuel >= 1
                    else ProgrammeSurSite.Statut.BROUILLON,
                    lieu="Salle du conseil municipal",
                    modifie_le=a.cree_le,
                )
            )
            for jours, auteur in ((5, self.agents[a.service_pilote_id]), (8, prestataire)):
                fils.append(
                    MessageAtelier(
                        atelier=a,
                        auteur=auteur,
                        texte="Nous proposons une réunion de cadrage la semaine prochaine.",
                        date=a.cree_le + timedelta(days=jours),
                    )
                )
            if a.statut == Phase.CLOTURE:
                fiches.append(
                    FicheSynthetique(
                        atelier=a,
                        annee=c.annee,
                        territoire=c.titre.rsplit(" de ", 1)[-1],
                        maitrise_ouvrage="Commune",
                        contexte="Un centre ancien en perte de vitalité.",
                        enjeux="Réinvestir le bâti vacant et apaiser les circulations.",
                        productions="Une feuille de route et une esquisse de plan-guide.",
                        suites="Étude pré-opérationnelle engagée.",
                        modifie_le=a.cree_le,
                        modifie_par=prestataire,
                    )
                )
        with dates_donnees(ProgrammeSurSite, MessageAtelier, FicheSynthetique):
            self.copier(EtapePlanning, etapes)
            self.creer(ProgrammeSurSite, programmes)
            self.copier(MessageAtelier, fils)
            self.creer(FicheSynthetique, fiches)
        self.rapport.comptes["messages des ateliers"] = len(fils)
        self.etape("ateliers", len(self.liste_ateliers))

    def bons(self):
        h = self.hasard
        type_b = ContentType.objects.get_for_model(BonDeCommande)
        bons = []
        a_creer = self.v.bons
        for passe in (1, 2):
            for a in self.liste_ateliers:
                if a_creer == 0:
                    break
                a_creer -= 1
                agent = self.agents[a.service_pilote_id]
                ht = Decimal("20000.00") if passe == 1 else Decimal(h.randrange(2000, 6000))
                tva, ttc = calculer_montants(ht, Decimal("20.00"))
                if a.statut == Phase.CLOTURE:
                    statut = StatutBon.EXECUTE
                elif passe == 1:
                    statut = h.choice((StatutBon.EMIS, StatutBon.NOTIFIE, StatutBon.EXECUTE))
                else:
                    statut = h.choice((StatutBon.BROUILLON, StatutBon.EMIS, StatutBon.ANNULE))
                emission = (a.cree_le + timedelta(days=10 + 60 * (passe - 1))).date()
                bons.append(
                    BonDeCommande(
                        atelier=a,
                        ordre=passe,
                        numero=f"{a.candidature.reference}-{passe}",
                        objet="Atelier Flash : cadrage, animation et livrables"
                        if passe == 1
                        else "Atelier Flash : prestation complémentaire",
                        montant_ht=ht,
                        taux_tva=Decimal("20.00"),
                        montant_tva=tva,
                        montant_ttc=ttc,
                        engagement_juridique=f"{2100000000 + a.pk * 2 + passe}",
                        code_service="DGALN-AD1",
                        statut=statut,
                        date_emission=None if statut == StatutBon.BROUILLON else emission,
                        date_notification=emission + timedelta(days=2)
                        if statut in (StatutBon.NOTIFIE, StatutBon.EXECUTE)
                        else None,
                        date_service_fait=emission + timedelta(days=120)
                        if statut == StatutBon.EXECUTE
                        else None,
                        motif_annulation="Prestation abandonnée."
                        if statut == StatutBon.ANNULE
                        else "",
                        cree_par=agent,
                        cree_le=a.cree_le,
                        modifie_le=a.cree_le,
                    )
                )
        with dates_donnees(BonDeCommande):
            self.liste_bons = self.creer(BonDeCommande, bons)
        for b in self.liste_bons:
            agent = self.agents[b.atelier.service_pilote_id]
            self.journal(
                b, type_b, b.cree_le, agent, "creation", "Bon de commande préparé", "", "brouillon"
            )
            if b.statut != StatutBon.BROUILLON:
                self.journal(
                    b,
                    type_b,
                    b.cree_le + timedelta(days=1),
                    agent,
                    "emission",
                    "Bon de commande émis",
                    "brouillon",
                    "emis",
                )
            if b.statut in (StatutBon.NOTIFIE, StatutBon.EXECUTE):
                self.journal(
                    b,
                    type_b,
                    b.cree_le + timedelta(days=2),
                    agent,
                    "notification",
                    "Bon de commande notifié",
                    "emis",
                    "notifie",
                )
            if b.statut == StatutBon.EXECUTE:
                self.journal(
                    b,
                    type_b,
                    b.cree_le + timedelta(days=120),
                    agent,
                    "service_fait",
                    "Service fait attesté",
                    "notifie",
                    "execute",
                )
        self.etape("bons de commande", len(self.liste_bons))

    def livrables(self):
        h = self.hasard
        if not self.v.versions:
            self.etape("livrables", 0)
            return
        # About two versions per livrable: as many livrables per atelier as that needs.
        par_atelier = -(-self.v.versions // (2 * len(self.liste_ateliers)))
        par_atelier = min(len(TYPES_LIVRABLES), max(1, par_atelier))
        livrables = []
        for a in self.liste_ateliers:
            for k, type_ in enumerate(TYPES_LIVRABLES[:par_atelier]):
                fini = a.statut == Phase.CLOTURE
                livrables.append(
                    Livrable(
                        atelier=a,
                        type=type_,
                        echeance=(a.cree_le + timedelta(days=90 + 15 * k)).date(),
                        statut=StatutLivrable.VALIDE if fini else StatutLivrable.DEPOSE,
                        cree_par=self.agents[a.service_pilote_id],
                        cree_le=a.cree_le,
                        modifie_le=a.cree_le,
                    )
                )
        livrables = livrables[: self.v.versions]
        with dates_donnees(Livrable):
            livrables = self.creer(Livrable, livrables)
        nombre = [self.v.versions // len(livrables)] * len(livrables)
        for k in range(self.v.versions % len(livrables)):
            nombre[k] += 1
        type_l = ContentType.objects.get_for_model(Livrable)
        versions = []
        for livrable, n in zip(livrables, nombre, strict=True):
            a = livrable.atelier
            prestataire = self.prestataires[self.mandataire[a.titulaire_id]]
            agent = self.agents[a.service_pilote_id]
            moment = a.cree_le + timedelta(days=40)
            for numero in range(1, n + 1):
                derniere = numero == n
                if not derniere:
                    avis = Version.Avis.A_REPRENDRE if numero == n - 1 else Version.Avis.REMPLACEE
                elif livrable.statut == StatutLivrable.VALIDE:
                    avis = Version.Avis.VALIDEE
                else:
                    avis = Version.Avis.EN_ATTENTE
                versions.append(
                    Version(
                        livrable=livrable,
                        numero=numero,
                        fichier=self.fichier("livrables", moment.year),
                        nom_fichier=f"{livrable.type}-v{numero}.pdf",
                        type_mime="application/pdf",
                        taille=len(PDF),
                        deposee_par=prestataire,
                        deposee_le=moment,
                        avis=avis,
                        avis_par=None if avis == Version.Avis.EN_ATTENTE else agent,
                        avis_le=None
                        if avis == Version.Avis.EN_ATTENTE
                        else moment + timedelta(days=3),
                        commentaire="À reprendre : préciser le calendrier."
                        if avis == Version.Avis.A_REPRENDRE
                        else "",
                    )
                )
                self.journal(
                    livrable,
                    type_l,
                    moment,
                    prestataire,
                    "version",
                    f"Version {numero} déposée",
                    "",
                    StatutLivrable.DEPOSE,
                )
                moment = moment + timedelta(days=h.randint(5, 15))
        with dates_donnees(Version):
            self.copier(Version, versions)
        self.rapport.comptes["livrables"] = len(livrables)
        self.etape("versions de livrables", len(versions))

    def ecrire_journal(self):
        with dates_donnees(Evenement):
            self.copier(Evenement, self.evenements)
        self.etape("événements du journal", len(self.evenements))
        self.etape("scellement du journal", sceller())

    def choisir_connexions(self):
        """The service with the most ateliers (or files): the benchmark's agent."""
        compte = defaultdict(int)
        for a in getattr(self, "liste_ateliers", []):
            compte[a.service_pilote_id] += 1
        for c in self.liste_candidatures if not compte else ():
            compte[c.service_id] += 1
        if compte:
            service = max(compte, key=compte.get)
            self.rapport.connexions["agent"] = self.agents[service].email
        # The groupement with the most ateliers: the benchmark's prestataire.
        titulaires = defaultdict(int)
        for a in getattr(self, "liste_ateliers", []):
            titulaires[a.titulaire_id] += 1
        if titulaires:
            titulaire = max(titulaires, key=titulaires.get)
            prestataire = self.prestataires[self.mandataire[titulaire]]
            self.rapport.connexions["prestataire"] = prestataire.email


def peupler(volumes=None, graine=2026, mot_de_passe="AtelierFlash-demo-2026", stockage=None):
    """Create the dataset; return a ``Rapport`` (counts, time per step, accounts)."""
    volumes = volumes or Volumes()
    volumes.verifier()
    if Candidature.objects.exists() or AccordCadre.objects.exists():
        raise BaseNonVide(
            "La base contient déjà des candidatures ou des accords-cadres : le jeu de mesure "
            "se crée dans une base vide (il ne doit jamais se mêler à des données réelles)."
        )
    debut = time.perf_counter()
    g = Generateur(volumes, graine, stockage)
    with transaction.atomic():
        g.organisations()
        if not g.territoires:
            raise ValueError("Aucun département actif : importez d'abord le référentiel.")
        g.comptes(mot_de_passe)
        g.accords_cadres()
        g.candidatures()
        g.dossiers()
        g.ateliers()
        g.bons()
        g.livrables()
        g.ecrire_journal()
        g.choisir_connexions()
    g.rapport.comptes["fichiers"] = g.fichiers
    g.rapport.total = time.perf_counter() - debut
    return g.rapport
