"""Keyset pagination for the lists that grow without bound (issue 20).

A page is the `per_page` rows after (or before) the row a cursor names, in the list's order; no
`COUNT(*)` over the whole scoped set and no `OFFSET`: the hundredth page costs what the first does.

    page = keyset_page(request, queryset, per_page=25)

The order is the queryset's own (`order_by`, else the model's `Meta.ordering`); the primary key is
added as the last key when missing, so rows with equal keys (ties) keep one stable order and none
is skipped or shown twice. Every key must be a non-null field or annotation of the row (use
`Coalesce` for a nullable one).

The cursor (`?cursor=`) is signed and names the order it was made for: a tampered, foreign or
garbage cursor, or one made for another sort, gives the first page, never an error. The links keep
every other parameter of the request (the filters) and drop the old `page` parameter.
"""

from __future__ import annotations

import datetime
import decimal
import functools
import operator
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core import signing
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest

CURSOR = "cursor"
SALT = "pokpong.core.pagination"
MAX_CURSOR_LENGTH = 1000  # a longer value is garbage: first page


@dataclass
class KeysetPage:
    """One page of a list, for templates: iterate it; links by `next_query`/`previous_query`."""

    object_list: list[Any]
    has_next: bool
    has_previous: bool
    next_query: str = ""
    previous_query: str = ""
    first_query: str = ""
    keyset: bool = field(default=True, init=False)  # templates tell it from Django's Page

    def __iter__(self) -> Iterator[Any]:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def __getitem__(self, index: int) -> Any:
        return self.object_list[index]

    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def order_of(queryset: QuerySet[Any]) -> list[tuple[str, bool]]:
    """(key, descending) pairs of the queryset's order, ending with the primary key."""
    names = list(queryset.query.order_by) or list(queryset.model._meta.ordering or [])
    order: list[tuple[str, bool]] = []
    for name in names:
        if not isinstance(name, str) or name == "?":
            raise ValueError(f"keyset pagination needs named keys, not {name!r}")
        descending = name.startswith("-")
        key = name.lstrip("-+")
        order.append(("pk" if key in ("id", queryset.model._meta.pk.name) else key, descending))
        if order[-1][0] == "pk":
            return order  # the primary key is unique: later keys never decide
    return [*order, ("pk", order[-1][1] if order else False)]


def _value_of(obj: Model, key: str) -> Any:
    value: Any = obj
    for part in key.split("__"):
        value = getattr(value, part)
        if isinstance(value, Model):
            value = value.pk
    return value


def _encode(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return ["t", value.isoformat()]
    if isinstance(value, datetime.date):
        return ["d", value.isoformat()]
    if isinstance(value, decimal.Decimal):
        return ["m", str(value)]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        kind, text = value
        if kind == "t":
            return datetime.datetime.fromisoformat(text)
        if kind == "d":
            return datetime.date.fromisoformat(text)
        if kind == "m":
            return decimal.Decimal(text)
        raise ValueError(kind)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise ValueError(value)


def _signature(order: Sequence[tuple[str, bool]]) -> str:
    return ",".join(("-" if desc else "") + key for key, desc in order)


def make_cursor(order: Sequence[tuple[str, bool]], row: Model, *, forward: bool) -> str:
    values = [_encode(_value_of(row, key)) for key, _desc in order]
    return signing.dumps(
        {"o": _signature(order), "f": forward, "v": values}, salt=SALT, compress=True
    )


def read_cursor(
    text: str | None, order: Sequence[tuple[str, bool]]
) -> tuple[bool, list[Any]] | None:
    """(forward, key values) of a cursor made for this order; None for anything else."""
    if not text or len(text) > MAX_CURSOR_LENGTH:
        return None
    try:
        data = signing.loads(text, salt=SALT)
        if not isinstance(data, dict) or data.get("o") != _signature(order):
            return None
        values = [_decode(v) for v in data["v"]]
        forward = data["f"]
    except (signing.BadSignature, ValueError, TypeError, KeyError, UnicodeError):
        return None
    if len(values) != len(order) or not isinstance(forward, bool) or None in values:
        return None
    return forward, values


def beyond(order: Sequence[tuple[str, bool]], values: Sequence[Any], *, forward: bool) -> Q:
    """The rows after (forward) or before the row with these key values, in this order.

    (k1, k2, …) after (v1, v2, …): k1 beyond v1, or k1 = v1 and k2 beyond v2, or …; with the
    redundant bound "k1 at or beyond v1" first, which an index on (k1, …) answers directly."""
    clauses = []
    for i, (key, descending) in enumerate(order):
        equal = {k: v for (k, _d), v in zip(order[:i], values[:i], strict=True)}
        lookup = "lt" if descending == forward else "gt"
        clauses.append(Q(**equal, **{f"{key}__{lookup}": values[i]}))
    first, descending = order[0]
    bound = Q(**{f"{first}__{'lte' if descending == forward else 'gte'}": values[0]})
    return bound & functools.reduce(operator.or_, clauses)


def _query(request: HttpRequest, cursor: str | None) -> str:
    params = request.GET.copy()
    for name in (CURSOR, "page"):
        params.pop(name, None)
    if cursor:
        params[CURSOR] = cursor
    return params.urlencode()


def keyset_page(request: HttpRequest, queryset: QuerySet[Any], *, per_page: int = 25) -> KeysetPage:
    """The page of `queryset` the request's cursor names (the first page without one)."""
    order = order_of(queryset)
    read = read_cursor(request.GET.get(CURSOR), order)
    forward = read is None or read[0]
    ordering = [("-" if desc == forward else "") + key for key, desc in order]
    rows = queryset
    if read is not None:
        rows = rows.filter(beyond(order, read[1], forward=forward))
    fetched = list(rows.order_by(*ordering)[: per_page + 1])
    more = len(fetched) > per_page
    shown = fetched[:per_page]
    if forward:
        has_next, has_previous = more, read is not None
    else:
        shown.reverse()
        has_next, has_previous = True, more
    page = KeysetPage(
        object_list=shown,
        has_next=has_next and bool(shown),
        has_previous=has_previous and bool(shown),
        first_query=_query(request, None),
    )
    if page.has_next:
        page.next_query = _query(request, make_cursor(order, shown[-1], forward=True))
    if page.has_previous:
        page.previous_query = _query(request, make_cursor(order, shown[0], forward=False))
    if read is not None and not shown:  # past the end (rows gone meanwhile): offer the start
        page.has_previous = True
        page.previous_query = page.first_query
    return page


def bounded_count(queryset: QuerySet[Any], limit: int = 1000) -> tuple[int, bool]:
    """How many rows, counted up to `limit` only: (count, whether there are more)."""
    count = queryset.order_by().values("pk")[: limit + 1].count()
    return min(count, limit), count > limit
