"""PostgreSQL refuses to delete any event of the journal, or to change a sealed one.

Sealing (journal.chaine) only fills the seal of events that have none; everything else about
an event is fixed from its insertion. The trigger holds whatever code or person runs the
statement; only a superuser who disables triggers can get round it, and the hash chain then
shows the change. Other databases (the laptop demo's SQLite) rely on the model's guards.
"""

from django.db import migrations

FONCTION = """
CREATE OR REPLACE FUNCTION journal_evenement_ajout_seul() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'Le journal d''audit est en ajout seul : l''événement % ne peut pas être supprimé.', OLD.id;
    END IF;
    IF OLD.empreinte <> '' THEN
        RAISE EXCEPTION 'Le journal d''audit est en ajout seul : l''événement % est scellé.', OLD.id;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER journal_evenement_ajout_seul
    BEFORE UPDATE OR DELETE ON journal_evenement
    FOR EACH ROW EXECUTE FUNCTION journal_evenement_ajout_seul();
"""

SUPPRESSION = """
DROP TRIGGER IF EXISTS journal_evenement_ajout_seul ON journal_evenement;
DROP FUNCTION IF EXISTS journal_evenement_ajout_seul();
"""


def creer(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FONCTION, params=None)


def supprimer(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SUPPRESSION, params=None)


class Migration(migrations.Migration):
    dependencies = [("journal", "0002_chaine_empreintes")]

    operations = [migrations.RunPython(creer, supprimer)]
