"""The programme's themes (its three families) and the ANCT programmes, as published in 2025.

Administrators edit them in the admin afterwards; this only seeds a new database.
"""

from django.db import migrations

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


def creer(apps, schema_editor):
    Thematique = apps.get_model("referentiels", "Thematique")
    ProgrammeANCT = apps.get_model("referentiels", "ProgrammeANCT")
    for famille, libelles in THEMATIQUES.items():
        for ordre, libelle in enumerate(libelles):
            Thematique.objects.get_or_create(
                libelle=libelle, defaults={"famille": famille, "ordre": ordre}
            )
    for ordre, libelle in enumerate(PROGRAMMES):
        ProgrammeANCT.objects.get_or_create(libelle=libelle, defaults={"ordre": ordre})


class Migration(migrations.Migration):
    dependencies = [("referentiels", "0002_thematiques_programmes")]

    operations = [migrations.RunPython(creer, migrations.RunPython.noop)]
