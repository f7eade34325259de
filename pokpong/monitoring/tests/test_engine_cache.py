"""Cached indicator results: a change to a source model invalidates exactly the numbers that read
it, when its transaction commits."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from pokpong.cases.tests.factories import IdentificationFactory
from pokpong.monitoring import engine
from pokpong.monitoring.generations import generations
from pokpong.monitoring.models import Indicator, SourceGeneration
from pokpong.monitoring.periods import parse
from pokpong.monitoring.results import Scope
from pokpong.monitoring.tests import fixture
from pokpong.people.tests.factories import PersonFactory
from pokpong.prevention.models import AwarenessActivity

pytestmark = pytest.mark.django_db

Q1 = parse("FY2026Q1")


def code_of(rule: str) -> str:
    return Indicator.objects.get(rule=rule).code


def form_rows(code: str) -> dict[str, int | None]:
    result = engine.compute(code, Q1, Scope(), dimensions=["form"])
    return {row.key: row.cell.value for row in result.breakdowns[0].rows}


def test_new_identification_changes_the_cached_number(
    django_capture_on_commit_callbacks: Any,
) -> None:
    fixture.identified_world()
    code = code_of("victims_identified")
    assert engine.compute(code, Q1, Scope()).total.value == 3
    # Until its transaction commits, a new record leaves the cached number as it was.
    IdentificationFactory(person=PersonFactory(), decided_on=dt.date(2025, 10, 20))
    assert engine.compute(code, Q1, Scope()).total.value == 3
    with django_capture_on_commit_callbacks(execute=True):
        IdentificationFactory(person=PersonFactory(), decided_on=dt.date(2025, 10, 21))
    assert engine.compute(code, Q1, Scope()).total.value == 5


def test_a_change_elsewhere_keeps_the_cached_number(
    django_capture_on_commit_callbacks: Any, django_assert_num_queries: Any
) -> None:
    fixture.awareness_world()
    code = code_of("people_reached")
    assert engine.compute(code, Q1, Scope()).total.value == 20
    before = generations(["prevention.AwarenessActivity"])
    with django_capture_on_commit_callbacks(execute=True):
        IdentificationFactory(decided_on=dt.date(2025, 10, 20))
    assert generations(["prevention.AwarenessActivity"]) == before
    # Warm: the indicator and the generations, nothing else.
    with django_assert_num_queries(2):
        assert engine.compute(code, Q1, Scope()).total.value == 20


def test_voiding_and_many_to_many_changes_invalidate(
    django_capture_on_commit_callbacks: Any,
) -> None:
    fixture.awareness_world()
    world = fixture.identified_world()
    reached = code_of("people_reached")
    assert engine.compute(reached, Q1, Scope()).total.value == 20
    activity = AwarenessActivity.objects.get(held_on=dt.date(2025, 12, 31))
    with django_capture_on_commit_callbacks(execute=True):
        activity.voided_at = timezone.now()
        activity.save()
    assert engine.compute(reached, Q1, Scope()).total.value == 10

    identified = code_of("victims_identified")
    assert form_rows(identified)["unknown"] == 1
    identification = world.persons["p5"].identifications.get()
    with django_capture_on_commit_callbacks(execute=True):
        identification.forms_of_trafficking.add(fixture.form("begging"))
    rows = form_rows(identified)
    assert rows["begging"] == 1
    assert "unknown" not in rows  # every person has a form now


def test_merging_persons_invalidates(django_capture_on_commit_callbacks: Any) -> None:
    world = fixture.identified_world()
    code = code_of("victims_identified")
    assert engine.compute(code, Q1, Scope()).total.value == 3
    p1, p3 = world.persons["p1"], world.persons["p3"]
    with django_capture_on_commit_callbacks(execute=True):
        p3.merged_into = p1
        p3.save()
    assert engine.compute(code, Q1, Scope()).total.value == 2


def test_bumps_after_commit_and_a_new_epoch_after_a_flush(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        PersonFactory()
        PersonFactory()
        assert generations(["people.Person"])["people.Person"] == 0  # not before the commit
    bumps = [c for c in callbacks if getattr(c, "monitoring_label", "") == "people.Person"]
    assert len(bumps) == 2
    assert generations(["people.Person"])["people.Person"] == 2
    epoch = generations([])["__epoch__"]
    SourceGeneration.objects.all().delete()
    assert generations([])["__epoch__"] != epoch
