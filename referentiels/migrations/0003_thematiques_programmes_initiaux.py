"""The programme's themes (its three families) and the ANCT programmes, as published in 2025.

Administrators edit them in the admin afterwards; this only seeds a new database.
"""

from django.db import migrations

from referentiels.programme import creer_thematiques_et_programmes


def creer(apps, schema_editor):
    creer_thematiques_et_programmes(
        apps.get_model("referentiels", "Thematique"), apps.get_model("referentiels", "ProgrammeANCT")
    )


class Migration(migrations.Migration):
    dependencies = [("referentiels", "0002_thematiques_programmes")]

    operations = [migrations.RunPython(creer, migrations.RunPython.noop)]
