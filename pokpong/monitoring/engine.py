"""The indicator engine: the one place a programme number is computed.

The dashboard, the Excel and PDF reports and the API call these three functions (and nothing
else) so one number reads the same wherever it appears:

- `compute(code, period, scope, *, dimensions=None) -> IndicatorResult`
- `compute_all(period, scope, *, dimensions=None) -> list[IndicatorResult]`
- `trend(code, periods, scope) -> list[IndicatorResult]` (totals only)

Results are unsuppressed (small-number protection is `monitoring.suppression`'s). Each result is
cached, keyed by the indicator, period, scope, dimensions, language and the generation counters of
every model its rule reads (`monitoring.generations`): a new record invalidates exactly the numbers
that read its model.
"""

import copy
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise

from pokpong.accounts.models import OrganisationType, User
from pokpong.cases.models import FormOfTrafficking
from pokpong.monitoring import rules as rules_module
from pokpong.monitoring.generations import generations
from pokpong.monitoring.models import Indicator, ManualValue, Target
from pokpong.monitoring.periods import Period
from pokpong.monitoring.results import Breakdown, Cell, IndicatorResult, Row, Scope
from pokpong.monitoring.rules import AGE_BANDS, HOTLINE, RULES, UNKNOWN, Pairs
from pokpong.people.models import Sex
from pokpong.places.models import Country, District, Province
from pokpong.prevention.models import ActivityType
from pokpong.referrals.models import ServiceType

CACHE_VERSION = 1
# Read by every result: the catalogue, targets and hand-entered values, and the programme-area
# flags of provinces and districts (a target-area cut changes when they do).
OWN_SOURCES = (
    "monitoring.Indicator",
    "monitoring.Target",
    "monitoring.ManualValue",
    "places.Province",
    "places.District",
)


# --- disaggregations ----------------------------------------------------------------------------


def _choices(pairs: Sequence[tuple[str, StrOrPromise]]) -> Callable[[list[str]], dict[str, str]]:
    def labels(keys: list[str]) -> dict[str, str]:
        return {key: str(label) for key, label in pairs}

    return labels


def _lookup(model: Any, field: str, order: str = "") -> Callable[[list[str]], dict[str, str]]:
    def labels(keys: list[str]) -> dict[str, str]:
        rows = model.objects.filter(**{f"{field}__in": keys})
        if order:
            rows = rows.order_by(order)
        return {getattr(row, field): str(row) for row in rows}

    return labels


def _support_labels(keys: list[str]) -> dict[str, str]:
    found = _lookup(ServiceType, "code", "sort_order")(keys)
    if HOTLINE in keys:
        found[HOTLINE] = _("Hotline: potential case referred")
    return found


def _age_band_labels(keys: list[str]) -> dict[str, str]:
    return {key: key.replace("--", "–") for key, _low, _high in AGE_BANDS}


@dataclass(frozen=True)
class Dimension:
    key: str
    label: StrOrPromise
    labels: Callable[
        [list[str]], dict[str, str]
    ]  # keys → labels in the reader's language, in order
    fixed: bool = False  # the categories are a closed list: every one shows, zero included


DIMENSIONS: dict[str, Dimension] = {
    d.key: d
    for d in [
        Dimension(
            "sex",
            gettext_lazy("Sex"),
            _choices([(Sex.FEMALE.value, Sex.FEMALE.label), (Sex.MALE.value, Sex.MALE.label)]),
            fixed=True,
        ),
        Dimension(
            "age_group",
            gettext_lazy("Age group"),
            _choices(
                [
                    ("child", gettext_lazy("Child (under 18)")),
                    ("adult", gettext_lazy("Adult (18 and over)")),
                ]
            ),
            fixed=True,
        ),
        Dimension("age_band", gettext_lazy("Age (CTDC bands)"), _age_band_labels, fixed=True),
        Dimension(
            "form",
            gettext_lazy("Form of trafficking"),
            _lookup(FormOfTrafficking, "code", "sort_order"),
        ),
        Dimension(
            "province", gettext_lazy("Province"), _lookup(Province, "iso_code", "national_code")
        ),
        Dimension("district", gettext_lazy("District"), _lookup(District, "code", "code")),
        Dimension(
            "origin_country",
            gettext_lazy("Country of origin (nationality)"),
            _lookup(Country, "alpha2", "sort_order"),
        ),
        Dimension(
            "exploitation_country",
            gettext_lazy("Country of exploitation"),
            _lookup(Country, "alpha2", "sort_order"),
        ),
        Dimension(
            "org_type",
            gettext_lazy("Type of organisation"),
            _lookup(OrganisationType, "code", "sort_order"),
        ),
        Dimension(
            "stakeholder_type",
            gettext_lazy("Type of stakeholder who identified"),
            _lookup(OrganisationType, "code", "sort_order"),
        ),
        Dimension("support_type", gettext_lazy("Type of direct support"), _support_labels),
        Dimension(
            "activity_type",
            gettext_lazy("Type of activity"),
            _choices(list(ActivityType.choices)),
            fixed=True,
        ),
    ]
}


def _breakdown(dim: str, found: Pairs, additive: bool, total: int) -> Breakdown:
    dimension = DIMENSIONS[dim]
    values: dict[str, int] = {}
    unknown = 0
    for key, value in found:
        if key is None or key == UNKNOWN:
            unknown += value
        elif value:
            values[key] = values.get(key, 0) + value
    labels = dimension.labels(sorted(values))
    rows: list[Row] = []
    keys = list(labels) if dimension.fixed else [k for k in labels if k in values]
    for key in keys:
        rows.append(Row(key=key, label=labels[key], cell=Cell(values.pop(key, 0))))
    for key, value in values.items():  # a category the labels do not know (e.g. the "other" sex)
        rows.append(Row(key=key, label=key, cell=Cell(value)))
    if additive:
        # Every record in exactly one row: the unknown row takes what the others leave.
        unknown = total - sum(row.cell.value or 0 for row in rows)
        rows.append(Row(key=UNKNOWN, label=_("Unknown"), cell=Cell(max(unknown, 0))))
    elif unknown:
        rows.append(Row(key=UNKNOWN, label=_("Unknown"), cell=Cell(unknown)))
    return Breakdown(dimension=dim, label=str(dimension.label), rows=rows, additive=additive)


# --- catalogue, targets, hand-entered values ----------------------------------------------------


def catalogue(*, active_only: bool = True) -> list[Indicator]:
    indicators = Indicator.objects.all()
    if active_only:
        indicators = indicators.filter(is_active=True)
    return list(indicators.order_by("sort_order", "code"))


UNITS: dict[str, StrOrPromise] = {
    "persons": gettext_lazy("persons"),
    "documents": gettext_lazy("documents"),
    "committees": gettext_lazy("committees"),
    "referrals": gettext_lazy("referrals"),
    "per 100000": gettext_lazy("per 100,000 population"),
    "cases": gettext_lazy("cases"),
    "LAK": gettext_lazy("kip (LAK)"),
}


def unit_label(unit: str) -> str:
    """An indicator's unit (stored in English, as in the catalogue) in the reader's language."""
    return str(UNITS.get(unit, unit))


def rule_label(indicator: Indicator) -> str:
    """What the catalogue page says about how the indicator is obtained."""
    if indicator.rule in RULES:
        return indicator.rule
    if indicator.rule:
        return _("unknown rule: %(rule)s") % {"rule": indicator.rule}
    return _("entered by hand")


def accepts_values(indicator: Indicator) -> bool:
    """Whether values are entered by hand for this indicator: the manual ones, and the
    population figures of rate indicators."""
    return indicator.is_manual or isinstance(RULES.get(indicator.rule), rules_module.VictimsPer100k)


def needs_calendar_years(indicator: Indicator) -> bool:
    """Population figures are entered per calendar year."""
    return isinstance(RULES.get(indicator.rule), rules_module.VictimsPer100k)


def dimension_labels(indicator: Indicator) -> list[str]:
    return [str(DIMENSIONS[d].label) for d in indicator.disaggregations if d in DIMENSIONS]


def supported_dimensions(indicator: Indicator) -> list[str]:
    """The indicator's disaggregations its rule can compute, in the catalogue's order."""
    rule = RULES.get(indicator.rule)
    if rule is None:
        return []
    return [d for d in indicator.disaggregations if d in rule.dimensions and d in DIMENSIONS]


@dataclass(frozen=True)
class _Entry:
    """A target or a hand-entered value, as the engine adds them up."""

    period: str
    province_id: int | None  # None: the whole country
    in_area: bool | None  # the province's programme-area flag (None for a national row)
    value: int
    at: Any
    by_id: int | None


class _Book:
    """The targets or hand-entered values of some indicators, read in one query the first time
    a cold result needs one (a few rows per indicator and period), then added up in Python
    exactly as the scope says — instead of several small queries per result and period."""

    def __init__(self, model: Any, indicator_ids: Sequence[int]) -> None:
        self.model = model
        self.indicator_ids = list(indicator_ids)
        self._rows: dict[tuple[int, str], list[_Entry]] | None = None

    def rows(self, indicator: Indicator, codes: Sequence[str]) -> list[_Entry]:
        if self._rows is None or indicator.pk not in self.indicator_ids:
            if indicator.pk not in self.indicator_ids:
                self.indicator_ids.append(indicator.pk)
            self._rows = self._load()
        return [e for code in codes for e in self._rows.get((indicator.pk, code), [])]

    def _load(self) -> dict[tuple[int, str], list[_Entry]]:
        manual = self.model is ManualValue
        at, by = ("entered_at", "entered_by_id") if manual else ("set_at", "set_by_id")
        found: dict[tuple[int, str], list[_Entry]] = {}
        rows = self.model.objects.filter(indicator_id__in=self.indicator_ids).values_list(
            "indicator_id", "period", "province_id", "province__in_programme_area", "value", at, by
        )
        for indicator_id, period, province_id, in_area, value, when, who in rows:
            entry = _Entry(period, province_id, in_area, int(value), when, who)
            found.setdefault((indicator_id, period), []).append(entry)
        return found


@dataclass
class _Books:
    """Targets and hand-entered values for one call of the engine (loaded only when needed)."""

    indicator_ids: list[int]
    targets: _Book | None = None
    manual: _Book | None = None

    def book(self, model: Any) -> _Book:
        if model is Target:
            self.targets = self.targets or _Book(Target, self.indicator_ids)
            return self.targets
        self.manual = self.manual or _Book(ManualValue, self.indicator_ids)
        return self.manual


def _per_scope(entries: list[_Entry], scope: Scope) -> tuple[int | None, list[_Entry]]:
    """The value of hand-entered or target rows for a scope: the scope's own row (national, or
    the province), else the sum of the provinces' rows it covers. (value, rows used)"""
    if scope.province_id is not None:
        chosen = [e for e in entries if e.province_id == scope.province_id]
    elif scope.area == "target":
        chosen = [e for e in entries if e.in_area is True]
    elif scope.area == "rest":
        chosen = [e for e in entries if e.in_area is False]
    else:
        national = [e for e in entries if e.province_id is None]
        if national:
            return sum(e.value for e in national), national
        chosen = [e for e in entries if e.province_id is not None]
    if not chosen:
        return None, chosen
    return sum(e.value for e in chosen), chosen


def _for_period(
    model: Any, indicator: Indicator, period: Period, scope: Scope, books: _Books | None = None
) -> tuple[int | None, list[_Entry]]:
    """A period's value, or the sum of its quarters' values when the period itself has none."""
    book = (books or _Books([indicator.pk])).book(model)
    value, used = _per_scope(book.rows(indicator, [period.code]), scope)
    if value is not None or len(period.quarters()) == 1:
        return value, used
    return _per_scope(book.rows(indicator, [q.code for q in period.quarters()]), scope)


def target_for(
    indicator: Indicator, period: Period, scope: Scope, books: _Books | None = None
) -> int | None:
    return _for_period(Target, indicator, period, scope, books)[0]


def population_for(
    indicator: Indicator, period: Period, scope: Scope, books: _Books | None = None
) -> int | None:
    """The population entered by hand for the year the period ends in."""
    book = (books or _Books([indicator.pk])).book(ManualValue)
    return _per_scope(book.rows(indicator, [str(period.end.year)]), scope)[0]


def _entered_by(rows: list[_Entry]) -> str:
    if not rows:
        return ""
    last = max(rows, key=lambda e: e.at)
    if last.by_id is None:
        return ""
    user = User.objects.filter(pk=last.by_id).first()
    return user.display_name if user is not None else ""


# --- computing ----------------------------------------------------------------------------------


def _sources(indicator: Indicator) -> tuple[str, ...]:
    rule = RULES.get(indicator.rule)
    return (*(rule.sources if rule else ()), *OWN_SOURCES)


def _cache_key(
    indicator: Indicator, period: Period, scope: Scope, dims: list[str], gens: dict[str, int]
) -> str:
    wanted = {*_sources(indicator), "__epoch__"}
    stamp = ",".join(f"{label}={gens.get(label, 0)}" for label in sorted(wanted))
    raw = (
        f"{CACHE_VERSION}|{indicator.code}|{period.code}|{scope.province_id}|{scope.area}|"
        f"{','.join(dims)}|{get_language()}|{stamp}"
    )
    return "pokpong:indicator:" + hashlib.sha256(raw.encode()).hexdigest()


def _timeout() -> int:
    return int(getattr(settings, "POKPONG_INDICATOR_CACHE_SECONDS", 24 * 3600))


def _result(
    indicator: Indicator, period: Period, scope: Scope, dims: list[str], books: _Books
) -> IndicatorResult:
    result = IndicatorResult(
        code=indicator.code,
        name=indicator.name,
        unit=indicator.unit,
        period=period,
        scope=scope,
        total=Cell(None),
        target=target_for(indicator, period, scope, books),
    )
    rule = RULES.get(indicator.rule)
    if rule is None:  # entered by hand
        value, used = _for_period(ManualValue, indicator, period, scope, books)
        result.total = Cell(value)
        result.computed = False
        result.entered_by = _entered_by(used) if value is not None else ""
        return result
    try:
        counted = rule.count(period, scope, dims)
    except rules_module.RuleUnavailable:
        return result  # unknown: total None, no breakdowns
    result.total = Cell(counted.total)
    result.breakdowns = [_breakdown(dim, *counted.breakdowns[dim], counted.total) for dim in dims]
    if counted.denominator is not None:
        result.denominator = Cell(counted.denominator)
    if isinstance(rule, rules_module.VictimsPer100k):
        population = population_for(indicator, period, scope, books)
        if population is not None:
            result.denominator = Cell(population)
            result.rate = (
                Decimal(counted.total * rule.per) / Decimal(population) if population else None
            )
            if result.rate is not None:
                result.rate = result.rate.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return result


def _dims_for(indicator: Indicator, dimensions: Sequence[str] | None) -> list[str]:
    supported = supported_dimensions(indicator)
    if dimensions is None:
        return supported
    rule = RULES.get(indicator.rule)
    able = set(rule.dimensions) if rule else set()
    return [d for d in dimensions if d in able and d in DIMENSIONS]


Ask = tuple[Indicator, Period, Sequence[str] | None]  # an indicator, a period, its breakdowns


def _compute_many(asks: Sequence[Ask], scope: Scope, gens: dict[str, int]) -> list[IndicatorResult]:
    """Results for several indicators and periods: the cache read in one go (`get_many`), the
    missing ones computed (targets and hand-entered values read once for all) and stored."""
    keyed = []
    for indicator, period, dimensions in asks:
        dims = _dims_for(indicator, dimensions)
        keyed.append((_cache_key(indicator, period, scope, dims, gens), indicator, period, dims))
    cached = cache.get_many([key for key, *_rest in keyed]) if keyed else {}
    books = _Books(sorted({indicator.pk for _k, indicator, _p, _d in keyed}))
    found: list[IndicatorResult] = []
    fresh: dict[str, IndicatorResult] = {}
    seen: set[str] = set()
    for key, indicator, period, dims in keyed:
        result = cached.get(key) or fresh.get(key)
        if not isinstance(result, IndicatorResult):
            result = _result(indicator, period, scope, dims, books)
            fresh[key] = result
        elif key in seen:  # asked twice in one call: two objects, as two cache reads give
            result = copy.deepcopy(result)
        seen.add(key)
        found.append(result)
    if fresh:
        cache.set_many(fresh, _timeout())
    return found


class UnknownIndicator(LookupError):
    """No indicator of the catalogue has this code."""


def _indicator(code: str) -> Indicator:
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        raise UnknownIndicator(code)
    return indicator


def compute(
    code: str, period: Period, scope: Scope, *, dimensions: Sequence[str] | None = None
) -> IndicatorResult:
    """One indicator for one period and scope, with its breakdowns (the indicator's
    disaggregations when `dimensions` is None; only those its rule supports otherwise)."""
    indicator = _indicator(code)
    gens = generations(_sources(indicator))
    return _compute_many([(indicator, period, dimensions)], scope, gens)[0]


def compute_all(
    period: Period, scope: Scope, *, dimensions: Sequence[str] | None = None
) -> list[IndicatorResult]:
    """Every active indicator, in the catalogue's order."""
    indicators = catalogue()
    labels = {label for indicator in indicators for label in _sources(indicator)}
    gens = generations(labels)
    return _compute_many([(i, period, dimensions) for i in indicators], scope, gens)


def trend(code: str, periods: Sequence[Period], scope: Scope) -> list[IndicatorResult]:
    """One indicator's totals over several periods (no breakdowns)."""
    indicator = _indicator(code)
    gens = generations(_sources(indicator))
    return _compute_many([(indicator, period, []) for period in periods], scope, gens)


def trends(periods: Sequence[Period], scope: Scope) -> dict[str, list[IndicatorResult]]:
    """Every active indicator's totals over several periods, by code: the catalogue and the
    source generations read once for all of them (as `compute_all` does)."""
    indicators = catalogue()
    labels = {label for indicator in indicators for label in _sources(indicator)}
    gens = generations(labels)
    asks: list[Ask] = [(i, period, []) for i in indicators for period in periods]
    found = iter(_compute_many(asks, scope, gens))
    return {indicator.code: [next(found) for _period in periods] for indicator in indicators}
