"""An issued award decision and its lines never change (a PostgreSQL trigger refuses it): only
the revocation of a line (who, when, why) may be written once afterwards, and a line entered
by hand may be linked once to the dossier nominee it came from. No-op on SQLite
(the embedded demo database); the services refuse the same changes everywhere."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION awards_decision_issued_is_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'awards_decision: an issued decision is immutable';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER awards_decision_issued_no_update
    BEFORE UPDATE ON awards_decision
    FOR EACH ROW WHEN (OLD.status = 'issued')
    EXECUTE FUNCTION awards_decision_issued_is_immutable();
CREATE TRIGGER awards_decision_issued_no_delete
    BEFORE DELETE ON awards_decision
    FOR EACH ROW WHEN (OLD.status = 'issued')
    EXECUTE FUNCTION awards_decision_issued_is_immutable();

CREATE OR REPLACE FUNCTION awards_awardrecord_issued_is_immutable() RETURNS trigger AS $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM awards_decision WHERE id = OLD.decision_id AND status = 'issued'
    ) THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'awards_awardrecord: a line of an issued decision cannot be deleted';
    END IF;
    IF ROW(NEW.decision_id, NEW.award_type_id, NEW.subject_type, NEW.name,
           NEW.org_unit_id, NEW.proposer_unit_id, NEW.honorific, NEW.birth_year, NEW.position,
           NEW.workplace, NEW.individual_category, NEW.is_enterprise, NEW.method, NEW.year,
           NEW.cash_amount, NEW.sort_order)
       IS DISTINCT FROM
       ROW(OLD.decision_id, OLD.award_type_id, OLD.subject_type, OLD.name,
           OLD.org_unit_id, OLD.proposer_unit_id, OLD.honorific, OLD.birth_year, OLD.position,
           OLD.workplace, OLD.individual_category, OLD.is_enterprise, OLD.method, OLD.year,
           OLD.cash_amount, OLD.sort_order)
       OR (OLD.nominee_id IS NOT NULL AND NEW.nominee_id IS DISTINCT FROM OLD.nominee_id)
       OR (OLD.revoked_at IS NOT NULL AND ROW(NEW.revoked_at, NEW.revoked_by_id, NEW.revoked_reason)
           IS DISTINCT FROM ROW(OLD.revoked_at, OLD.revoked_by_id, OLD.revoked_reason))
    THEN
        RAISE EXCEPTION 'awards_awardrecord: a line of an issued decision is immutable';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER awards_awardrecord_issued_no_update
    BEFORE UPDATE ON awards_awardrecord
    FOR EACH ROW EXECUTE FUNCTION awards_awardrecord_issued_is_immutable();
CREATE TRIGGER awards_awardrecord_issued_no_delete
    BEFORE DELETE ON awards_awardrecord
    FOR EACH ROW EXECUTE FUNCTION awards_awardrecord_issued_is_immutable();
"""
DROP = """
DROP TRIGGER IF EXISTS awards_decision_issued_no_update ON awards_decision;
DROP TRIGGER IF EXISTS awards_decision_issued_no_delete ON awards_decision;
DROP FUNCTION IF EXISTS awards_decision_issued_is_immutable();
DROP TRIGGER IF EXISTS awards_awardrecord_issued_no_update ON awards_awardrecord;
DROP TRIGGER IF EXISTS awards_awardrecord_issued_no_delete ON awards_awardrecord;
DROP FUNCTION IF EXISTS awards_awardrecord_issued_is_immutable();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("awards", "0002_catalogue")]
    operations = [migrations.RunPython(forwards, backwards)]
