"""What the generated files go through: the states of a past or current campaign with their
weights, each file's journal step by step, the titles and the kinds of livrables."""

from candidatures.models import StatutCandidature
from candidatures.workflow import CANDIDATURE, Action
from livrables.models import Type as TypeLivrable

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
    (StatutCandidature.NON_ELIGIBLE, 5),
    (StatutCandidature.SANS_SUITE, 4),
    (StatutCandidature.OPPORTUNITE_DECLINEE, 3),
)
EN_COURS = (
    (StatutCandidature.INTENTION, 3),
    (StatutCandidature.BROUILLON, 4),
    (StatutCandidature.DEPOSEE, 3),
    (StatutCandidature.EN_INSTRUCTION, 3),
    (StatutCandidature.COMPLEMENT_DEMANDE, 2),
    (StatutCandidature.ELIGIBLE, 2),
    (StatutCandidature.NON_ELIGIBLE, 1),
    (StatutCandidature.SANS_SUITE, 1),
)

# The actions a file went through to reach each state, in order. Each step's label and states
# are read from the workflow's table (``journal_de``), so the generator cannot drift from it.
A = Action
_INSTRUIT = [A.INTENTION, A.OPPORTUNITE_CONFIRMEE, A.DEPOT, A.PRISE_EN_CHARGE]
PARCOURS = {
    StatutCandidature.INTENTION: [A.INTENTION],
    StatutCandidature.OPPORTUNITE_DECLINEE: [A.INTENTION, A.OPPORTUNITE_DECLINEE],
    StatutCandidature.BROUILLON: [A.INTENTION, A.OPPORTUNITE_CONFIRMEE],
    StatutCandidature.DEPOSEE: [A.INTENTION, A.OPPORTUNITE_CONFIRMEE, A.DEPOT],
    StatutCandidature.EN_INSTRUCTION: _INSTRUIT,
    StatutCandidature.COMPLEMENT_DEMANDE: [*_INSTRUIT, A.COMPLEMENT_DEMANDE],
    StatutCandidature.ELIGIBLE: [*_INSTRUIT, A.ELIGIBLE],
    StatutCandidature.NON_ELIGIBLE: [*_INSTRUIT, A.NON_ELIGIBLE],
    StatutCandidature.SANS_SUITE: [*_INSTRUIT, A.SANS_SUITE],
    # The attribution itself is journaled with the atelier (``Generateur.ateliers``).
    StatutCandidature.ATTRIBUEE: [*_INSTRUIT, A.ELIGIBLE],
}


def journal_de(parcours):
    """``[(action, label, state before, state after)]`` of a path, from the table; a step the
    table does not allow from the state reached is an error."""
    etapes, etat = [], ""
    for action in parcours:
        t = CANDIDATURE[action]
        if t.creation:
            apres = t.vers
        elif etat in t.depuis:
            apres = t.cible(etat)
        else:
            raise ValueError(f"{action} n'est pas possible depuis « {etat} »")
        etapes.append((action, action.label, etat, apres))
        etat = apres
    return etapes


DEPOSES = {s for s, etapes in PARCOURS.items() if A.DEPOT in etapes}

TYPES_LIVRABLES = (
    TypeLivrable.FEUILLE_DE_ROUTE,
    TypeLivrable.PLAN_GUIDE,
    TypeLivrable.CAHIER_DES_CHARGES,
    TypeLivrable.FICHE_SYNTHETIQUE,
    TypeLivrable.COMMUNICATION,
    TypeLivrable.CHARTE,
)
