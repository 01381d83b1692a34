"""The database holds the envelope too (PostgreSQL): a call's awards never exceed its envelope, and a
call's rate table stays once an award was computed with it, whoever writes the rows.

An award is any proposal with an awarded amount (the award service sets it, a rejection or a
revision clears it), so the triggers need no list of states. SQLite, the embedded default, has no
such triggers: there the services' checks under the call's row lock are the guard.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION projects_awards_within_envelope() RETURNS trigger AS $$
DECLARE
    checked bigint;
    over bigint;
BEGIN
    IF TG_TABLE_NAME = 'projects_call' THEN
        checked := NEW.id;
    ELSE
        checked := NEW.call_id;
    END IF;
    SELECT c.id INTO over FROM projects_call c
     WHERE c.id = checked
       AND c.envelope < (SELECT COALESCE(SUM(p.awarded_amount), 0) FROM projects_proposal p
                          WHERE p.call_id = c.id AND p.awarded_amount IS NOT NULL);
    IF over IS NOT NULL THEN
        RAISE EXCEPTION 'The awards of call % would exceed its envelope.', over USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER projects_proposal_awards_within_envelope
    AFTER INSERT OR UPDATE OF awarded_amount, call_id ON projects_proposal
    FOR EACH ROW EXECUTE FUNCTION projects_awards_within_envelope();

CREATE CONSTRAINT TRIGGER projects_call_envelope_covers_awards
    AFTER UPDATE OF envelope ON projects_call
    FOR EACH ROW EXECUTE FUNCTION projects_awards_within_envelope();

CREATE FUNCTION projects_rate_table_fixed_by_awards() RETURNS trigger AS $$
BEGIN
    IF NEW.rate_table_id IS DISTINCT FROM OLD.rate_table_id AND EXISTS (
        SELECT 1 FROM projects_proposal p WHERE p.call_id = NEW.id AND p.awarded_amount IS NOT NULL
    ) THEN
        RAISE EXCEPTION 'Call % has awards computed with its rate table.', NEW.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER projects_call_rate_table_fixed_by_awards
    BEFORE UPDATE OF rate_table_id ON projects_call
    FOR EACH ROW EXECUTE FUNCTION projects_rate_table_fixed_by_awards();
"""

DROP = """
DROP TRIGGER IF EXISTS projects_call_rate_table_fixed_by_awards ON projects_call;
DROP FUNCTION IF EXISTS projects_rate_table_fixed_by_awards();
DROP TRIGGER IF EXISTS projects_call_envelope_covers_awards ON projects_call;
DROP TRIGGER IF EXISTS projects_proposal_awards_within_envelope ON projects_proposal;
DROP FUNCTION IF EXISTS projects_awards_within_envelope();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(sql)  # no parameters: the % of RAISE stays as it is

    return run


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_proposal_language")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
