"""The indicator catalogue's seed: every row loaded, rules and disaggregations that exist."""

import csv

import pytest

from pokpong.monitoring.catalogue import DATA, catalogue_rows, load_catalogue
from pokpong.monitoring.engine import DIMENSIONS, supported_dimensions
from pokpong.monitoring.models import Indicator
from pokpong.monitoring.rules import RULES

pytestmark = pytest.mark.django_db


def test_every_reference_indicator_is_seeded_with_lao() -> None:
    with DATA.open(encoding="utf-8") as fh:
        codes = [row["code"] for row in csv.DictReader(fh)]
    for code in ["PS.5.1-28", "PS.5.1-29", "PS.5.2-23", "PS.5.3-15", "GNDR-8", "SDG-16.2.2"]:
        assert code in codes
    for n in range(1, 6):
        assert f"CUSTOM-{n}" in codes
    assert set(Indicator.objects.values_list("code", flat=True)) == set(codes)
    for indicator in Indicator.objects.all():
        assert indicator.name_lo and indicator.definition_lo
        assert any("\u0e80" <= ch <= "\u0eff" for ch in indicator.name_lo)


def test_rules_and_disaggregations_exist() -> None:
    for row in catalogue_rows():
        assert row["rule"] == "" or row["rule"] in RULES, row["code"]
        for dim in row["disaggregations"]:
            assert dim in DIMENSIONS, (row["code"], dim)
            assert dim in RULES[row["rule"]].dimensions, (row["code"], dim)
    assert Indicator.objects.get(code="PS.5.2-23").is_manual
    assert supported_dimensions(Indicator.objects.get(code="PS.5.2-23")) == []


def test_loading_again_updates_and_keeps_deactivation() -> None:
    Indicator.objects.filter(code="CUSTOM-3").update(is_active=False, name_en="changed")
    load_catalogue()
    load_catalogue()
    assert Indicator.objects.count() == len(catalogue_rows())
    custom3 = Indicator.objects.get(code="CUSTOM-3")
    assert not custom3.is_active
    assert custom3.name_en.startswith("Number of active local")


def test_codes_are_data() -> None:
    """A renamed code keeps its rule: the engine binds by the rule, never by the code."""
    from pokpong.monitoring import engine
    from pokpong.monitoring.periods import parse
    from pokpong.monitoring.results import Scope

    Indicator.objects.filter(code="CUSTOM-4").update(code="AWARE-1")
    assert engine.compute("AWARE-1", parse("2026"), Scope()).total.value == 0
