"""The database holds a flow's places too (PostgreSQL): the places of a flow's slots that hold them
(all but cancelled ones) never exceed the participants awarded for it, whoever writes the rows.

A write that may hold more places (a new slot, more places, another flow) locks its flow's row first,
so two writers at once are counted one after the other; opening, closing or filling a slot checks
nothing and locks nothing more.

An award revised to none (``awarded_participants`` cleared) leaves its slots: the slots' services
refuse to add or change any until the flow is awarded again, and a new award cannot be smaller than
the places already opened. SQLite, the embedded default, has no such triggers: there the services'
check under the flow's row lock is the guard.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION mobilities_slot_places_within_award() RETURNS trigger AS $$
DECLARE
    checked bigint;
    awarded integer;
    held bigint;
BEGIN
    IF TG_TABLE_NAME = 'mobilities_flow' THEN
        checked := NEW.id;
        IF NEW.awarded_participants IS NULL THEN
            RETURN NULL;
        END IF;
    ELSE
        checked := NEW.flow_id;
        IF NEW.state = 'cancelled' THEN
            RETURN NULL;
        END IF;
        -- A change that holds no more places of the flow than before (open, close, fill) has nothing
        -- to check, and takes no lock on the flow after the slot's (the services lock the flow first).
        IF TG_OP = 'UPDATE' AND OLD.state <> 'cancelled' AND NEW.flow_id = OLD.flow_id
           AND NEW.places <= OLD.places THEN
            RETURN NULL;
        END IF;
    END IF;
    SELECT f.awarded_participants INTO awarded FROM mobilities_flow f WHERE f.id = checked FOR UPDATE;
    SELECT COALESCE(SUM(s.places), 0) INTO held FROM mobilities_slot s
     WHERE s.flow_id = checked AND s.state IN ('draft', 'open', 'closed', 'filled');
    IF held > COALESCE(awarded, 0) THEN
        RAISE EXCEPTION 'The slots of flow % would hold % places for % awarded participants.',
            checked, held, COALESCE(awarded, 0) USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER mobilities_slot_places_within_award
    AFTER INSERT OR UPDATE OF places, flow_id, state ON mobilities_slot
    FOR EACH ROW EXECUTE FUNCTION mobilities_slot_places_within_award();

CREATE CONSTRAINT TRIGGER mobilities_flow_award_covers_slots
    AFTER UPDATE OF awarded_participants ON mobilities_flow
    FOR EACH ROW EXECUTE FUNCTION mobilities_slot_places_within_award();
"""

DROP = """
DROP TRIGGER IF EXISTS mobilities_flow_award_covers_slots ON mobilities_flow;
DROP TRIGGER IF EXISTS mobilities_slot_places_within_award ON mobilities_slot;
DROP FUNCTION IF EXISTS mobilities_slot_places_within_award();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(sql)  # no parameters: the % of RAISE stays as it is

    return run


class Migration(migrations.Migration):
    dependencies = [("mobilities", "0008_slot")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
