from django.db import migrations

from pokpong.cases.seeds import load_forms_of_trafficking


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_form_of_trafficking")]

    operations = [migrations.RunPython(load_forms_of_trafficking, migrations.RunPython.noop)]
