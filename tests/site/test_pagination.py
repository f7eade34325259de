"""The shared keyset paginator: stable order with ties, cursors that cannot be forged."""

import datetime as dt

import pytest
from django.test import RequestFactory

from pokpong.core.pagination import CURSOR, bounded_count, keyset_page
from pokpong.people.models import Person
from pokpong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def persons(caseworker):
    """23 persons; 10 of them registered at the very same instant (ties)."""
    made = [PersonFactory(registered_by=caseworker) for _ in range(23)]
    moment = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)
    Person.objects.filter(pk__in=[p.pk for p in made[5:15]]).update(created_at=moment)
    return made


def _get(query: str = ""):
    return RequestFactory().get("/persons/" + (f"?{query}" if query else ""))


def _walk(queryset, per_page: int = 4, extra: str = "sex=female") -> list[list[int]]:
    pages, query = [], extra
    while True:
        page = keyset_page(_get(query), queryset, per_page=per_page)
        pages.append([p.pk for p in page])
        if not page.has_next:
            return pages
        query = page.next_query


@pytest.mark.parametrize("order", [("-created_at", "-pk"), ("created_at",), ("-created_at",)])
def test_walking_forward_shows_every_row_once_in_order_even_with_ties(persons, order):
    queryset = Person.objects.order_by(*order)
    pages = _walk(queryset)
    seen = [pk for page in pages for pk in page]
    expected = list(queryset.order_by(*order, "-pk" if order[0][0] == "-" else "pk"))
    assert seen == [p.pk for p in expected]
    assert len(pages) == 6


def test_previous_leads_back_to_the_same_pages(persons):
    queryset = Person.objects.order_by("-created_at", "-pk")
    forward = _walk(queryset)
    page = keyset_page(_get("sex=female"), queryset, per_page=4)
    queries = []
    while page.has_next:
        queries.append(page)
        page = keyset_page(_get(page.next_query), queryset, per_page=4)
    back = []
    while page.has_previous:
        page = keyset_page(_get(page.previous_query), queryset, per_page=4)
        back.append([p.pk for p in page])
    assert back == list(reversed(forward[:-1]))
    assert not page.has_previous and page.has_next


def test_links_keep_the_filters_and_drop_the_page_number(persons):
    page = keyset_page(_get("sex=female&page=7&q=x"), Person.objects.all(), per_page=4)
    assert "sex=female" in page.next_query and "q=x" in page.next_query
    assert "page=" not in page.next_query and f"{CURSOR}=" in page.next_query
    assert not page.has_previous


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "",
        "x" * 5000,
        "eyJvIjoiLWNyZWF0ZWRfYXQsLXBrIiwiZiI6dHJ1ZSwidiI6WzFdfQ:1:bad",
        "'; DROP TABLE people_person; --",
        "\x00ເ%ff",
    ],
)
def test_a_tampered_or_garbage_cursor_gives_the_first_page(persons, cursor):
    first = keyset_page(_get(), Person.objects.all(), per_page=4)
    page = keyset_page(
        RequestFactory().get("/", {CURSOR: cursor}), Person.objects.all(), per_page=4
    )
    assert [p.pk for p in page] == [p.pk for p in first]
    assert not page.has_previous


def test_a_cursor_of_another_sort_gives_the_first_page(persons):
    newest = keyset_page(_get(), Person.objects.order_by("-created_at"), per_page=4)
    oldest = Person.objects.order_by("created_at")
    page = keyset_page(_get(newest.next_query), oldest, per_page=4)
    assert [p.pk for p in page] == [p.pk for p in keyset_page(_get(), oldest, per_page=4)]


def test_a_forged_cursor_is_refused(persons):
    from django.core import signing

    forged = signing.dumps({"o": "-created_at,-pk", "f": True, "v": [1, 2]}, salt="other")
    page = keyset_page(
        RequestFactory().get("/", {CURSOR: forged}), Person.objects.all(), per_page=4
    )
    assert not page.has_previous


def test_the_pages_are_fetched_without_counting(persons, django_assert_num_queries):
    with django_assert_num_queries(1) as captured:
        page = keyset_page(_get(), Person.objects.all(), per_page=4)
        list(page)
    assert "COUNT(" not in captured.captured_queries[0]["sql"].upper()


def test_bounded_count_stops_at_its_limit(persons):
    assert bounded_count(Person.objects.all(), limit=10) == (10, True)
    assert bounded_count(Person.objects.all(), limit=100) == (23, False)


def test_an_empty_list_has_no_links(db):
    page = keyset_page(_get(), Person.objects.all())
    assert list(page) == [] and not page.has_other_pages()
