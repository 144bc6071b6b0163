"""The atelier's ``statut`` is its phase: the field is renamed ``phase``, the data stay.

In the database this is one column rename (``ALTER TABLE … RENAME COLUMN`` on PostgreSQL and
SQLite), and the indexes on the column follow it: the field's own index and
``atelier_publication_idx`` (publication, phase), which keeps its name. Django's migration
state does not rename a field inside ``Meta.indexes``, so the state alone drops the index
declared on (publication, statut) and declares it again on (publication, phase), without
rebuilding it.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ateliers", "0008_atelier_atelier_creation_idx_and_more"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RenameField(model_name="atelier", old_name="statut", new_name="phase"),
            ],
            state_operations=[
                migrations.RemoveIndex(model_name="atelier", name="atelier_publication_idx"),
                migrations.RenameField(model_name="atelier", old_name="statut", new_name="phase"),
                migrations.AddIndex(
                    model_name="atelier",
                    index=models.Index(
                        fields=["publication", "phase"], name="atelier_publication_idx"
                    ),
                ),
            ],
        ),
    ]
