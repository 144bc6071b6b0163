"""The nine roles of the access matrices, and the people who play them around an atelier."""

from tests.factories import AtelierFactory, MembreFactory, UserFactory, coporteur

ROLES = [
    "anonyme",
    "service_pilote",
    "autre_service",
    "instructeur",
    "administrateur",
    "titulaire",
    "autre_titulaire",
    "collectivite",
    "autre_collectivite",
]


def personnes(agent, titulaire_user):
    """One person per role: the atelier's pilot agent and titulaire user, a member of the
    collectivité co-porteur of its file, and the agent, prestataire and collectivité of another
    atelier (another service, another groupement, another commune)."""
    autre_atelier = AtelierFactory()
    MembreFactory(titulaire=autre_atelier.titulaire)
    atelier = agent.organisation.ateliers_pilotes.order_by("pk").first()
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
        "collectivite": coporteur(atelier.candidature)
        if atelier
        else UserFactory(collectivite=True),
        "autre_collectivite": coporteur(autre_atelier.candidature),
    }
