"""The indicator engine against a small world with hand-computed values (tests/fixture.py)."""

import datetime as dt
from decimal import Decimal

import pytest

from pokpong.accounts.tests.factories import UserFactory
from pokpong.cases.tests.factories import IdentificationFactory
from pokpong.monitoring import engine
from pokpong.monitoring.models import Indicator, ManualValue, Target
from pokpong.monitoring.periods import parse
from pokpong.monitoring.results import IndicatorResult, Scope
from pokpong.monitoring.tests import fixture
from pokpong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

Q1 = parse("FY2026Q1")  # October–December 2025
Q4 = parse("FY2025Q4")  # July–September 2025
NATIONAL = Scope()
TARGET = Scope(area="target")
REST = Scope(area="rest")


def rows(result: IndicatorResult, dim: str) -> dict[str, int | None]:
    found = next(b for b in result.breakdowns if b.dimension == dim)
    return {row.key: row.cell.value for row in found.rows}


def additive(result: IndicatorResult, dim: str) -> bool:
    return next(b for b in result.breakdowns if b.dimension == dim).additive


def code_of(rule: str) -> str:
    """Codes are data: tests find an indicator by its rule."""
    return Indicator.objects.get(rule=rule).code


def test_victims_identified_new_victims_by_decision_date() -> None:
    world = fixture.identified_world()
    code = code_of("victims_identified")
    result = engine.compute(code, Q1, NATIONAL)
    # P1 (1 Oct), P3 (31 Dec), P5 (once, with its merged record); P2 was new in FY2025Q4, P4 is
    # not a victim.
    assert result.total.value == 3
    assert rows(result, "sex") == {"female": 3, "male": 0, "unknown": 0}
    assert rows(result, "age_group") == {"child": 1, "adult": 1, "unknown": 1}
    assert rows(result, "age_band")["9--17"] == 1
    assert rows(result, "age_band")["30--38"] == 1
    assert rows(result, "age_band")["unknown"] == 1
    assert sum(v or 0 for v in rows(result, "age_band").values()) == 3
    assert rows(result, "province") == {"LA-SV": 2, "LA-OU": 1, "unknown": 0}
    district = fixture.first_district("LA-SV").code
    assert rows(result, "district") == {district: 1, "unknown": 2}
    assert rows(result, "origin_country") == {"LA": 1, "TH": 1, "unknown": 1}
    assert rows(result, "stakeholder_type") == {"police": 1, "social_welfare": 2}
    assert not additive(result, "stakeholder_type")
    # P1 sexual exploitation; P3 two forms; P5 none recorded.
    assert rows(result, "form") == {
        "sexual_exploitation": 1,
        "forced_labour_fishing": 1,
        "forced_criminality": 1,
        "unknown": 1,
    }
    assert not additive(result, "form")
    assert rows(result, "exploitation_country") == {"CN": 1, "TH": 1, "unknown": 1}
    assert world.persons["p5b"].merged_into_id == world.persons["p5"].pk


def test_victims_identified_fiscal_year_boundaries() -> None:
    fixture.identified_world()
    code = code_of("victims_identified")
    assert engine.compute(code, Q4, NATIONAL).total.value == 1  # P2 on 30 September
    assert engine.compute(code, parse("FY2025"), NATIONAL).total.value == 1
    assert engine.compute(code, parse("FY2026"), NATIONAL).total.value == 3
    assert engine.compute(code, parse("2025Q4"), NATIONAL).total.value == 3
    assert engine.compute(code, parse("2025"), NATIONAL).total.value == 4


def test_victims_identified_scope() -> None:
    fixture.identified_world()
    code = code_of("victims_identified")
    assert engine.compute(code, Q1, TARGET).total.value == 2  # SV twice
    assert engine.compute(code, Q1, REST).total.value == 1  # OU
    sv = fixture.province("LA-SV").pk
    ch = fixture.province("LA-CH").pk
    assert engine.compute(code, Q1, Scope(province_id=sv)).total.value == 2
    assert engine.compute(code, Q1, Scope(province_id=ch)).total.value == 0
    assert engine.compute(code, Q1, Scope(province_id=sv, area="rest")).total.value == 0


def test_programme_area_by_district() -> None:
    """A district flagged on its own brings its records into the target area."""
    fixture.identified_world()
    code = code_of("victims_identified")
    district = fixture.first_district("LA-OU")
    district.in_programme_area = True
    district.save()
    p3 = PersonFactory(province=district.province, district=district, birth_year=1980)
    IdentificationFactory(person=p3, decided_on=dt.date(2025, 10, 20))
    assert engine.compute(code, Q1, TARGET).total.value == 3
    assert engine.compute(code, Q1, REST).total.value == 1


def test_victims_receiving_services_needs_based_only() -> None:
    fixture.identified_world()
    result = engine.compute(code_of("victims_receiving_services"), Q1, NATIONAL)
    # P1 shelter (food is one-off), P2 medical until 15 October; P3 only food and a voided
    # service; P4 is no victim.
    assert result.total.value == 2
    assert result.denominator is not None
    assert result.denominator.value == 4  # P1, P2, P3, P5 identified by 31 December 2025
    assert result.percentage == 50
    assert rows(result, "sex") == {"female": 1, "male": 1, "unknown": 0}
    assert rows(result, "age_group") == {"child": 1, "adult": 1, "unknown": 0}
    assert rows(result, "origin_country") == {"LA": 2, "unknown": 0}
    assert rows(result, "support_type") == {"shelter": 1, "medical": 1}
    assert not additive(result, "support_type")


def test_survivors_followed_up() -> None:
    fixture.identified_world()
    code = code_of("survivors_followed_up")
    result = engine.compute(code, Q1, NATIONAL)
    assert result.total.value == 1  # P1 twice; P2's visit is in FY2025Q4, P3's not done
    assert rows(result, "sex") == {"female": 1, "male": 0, "unknown": 0}
    assert rows(result, "age_group") == {"child": 1, "adult": 0, "unknown": 0}
    assert rows(result, "province") == {"LA-SV": 1, "unknown": 0}
    assert engine.compute(code, Q4, NATIONAL).total.value == 1


def test_victims_referred_case_and_hotline_referrals() -> None:
    world = fixture.referral_world(fixture.identified_world())
    code = code_of("victims_referred")
    result = engine.compute(code, Q1, NATIONAL)
    # P1 (case referral and a hotline referral: once), P6 (hotline); P2's referral is at 23:00 on
    # 30 September; P3's was cancelled; P7's call was voided.
    assert result.total.value == 2
    assert rows(result, "sex") == {"female": 2, "male": 0, "unknown": 0}
    assert rows(result, "age_group") == {"child": 2, "adult": 0, "unknown": 0}
    assert rows(result, "age_band")["9--17"] == 2
    assert rows(result, "province") == {"LA-SV": 2, "unknown": 0}
    assert rows(result, "support_type") == {"shelter": 1, "hotline": 2}
    assert not additive(result, "support_type")
    assert rows(result, "form") == {"sexual_exploitation": 1, "unknown": 1}
    assert engine.compute(code, Q4, NATIONAL).total.value == 1  # P2
    assert world.persons["p6"].province.iso_code == "LA-SV"


def test_referrals_made_accepted_completed() -> None:
    fixture.referral_world(fixture.identified_world())
    made = engine.compute(code_of("referrals_made"), Q1, NATIONAL)
    assert made.total.value == 3  # P1 shelter, hotline P6 and P1
    assert rows(made, "support_type") == {"shelter": 1, "hotline": 2, "unknown": 0}
    assert rows(made, "province") == {"LA-SV": 3, "unknown": 0}
    accepted = engine.compute(code_of("referrals_accepted"), Q1, NATIONAL)
    assert accepted.total.value == 2  # P1 shelter (since completed), P6 hotline
    completed = engine.compute(code_of("referrals_completed"), Q1, NATIONAL)
    assert completed.total.value == 1
    assert rows(completed, "support_type") == {"shelter": 1, "unknown": 0}
    assert engine.compute(code_of("referrals_made"), Q4, NATIONAL).total.value == 1


def test_officials_trained() -> None:
    fixture.training_world()
    first = engine.compute(code_of("officials_trained_first_responders"), Q1, NATIONAL)
    # A (two sessions: once) and E; B did not attend; D's session was voided; C in FY2025Q4.
    assert first.total.value == 2
    assert rows(first, "sex") == {"female": 1, "male": 1, "unknown": 0}
    assert rows(first, "province") == {"LA-SV": 1, "LA-OU": 1, "unknown": 0}
    assert rows(first, "org_type") == {"police": 2, "unknown": 0}
    code = code_of("officials_trained_first_responders")
    assert engine.compute(code, Q1, TARGET).total.value == 1
    assert engine.compute(code, Q4, NATIONAL).total.value == 1
    prevention = engine.compute(code_of("officials_trained_prevention"), Q1, NATIONAL)
    assert prevention.total.value == 2  # A and F
    assert rows(prevention, "org_type") == {"police": 1, "lwu": 1, "unknown": 0}
    gender = engine.compute(code_of("persons_trained_gender"), Q1, NATIONAL)
    assert gender.total.value == 1  # A: 4 hours; F only 2
    assert rows(gender, "sex") == {"female": 1, "male": 0, "unknown": 0}


def test_people_reached() -> None:
    fixture.awareness_world()
    code = code_of("people_reached")
    result = engine.compute(code, Q1, NATIONAL)
    assert result.total.value == 20  # 10 in SV on 1 October, 10 in OU on 31 December
    assert rows(result, "sex") == {"female": 9, "male": 11, "unknown": 0}
    assert rows(result, "age_group") == {"child": 13, "adult": 7, "unknown": 0}
    assert rows(result, "province") == {"LA-SV": 10, "LA-OU": 10, "unknown": 0}
    district = fixture.first_district("LA-SV").code
    assert rows(result, "district") == {district: 10, "unknown": 10}
    types = rows(result, "activity_type")
    assert types["village_meeting"] == 10
    assert types["school_session"] == 10
    assert types["radio"] == 0  # the voided one
    assert engine.compute(code, Q1, TARGET).total.value == 10
    assert engine.compute(code, Q1, REST).total.value == 10
    assert engine.compute(code, Q4, NATIONAL).total.value == 7


def test_hand_entered_value_and_target() -> None:
    fixture.identified_world()
    user = UserFactory()
    manual = Indicator.objects.get(code="PS.5.2-23")
    assert manual.rule == ""
    ManualValue.objects.create(indicator=manual, period="FY2026Q1", value=2, entered_by=user)
    ManualValue.objects.create(indicator=manual, period="FY2026Q2", value=1, entered_by=user)
    result = engine.compute("PS.5.2-23", Q1, NATIONAL)
    assert result.total.value == 2
    assert not result.computed
    assert result.entered_by == "ບຸນມີ ພົມມະຈັນ"
    assert engine.compute("PS.5.2-23", parse("FY2026"), NATIONAL).total.value == 3
    assert engine.compute("PS.5.2-23", Q4, NATIONAL).total.value is None

    code = code_of("victims_identified")
    indicator = Indicator.objects.get(code=code)
    Target.objects.create(indicator=indicator, period="FY2026Q1", value=10, set_by=user)
    sv, ch = fixture.province("LA-SV"), fixture.province("LA-CH")
    Target.objects.create(indicator=indicator, period="FY2026Q1", province=sv, value=4, set_by=user)
    Target.objects.create(indicator=indicator, period="FY2026Q1", province=ch, value=2, set_by=user)
    result = engine.compute(code, Q1, NATIONAL)
    assert result.target == 10
    assert result.percent_of_target == 30
    assert engine.compute(code, Q1, Scope(province_id=sv.pk)).target == 4
    assert engine.compute(code, Q1, TARGET).target == 6
    assert engine.compute(code, parse("FY2026"), NATIONAL).target == 10  # sum of its quarters


def test_rate_per_100000_population() -> None:
    fixture.identified_world()
    user = UserFactory()
    sdg = Indicator.objects.get(rule="victims_per_100k")
    ManualValue.objects.create(indicator=sdg, period="2025", value=7_500_000, entered_by=user)
    sv = fixture.province("LA-SV")
    ManualValue.objects.create(
        indicator=sdg, period="2025", province=sv, value=1_000_000, entered_by=user
    )
    result = engine.compute(sdg.code, Q1, NATIONAL)
    assert result.total.value == 3
    assert result.denominator is not None and result.denominator.value == 7_500_000
    assert result.rate == Decimal("0.04")
    province = engine.compute(sdg.code, Q1, Scope(province_id=sv.pk))
    assert province.total.value == 2
    assert province.rate == Decimal("0.20")
    assert engine.compute(sdg.code, parse("FY2027"), NATIONAL).rate is None  # no 2027 figure


def test_compute_all_in_catalogue_order_and_trend() -> None:
    fixture.identified_world()
    results = engine.compute_all(Q1, NATIONAL)
    codes = [r.code for r in results]
    assert codes == [i.code for i in Indicator.objects.filter(is_active=True)]
    code = code_of("victims_identified")
    Indicator.objects.filter(code="PS.5.2-23").update(is_active=False)
    assert "PS.5.2-23" not in [r.code for r in engine.compute_all(Q1, NATIONAL)]
    trend = engine.trend(code, [Q4, Q1], NATIONAL)
    assert [r.total.value for r in trend] == [1, 3]
    assert all(r.breakdowns == [] for r in trend)
    every = engine.trends([Q4, Q1], NATIONAL)  # all active indicators at once, the same numbers
    assert [r.total.value for r in every[code]] == [1, 3]
    assert set(every) == {r.code for r in engine.compute_all(Q1, NATIONAL)}
    only_sex = engine.compute(code, Q1, NATIONAL, dimensions=["sex", "activity_type"])
    assert [b.dimension for b in only_sex.breakdowns] == ["sex"]


def test_unknown_code_and_area() -> None:
    with pytest.raises(engine.UnknownIndicator):
        engine.compute("NOPE-1", Q1, NATIONAL)
    code = code_of("victims_identified")
    with pytest.raises(ValueError):
        engine.compute(code, Q1, Scope(area="elsewhere"))


def test_labels_in_lao() -> None:
    fixture.identified_world()
    from django.utils import translation

    with translation.override("lo"):
        result = engine.compute(code_of("victims_identified"), Q1, NATIONAL)
    province = next(b for b in result.breakdowns if b.dimension == "province")
    labels = {row.key: row.label for row in province.rows}
    assert labels["LA-SV"] == "ສະຫວັນນະເຂດ"
    assert labels["unknown"] == "ບໍ່ຮູ້"
    assert result.name.startswith("ຈຳນວນ")


def test_active_local_committees() -> None:
    from pokpong.programme.models import CommitteeLevel
    from pokpong.programme.tests.factories import CommitteeFactory, CommitteeMeetingFactory

    sv, ou = fixture.province("LA-SV"), fixture.province("LA-OU")
    sv_committee = CommitteeFactory(province=sv)
    district = CommitteeFactory(
        level=CommitteeLevel.DISTRICT, province=sv, district=fixture.first_district("LA-SV")
    )
    ou_committee = CommitteeFactory(province=ou)
    national = CommitteeFactory(level=CommitteeLevel.NATIONAL_STEERING, province=None)
    quiet = CommitteeFactory(province=sv)
    CommitteeMeetingFactory(committee=sv_committee, held_on=dt.date(2025, 10, 1))
    CommitteeMeetingFactory(committee=sv_committee, held_on=dt.date(2025, 12, 1))  # once
    CommitteeMeetingFactory(committee=district, held_on=dt.date(2025, 11, 15))
    CommitteeMeetingFactory(committee=ou_committee, held_on=dt.date(2025, 12, 31))
    CommitteeMeetingFactory(committee=national, held_on=dt.date(2025, 11, 1))  # not local
    CommitteeMeetingFactory(committee=quiet, held_on=dt.date(2025, 9, 30))  # FY2025Q4
    code = code_of("active_committees")
    result = engine.compute(code, Q1, NATIONAL)
    assert result.total.value == 3
    assert rows(result, "province") == {"LA-SV": 2, "LA-OU": 1, "unknown": 0}
    assert engine.compute(code, Q1, TARGET).total.value == 2
    assert engine.compute(code, Q1, REST).total.value == 1
    assert engine.compute(code, Q4, NATIONAL).total.value == 1
    assert engine.compute(code, parse("FY2026"), NATIONAL).total.value == 3
