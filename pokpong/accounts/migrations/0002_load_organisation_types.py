from django.db import migrations

from pokpong.accounts.seeds import load_organisation_types


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_users_organisations_roles")]

    operations = [migrations.RunPython(load_organisation_types, migrations.RunPython.noop)]
