from django.db import migrations

from pokpong.justice.seeds import load_law_articles


class Migration(migrations.Migration):
    dependencies = [("justice", "0001_justice_file")]

    operations = [migrations.RunPython(load_law_articles, migrations.RunPython.noop)]
