"""The batch engine and match_records: variants pair up, look-alikes do not."""

import csv

import pytest
from django.core.management import CommandError, call_command

from pokpong.matching.batch import Record, candidate_pairs, match

ROWS = [
    ("1", "lao", "ສຸກສະຫວັນ", "ພົມມະຈັນ", "female", "1998", "LA-SV"),
    ("2", "latin", "Souksavanh", "Phommachanh", "female", "1998", "LA-SV"),
    ("3", "latin", "Phommachan", "Suksavan", "female", "1999", "LA-SV"),  # swapped, one year off
    ("4", "latin", "Souksavanh", "Vongsavanh", "female", "1998", "LA-SV"),  # other family
    ("5", "latin", "Souksavanh", "Phommachanh", "male", "1970", "LA-CH"),  # other person
    ("6", "lao", "ນ້ອຍ", "ແກ້ວມະນີ", "female", "2004", "LA-CH"),
    ("7", "latin", "Noy", "Keomany", "female", "", "LA-CH"),
    ("8", "latin", "Bounmy", "Sihalath", "male", "1985", "LA-VT"),
]


def _write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            [
                "record_id",
                "script",
                "given_name",
                "family_name",
                "sex",
                "birth_year",
                "province_iso",
            ]
        )
        writer.writerows(rows)


def test_match_records_writes_the_same_person_pairs(tmp_path):
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    _write(source, ROWS)
    call_command("match_records", str(source), str(target))
    with target.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["record_id_a", "record_id_b", "score"]
    pairs = {(a, b) for a, b, _score in rows[1:]}
    assert pairs == {("1", "2"), ("1", "3"), ("2", "3"), ("6", "7")}


def test_a_bad_row_stops_everything(tmp_path):
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    _write(source, [*ROWS, ("9", "cyrillic", "Ivan", "", "", "", "")])
    with pytest.raises(CommandError, match="line 10"):
        call_command("match_records", str(source), str(target))
    assert not target.exists()


def test_candidates_come_from_blocks_not_all_pairs():
    import random

    rng = random.Random(3)  # noqa: S311  (test data)
    syllable = lambda: rng.choice("bdfgklmnprstv") + rng.choice("aeiou")  # noqa: E731
    records = [
        Record(
            str(i), [f"{syllable()}{syllable()}{syllable()} {syllable()}{syllable()}{syllable()}"]
        )
        for i in range(50)
    ]
    records.append(Record("x", ["Souksavanh Phommachanh"]))
    records.append(Record("y", ["Suksavan Phommachan"]))
    pairs = list(candidate_pairs(records))
    assert len(pairs) < 100  # 52 records would make 1,326 pairs
    assert match(records) == [("x", "y", pytest.approx(match(records)[0][2]))]
