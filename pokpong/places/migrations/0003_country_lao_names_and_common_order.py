from django.db import migrations

from pokpong.places.loaders import fill_country_names


class Migration(migrations.Migration):
    dependencies = [("places", "0002_load_places")]

    operations = [migrations.RunPython(fill_country_names, migrations.RunPython.noop)]
