"""The generator's ateliers, attributed in tourniquet order (with the ledger), their planning,
programme, messages and fiche, then one or two bons de commande each."""

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from ateliers.models import (
    PHASES_PLANIFIEES,
    Atelier,
    EtapePlanning,
    MessageAtelier,
    Phase,
    ProgrammeSurSite,
)
from bench.volume.dates import dates_donnees
from bench.volume.generateur import CAMPAGNE
from candidatures.models import Candidature, StatutCandidature
from commandes.models import BonDeCommande, StatutBon, calculer_montants
from commandes.workflow import Action as ActionBon
from livrables.models import FicheSynthetique
from marches.models import Nature, TourDeTourniquet


def ateliers(g):
    h = g.hasard
    attribuees = [c for c in g.liste_candidatures if c.statut == StatutCandidature.ATTRIBUEE]
    type_c = ContentType.objects.get_for_model(Candidature)
    ateliers, tours = [], []
    numeros = defaultdict(int)
    for c in attribuees:
        debut = 2019 if c.annee < 2023 else 2023
        accord, titulaires = g.accords[debut]
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
            phase=phase,
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
        g.liste_ateliers = g.creer(Atelier, ateliers)
        g.creer(TourDeTourniquet, tours)
    for debut, n in numeros.items():
        accord, titulaires = g.accords[debut]
        accord.rang_dernier_servi = titulaires[(n - 1) % len(titulaires)].rang
        accord.save(update_fields=["rang_dernier_servi"])
    type_a = ContentType.objects.get_for_model(Atelier)
    etapes, programmes, fils, fiches = [], [], [], []
    for a in g.liste_ateliers:
        c = a.candidature
        g.journal(
            c,
            type_c,
            a.cree_le,
            c.instructeur,
            "attribution_atelier",
            f"Atelier attribué à « {a.titulaire} »",
            StatutCandidature.ELIGIBLE,
            StatutCandidature.ATTRIBUEE,
        )
        g.journal(
            a, type_a, a.cree_le, c.instructeur, "creation", "Atelier créé", "", Phase.CADRAGE
        )
        moment, avant = a.cree_le, Phase.CADRAGE
        rang_actuel = list(Phase.values).index(a.phase)
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
            g.journal(
                a,
                type_a,
                moment,
                g.agents[a.service_pilote_id],
                "phase",
                f"Phase : {Phase(phase).label}",
                avant,
                phase,
            )
            avant = phase
        prestataire = g.prestataires[g.mandataire[a.titulaire_id]]
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
        for jours, auteur in ((5, g.agents[a.service_pilote_id]), (8, prestataire)):
            fils.append(
                MessageAtelier(
                    atelier=a,
                    auteur=auteur,
                    texte="Nous proposons une réunion de cadrage la semaine prochaine.",
                    date=a.cree_le + timedelta(days=jours),
                )
            )
        if a.phase == Phase.CLOTURE:
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
                    # Validated by the service: the public catalogue shows the atelier.
                    validee_le=a.cree_le,
                    validee_par=g.agents[a.service_pilote_id],
                )
            )
    with dates_donnees(ProgrammeSurSite, MessageAtelier, FicheSynthetique):
        g.copier(EtapePlanning, etapes)
        g.creer(ProgrammeSurSite, programmes)
        g.copier(MessageAtelier, fils)
        g.creer(FicheSynthetique, fiches)
    g.rapport.comptes["messages des ateliers"] = len(fils)
    g.etape("ateliers", len(g.liste_ateliers))


def bons(g):
    h = g.hasard
    type_b = ContentType.objects.get_for_model(BonDeCommande)
    bons = []
    a_creer = g.v.bons
    for passe in (1, 2):
        for a in g.liste_ateliers:
            if a_creer == 0:
                break
            a_creer -= 1
            agent = g.agents[a.service_pilote_id]
            ht = Decimal("20000.00") if passe == 1 else Decimal(h.randrange(2000, 6000))
            tva, ttc = calculer_montants(ht, Decimal("20.00"))
            if a.phase == Phase.CLOTURE:
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
                    motif_annulation="Prestation abandonnée." if statut == StatutBon.ANNULE else "",
                    cree_par=agent,
                    cree_le=a.cree_le,
                    modifie_le=a.cree_le,
                )
            )
    with dates_donnees(BonDeCommande):
        g.liste_bons = g.creer(BonDeCommande, bons)
    for b in g.liste_bons:
        agent = g.agents[b.atelier.service_pilote_id]
        g.journal(
            b,
            type_b,
            b.cree_le,
            agent,
            ActionBon.CREATION,
            ActionBon.CREATION.label,
            "",
            StatutBon.BROUILLON,
        )
        if b.statut != StatutBon.BROUILLON:
            g.journal(
                b,
                type_b,
                b.cree_le + timedelta(days=1),
                agent,
                ActionBon.EMISSION,
                ActionBon.EMISSION.label,
                StatutBon.BROUILLON,
                StatutBon.EMIS,
            )
        if b.statut in (StatutBon.NOTIFIE, StatutBon.EXECUTE):
            g.journal(
                b,
                type_b,
                b.cree_le + timedelta(days=2),
                agent,
                ActionBon.NOTIFICATION,
                ActionBon.NOTIFICATION.label,
                StatutBon.EMIS,
                StatutBon.NOTIFIE,
            )
        if b.statut == StatutBon.EXECUTE:
            g.journal(
                b,
                type_b,
                b.cree_le + timedelta(days=120),
                agent,
                ActionBon.SERVICE_FAIT,
                ActionBon.SERVICE_FAIT.label,
                StatutBon.NOTIFIE,
                StatutBon.EXECUTE,
            )
        if b.statut == StatutBon.ANNULE:  # emitted, then cancelled: its journal ends there too
            g.journal(
                b,
                type_b,
                b.cree_le + timedelta(days=30),
                agent,
                ActionBon.ANNULATION,
                ActionBon.ANNULATION.label,
                StatutBon.EMIS,
                StatutBon.ANNULE,
            )
    g.etape("bons de commande", len(g.liste_bons))
