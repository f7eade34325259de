"""Maintained aggregates (issue 20): tables the indicator rules read instead of grouping every
record of a million persons, kept equal to a recount in the same transaction as the records.

`VictimFirstDecision`: per kept person identified as a victim, the day of the first `victim`
decision (what "victims identified" counts: new victims only, in the period of that day).

- `refresh_victims(person_ids)` recomputes the rows of those persons (and of the kept persons
  they were merged into) from the identifications: one indexed query per kept person. It is
  idempotent, so running it for a person whose records did not change is harmless.
- The signals connected in `MonitoringConfig.ready()` call it when an identification is saved
  (its person, decision or date may have changed; the person it had before as well) or deleted,
  and when a person is merged into another or un-merged — in the transaction of the change, so
  a rolled-back change leaves the aggregate as it was.
- Writes that send no signals (`bulk_create`, `update()`, COPY) are followed by `rebuild()`
  (`manage.py rebuild_aggregates`), which recomputes the whole table in one INSERT … SELECT.
"""

from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import Min, Q

from pokpong.cases.models import Identification
from pokpong.cases.selectors import victim_identifications
from pokpong.monitoring.generations import schedule_bump
from pokpong.monitoring.models import VictimFirstDecision
from pokpong.people.models import Person
from pokpong.people.selectors import statistics_persons

_OLD_PERSON = "_monitoring_person_id"
_OLD_MERGED = "_monitoring_merged_into_id"


def refresh_victims(person_ids: Iterable[int | None]) -> None:
    """Recompute the first victim decision of these persons (kept persons: theirs; merged
    persons: their row removed and the kept person's recomputed)."""
    ids = {pk for pk in person_ids if pk}
    if not ids:
        return
    kept: set[int] = set()
    merged: set[int] = set()
    for pk, merged_into in Person.objects.filter(pk__in=ids).values_list("pk", "merged_into_id"):
        if merged_into:
            merged.add(pk)
            kept.add(merged_into)
        else:
            kept.add(pk)
    if merged:
        VictimFirstDecision.objects.filter(person_id__in=merged).delete()
    for pk in sorted(kept):
        first = (
            victim_identifications()
            .filter(Q(person_id=pk) | Q(person__merged_into_id=pk))
            .aggregate(first=Min("decided_on"))["first"]
        )
        if first is None:
            VictimFirstDecision.objects.filter(person_id=pk).delete()
        else:
            VictimFirstDecision.objects.update_or_create(person_id=pk, defaults={"first_on": first})


def recount_victims() -> Any:
    """The rows the table must hold, computed from the identifications (kept persons only)."""
    from pokpong.monitoring.rules import person_key

    return (
        victim_identifications()
        .annotate(pid=person_key("person"))
        .filter(pid__in=statistics_persons().values("pk"))
        .values("pid")
        .annotate(first=Min("decided_on"))
        .values_list("pid", "first")
        .order_by()
    )


def rebuild() -> int:
    """Recompute every maintained aggregate from the records (after bulk loads); returns the
    number of rows. One transaction: readers see the old table or the new one."""
    table = VictimFirstDecision._meta.db_table
    sql, params = recount_victims().query.sql_with_params()
    with transaction.atomic():
        VictimFirstDecision.objects.all().delete()
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {table} (person_id, first_on) {sql}", params)
        schedule_bump("cases.Identification")  # cached results read the old numbers
    return VictimFirstDecision.objects.count()


# --- signals ------------------------------------------------------------------------------------


def _remember_person(sender: type, instance: Identification, **kwargs: Any) -> None:
    setattr(instance, _OLD_PERSON, instance.__dict__.get("person_id"))


def _identification_saved(sender: type, instance: Identification, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    refresh_victims([instance.person_id, getattr(instance, _OLD_PERSON, None)])
    setattr(instance, _OLD_PERSON, instance.person_id)


def _identification_deleted(sender: type, instance: Identification, **kwargs: Any) -> None:
    refresh_victims([instance.person_id])


def _remember_merge(sender: type, instance: Person, **kwargs: Any) -> None:
    setattr(instance, _OLD_MERGED, instance.__dict__.get("merged_into_id"))


def _person_saved(sender: type, instance: Person, **kwargs: Any) -> None:
    if kwargs.get("raw") or kwargs.get("created"):
        return
    before = getattr(instance, _OLD_MERGED, None)
    if before != instance.merged_into_id:  # merged, or un-merged
        refresh_victims([instance.pk, before, instance.merged_into_id])
    setattr(instance, _OLD_MERGED, instance.merged_into_id)


def connect() -> None:
    from django.db.models.signals import post_delete, post_init, post_save

    uid = "monitoring-aggregates"
    post_init.connect(_remember_person, sender=Identification, dispatch_uid=f"{uid}-ident-init")
    post_save.connect(_identification_saved, sender=Identification, dispatch_uid=f"{uid}-ident")
    post_delete.connect(
        _identification_deleted, sender=Identification, dispatch_uid=f"{uid}-ident-del"
    )
    post_init.connect(_remember_merge, sender=Person, dispatch_uid=f"{uid}-person-init")
    post_save.connect(_person_saved, sender=Person, dispatch_uid=f"{uid}-person")
