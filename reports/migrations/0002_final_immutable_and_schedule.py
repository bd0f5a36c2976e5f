"""A final, rendered report never changes (a PostgreSQL trigger refuses it), and the periodic
drafts are scheduled as django-celery-beat rows that staff can edit in the admin."""

from django.db import migrations

from reports.schedule import TASK, ensure_periodic_drafts

CREATE = """
CREATE OR REPLACE FUNCTION reports_reportrun_final_is_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'reports_reportrun: a final report is immutable';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER reports_reportrun_final_no_update
    BEFORE UPDATE ON reports_reportrun
    FOR EACH ROW WHEN (OLD.is_final AND OLD.status = 'done')
    EXECUTE FUNCTION reports_reportrun_final_is_immutable();
CREATE TRIGGER reports_reportrun_final_no_delete
    BEFORE DELETE ON reports_reportrun
    FOR EACH ROW WHEN (OLD.is_final)
    EXECUTE FUNCTION reports_reportrun_final_is_immutable();
"""
DROP = """
DROP TRIGGER IF EXISTS reports_reportrun_final_no_update ON reports_reportrun;
DROP TRIGGER IF EXISTS reports_reportrun_final_no_delete ON reports_reportrun;
DROP FUNCTION IF EXISTS reports_reportrun_final_is_immutable();
"""

def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)
    ensure_periodic_drafts(
        apps.get_model("django_celery_beat", "CrontabSchedule"),
        apps.get_model("django_celery_beat", "PeriodicTask"),
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
