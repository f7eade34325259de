"""The maintained aggregate of victims' first decisions (issue 20) equals a recount from the
identifications after every kind of change: create, an earlier or later decision, a decision
changed to "not a victim", a date edited, a record moved to another person, a deletion, a merge
and its undoing — by hand, and as random sequences of those changes (hypothesis)."""

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pokpong.cases.models import Identification, IdentificationDecision
from pokpong.cases.tests.factories import IdentificationFactory
from pokpong.monitoring import aggregates
from pokpong.monitoring.models import VictimFirstDecision
from pokpong.people.models import Person
from pokpong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

NOT_VICTIM = IdentificationDecision.NOT_VICTIM
VICTIM = IdentificationDecision.VICTIM


def table() -> set[tuple[int, dt.date]]:
    return set(VictimFirstDecision.objects.values_list("person_id", "first_on"))


def recount() -> set[tuple[int, dt.date]]:
    return set(aggregates.recount_victims())


def merge(kept: Person, merged: Person) -> None:
    """As `people.duplicates.persons_merge` does: the records moved with update(), then the
    merged person saved with `merged_into`."""
    Identification.objects.filter(person=merged).update(person=kept)
    merged.merged_into = kept
    merged.save()


def unmerge(kept: Person, merged: Person, moved: list[int]) -> None:
    """As `merge_undo` does: the records moved back, then `merged_into` cleared."""
    Identification.objects.filter(pk__in=moved).update(person=merged)
    merged.merged_into = None
    merged.save()


def test_each_kind_of_change_keeps_the_table_equal_to_a_recount() -> None:
    a, b = PersonFactory(), PersonFactory()
    first = IdentificationFactory(person=a, decided_on=dt.date(2026, 3, 1))
    assert table() == {(a.pk, dt.date(2026, 3, 1))}
    earlier = IdentificationFactory(person=a, decided_on=dt.date(2025, 12, 1))
    IdentificationFactory(person=a, decided_on=dt.date(2026, 5, 1))
    assert table() == {(a.pk, dt.date(2025, 12, 1))} == recount()
    earlier.decision = NOT_VICTIM  # a decision corrected
    earlier.save()
    assert table() == {(a.pk, dt.date(2026, 3, 1))} == recount()
    first.decided_on = dt.date(2026, 1, 15)  # a date edited
    first.save()
    assert table() == {(a.pk, dt.date(2026, 1, 15))} == recount()
    first.person = b  # entered on the wrong person, moved
    first.save()
    assert table() == {(a.pk, dt.date(2026, 5, 1)), (b.pk, dt.date(2026, 1, 15))} == recount()
    first.delete()
    assert table() == {(a.pk, dt.date(2026, 5, 1))} == recount()


def test_a_merge_and_its_undoing_keep_the_table_equal_to_a_recount() -> None:
    kept, merged = PersonFactory(), PersonFactory()
    IdentificationFactory(person=kept, decided_on=dt.date(2026, 4, 1))
    moved = IdentificationFactory(person=merged, decided_on=dt.date(2025, 11, 1))
    merge(kept, merged)
    assert table() == {(kept.pk, dt.date(2025, 11, 1))} == recount()
    unmerge(kept, merged, [moved.pk])
    assert (
        table()
        == {
            (kept.pk, dt.date(2026, 4, 1)),
            (merged.pk, dt.date(2025, 11, 1)),
        }
        == recount()
    )


def test_a_rolled_back_change_leaves_the_table_as_it_was() -> None:
    person = PersonFactory()
    IdentificationFactory(person=person, decided_on=dt.date(2026, 4, 1))
    before = table()
    with transaction.atomic():
        IdentificationFactory(person=person, decided_on=dt.date(2024, 1, 1))
        assert table() != before
        transaction.set_rollback(True)
    assert table() == before == recount()


def test_rebuild_recomputes_what_bulk_writes_left_behind() -> None:
    person = PersonFactory()
    one = IdentificationFactory(person=person, decided_on=dt.date(2026, 4, 1))
    Identification.objects.filter(pk=one.pk).update(decided_on=dt.date(2023, 2, 2))  # no signal
    VictimFirstDecision.objects.create(person=PersonFactory(), first_on=dt.date(2020, 1, 1))
    assert table() != recount()
    out = StringIO()
    call_command("rebuild_aggregates", stdout=out)
    assert table() == {(person.pk, dt.date(2023, 2, 2))} == recount()
    assert "1 rows" in out.getvalue()


DAYS = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 12, 31))
STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("create"), st.integers(0, 3), DAYS, st.booleans()),
        st.tuples(st.just("edit_day"), st.integers(0, 20), DAYS),
        st.tuples(st.just("flip"), st.integers(0, 20)),
        st.tuples(st.just("move"), st.integers(0, 20), st.integers(0, 3)),
        st.tuples(st.just("delete"), st.integers(0, 20)),
        st.tuples(st.just("merge"), st.integers(0, 3), st.integers(0, 3)),
        st.tuples(st.just("unmerge"), st.integers(0, 20)),
    ),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STEPS)
def test_random_sequences_of_changes_keep_the_table_equal_to_a_recount(
    steps: list[tuple[Any, ...]],
) -> None:
    with transaction.atomic():
        persons = [PersonFactory() for _ in range(4)]
        merges: list[tuple[Person, Person, list[int]]] = []
        for step in steps:
            kind = step[0]
            records = list(Identification.objects.order_by("pk"))
            kept = [p for p in persons if p.merged_into_id is None]
            if kind == "create":
                person = persons[step[1]]
                decision = VICTIM if step[3] else NOT_VICTIM
                IdentificationFactory(person=person, decided_on=step[2], decision=decision)
            elif kind in ("edit_day", "flip", "move", "delete") and records:
                record = records[step[1] % len(records)]
                if kind == "edit_day":
                    record.decided_on = step[2]
                elif kind == "flip":
                    record.decision = NOT_VICTIM if record.decision == VICTIM else VICTIM
                elif kind == "move":
                    record.person = kept[step[2] % len(kept)]
                if kind == "delete":
                    record.delete()
                else:
                    record.save()
            elif kind == "merge":
                one, other = kept[step[1] % len(kept)], kept[step[2] % len(kept)]
                if one.pk != other.pk:
                    moved = list(
                        Identification.objects.filter(person=other).values_list("pk", flat=True)
                    )
                    merge(one, other)
                    merges.append((one, other, moved))
            elif kind == "unmerge" and merges:
                one, other, moved = merges.pop(step[1] % len(merges))
                if other.merged_into_id == one.pk and one.merged_into_id is None:
                    unmerge(one, other, moved)
            for person in persons:
                person.refresh_from_db()
            assert table() == recount(), steps
        transaction.set_rollback(True)
