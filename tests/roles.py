"""The seven roles of the access matrices, and the people who play them around an atelier."""

from tests.factories import AtelierFactory, MembreFactory, UserFactory

ROLES = [
    "anonyme",
    "service_pilote",
    "autre_service",
    "instructeur",
    "administrateur",
    "titulaire",
    "autre_titulaire",
]


def personnes(agent, titulaire_user):
    """One person per role: the atelier's pilot agent and titulaire user, and the agent and
    prestataire of another atelier (another service, another groupement)."""
    autre_atelier = AtelierFactory()
    MembreFactory(titulaire=autre_atelier.titulaire)
    return {
        "anonyme": None,
        "service_pilote": agent,
        "autre_service": UserFactory(organisation=autre_atelier.service_pilote),
        "instructeur": UserFactory(instructeur=True),
        "administrateur": UserFactory(administrateur=True),
        "titulaire": titulaire_user,
        "autre_titulaire": UserFactory(
            prestataire=True,
            organisation=autre_atelier.titulaire.membres.first().organisation,
        ),
    }
