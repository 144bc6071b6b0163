"""What the generated files go through: the states of a past or current campaign with their
weights, each file's journal step by step, the titles and the kinds of livrables."""

from candidatures.models import Statut
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
    (Statut.NON_ELIGIBLE, 5),
    (Statut.SANS_SUITE, 4),
    (Statut.OPPORTUNITE_DECLINEE, 3),
)
EN_COURS = (
    (Statut.INTENTION, 3),
    (Statut.BROUILLON, 4),
    (Statut.DEPOSEE, 3),
    (Statut.EN_INSTRUCTION, 3),
    (Statut.COMPLEMENT_DEMANDE, 2),
    (Statut.ELIGIBLE, 2),
    (Statut.NON_ELIGIBLE, 1),
    (Statut.SANS_SUITE, 1),
)

# The journal of a file, step by step: (action, label, state before, state after).
ETAPES = {
    "intention": ("intention", "Intention de candidature déclarée", "", Statut.INTENTION),
    "opportunite": (
        "opportunite",
        "Opportunité confirmée : la fiche peut être remplie",
        Statut.INTENTION,
        Statut.BROUILLON,
    ),
    "declin": (
        "opportunite_declinee",
        "Opportunité déclinée",
        Statut.INTENTION,
        Statut.OPPORTUNITE_DECLINEE,
    ),
    "depot": ("depot", "Dossier déposé", Statut.BROUILLON, Statut.DEPOSEE),
    "prise": ("prise_en_charge", "Dossier pris en charge", Statut.DEPOSEE, Statut.EN_INSTRUCTION),
    "complement": (
        "complement",
        "Complément demandé",
        Statut.EN_INSTRUCTION,
        Statut.COMPLEMENT_DEMANDE,
    ),
    "eligible": ("eligible", "Dossier éligible", Statut.EN_INSTRUCTION, Statut.ELIGIBLE),
    "non_eligible": (
        "non_eligible",
        "Dossier non éligible",
        Statut.EN_INSTRUCTION,
        Statut.NON_ELIGIBLE,
    ),
    "sans_suite": (
        "sans_suite",
        "Dossier classé sans suite",
        Statut.EN_INSTRUCTION,
        Statut.SANS_SUITE,
    ),
}
PARCOURS = {
    Statut.INTENTION: ["intention"],
    Statut.OPPORTUNITE_DECLINEE: ["intention", "declin"],
    Statut.BROUILLON: ["intention", "opportunite"],
    Statut.DEPOSEE: ["intention", "opportunite", "depot"],
    Statut.EN_INSTRUCTION: ["intention", "opportunite", "depot", "prise"],
    Statut.COMPLEMENT_DEMANDE: ["intention", "opportunite", "depot", "prise", "complement"],
    Statut.ELIGIBLE: ["intention", "opportunite", "depot", "prise", "eligible"],
    Statut.NON_ELIGIBLE: ["intention", "opportunite", "depot", "prise", "non_eligible"],
    Statut.SANS_SUITE: ["intention", "opportunite", "depot", "prise", "sans_suite"],
    # The attribution itself is journaled with the atelier (``Generateur.ateliers``).
    Statut.ATTRIBUEE: ["intention", "opportunite", "depot", "prise", "eligible"],
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
