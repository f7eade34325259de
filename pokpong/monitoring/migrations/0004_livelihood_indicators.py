"""The economic-reintegration indicators (LIV-1 to LIV-3) join the seeded catalogue."""

from django.db import migrations

from pokpong.monitoring.catalogue import load_catalogue


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0003_justice_indicators"),
    ]

    operations = [migrations.RunPython(load_catalogue, migrations.RunPython.noop)]
