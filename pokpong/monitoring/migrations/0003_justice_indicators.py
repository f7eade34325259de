from django.db import migrations

from pokpong.monitoring.catalogue import load_catalogue


class Migration(migrations.Migration):
    """The justice indicators (JUSTICE-1 … JUSTICE-6) join the catalogue: the seed is reloaded
    (idempotent: existing indicators are updated by code, deactivations kept)."""

    dependencies = [("monitoring", "0002_report_requests"), ("justice", "0002_load_law_articles")]

    operations = [migrations.RunPython(load_catalogue, migrations.RunPython.noop)]
