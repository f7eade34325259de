"""k-anonymity by local suppression: every combination of quasi-identifier values that the output
holds is shared by at least k records.

A record is a tuple of quasi-identifier values. Records whose combination is shared by fewer
than k records ("violators") are generalised one *unit* at a time (a unit is a group of
quasi-identifiers suppressed together, e.g. all the exploitation flags): each round tries every
unit not yet used on the violators, keeps the one that brings most of them into a class of k or
more (ties: the earlier unit in the given order), and sets that unit's values to "unknown" in
every violator. Records already in a class of k or more are never changed, and their classes only
grow. What still violates when every unit is used is dropped. Pure logic, no database.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

Record = tuple[str, ...]


@dataclass(frozen=True)
class Unit:
    """Quasi-identifiers suppressed together: their positions in a record and the value each
    takes when suppressed."""

    name: str
    positions: tuple[int, ...]
    missing: tuple[str, ...]

    def blank(self, record: Record) -> Record:
        values = list(record)
        for position, value in zip(self.positions, self.missing, strict=True):
            values[position] = value
        return tuple(values)


@dataclass
class Outcome:
    records: list[Record]  # the records, generalised where needed (dropped ones included)
    blanked: dict[int, list[str]] = field(default_factory=dict)  # index → units suppressed
    dropped: set[int] = field(default_factory=set)  # indexes of the records left out

    @property
    def kept(self) -> int:
        return len(self.records) - len(self.dropped)


def _classes_below(counts: Counter[Record], records: Sequence[Record], k: int) -> list[int]:
    return [i for i, record in enumerate(records) if counts[record] < k]


def _gain(
    unit: Unit, violators: list[int], records: list[Record], settled: Counter[Record], k: int
) -> int:
    """How many violators would sit in a class of k or more with this unit suppressed."""
    trial = [unit.blank(records[i]) for i in violators]
    together = Counter(trial)
    return sum(1 for record in trial if settled[record] + together[record] >= k)


def k_anonymise(records: Sequence[Record], *, k: int, units: Sequence[Unit]) -> Outcome:
    outcome = Outcome(records=list(records))
    work = outcome.records
    counts = Counter(work)
    violators = _classes_below(counts, work, k)
    remaining = list(units)
    while violators and remaining:
        settled = counts.copy()
        settled.subtract(work[i] for i in violators)
        gains = [_gain(unit, violators, work, settled, k) for unit in remaining]
        unit = remaining.pop(gains.index(max(gains)))
        for i in violators:
            work[i] = unit.blank(work[i])
            outcome.blanked.setdefault(i, []).append(unit.name)
        counts = Counter(work)
        violators = _classes_below(counts, work, k)
    outcome.dropped = set(violators)
    for i in violators:
        outcome.blanked.pop(i, None)
    return outcome


def smallest_class(records: Sequence[Record]) -> int:
    """The k the records achieve (0 for none): the size of their smallest class."""
    counts = Counter(records)
    return min(counts.values(), default=0)
