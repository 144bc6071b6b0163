"""What the generated files go through: the states of a past or current campaign with their
weights, each file's journal step by step, the titles and the kinds of livrables."""

from candidatures.models import StatutCandidature
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

# The journal of a file, step by step: (action, label, state before, state after).
ETAPES = {
    "intention": (
        "intention",
        "Intention de candidature déclarée",
        "",
        StatutCandidature.INTENTION,
    ),
    "opportunite": (
        "opportunite",
        "Opportunité confirmée : la fiche peut être remplie",
        StatutCandidature.INTENTION,
        StatutCandidature.BROUILLON,
    ),
    "declin": (
        "opportunite_declinee",
        "Opportunité déclinée",
        StatutCandidature.INTENTION,
        StatutCandidature.OPPORTUNITE_DECLINEE,
    ),
    "depot": ("depot", "Dossier déposé", StatutCandidature.BROUILLON, StatutCandidature.DEPOSEE),
    "prise": (
        "prise_en_charge",
        "Dossier pris en charge",
        StatutCandidature.DEPOSEE,
        StatutCandidature.EN_INSTRUCTION,
    ),
    "complement": (
        "complement",
        "Complément demandé",
        StatutCandidature.EN_INSTRUCTION,
        StatutCandidature.COMPLEMENT_DEMANDE,
    ),
    "eligible": (
        "eligible",
        "Dossier éligible",
        StatutCandidature.EN_INSTRUCTION,
        StatutCandidature.ELIGIBLE,
    ),
    "non_eligible": (
        "non_eligible",
        "Dossier non éligible",
        StatutCandidature.EN_INSTRUCTION,
        StatutCandidature.NON_ELIGIBLE,
    ),
    "sans_suite": (
        "sans_suite",
        "Dossier classé sans suite",
        StatutCandidature.EN_INSTRUCTION,
        StatutCandidature.SANS_SUITE,
    ),
}
PARCOURS = {
    StatutCandidature.INTENTION: ["intention"],
    StatutCandidature.OPPORTUNITE_DECLINEE: ["intention", "declin"],
    StatutCandidature.BROUILLON: ["intention", "opportunite"],
    StatutCandidature.DEPOSEE: ["intention", "opportunite", "depot"],
    StatutCandidature.EN_INSTRUCTION: ["intention", "opportunite", "depot", "prise"],
    StatutCandidature.COMPLEMENT_DEMANDE: [
        "intention",
        "opportunite",
        "depot",
        "prise",
        "complement",
    ],
    StatutCandidature.ELIGIBLE: ["intention", "opportunite", "depot", "prise", "eligible"],
    StatutCandidature.NON_ELIGIBLE: ["intention", "opportunite", "depot", "prise", "non_eligible"],
    StatutCandidature.SANS_SUITE: ["intention", "opportunite", "depot", "prise", "sans_suite"],
    # The attribution itself is journaled with the atelier (``Generateur.ateliers``).
    StatutCandidature.ATTRIBUEE: ["intention", "opportunite", "depot", "prise", "eligible"],
}
DEPOSES = {s for s, etapes in PARCOURS.items() if "depot" in etapes}

TYPES_LIVRABLES = (
    TypeLivrable.FEUILLE_DE_ROUTE,
    TypeLivrable.PLAN_GUIDE,
    TypeLivrable.CAHIER_DES_CHARGES,
    TypeLivrable.FICHE_SYNTHETIQUE,
    TypeLivrable.COMMUNICATION,
    TypeLivrable.CHARTE,
)
