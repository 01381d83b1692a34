"""The database holds the application's proposals too (PostgreSQL): once the application went in to
the National Agency none is removed, replaced or added, and a proposal of another call never joins
it, whoever writes the rows. SQLite, the embedded default, has no such triggers: there the services'
checks under the application's row lock are the guard.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION agency_held_proposals_fixed_once_sent() RETURNS trigger AS $$
DECLARE
    checked bigint;
    app_state varchar;
    app_call bigint;
BEGIN
    IF TG_OP = 'DELETE' THEN
        checked := OLD.application_id;
    ELSE
        checked := NEW.application_id;
    END IF;
    SELECT a.state, a.call_id INTO app_state, app_call FROM agency_agencyapplication a WHERE a.id = checked;
    IF TG_OP <> 'INSERT' AND (SELECT a.state FROM agency_agencyapplication a WHERE a.id = OLD.application_id) <> 'preparing' THEN
        RAISE EXCEPTION 'Application % went in to the National Agency: its proposals stay.', OLD.application_id
            USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP <> 'DELETE' THEN
        IF app_state <> 'preparing' THEN
            RAISE EXCEPTION 'Application % went in to the National Agency: no proposal joins it.', checked
                USING ERRCODE = 'check_violation';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM projects_proposal p WHERE p.id = NEW.proposal_id AND p.call_id = app_call) THEN
            RAISE EXCEPTION 'Proposal % is not of the call of application %.', NEW.proposal_id, checked
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END IF;
    RETURN OLD;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER agency_held_proposals_fixed_once_sent
    BEFORE INSERT OR UPDATE OR DELETE ON agency_heldproposal
    FOR EACH ROW EXECUTE FUNCTION agency_held_proposals_fixed_once_sent();
"""

DROP = """
DROP TRIGGER IF EXISTS agency_held_proposals_fixed_once_sent ON agency_heldproposal;
DROP FUNCTION IF EXISTS agency_held_proposals_fixed_once_sent();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(sql)  # no parameters: the % of RAISE stays as it is

    return run


class Migration(migrations.Migration):
    dependencies = [("agency", "0001_application")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
