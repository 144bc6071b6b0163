"""The inbox's search, indexed on PostgreSQL: a GIN index on the words of ``recherche``.

The expression is the one ``CandidatureFilter.rechercher`` queries
(``SearchVector("recherche", config="simple")``), so that the planner uses the index. SQLite
(the laptop demo) keeps its substring search and gets no index.
"""

from django.db import migrations

INDEX = "cand_recherche_fts_idx"


def creer(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON candidatures_candidature USING gin "
            "(to_tsvector('simple'::regconfig, COALESCE(recherche, '')))"
        )


def supprimer(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("candidatures", "0004_candidature_cand_depot_idx_and_more")]

    operations = [migrations.RunPython(creer, supprimer, elidable=False)]
