from django.db import migrations

from pokpong.places.loaders import load_places


class Migration(migrations.Migration):
    dependencies = [("places", "0001_provinces_districts_villages_countries")]

    operations = [migrations.RunPython(load_places, migrations.RunPython.noop)]
