"""The generator's files: candidatures over every state and campaign, with their communes,
themes and programmes, then their deposits, signed letters, complement requests, messages and
journal."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType

from bench.volume.dates import dates_donnees
from bench.volume.generateur import ANNEES, CAMPAGNE, DOMAINE, PDF, instant
from bench.volume.parcours import (
    DEPOSES,
    EN_COURS,
    ISSUES_PASSEES,
    PARCOURS,
    SUJETS,
    journal_de,
)
from candidatures.models import (
    Candidature,
    DemandeComplement,
    Depot,
    Echelle,
    Message,
    Piece,
    StatutCandidature,
)
from candidatures.recherche import texte_recherche
from candidatures.workflow import Action


def candidatures(g):
    h, v = g.hasard, g.v
    statuts = [StatutCandidature.ATTRIBUEE] * v.ateliers
    reste = v.candidatures - v.ateliers
    passees = int(reste * 0.7)
    statuts += h.choices([s for s, _ in ISSUES_PASSEES], [p for _, p in ISSUES_PASSEES], k=passees)
    statuts += h.choices([s for s, _ in EN_COURS], [p for _, p in EN_COURS], k=reste - passees)
    objets, territoires = [], []
    for i, statut in enumerate(statuts):
        dep, service, communes = g.territoires[i % len(g.territoires)]
        if statut in dict(EN_COURS) and i >= v.ateliers + passees:
            annee = CAMPAGNE
        elif statut == StatutCandidature.ATTRIBUEE:
            annee = ANNEES[i % len(ANNEES)]
        else:
            annee = h.choice(ANNEES[:-1])
        choisies = h.sample(communes, min(len(communes), h.choice((1, 1, 1, 2, 3))))
        lieu = choisies[0].nom if choisies else dep.nom
        epci = choisies[0].epci if choisies and choisies[0].epci_id else None
        titre = h.choice(SUJETS).format(lieu)
        cree = instant(h, annee)
        c = Candidature(
            titre=titre,
            description=f"Atelier sur {lieu} ({dep.nom}) : projet d'aménagement à relancer.",
            annee=annee,
            statut=statut,
            echelle=h.choice(Echelle.values),
            service=service,
            epci=epci,
            cree_par=g.agents[service.pk],
            cree_le=cree,
            modifie_le=cree,
        )
        if statut not in (StatutCandidature.INTENTION, StatutCandidature.OPPORTUNITE_DECLINEE):
            c.strategie = "Conforter la centralité et sobriété foncière."
            c.enjeux = "Vacance commerciale, friches, mobilités, adaptation au climat."
            c.objectifs = "Une feuille de route partagée et un plan-guide."
            c.ref_collectivite_nom = "Camille Martin"
            c.ref_collectivite_fonction = "Maire"
            c.ref_collectivite_email = f"mairie{i}@exemple.fr"
            c.ref_service_nom = "Dominique Bernard"
            c.ref_service_email = f"agent.{service.pk}@{DOMAINE}"
        if statut in DEPOSES:
            c.date_premier_depot = instant(h, annee, cree)
            c.date_dernier_depot = c.date_premier_depot
            c.instructeur = g.instructeurs[i % len(g.instructeurs)]
            if statut in (
                StatutCandidature.ELIGIBLE,
                StatutCandidature.NON_ELIGIBLE,
                StatutCandidature.SANS_SUITE,
                StatutCandidature.ATTRIBUEE,
            ):
                # After the prise en charge (1 to 10 days after the deposit).
                c.date_decision = instant(h, annee, c.date_premier_depot, jours=(15, 60))
                c.motif_decision = "Décision prise au vu du dossier."
            c.modifie_le = c.date_decision or c.date_premier_depot
        c.recherche = texte_recherche(c, communes=choisies)
        objets.append(c)
        territoires.append(choisies)
    with dates_donnees(Candidature):
        g.liste_candidatures = g.creer(Candidature, objets)
    lien_communes = Candidature.communes.through
    lien_thematiques = Candidature.thematiques.through
    lien_programmes = Candidature.programmes_anct.through
    g.copier(
        lien_communes,
        [
            lien_communes(candidature_id=c.pk, commune_id=x.code)
            for c, choisies in zip(g.liste_candidatures, territoires, strict=True)
            for x in choisies
        ],
    )
    g.copier(
        lien_thematiques,
        [
            lien_thematiques(candidature_id=c.pk, thematique_id=t)
            for c in g.liste_candidatures
            if c.statut not in (StatutCandidature.INTENTION, StatutCandidature.OPPORTUNITE_DECLINEE)
            for t in h.sample(g.thematiques, min(len(g.thematiques), 2))
        ],
    )
    if g.programmes:
        g.copier(
            lien_programmes,
            [
                lien_programmes(candidature_id=c.pk, programmeanct_id=h.choice(g.programmes))
                for c in g.liste_candidatures[::3]
            ],
        )
    g.etape("candidatures", len(g.liste_candidatures))


def dossiers(g):
    """Deposits, signed letters, complement requests, messages and the files' journal."""
    h = g.hasard
    type_c = ContentType.objects.get_for_model(Candidature)
    depots, pieces, demandes, messages = [], [], [], []
    for c in g.liste_candidatures:
        agent = g.agents[c.service_id]
        moment = c.cree_le
        for action, libelle, avant, apres in journal_de(PARCOURS[c.statut]):
            if action == Action.DEPOT:
                moment = c.date_premier_depot
            elif action in (Action.ELIGIBLE, Action.NON_ELIGIBLE, Action.SANS_SUITE):
                moment = c.date_decision
            elif action != Action.INTENTION:
                moment = moment + timedelta(days=h.randint(1, 10))
            dgaln = action not in (Action.INTENTION, Action.DEPOT)
            g.journal(
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
                    fichier=g.fichier("candidatures/pieces", c.annee),
                    nom_fichier=f"{type_piece}.pdf",
                    type_mime="application/pdf",
                    taille=len(PDF),
                    ajoutee_par=agent,
                    ajoutee_le=c.date_premier_depot,
                )
            )
        if c.statut == StatutCandidature.COMPLEMENT_DEMANDE:
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
        g.creer(Depot, depots)
        g.copier(Piece, pieces)
        g.copier(DemandeComplement, demandes)
        g.copier(Message, messages)
    g.rapport.comptes["pièces"] = len(pieces)
    g.rapport.comptes["messages des dossiers"] = len(messages)
    g.etape("dépôts et pièces", len(depots))
