"""The person index and the duplicate review now belong to people (people 0006 declares them on
the same tables): they leave the matching app's state. State only: no table is touched."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0003_merge_versions"),
        ("people", "0006_person_index_from_matching"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="DuplicatePair"),
                migrations.DeleteModel(name="DuplicateReview"),
                migrations.DeleteModel(name="Merge"),
                migrations.DeleteModel(name="NotSamePerson"),
                migrations.DeleteModel(name="PersonToken"),
                migrations.DeleteModel(name="TokenStat"),
            ],
        ),
    ]
