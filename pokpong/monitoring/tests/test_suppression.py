"""Small-number protection on hand-made tables: what is suppressed, and that a reader cannot
recompute it from the rest of the output."""

import itertools

import pytest

from pokpong.monitoring.periods import parse
from pokpong.monitoring.results import Breakdown, Cell, IndicatorResult, Row, Scope
from pokpong.monitoring.suppression import (
    Relation,
    Table,
    is_small,
    protect,
    recoverable,
    result_table,
    suppress,
)

# The default `same_count` reads the catalogue's rules (none of the hand-made codes is there).
pytestmark = pytest.mark.django_db


def result(
    code: str, total: int, *breakdowns: Breakdown, period: str = "2026Q4"
) -> IndicatorResult:
    return IndicatorResult(
        code=code,
        name=code,
        unit="persons",
        period=parse(period),
        scope=Scope(),
        total=Cell(total),
        breakdowns=list(breakdowns),
    )


def breakdown(dimension: str, additive: bool = True, **values: int) -> Breakdown:
    rows = [Row(key, key, Cell(v)) for key, v in values.items()]
    return Breakdown(dimension, dimension, rows, additive=additive)


def shown(b: Breakdown) -> dict[str, str]:
    return {row.key: row.cell.shown for row in b.rows}


def test_small_means_one_to_four():
    assert [is_small(v) for v in (None, 0, 1, 4, 5)] == [False, False, True, True, False]


def test_small_cell_and_its_smallest_complement_are_suppressed_total_stays():
    sex = breakdown("sex", female=3, male=10, unknown=7)
    r = result("V1", 20, sex)
    protect([r])
    # 3 is small; 7 (the smallest other non-zero row) hides it; the total 20 is shown.
    assert shown(sex) == {"female": "<5", "male": "10", "unknown": "<5"}
    assert r.total.shown == "20"
    assert recoverable(result_table([r])) == []


def test_zero_cells_are_not_suppressed():
    sex = breakdown("sex", female=0, male=12, unknown=0)
    r = result("V1", 12, sex)
    protect([r])
    assert shown(sex) == {"female": "0", "male": "12", "unknown": "0"}
    assert r.total.shown == "12"


def test_zero_rows_are_never_chosen_as_complements():
    sex = breakdown("sex", female=2, male=0, unknown=9)
    r = result("V1", 11, sex)
    protect([r])
    assert shown(sex) == {"female": "<5", "male": "0", "unknown": "<5"}
    assert r.total.shown == "11"


def test_total_of_five_or_more_is_shown_when_two_parts_are_suppressed():
    sex = breakdown("sex", female=2, male=3)
    r = result("V1", 5, sex)
    protect([r])
    assert shown(sex) == {"female": "<5", "male": "<5"}
    assert r.total.shown == "5"
    assert recoverable(result_table([r])) == []


def test_small_total_is_suppressed_with_its_parts():
    sex = breakdown("sex", female=3, male=0)
    r = result("V1", 3, sex)
    protect([r])
    assert r.total.shown == "<5"
    assert shown(sex) == {"female": "<5", "male": "0"}


def test_whole_is_suppressed_when_no_other_part_can_hide_the_small_one():
    # A whole with a single non-zero part: the part is small, so the whole equals it.
    whole, small, zero = Cell(4), Cell(4), Cell(0)
    table = Table([whole, small, zero], [Relation(whole, [small, zero])])
    suppress(table)
    assert whole.suppressed and small.suppressed and not zero.suppressed


def test_suppression_propagates_across_breakdowns_sharing_the_total():
    # The province table hides a small total's parts; the sex table must then not reveal it.
    province = breakdown("province", vt=3, sv=1)
    sex = breakdown("sex", female=4, male=0)
    r = result("V1", 4, province, sex)
    protect([r])
    assert r.total.shown == "<5"
    assert shown(sex) == {"female": "<5", "male": "0"}
    assert recoverable(result_table([r])) == []


def test_a_cell_recomputable_only_through_a_second_table_is_protected():
    # sex: 3 + 9 = 12 -> 3 and 9 hidden. age: child 9 + adult 3: 3 hidden with 9 as complement.
    sex = breakdown("sex", female=3, male=9)
    age = breakdown("age", child=9, adult=3)
    province = breakdown("province", vt=6, sv=6)
    r = result("V1", 12, sex, age, province)
    protect([r])
    assert shown(sex) == {"female": "<5", "male": "<5"}
    assert shown(age) == {"child": "<5", "adult": "<5"}
    assert shown(province) == {"vt": "6", "sv": "6"}
    assert r.total.shown == "12"
    assert recoverable(result_table([r])) == []


def test_quarters_of_a_year_hide_a_small_quarter_when_the_indicator_counts_events():
    year = result("V1", 30, period="2026")
    quarters = [result("V1", v, period=f"2026Q{i}") for i, v in enumerate((2, 8, 9, 11), 1)]
    protect([year], quarters={"V1": quarters})
    assert [q.total.shown for q in quarters] == ["<5", "<5", "9", "11"]
    assert year.total.shown == "30"
    assert recoverable(result_table([year], quarters={"V1": quarters})) == []


def test_quarters_of_distinct_persons_are_not_tied_to_the_year():
    year = result("V2", 25, period="FY2026")
    quarters = [result("V2", v, period=f"FY2026Q{i}") for i, v in enumerate((2, 8, 9, 11), 1)]
    protect([year], quarters={"V2": quarters}, counts_events=lambda code: False)
    assert [q.total.shown for q in quarters] == ["<5", "8", "9", "11"]


def test_the_report_quarter_in_the_trend_is_the_same_number_as_the_total():
    current = result("V1", 12, breakdown("sex", female=3, male=9), period="2026Q4")
    trend = [result("V1", v, period=f"2026Q{i}") for i, v in enumerate((7, 6, 3, 12), 1)]
    trend[-1].total = Cell(12)
    protect([current], quarters={"V1": trend})
    assert current.total.shown == "12"
    assert trend[-1].total.shown == "12"
    assert trend[2].total.shown == "<5"
    # Suppressing the total through the trend suppresses it in the summary too.
    small = result("V1", 3, period="2026Q4")
    trend = [result("V1", 3, period="2026Q4")]
    trend[0].total = Cell(9)  # (inconsistent on purpose: the link alone must carry it)
    trend[0].total.suppressed = True
    suppress(result_table([small], quarters={"V1": trend}))
    assert small.total.suppressed


def test_non_additive_breakdown_hides_a_second_row_and_never_leaks_through_the_total():
    forms = breakdown("form", additive=False, sexual=3, labour=10, marriage=0)
    sex = breakdown("sex", female=8, male=5)
    r = result("V1", 13, forms, sex)
    protect([r])
    assert shown(forms) == {"sexual": "<5", "labour": "<5", "marriage": "0"}
    assert shown(sex) == {"female": "8", "male": "5"}
    assert r.total.shown == "13"


def test_non_additive_breakdown_with_one_non_zero_row_hides_the_total():
    forms = breakdown("form", additive=False, sexual=3, labour=0)
    r = result("V1", 9, forms, breakdown("sex", female=9, male=0))
    protect([r])
    assert shown(forms) == {"sexual": "<5", "labour": "0"}
    assert r.total.shown == "<5"
    # ... and the sex table, tied to the total, then hides its only row too.
    assert r.breakdowns[1].rows[0].cell.suppressed


def test_two_indicators_counting_the_same_persons_hide_the_same_cells():
    # CUSTOM-1 (victims identified) and SDG-16.2.2 (the same victims per 100,000): the forms
    # table of the first hides its total; the second, showing the same total, must hide it too
    # (a total hidden in one table and shown in another is no longer hidden).
    identified = result(
        "CUSTOM-1",
        9,
        breakdown("sex", female=7, male=2),
        breakdown("form", additive=False, sexual=3, labour=0),
    )
    rate = result("SDG-16.2.2", 9, breakdown("sex", female=7, male=2))
    protect([identified, rate])
    assert identified.total.shown == "<5"
    assert rate.total.shown == "<5"
    assert (
        shown(rate.breakdowns[0])
        == shown(identified.breakdowns[0])
        == {
            "female": "<5",
            "male": "<5",
        }
    )
    assert recoverable(result_table([identified, rate])) == []


def test_indicators_counting_different_things_are_not_tied():
    a = result("A", 9, breakdown("form", additive=False, sexual=3, labour=0))
    b = result("B", 9)
    protect([a, b], same_count=lambda code: code)
    assert (a.total.shown, b.total.shown) == ("<5", "9")


def test_percentages_and_achievement_are_hidden_with_a_suppressed_total():
    r = result("V1", 3)
    r.target = 10
    r.denominator = Cell(40)
    protect([r])
    assert r.percent_of_target is None
    assert r.percentage is None


def test_recoverable_finds_a_cell_left_alone_in_its_relation():
    whole, a, b = Cell(12), Cell(3, suppressed=True), Cell(9)
    assert recoverable(Table([whole, a, b], [Relation(whole, [a, b])])) == [a]


def test_recoverable_finds_a_cell_fixed_by_two_relations_together():
    # x + y = 10 (both hidden) and x - ... : x + z = 7 and y + z = 9 -> solvable.
    x, y, z = Cell(4, True), Cell(6, True), Cell(3, True)
    w1, w2, w3 = Cell(10), Cell(7), Cell(9)
    table = Table(
        [x, y, z, w1, w2, w3], [Relation(w1, [x, y]), Relation(w2, [x, z]), Relation(w3, [y, z])]
    )
    assert set(map(id, recoverable(table))) == {id(x), id(y), id(z)}


def _brute_force_candidates(table: Table, cell: Cell, limit: int = 15) -> set[int]:
    """Every value of `cell` consistent with what is shown: each suppressed cell tried from 1
    to `limit` (zero is never hidden), every exact relation checked."""
    hidden = [c for c in table.cells if c.suppressed]
    values: set[int] = set()
    for guess in itertools.product(range(1, limit + 1), repeat=len(hidden)):
        known = {id(c): v for c, v in zip(hidden, guess, strict=True)}

        def value(c: Cell, known: dict[int, int] = known) -> int:
            return known.get(id(c), c.value or 0)

        if all(
            value(r.whole) == sum(value(p) for p in r.parts) for r in table.relations if r.exact
        ):
            values.add(known[id(cell)])
    return values


def test_a_reader_trying_every_value_cannot_pin_down_any_suppressed_cell():
    sex = breakdown("sex", female=3, male=9, unknown=0)
    age = breakdown("age", child=2, adult=10)
    r = result("V1", 12, sex, age)
    year_parts = [result("V1", v, period=f"2026Q{i}") for i, v in enumerate((1, 4, 0, 7), 1)]
    year = result("V1", 12, period="2026")
    protect([r], quarters={})
    protect([year], quarters={"V1": year_parts})
    for table in (result_table([r]), result_table([year], quarters={"V1": year_parts})):
        hidden = [c for c in table.cells if c.suppressed]
        assert 2 <= len(hidden) <= 4
        for cell in hidden:
            assert len(_brute_force_candidates(table, cell)) > 1
        assert recoverable(table) == []
