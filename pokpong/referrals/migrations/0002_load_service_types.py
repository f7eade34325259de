from django.db import migrations

from pokpong.referrals.seeds import load_service_types


class Migration(migrations.Migration):
    dependencies = [("referrals", "0001_service_type")]

    operations = [migrations.RunPython(load_service_types, migrations.RunPython.noop)]
