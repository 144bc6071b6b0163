# The atelier's life is tested with the same people as its livrables.
from tests.livrables.conftest import (  # noqa: F401
    accord,
    agent,
    atelier,
    autre_agent,
    autre_prestataire,
    fabrique_bon,
    instructeur,
    titulaire_user,
)
