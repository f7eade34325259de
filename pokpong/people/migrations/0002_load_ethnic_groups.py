from django.db import migrations

from pokpong.people.seeds import load_ethnic_groups


class Migration(migrations.Migration):
    dependencies = [("people", "0001_persons_aliases_documents_arrivals")]

    operations = [migrations.RunPython(load_ethnic_groups, migrations.RunPython.noop)]
