"""k-anonymity by local suppression, on random populations (hypothesis): whatever the records,
every combination of quasi-identifier values written is shared by at least k records."""

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from pokpong.exchange.ctdc.anonymise import Unit, k_anonymise, smallest_class

UNITS = [
    Unit("a", (0,), ("-99",)),
    Unit("b", (1,), ("00",)),
    Unit("cd", (2, 3), ("-99", "-99")),
]
record = st.tuples(
    st.sampled_from(["F", "M", "-99"]),
    st.sampled_from(["LA", "TH", "CN", "MM", "00"]),
    st.sampled_from(["0", "1"]),
    st.sampled_from(["2024", "2025", "2026"]),
)


@given(st.lists(record, max_size=300), st.integers(min_value=2, max_value=15))
def test_the_kept_records_are_k_anonymous(records, k):
    outcome = k_anonymise(records, k=k, units=UNITS)
    kept = [r for i, r in enumerate(outcome.records) if i not in outcome.dropped]
    assert not kept or smallest_class(kept) >= k
    assert outcome.kept + len(outcome.dropped) == len(records)


@given(st.lists(record, max_size=300), st.integers(min_value=2, max_value=15))
def test_records_already_in_a_class_of_k_are_never_touched(records, k):
    counts = Counter(records)
    outcome = k_anonymise(records, k=k, units=UNITS)
    for i, original in enumerate(records):
        if counts[original] >= k:
            assert outcome.records[i] == original
            assert i not in outcome.dropped and i not in outcome.blanked


@given(st.lists(record, max_size=300), st.integers(min_value=2, max_value=15))
def test_a_generalised_record_differs_only_in_suppressed_units(records, k):
    outcome = k_anonymise(records, k=k, units=UNITS)
    by_name = {u.name: u for u in UNITS}
    for i, names in outcome.blanked.items():
        positions = {p for name in names for p in by_name[name].positions}
        for p, (before, after) in enumerate(zip(records[i], outcome.records[i], strict=True)):
            if p not in positions:
                assert before == after


def test_suppressing_one_value_saves_records_instead_of_dropping_them():
    # 6 Thai and 5 Chinese citizens: too few apart, 11 together once citizenship is unknown
    records = [("F", "LA", "1", "2026")] * 11 + [("F", "TH", "1", "2026")] * 6
    records += [("F", "CN", "1", "2026")] * 5
    outcome = k_anonymise(records, k=11, units=UNITS)
    assert outcome.dropped == set()
    assert outcome.blanked == {i: ["b"] for i in range(11, 22)}  # nothing else touched
    assert outcome.records[11:] == [("F", "00", "1", "2026")] * 11
    assert smallest_class(outcome.records) == 11


def test_the_unit_that_saves_most_records_is_chosen_first():
    base = [("F", "LA", "1", "2026")] * 11
    odd = [("M", "TH", "1", "2026")] * 6 + [("-99", "TH", "1", "2026")] * 5
    outcome = k_anonymise(base + odd, k=11, units=UNITS)
    assert all(names == ["a"] for names in outcome.blanked.values())
    assert len(outcome.blanked) == 11
    assert outcome.dropped == set()


def test_what_cannot_reach_k_is_dropped():
    records = [("F", "LA", "1", "2026")] * 5
    outcome = k_anonymise(records, k=11, units=UNITS)
    assert outcome.dropped == {0, 1, 2, 3, 4}
    assert outcome.kept == 0
