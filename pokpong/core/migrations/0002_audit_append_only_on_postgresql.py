from django.db import migrations

# On PostgreSQL the audit table refuses UPDATE and DELETE outright (TRUNCATE, used only by test
# teardown and by an operator with the table owner's rights, is not covered: the hash chain is).
# SQLite is the demo database; there the hash chain alone detects tampering.
FORWARD = """
CREATE OR REPLACE FUNCTION pokpong_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditentry_append_only
    BEFORE UPDATE OR DELETE ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION pokpong_audit_append_only();
"""
BACKWARD = """
DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry;
DROP FUNCTION IF EXISTS pokpong_audit_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_audit_trail_and_access_grants")]

    operations = [migrations.RunPython(forward, backward)]
