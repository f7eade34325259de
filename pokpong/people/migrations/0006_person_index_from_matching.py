"""The person index and the duplicate review move from the matching app to people.

State only: the tables keep their names (`matching_*`, set as db_table) and their indexes and
constraints, so no SQL runs (`sqlmigrate people 0006` is empty). matching 0004 then drops the
models from the matching app's state. The content types of the moved models are renamed, so
that what refers to them (permissions, admin log entries) keeps pointing to them.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ("persontoken", "tokenstat", "duplicatereview", "duplicatepair", "notsameperson", "merge")


def _content_types_move(apps, schema_editor, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    rows = ContentType.objects.using(schema_editor.connection.alias)
    for model in MOVED:
        if rows.filter(app_label=new, model=model).exists():
            continue  # already there (created by a migrate run in between): leave both
        rows.filter(app_label=old, model=model).update(app_label=new)


def content_types_to_people(apps, schema_editor):
    _content_types_move(apps, schema_editor, "matching", "people")


def content_types_to_matching(apps, schema_editor):
    _content_types_move(apps, schema_editor, "people", "matching")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("matching", "0003_merge_versions"),
        ("people", "0005_person_province_empty_for_national_services"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="TokenStat",
                    fields=[
                        ("token", models.BigIntegerField(primary_key=True, serialize=False)),
                        ("persons", models.PositiveIntegerField(default=0)),
                    ],
                    options={"db_table": "matching_tokenstat"},
                ),
                migrations.CreateModel(
                    name="PersonToken",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("token", models.BigIntegerField()),
                        (
                            "person",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="people.person",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "matching_persontoken",
                        "indexes": [
                            models.Index(fields=["token", "person"], name="persontoken_token_idx")
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("person", "token"), name="persontoken_unique"
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="DuplicateReview",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("requested_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("queued", "Queued"),
                                    ("running", "Running"),
                                    ("done", "Done"),
                                ],
                                default="queued",
                                max_length=10,
                            ),
                        ),
                        ("persons_scanned", models.PositiveIntegerField(default=0)),
                        ("finished_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "requested_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "matching_duplicatereview",
                        "ordering": ["-requested_at"],
                    },
                ),
                migrations.CreateModel(
                    name="DuplicatePair",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("score", models.FloatField()),
                        ("evidence", models.JSONField(default=dict)),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("open", "To review"),
                                    ("merged", "Merged"),
                                    ("not_same", "Not the same person"),
                                ],
                                default="open",
                                max_length=10,
                            ),
                        ),
                        (
                            "person_a",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="people.person",
                            ),
                        ),
                        (
                            "person_b",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="people.person",
                            ),
                        ),
                        (
                            "review",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="pairs",
                                to="people.duplicatereview",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "matching_duplicatepair",
                        "ordering": ["-score", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="NotSamePerson",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("decided_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "decided_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "person_high",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="people.person",
                            ),
                        ),
                        (
                            "person_low",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="people.person",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "matching_notsameperson",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("person_low", "person_high"), name="notsame_unique"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("person_low__lt", models.F("person_high"))),
                                name="notsame_ordered",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Merge",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("moved", models.JSONField(default=dict)),
                        ("kept_before", models.JSONField(default=dict)),
                        ("merged_at", models.DateTimeField(auto_now_add=True)),
                        ("undone_at", models.DateTimeField(blank=True, null=True)),
                        ("kept_version", models.PositiveIntegerField(blank=True, null=True)),
                        ("merged_version", models.PositiveIntegerField(blank=True, null=True)),
                        (
                            "kept",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="people.person",
                            ),
                        ),
                        (
                            "merged",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="people.person",
                            ),
                        ),
                        (
                            "merged_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "matching_merge",
                        "ordering": ["-merged_at"],
                    },
                ),
            ],
        ),
        migrations.RunPython(content_types_to_people, content_types_to_matching),
    ]
