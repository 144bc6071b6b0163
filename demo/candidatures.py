"""Demo files at every stage of the review, built through the real transitions."""

from django.core.files.base import ContentFile

from candidatures import services, transitions
from candidatures.models import Candidature, Echelle, Piece
from demo.fichiers import pdf_demo
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


def _intention(agent, titre, codes, echelle, description):
    existante = Candidature.objects.filter(titre=titre).first()
    if existante:
        return existante, False
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
        periode_debut=cand.cree_le.date().replace(month=3, day=1, year=cand.annee + 1),
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
    )
    # A confirmed opportunity: the fiche is a draft of the service.
    cand, nouvelle = _intention(
        agent,
        "Entrée de ville nord d'Albert",
        ["80016"],
        Echelle.QUARTIER,
        "Requalifier l'entrée nord, entre zone commerciale et quartiers d'habitat.",
    )
    if nouvelle:
        transitions.confirmer_opportunite(instructeur, cand, "Bonne idée, allez-y.")
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
    )
    if nouvelle:
        transitions.confirmer_opportunite(instructeur, cand)
        _fiche_complete(cand, agent, "Abbeville")
        transitions.deposer(agent, cand)
    # A file under review, for which the DGALN asked a complement.
    cand, nouvelle = _intention(
        agent35,
        "Friche ferroviaire de Redon",
        ["35236"],
        Echelle.QUARTIER,
        "Une friche de 6 ha entre la gare et le port.",
    )
    if nouvelle:
        transitions.confirmer_opportunite(instructeur, cand)
        _fiche_complete(cand, agent35, "Redon")
        transitions.deposer(agent35, cand)
        transitions.prendre_en_charge(instructeur, cand)
        services.envoyer_message(
            instructeur, cand, "Bonjour, la SNCF est-elle associée à la démarche ?"
        )
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
    )


def eligible(agent, instructeur, titre, code, commune, description, motif=None):
    """An eligible file (created once): return it and whether it is new."""
    cand, nouvelle = _intention(agent, titre, [code], Echelle.COMMUNE, description)
    if nouvelle:
        transitions.confirmer_opportunite(instructeur, cand)
        _fiche_complete(cand, agent, commune)
        transitions.deposer(agent, cand)
        transitions.prendre_en_charge(instructeur, cand)
        transitions.declarer_eligible(instructeur, cand, motif or "Dossier complet, projet mûr.")
    return cand, nouvelle
