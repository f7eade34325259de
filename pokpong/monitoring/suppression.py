"""Small-number protection: counts from 1 to 4 are shown as "<5", and so are the complementary
cells that would let a reader recompute them (docs/privacy.md, "Small numbers").

The output is seen as cells tied by relations: a whole that is the sum of its parts (the rows of
an additive breakdown and the indicator's total; the quarters of a year and the year, for an
indicator that counts events), and groups of rows that do not add up to anything exact (a
breakdown where one record can count in several rows). Small cells are suppressed first; then,
until nothing changes, a relation with exactly one suppressed member gets a second one: its
smallest non-zero part, else its whole. A group with one suppressed row gets a second row the same
way, else its indicator's total. Two indicators that count the same persons (victims identified,
and the same victims per 100,000) have their equal cells tied. Zero is never suppressed: "none"
discloses nobody.

`protect()` works on the result objects in place; the dashboard and the reports call it on
exactly what they show, so a number reads the same in both. `recoverable()` is the check: it
solves the relations (exact Gaussian elimination over the rationals) and names every suppressed
cell a reader could still compute.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from pokpong.monitoring.results import Cell, IndicatorResult

SMALL_MAX = 4  # counts 1..SMALL_MAX are suppressed


def is_small(value: int | None) -> bool:
    return value is not None and 1 <= value <= SMALL_MAX


@dataclass
class Relation:
    """`whole` = sum of `parts` (exact), or, when `exact` is False, a group of `parts` whose sum
    only bounds the whole (rows of a non-additive breakdown): then `whole` is the indicator's
    total, suppressed as a last resort."""

    whole: Cell
    parts: list[Cell]
    exact: bool = True


@dataclass
class Table:
    """Every cell shown and the relations between them."""

    cells: list[Cell] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def add(self, *cells: Cell) -> None:
        known = {id(c) for c in self.cells}
        self.cells.extend(c for c in cells if id(c) not in known)


def _value(cell: Cell) -> int:
    return cell.value or 0


def _second_member(relation: Relation) -> Cell | None:
    """The member to suppress beside the only suppressed one: the smallest non-zero part that is
    still shown, else the whole (when it is not zero)."""
    candidates = [p for p in relation.parts if not p.suppressed and _value(p) > 0]
    if candidates:
        return min(candidates, key=_value)
    if not relation.whole.suppressed and _value(relation.whole) > 0:
        return relation.whole
    return None


def _one_suppressed(relation: Relation) -> bool:
    members = relation.parts if not relation.exact else [relation.whole, *relation.parts]
    return sum(1 for m in members if m.suppressed) == 1


def suppress(table: Table) -> None:
    """Suppress the small cells of the table, then their complements, to a fixed point."""
    for cell in table.cells:
        if is_small(cell.value):
            cell.suppressed = True
    changed = True
    while changed:
        changed = False
        for relation in table.relations:
            if _one_suppressed(relation):
                second = _second_member(relation)
                if second is not None:
                    second.suppressed = True
                    changed = True


# Rules that count exactly what another rule counts (the same persons, the same breakdowns).
SAME_COUNT_RULES = {"victims_per_100k": "victims_identified"}


def counted_as(codes: Iterable[str]) -> Callable[[str], str]:
    """What each indicator counts, by its rule: two indicators counting the same persons get the
    same key (the rule's), so that their equal cells are hidden together."""
    from pokpong.monitoring.models import Indicator

    rules = dict(Indicator.objects.filter(code__in=list(codes)).values_list("code", "rule"))

    def key(code: str) -> str:
        rule = rules.get(code) or ""
        return SAME_COUNT_RULES.get(rule, rule) or f"code:{code}"

    return key


def _link_same_counts(
    table: Table, results: Sequence[IndicatorResult], same_count: Callable[[str], str]
) -> None:
    """Equal numbers of indicators that count the same thing are one number: each pair of equal
    cells (the totals, the rows of a shared disaggregation) is tied, so one hidden hides both."""
    first: dict[str, IndicatorResult] = {}
    for result in results:
        other = first.setdefault(same_count(result.code), result)
        if other is result:
            continue
        table.relations.append(Relation(other.total, [result.total]))
        rows = {(b.dimension, row.key): row.cell for b in other.breakdowns for row in b.rows}
        for breakdown in result.breakdowns:
            for row in breakdown.rows:
                twin = rows.get((breakdown.dimension, row.key))
                if twin is not None:
                    table.relations.append(Relation(twin, [row.cell]))


def result_table(
    results: Iterable[IndicatorResult],
    *,
    quarters: Mapping[str, Sequence[IndicatorResult]] | None = None,
    counts_events: Callable[[str], bool] = lambda code: True,
    same_count: Callable[[str], str] | None = None,
) -> Table:
    """The cells and relations of indicator results as a report or the dashboard shows them.

    `quarters` holds, by indicator code, the quarterly results shown beside a result (the trend):
    a quarter with the same dates as the result's period is the same number (linked); the
    quarters of a year add up to it when `counts_events(code)` (the default treats every
    indicator so: for one that counts distinct persons it only suppresses more). `same_count`
    names what each indicator counts (default: `counted_as`, from the catalogue's rules)."""
    results = list(results)
    table = Table()
    _link_same_counts(table, results, same_count or counted_as(r.code for r in results))
    for result in results:
        table.add(result.total)
        if result.denominator is not None:
            table.add(result.denominator)
        for breakdown in result.breakdowns:
            rows = [row.cell for row in breakdown.rows]
            table.add(*rows)
            table.relations.append(Relation(result.total, rows, exact=breakdown.additive))
        shown = (quarters or {}).get(result.code, [])
        table.add(*(q.total for q in shown))
        _link_quarters(table, result, shown, counts_events(result.code))
    return table


def _link_quarters(
    table: Table, result: IndicatorResult, shown: Sequence[IndicatorResult], events: bool
) -> None:
    period = result.period
    for quarter in shown:
        if (quarter.period.start, quarter.period.end) == (period.start, period.end):
            table.relations.append(Relation(result.total, [quarter.total]))
            return
    inside = [q for q in shown if period.start <= q.period.start and q.period.end <= period.end]
    if events and len(inside) == len(period.quarters()) > 1:
        table.relations.append(Relation(result.total, [q.total for q in inside]))


def protect(
    results: Iterable[IndicatorResult],
    *,
    quarters: Mapping[str, Sequence[IndicatorResult]] | None = None,
    counts_events: Callable[[str], bool] = lambda code: True,
    same_count: Callable[[str], str] | None = None,
) -> None:
    """Suppress small numbers and their complements in these results (in place)."""
    table = result_table(
        results, quarters=quarters, counts_events=counts_events, same_count=same_count
    )
    suppress(table)


# -- the check ---------------------------------------------------------------------------------


def recoverable(table: Table) -> list[Cell]:
    """The suppressed cells a reader could compute exactly from the shown cells and the exact
    relations (the linear system solved by Gaussian elimination). Empty when protection holds."""
    unknown = [c for c in table.cells if c.suppressed]
    index = {id(c): i for i, c in enumerate(unknown)}
    rows: list[list[Fraction]] = []
    for relation in table.relations:
        if not relation.exact:
            continue
        row = [Fraction(0)] * (len(unknown) + 1)  # coefficients | constant
        for cell, sign in [(relation.whole, 1), *((p, -1) for p in relation.parts)]:
            if id(cell) in index:
                row[index[id(cell)]] += sign
            else:
                row[-1] -= sign * _value(cell)
        rows.append(row)
    return [unknown[i] for i in _determined(rows, len(unknown))]


def _determined(rows: list[list[Fraction]], width: int) -> list[int]:
    """Columns whose value the system fixes: reduced row echelon form, then a pivot row with no
    other non-zero coefficient."""
    pivots: list[int] = []
    rank = 0
    for col in range(width):
        pick = next((r for r in range(rank, len(rows)) if rows[r][col] != 0), None)
        if pick is None:
            continue
        rows[rank], rows[pick] = rows[pick], rows[rank]
        lead = rows[rank][col]
        rows[rank] = [v / lead for v in rows[rank]]
        for r in range(len(rows)):
            if r != rank and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        pivots.append(col)
        rank += 1
    return [
        col
        for r, col in enumerate(pivots)
        if all(rows[r][c] == 0 for c in range(width) if c != col)
    ]
