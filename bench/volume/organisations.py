"""First steps of the generator: the territories and their services, the accounts (agents,
instructeurs, an administrator) and two accords-cadres with their groupements."""

from collections import defaultdict
from datetime import datetime
from decimal import Decimal

from django.contrib.auth.hashers import make_password

from bench.volume.generateur import DOMAINE
from comptes.models import Organisation, Role, User
from comptes.roles import synchroniser_groupe
from comptes.services_deconcentres import generer_services_deconcentres
from marches.models import AccordCadre, MembreGroupement, Titulaire
from referentiels.models import Commune, Departement, ProgrammeANCT, Thematique
from referentiels.programme import creer_thematiques_et_programmes


def organisations(g):
    creer_thematiques_et_programmes()
    generer_services_deconcentres()
    g.thematiques = list(Thematique.objects.filter(actif=True).values_list("pk", flat=True))
    g.programmes = list(ProgrammeANCT.objects.filter(actif=True).values_list("pk", flat=True))
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
    if g.v.departements:
        # A few départements: those with communes in the référentiel first.
        departements.sort(key=lambda d: (d.code not in communes, d.code))
        departements = departements[: g.v.departements]
    # Each département and the service that files for it (its DDT(M), or the DEAL or
    # DRIEAT of its region), with its communes.
    g.territoires = []
    for dep in departements:
        service = par_departement.get(dep.code) or par_region.get(dep.region_id)
        if service is not None:
            g.territoires.append((dep, service, communes.get(dep.code, [])))
    g.dgaln, _ = Organisation.objects.get_or_create(
        type=Organisation.Type.DGALN, defaults={"nom": "DGALN — bureau AD1"}
    )
    g.etape("organisations", len(g.territoires))


def comptes(g, mot_de_passe):
    empreinte = make_password(mot_de_passe)
    services = list(dict.fromkeys(s for _, s, _ in g.territoires))
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
            organisation=g.dgaln,
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
            organisation=g.dgaln,
            password=empreinte,
            is_staff=True,
        )
    )
    g.creer(User, comptes)
    cree = {u.email: u for u in User.objects.filter(email__endswith=f"@{DOMAINE}")}
    g.agents = {s.pk: cree[f"agent.{s.pk}@{DOMAINE}"] for s in services}
    g.instructeurs = [cree[f"instructeur.{i}@{DOMAINE}"] for i in range(1, 9)]
    g.rapport.connexions["instructeur"] = g.instructeurs[0].email
    g.rapport.connexions["administrateur"] = f"administrateur@{DOMAINE}"
    g.empreinte = empreinte
    g.etape("comptes", len(comptes))


def accords_cadres(g):
    """Two accords-cadres (2019–2022, expired, and 2023–2026, in force), each with three
    groupements whose mandataire company has one prestataire account."""
    g.accords = {}
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
        titulaires = g.creer(
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
        g.accords[debut] = (accord, titulaires)
    societes = g.creer(Organisation, societes)
    for (accord, titulaires), lot in zip(
        g.accords.values(), (societes[:3], societes[3:]), strict=True
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
                    password=g.empreinte,
                )
            )
    g.creer(MembreGroupement, membres)
    g.creer(User, prestataires)
    for u in User.objects.filter(email__endswith=f"@{DOMAINE}"):
        synchroniser_groupe(u)  # what ``User.save`` does, skipped by bulk_create
    g.prestataires = {
        u.organisation_id: u
        for u in User.objects.filter(role=Role.PRESTATAIRE).filter(email__endswith=f"@{DOMAINE}")
    }
    g.mandataire = {m.titulaire_id: m.organisation_id for m in membres}
    g.rapport.connexions["prestataire"] = prestataires[-1].email
    g.etape("accords-cadres", len(g.accords))
