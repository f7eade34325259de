"""The name keys changed again (issue 19): a consonant repeated after ໄ/ໃ is read as the next
syllable's initial (ໄພພູ = Phaiphou, no longer "pai"), so the stored blind-index tokens of such
names are recomputed, as 0007 did (the same function; run `rebuild_name_index` after it on
PostgreSQL, or let autovacuum pass, for index-only scans)."""

from importlib import import_module

from django.db import migrations

rebuild = import_module("pokpong.people.migrations.0007_name_index_keys_v2").rebuild


class Migration(migrations.Migration):
    dependencies = [("people", "0007_name_index_keys_v2")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
