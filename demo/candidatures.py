"""Demo files at every stage of the review, built through the real transitions, each step
on its own day (``demo.horloge``)."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from candidatures import services, transitions
from candidatures.models import Candidature, Echelle, Piece
from demo.fichiers import pdf_demo
from demo.horloge import le
from referentiels.models import Commune, Thematique

FICHE_SUEUR = {
    "strategie": (
        "Reconvertir le site de l'ancienne filature Sueur en un quartier mixte relié au "
        "centre-ville, sans artificialiser de nouveaux sols."
    ),
    "secteur": "Le site Sueur (environ 20 000 m²) et ses abords, entre la gare et le centre.",
    "enjeux": "Recyclage foncier, patrimoine industriel, lien avec le centre-ville.",
    "problematiques": "Pollution des sols, coût de la déconstruction, portage foncier.",
    "objectifs": "Une OAP dans le PLUi, des études de programmation et de faisabilité.",
    "ref_collectivite_nom": "Service urbanisme de Doullens",
    "ref_collectivite_email": "urbanisme@doullens.example",
    "ref_service_nom": "Camille Lefèvre",
    "ref_service_email": "agent.ddtm80@demo.gouv.fr",
}


def _fiche(cand, agent, themes, acteurs, **champs):
    for nom, valeur in champs.items():
        setattr(cand, nom, valeur)
    cand.save()
    cand.thematiques.set(Thematique.objects.filter(libelle__in=themes))
    for nom, role in acteurs:
        cand.acteurs.create(nom=nom, role=role)
    cand.mettre_a_jour_recherche()


def _lettres(cand, agent):
    for type_piece, nom in (
        (Piece.Type.LETTRE_COLLECTIVITE, "courrier-soutien-maire.pdf"),
        (Piece.Type.LETTRE_PREFET, "courrier-soutien-prefet.pdf"),
    ):
        services.ajouter_piece(
            agent, cand, type_piece, ContentFile(pdf_demo(f"Courrier de soutien - {nom}"), nom)
        )


def _intention(agent, titre, codes, echelle, description, jour):
    existante = Candidature.objects.filter(titre=titre).first()
    if existante:
        return existante, False
    with le(jour, 9, 30):
        cand = transitions.declarer_intention(
            agent,
            titre=titre,
            description=description,
            echelle=echelle,
            communes=list(Commune.objects.filter(code__in=codes)),
        )
    return cand, True


def _fiche_complete(cand, agent, commune):
    _fiche(
        cand,
        agent,
        ["Revitalisation des centres-villes et centres-bourgs", "Offre de logements"],
        [("Conseil municipal", "portage politique"), ("CAUE de la Somme", "expertise")],
        strategie=f"Redonner de l'attractivité au centre de {commune} : habitat, commerces, "
        "espaces publics.",
        secteur=f"Le centre ancien de {commune} et ses entrées.",
        enjeux="Vacance des logements et des commerces, place de la voiture.",
        problematiques="Logements dégradés, rez-de-chaussée commerciaux vides.",
        objectifs="Une feuille de route partagée et une esquisse de plan-guide.",
        ref_collectivite_nom="Direction de l'aménagement",
        ref_collectivite_email="amenagement@mairie.example",
        ref_service_nom=f"{agent.first_name} {agent.last_name}",
        ref_service_email=agent.email,
        # The atelier wished for some four months after the fiche is written.
        periode_debut=(timezone.localdate() + datetime.timedelta(days=120)).replace(day=1),
    )
    _lettres(cand, agent)


def charger_candidatures_demo(agent, agent35, instructeur):
    # An intention waiting for the DGALN.
    _intention(
        agent35,
        "Cœur de bourg de Bain-de-Bretagne",
        ["35012"],
        Echelle.COMMUNE,
        "Le bourg perd ses commerces ; la commune veut une stratégie avant de racheter deux îlots.",
        jour=-6,
    )
    # A confirmed opportunity: the fiche is a draft of the service.
    cand, nouvelle = _intention(
        agent,
        "Entrée de ville nord d'Albert",
        ["80016"],
        Echelle.QUARTIER,
        "Requalifier l'entrée nord, entre zone commerciale et quartiers d'habitat.",
        jour=-40,
    )
    if nouvelle:
        with le(-36, 14):
            transitions.confirmer_opportunite(instructeur, cand, "Bonne idée, allez-y.")
        with le(-20, 11):
            _fiche(
                cand,
                agent,
                ["Requalification des entrées de ville"],
                [],
                strategie="Transformer la route d'entrée en avenue urbaine.",
            )
    # A deposited file, waiting in the DGALN's inbox.
    cand, nouvelle = _intention(
        agent,
        "Revitalisation du centre-bourg d'Abbeville",
        ["80001"],
        Echelle.COMMUNE,
        "Centre ancien en perte de vitesse malgré Action cœur de ville.",
        jour=-70,
    )
    if nouvelle:
        with le(-66, 15):
            transitions.confirmer_opportunite(instructeur, cand)
        with le(-30, 10):
            _fiche_complete(cand, agent, "Abbeville")
        with le(-12, 16):
            transitions.deposer(agent, cand)
    # A file under review, for which the DGALN asked a complement.
    cand, nouvelle = _intention(
        agent35,
        "Friche ferroviaire de Redon",
        ["35236"],
        Echelle.QUARTIER,
        "Une friche de 6 ha entre la gare et le port.",
        jour=-80,
    )
    if nouvelle:
        with le(-76, 11):
            transitions.confirmer_opportunite(instructeur, cand)
        with le(-45, 14):
            _fiche_complete(cand, agent35, "Redon")
        with le(-30, 17):
            transitions.deposer(agent35, cand)
        with le(-27, 9):
            transitions.prendre_en_charge(instructeur, cand)
        with le(-26, 10):
            services.envoyer_message(
                instructeur, cand, "Bonjour, la SNCF est-elle associée à la démarche ?"
            )
        with le(-25, 15):
            transitions.demander_complement(
                instructeur,
                cand,
                message="Précisez les acteurs fonciers (SNCF Immobilier, EPF) et leur rôle.",
                rubriques=["acteurs"],
            )
    # An eligible file, waiting for attribution.
    eligible(
        agent,
        instructeur,
        "Centre-ville de Péronne",
        "80620",
        "Péronne",
        "Recomposer le centre autour des remparts et de l'Historial.",
        motif="Projet mûr, portage politique fort, lettres reçues.",
        jour=-8,
    )


def eligible(agent, instructeur, titre, code, commune, description, jour, motif=None):
    """A file declared eligible ``jour`` days from today (created once, its intention some
    three months before): return it and whether it is new."""
    cand, nouvelle = _intention(agent, titre, [code], Echelle.COMMUNE, description, jour - 95)
    if nouvelle:
        with le(jour - 90, 14):
            transitions.confirmer_opportunite(instructeur, cand)
        with le(jour - 45, 10):
            _fiche_complete(cand, agent, commune)
        with le(jour - 20, 16):
            transitions.deposer(agent, cand)
        with le(jour - 15, 9):
            transitions.prendre_en_charge(instructeur, cand)
        with le(jour, 11):
            transitions.declarer_eligible(
                instructeur, cand, motif or "Dossier complet, projet mûr."
            )
    return cand, nouvelle
