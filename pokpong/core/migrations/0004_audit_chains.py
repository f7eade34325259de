"""Issue 20: the audit trail becomes several hash chains, each appended under its own lock.

The entries written before stay as they are (chain 0, their payload unchanged: they verify as
before). New entries on PostgreSQL take their number from a database sequence, drawn after the
chain's lock, so numbers still rise along each chain and across the trail; SQLite keeps one chain.
"""

from django.db import migrations, models

FORWARD = """
CREATE SEQUENCE IF NOT EXISTS pokpong_audit_sequence AS bigint;
SELECT setval('pokpong_audit_sequence', COALESCE((SELECT MAX(sequence) FROM core_auditentry), 0) + 1,
              false);
"""
BACKWARD = "DROP SEQUENCE IF EXISTS pokpong_audit_sequence"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_audit_parent_record")]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="chain",
            field=models.PositiveSmallIntegerField(db_default=0, default=0, verbose_name="chain"),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["chain", "-sequence"], name="audit_chain_idx"),
        ),
        migrations.RunPython(forward, backward),
    ]
