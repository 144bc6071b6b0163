"""The programme's own référentiels: its themes (three families) and the ANCT programmes.

Seeded by a migration and by the demo; administrators edit them in the admin afterwards.
"""

THEMATIQUES = {
    "territoriales": [
        "Revitalisation des centres-villes et centres-bourgs",
        "Requalification des entrées de ville",
        "Reconversion des friches",
        "Protection et mise en valeur du patrimoine",
    ],
    "sociales": [
        "Offre de logements",
        "Mobilités",
        "Économie sociale et solidaire",
        "Projets économiques",
    ],
    "environnementales": [
        "Protection, restauration et gestion des écosystèmes",
        "Gestion des ressources naturelles",
        "Gestion des risques",
        "Sobriété foncière et énergétique",
    ],
}

PROGRAMMES = [
    "Petites villes de demain",
    "Action cœur de ville",
    "Villages d'avenir",
    "Territoires d'industrie",
    "Avenir montagnes",
]


def creer_thematiques_et_programmes(Thematique=None, ProgrammeANCT=None):
    """Create the missing entries (never changes what administrators edited)."""
    if Thematique is None:
        from .models import ProgrammeANCT, Thematique
    for famille, libelles in THEMATIQUES.items():
        for ordre, libelle in enumerate(libelles):
            Thematique.objects.get_or_create(
                libelle=libelle, defaults={"famille": famille, "ordre": ordre}
            )
    for ordre, libelle in enumerate(PROGRAMMES):
        ProgrammeANCT.objects.get_or_create(libelle=libelle, defaults={"ordre": ordre})
