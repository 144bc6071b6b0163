"""The collectivité's checklist for the on-site days, for the ateliers open before it existed
(an imported or closed atelier gets none: nobody would tick it)."""

from django.db import migrations

# As in ``ateliers.models.ENGAGEMENTS_PAR_DEFAUT`` when this migration was written.
ENGAGEMENTS = (
    ("salle", "Réserver et préparer la salle"),
    ("restauration", "Organiser la restauration"),
    ("invitations", "Envoyer les invitations aux élus, partenaires et habitants"),
    ("materiel", "Prévoir le matériel (vidéoprojecteur, cartes, plans)"),
)


def creer(apps, schema_editor):
    Atelier = apps.get_model("ateliers", "Atelier")
    Engagement = apps.get_model("ateliers", "EngagementCollectivite")
    ateliers = Atelier.objects.filter(historique=False).exclude(phase="cloture")
    Engagement.objects.bulk_create(
        Engagement(atelier_id=pk, code=code, libelle=libelle, ordre=ordre)
        for pk in ateliers.values_list("pk", flat=True)
        for ordre, (code, libelle) in enumerate(ENGAGEMENTS)
    )


class Migration(migrations.Migration):
    dependencies = [("ateliers", "0011_engagements_collectivite")]

    operations = [migrations.RunPython(creer, migrations.RunPython.noop)]
