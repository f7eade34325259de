"""What the indicator engine returns, and what the dashboard, the reports and the API show.

The engine (`monitoring.engine`) fills these from GROUP BY queries; small-number protection
(`monitoring.suppression`) marks cells suppressed; the dashboard, the Excel/PDF reports and the API
only render them. One number therefore reads the same wherever it appears.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from pokpong.monitoring.periods import Period

SUPPRESSED_TEXT = "<5"


@dataclass(frozen=True)
class Scope:
    """Where the numbers come from: the country or one province, and the programme area filter."""

    province_id: int | None = None  # None: the whole country
    area: str = "all"  # "all", "target" (the programme's target area) or "rest"

    @property
    def is_national(self) -> bool:
        return self.province_id is None


@dataclass
class Cell:
    """One number of an aggregate. `value` is None when it is unknown (a hand-entered indicator
    nobody entered yet); `suppressed` hides a known small value (or its complement)."""

    value: int | None
    suppressed: bool = False

    @property
    def shown(self) -> str:
        if self.suppressed:
            return SUPPRESSED_TEXT
        return "–" if self.value is None else f"{self.value:,}"


@dataclass
class Row:
    key: str  # stable key of the category ("female", "child", "LA-VT", "TH", "unknown")
    label: str  # in the reader's language
    cell: Cell


@dataclass
class Breakdown:
    """The indicator's total split by one disaggregation (sex, age group, province, ...).

    `additive` is True when the rows add up to the total (every record in exactly one row, an
    "unknown" row included); False when a record can count in several rows (a victim with two forms
    of trafficking) — suppression then treats the rows conservatively."""

    dimension: str
    label: str
    rows: list[Row]
    additive: bool = True


@dataclass
class IndicatorResult:
    code: str
    name: str  # in the reader's language
    unit: str
    period: Period
    scope: Scope
    total: Cell
    breakdowns: list[Breakdown] = field(default_factory=list)
    target: int | None = None
    computed: bool = True  # False: entered by hand per period
    entered_by: str = ""  # who entered a hand-entered value
    denominator: Cell | None = None  # for "number and percentage" indicators; a rate's population
    # For rate indicators (SDG-16.2.2: victims per 100 000 population): `total` is the number of
    # victims, `denominator` the population entered by hand, `rate` the indicator's value.
    rate: Decimal | None = None

    @property
    def percent_of_target(self) -> int | None:
        if not self.target or self.total.value is None or self.total.suppressed:
            return None
        return round(100 * self.total.value / self.target)

    @property
    def percentage(self) -> int | None:
        """The indicator's percentage (number over its denominator), when it has one."""
        if self.denominator is None or not self.denominator.value:
            return None
        if self.total.value is None or self.total.suppressed or self.denominator.suppressed:
            return None
        return round(100 * self.total.value / self.denominator.value)

    @property
    def rate_shown(self) -> str:
        """A rate indicator's value as shown (two decimals), or "–" when it is unknown or hidden."""
        if self.rate is None or self.total.suppressed:
            return "–"
        return f"{self.rate:,.2f}"
