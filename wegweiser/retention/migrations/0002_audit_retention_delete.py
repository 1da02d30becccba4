"""A narrow, deliberate path for the retention job to delete old audit rows on PostgreSQL.

The audit app's trigger (audit 0002) refuses every UPDATE and DELETE on audit_auditevent. This replaces its
function so that a DELETE passes only while the transaction-local setting `wegweiser.retention` is 'on'.
Only `wegweiser.retention.services` sets it, with SET LOCAL (set_config(..., true)) inside its own
transaction, right around the one DELETE statement, and switches it off again. UPDATE stays refused always.
SQLite keeps its trigger unchanged (it refuses UPDATE only; see audit 0002).
"""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION audit_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('wegweiser.retention', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_auditevent is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
"""
PG_BACKWARD = """
CREATE OR REPLACE FUNCTION audit_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_auditevent is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_initial"), ("audit", "0002_append_only_triggers")]
    operations = [migrations.RunPython(forward, backward)]
