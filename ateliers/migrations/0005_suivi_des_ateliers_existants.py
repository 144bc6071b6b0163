"""Give the ateliers created before the workflow existed their planning and programme."""

from django.db import migrations

PHASES = ("cadrage", "animation", "production", "restitution")


def preparer(apps, schema_editor):
    Atelier = apps.get_model("ateliers", "Atelier")
    EtapePlanning = apps.get_model("ateliers", "EtapePlanning")
    ProgrammeSurSite = apps.get_model("ateliers", "ProgrammeSurSite")
    for atelier in Atelier.objects.filter(programme__isnull=True):
        EtapePlanning.objects.bulk_create(
            EtapePlanning(
                atelier=atelier,
                phase=phase,
                debut_reel=atelier.cree_le.date() if phase == "cadrage" else None,
            )
            for phase in PHASES
        )
        ProgrammeSurSite.objects.create(atelier=atelier)


class Migration(migrations.Migration):
    dependencies = [("ateliers", "0004_phases_planning_programme_messages")]

    operations = [migrations.RunPython(preparer, migrations.RunPython.noop)]
