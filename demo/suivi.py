"""The follow-up of the demo ateliers, each at a phase of its life, with their livrables,
built through the real transitions, each step on the day the planning says
(``demo.horloge``).

- Ham (Ville Ouverte): on site in the past, now producing its livrables; the feuille de route
  was sent back once then validated; the esquisse de plan-guide is late.
- Vitré (Atelier de l'Ourcq): in cadrage, its on-site programme proposed to the DDTM 35.
- Corbie (POLAU): in cadrage, programme being drafted, a planning longer than 8 months.
- Doullens, site Sueur (Ville Ouverte, 2023–2024): closed, as on the ministry's public page.
"""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from ateliers import services as services_atelier
from ateliers import transitions as atelier
from ateliers.models import Atelier, Phase, ProgrammeSurSite
from ateliers.workflow import Action as ActionAtelier
from comptes.models import User
from demo.fichiers import pdf_demo
from demo.horloge import au, jour, le
from journal.models import enregistrer
from livrables import services as redaction
from livrables import transitions as livrables
from livrables.models import FicheSynthetique, Livrable, Priorite, StatutLivrable, Type, Version
from referentiels.models import Thematique


def _pdf(nom, titre):
    return ContentFile(pdf_demo(titre), name=nom)


def _theme(libelle):
    return Thematique.objects.get(libelle=libelle)


AXES_HAM = [
    (
        "Relier le centre, le canal et la gare",
        [
            (
                "Aménager une promenade le long du canal",
                "Mobilités",
                Priorite.MOYEN,
                "Commune de Ham",
                "350000",
            ),
            (
                "Requalifier l'avenue de la gare en zone de rencontre",
                "Mobilités",
                Priorite.COURT,
                "Commune de Ham",
                "120000",
            ),
        ],
    ),
    (
        "Redonner envie d'habiter le cœur de ville",
        [
            (
                "Lancer une OPAH-RU sur le centre ancien",
                "Offre de logements",
                Priorite.COURT,
                "CC de l'Est de la Somme",
                "60000",
            ),
            (
                "Reconvertir l'ancienne sucrerie en logements et ateliers",
                "Reconversion des friches",
                Priorite.LONG,
                "EPF Hauts-de-France",
                None,
            ),
        ],
    ),
    (
        "Faire du commerce un atout",
        [
            (
                "Créer une boutique à l'essai place de l'Hôtel de ville",
                "Revitalisation des centres-villes et centres-bourgs",
                Priorite.COURT,
                "Commune de Ham",
                "15000",
            ),
        ],
    ),
]


def _feuille_de_route(equipe, at, axes):
    for titre, actions in axes:
        axe = redaction.enregistrer_axe(equipe, at, titre=titre)
        for intitule, theme, priorite, porteur, cout in actions:
            redaction.enregistrer_action(
                equipe,
                axe,
                intitule=intitule,
                thematique=_theme(theme),
                priorite=priorite,
                porteur=porteur,
                cout_estime=cout,
            )


def _programme(equipe, at, premier, lieu, arpentage, tables):
    services_atelier.modifier_programme(
        equipe,
        at,
        premier_jour=premier,
        dernier_jour=premier + datetime.timedelta(days=1),
        lieu=lieu,
        deroule=(
            "Jour 1 — 9 h 30 accueil et introduction par le maire ; 10 h 30–13 h arpentage ; "
            "14 h–17 h 30 tables de travail.\n"
            "Jour 2 — 9 h–12 h tables de travail ; 14 h–16 h restitution à chaud en mairie."
        ),
        arpentage=arpentage,
        invites="Maire et adjoints, intercommunalité, CAUE, EPF, commerçants, habitants.",
        tables=tables,
    )


def _ham(agent, equipe, instructeur, at):
    with le(-108, 15):
        atelier.planifier(
            equipe,
            at,
            {
                Phase.CADRAGE: (jour(-110), jour(-50)),
                Phase.ANIMATION: (jour(-45), jour(-44)),
                Phase.PRODUCTION: (jour(-40), jour(20)),
                Phase.RESTITUTION: (jour(30), jour(60)),
            },
        )
    with le(-70, 10):
        _programme(
            equipe,
            at,
            jour(-45),
            "Salle des fêtes de Ham",
            "Gare, avenue de la gare, canal de la Somme, place de l'Hôtel de ville, sucrerie.",
            "Relier les quartiers ; habiter le centre ; commerce et vie locale.",
        )
    with le(-68, 16):
        atelier.proposer_programme(equipe, at)
    with le(-62, 11):
        atelier.valider_programme(agent, at, "Pensez à inviter l'EPF à la table habitat.")
    with le(-45, 9):
        atelier.avancer(equipe, at, jour(-45))
    with le(-44, 17, 30):
        atelier.avancer(equipe, at, jour(-44), "Deux jours riches, 45 participants.")
    with le(-43, 10):
        services_atelier.ecrire(
            equipe, at, "Les comptes rendus des tables sont en ligne dans la feuille de route."
        )
    with le(-42, 14):
        services_atelier.ecrire(
            agent, at, "Merci ! La commune souhaite une présentation en conseil municipal."
        )
    with le(-41, 10):
        feuille = livrables.ajouter(agent, at, Type.FEUILLE_DE_ROUTE, jour(-10))
        livrables.ajouter(agent, at, Type.PLAN_GUIDE, jour(-3))
        livrables.ajouter(agent, at, Type.FICHE_SYNTHETIQUE, jour(25))
    with le(-13, 18):
        livrables.deposer(equipe, feuille, _pdf("feuille-de-route-v1.pdf", "Feuille de route v1"))
    with le(-11, 9, 45):
        livrables.demander_reprise(
            agent, feuille, "Chiffrez les actions de court terme et nommez leurs porteurs."
        )
    with le(-7, 17):
        livrables.deposer(
            equipe,
            feuille,
            _pdf("feuille-de-route-v2.pdf", "Feuille de route v2"),
            "Actions chiffrées, porteurs précisés.",
        )
    with le(-5, 10):
        livrables.valider(agent, feuille, "Parfait, merci.")
    with le(-4, 15):
        _feuille_de_route(equipe, at, AXES_HAM)
    with le(-3, 11):
        redaction.enregistrer_fiche(
            equipe,
            at,
            annee=jour(0).year,
            territoire="Ham (Somme)",
            maitrise_ouvrage="DDTM de la Somme, commune de Ham",
            contexte="Une ville de 4 500 habitants entre canal et gare, au centre ancien fragile.",
            enjeux="Relier les quartiers, ramener des habitants et du commerce au centre.",
            productions="Une feuille de route en trois axes et une esquisse de plan-guide.",
            suites="Étude de programmation de la sucrerie ; candidature à une OPAH-RU.",
        )


def _vitre(agent35, equipe, at):
    with le(-19, 10):
        atelier.planifier(
            equipe,
            at,
            {
                Phase.CADRAGE: (jour(-20), jour(30)),
                Phase.ANIMATION: (jour(35), jour(36)),
                Phase.PRODUCTION: (jour(40), jour(100)),
                Phase.RESTITUTION: (jour(110), jour(140)),
            },
        )
    with le(-18, 14):
        livrables.ajouter(agent35, at, Type.FEUILLE_DE_ROUTE, jour(100))
        livrables.ajouter(agent35, at, Type.FICHE_SYNTHETIQUE, jour(130))
    with le(-6, 11):
        _programme(
            equipe,
            at,
            jour(35),
            "Centre culturel de Vitré",
            "Rocade, zone commerciale de la route de Rennes, entrée de ville est, boulevards.",
            "Paysage de l'entrée de ville ; mutation des zones commerciales ; mobilités.",
        )
    with le(-5, 16):
        atelier.proposer_programme(equipe, at, "Nous proposons deux demi-journées d'arpentage.")


def _corbie(agent, at):
    with le(-1, 10):
        atelier.planifier(
            agent,
            at,
            {
                Phase.CADRAGE: (jour(-2), jour(60)),
                Phase.ANIMATION: (jour(70), jour(72)),
                Phase.PRODUCTION: (jour(80), jour(220)),
                Phase.RESTITUTION: (jour(230), jour(280)),
            },
        )


SUEUR = {
    "annee": 2024,
    "territoire": "Doullens (Somme)",
    "maitrise_ouvrage": "DDT 80, CC Territoire Nord Picardie, commune de Doullens",
    "contexte": (
        "L'ancienne filature Sueur, environ 20 000 m² au cœur de Doullens, est vacante. Le "
        "territoire s'est engagé dans une expérimentation « zéro artificialisation nette »."
    ),
    "enjeux": (
        "Reconvertir le site sans consommer de nouveaux sols, le relier au centre-ville et à "
        "la gare, valoriser le patrimoine industriel."
    ),
    "productions": (
        "Une orientation d'aménagement et de programmation (OAP) pour le PLUi et le cahier "
        "des charges des études de programmation et de faisabilité."
    ),
    "suites": "Études de programmation et de faisabilité ; inscription de l'OAP au PLUi.",
}


def _sueur(equipe):
    """The 2023–2024 atelier, recorded as closed (its work predates the portal)."""
    at = Atelier.objects.filter(candidature__titre="Reconquête du site Sueur").first()
    if at is None or at.phase == Phase.CLOTURE:
        return
    if not at.planning.exists():
        at.preparer_suivi()
    dates = {
        Phase.CADRAGE: (datetime.date(2023, 8, 28), datetime.date(2024, 1, 28)),
        Phase.ANIMATION: (datetime.date(2024, 1, 29), datetime.date(2024, 1, 30)),
        Phase.PRODUCTION: (datetime.date(2024, 1, 31), datetime.date(2024, 3, 1)),
        Phase.RESTITUTION: (datetime.date(2024, 3, 4), datetime.date(2024, 3, 29)),
    }
    for etape in at.planning.all():
        debut, fin = dates[etape.phase]
        etape.debut_prevu = etape.debut_reel = debut
        etape.fin_prevue = etape.fin_reelle = fin
        etape.save()
    ProgrammeSurSite.objects.filter(atelier=at).update(
        statut=ProgrammeSurSite.Statut.VALIDE,
        premier_jour=datetime.date(2024, 1, 29),
        dernier_jour=datetime.date(2024, 1, 30),
        lieu="Doullens",
        deroule="Visite du site et atelier les 29 et 30 janvier 2024.",
        arpentage="Site de la filature Sueur, gare, centre-ville.",
        invites="Commune, intercommunalité, DDT 80, EPF, habitants.",
        tables="Programmation ; foncier et pollution ; liens avec le centre.",
    )
    agent = User.objects.get(email="agent.ddtm80@demo.gouv.fr")
    with au(_moment(2024, 3, 15, 16)):
        for type_livrable, nom in (
            (Type.FEUILLE_DE_ROUTE, "feuille-de-route-sueur.pdf"),
            (Type.CAHIER_DES_CHARGES, "cahier-des-charges-etudes-sueur.pdf"),
            (Type.FICHE_SYNTHETIQUE, "fiche-synthetique-sueur.pdf"),
        ):
            livrable = Livrable.objects.create(
                atelier=at,
                type=type_livrable,
                echeance=datetime.date(2024, 3, 15),
                statut=StatutLivrable.VALIDE,
                cree_par=agent,
            )
            Version.objects.create(
                livrable=livrable,
                numero=1,
                fichier=_pdf(nom, nom),
                nom_fichier=nom,
                type_mime="application/pdf",
                taille=len(pdf_demo(nom)),
                deposee_par=equipe,
                avis=Version.Avis.VALIDEE,
                avis_par=agent,
            )
    with au(_moment(2024, 4, 2, 10)):
        # Validated by the service: the public catalogue shows the atelier.
        FicheSynthetique.objects.create(
            atelier=at,
            modifie_par=equipe,
            validee_le=timezone.now(),
            validee_par=agent,
            **SUEUR,
        )
    at.phase = Phase.CLOTURE
    at.date_cloture = datetime.date(2024, 3, 29)
    at.exemple_inspirant = True
    at.save()
    with au(_moment(2024, 3, 29, 17)):
        enregistrer(
            at,
            None,
            ActionAtelier.CLOTURE,
            "Atelier clôturé le 29 mars 2024 (repris de l'historique du programme)",
            Phase.CADRAGE,
            Phase.CLOTURE,
        )


def _moment(annee, mois, jour_du_mois, heure):
    return timezone.make_aware(datetime.datetime(annee, mois, jour_du_mois, heure))


def charger_suivi_demo(agent, agent35, instructeur, ham, vitre, corbie):
    ville_ouverte = User.objects.get(email="prestataire@ville-ouverte.demo")
    ourcq = User.objects.get(email="prestataire@atelier-ourcq.demo")
    _ham(agent, ville_ouverte, instructeur, ham)
    _vitre(agent35, ourcq, vitre)
    _corbie(agent, corbie)
    _sueur(ville_ouverte)
