"""The name keys changed (issue 19: every Lao normalisation before romanising, the engine's own
romaniser, names read with spaces removed and split every way): the stored blind-index tokens
are recomputed from the persons' names, so search and duplicate checks find them again at once.

On a large register this takes minutes (about as long as `manage.py rebuild_name_index`, which
does the same and then runs VACUUM ANALYZE on the token tables: run it after this migration on
PostgreSQL, or let autovacuum pass, for index-only scans). Reversing leaves the tokens as they
are: run `rebuild_name_index` with the older code instead.
"""

from typing import Any

from django.db import migrations
from django.db.models import Count


def rebuild(apps: Any, schema_editor: Any) -> None:
    from pokpong.matching.keys import person_tokens

    Person = apps.get_model("people", "Person")
    PersonToken = apps.get_model("people", "PersonToken")
    TokenStat = apps.get_model("people", "TokenStat")
    PersonToken.objects.all().delete()
    rows: list[Any] = []
    for person in Person.objects.prefetch_related("aliases").iterator(2000):
        rows.extend(PersonToken(person_id=person.pk, token=t) for t in person_tokens(person))
        if len(rows) > 20_000:
            PersonToken.objects.bulk_create(rows, ignore_conflicts=True, batch_size=5000)
            rows = []
    PersonToken.objects.bulk_create(rows, ignore_conflicts=True, batch_size=5000)
    TokenStat.objects.all().delete()
    counts = PersonToken.objects.values("token").annotate(n=Count("person_id", distinct=True))
    TokenStat.objects.bulk_create(
        (TokenStat(token=row["token"], persons=row["n"]) for row in counts.iterator()),
        batch_size=5000,
    )


class Migration(migrations.Migration):
    dependencies = [("people", "0006_person_index_from_matching")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
