"""Merges made before a merge moved hotline calls left the calls on the merged (hidden) record, so
accepting such a call's referral opened the case on that record. Move those calls to the kept
person now, and record them in the merge (`moved`) so that undoing it moves them back."""

from django.db import migrations

KEY = "prevention.hotlinecall.person"


def calls_follow_merges(apps, schema_editor):
    Merge = apps.get_model("people", "Merge")
    HotlineCall = apps.get_model("prevention", "HotlineCall")
    db = schema_editor.connection.alias
    # Oldest first: a chain (A into B, later B into C) carries A's calls on to C.
    for merge in Merge.objects.using(db).filter(undone_at__isnull=True).order_by("merged_at", "pk"):
        if KEY in merge.moved:  # made by the current code: its calls already moved
            continue
        calls = HotlineCall.objects.using(db).filter(person_id=merge.merged_id)
        pks = list(calls.values_list("pk", flat=True))
        HotlineCall.objects.using(db).filter(pk__in=pks).update(person_id=merge.kept_id)
        merge.moved = {**merge.moved, KEY: pks}
        merge.save(update_fields=["moved"])


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0006_person_index_from_matching"),
        ("prevention", "0003_call_referral"),
    ]

    operations = [
        # Not reversed: the calls stay with the kept person, and an undo of the merge (which
        # now lists them) still moves them back.
        migrations.RunPython(calls_follow_merges, migrations.RunPython.noop),
    ]
