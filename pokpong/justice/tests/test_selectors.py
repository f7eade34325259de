"""The annual report's aggregates (hand-computed) and the hearings that reach the inbox."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases.models import FormOfTrafficking
from pokpong.cases.tests.factories import CaseFactory
from pokpong.justice.models import VerdictOutcome
from pokpong.justice.selectors import (
    Measure,
    compensation_totals,
    hearings_upcoming,
    justice_count_by_form,
    justice_count_by_province,
    justice_count_by_province_and_form,
    justice_count_total,
)
from pokpong.justice.tests.factories import (
    HearingFactory,
    JusticeFileFactory,
    SuspectFactory,
    VerdictFactory,
    WitnessSupportFactory,
)
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.tests.factories import CHAMPASAK, province

pytestmark = pytest.mark.django_db
START, END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)


def _form(code: str) -> FormOfTrafficking:
    return FormOfTrafficking.objects.get(code=code)


def _case(*forms: str, person=None, where: str = "LA-SV"):
    if person is None:
        office = UserFactory(
            organisation=OrganisationFactory(province=province(where)), roles=[Role.CASE_WORKER]
        )
        person = PersonFactory(registered_by=office)
    case = CaseFactory(person=person)
    case.forms_of_trafficking.set([_form(code) for code in forms])
    return case


@pytest.fixture
def world():
    """Savannakhet: case A (sexual exploitation and forced marriage) investigated, indicted, two
    suspects convicted, legal aid, 20 M awarded and 8 M paid; case B (farm labour) investigated,
    legal aid the year before; case D, a second case of A's person, legal aid again.
    Champasak: case C (sexual exploitation) investigated, indicted, acquitted, legal aid, an
    award dated the next year."""
    a = _case("sexual_exploitation", "forced_marriage")
    file_a = JusticeFileFactory(
        case=a, investigation_opened_on=dt.date(2026, 2, 1), indicted_on=dt.date(2026, 5, 1)
    )
    for name in ("ສົມພອນ", "ບຸນມາ"):
        VerdictFactory(
            file=file_a,
            suspect=SuspectFactory(file=file_a, name=name),
            decided_on=dt.date(2026, 8, 1),
        )
    WitnessSupportFactory(
        file=file_a,
        legal_aid_from=dt.date(2026, 3, 1),
        compensation_awarded_lak=20_000_000,
        awarded_on=dt.date(2026, 8, 1),
        compensation_paid_lak=8_000_000,
        paid_on=dt.date(2026, 9, 1),
    )
    b = _case("forced_labour_agriculture")
    file_b = JusticeFileFactory(case=b, investigation_opened_on=dt.date(2026, 3, 1))
    WitnessSupportFactory(file=file_b, legal_aid_from=dt.date(2025, 12, 1))
    d = _case("sexual_exploitation", person=a.person)
    file_d = JusticeFileFactory(case=d, investigation_opened_on=None)
    WitnessSupportFactory(file=file_d, legal_aid_from=dt.date(2026, 6, 1))
    c = _case("sexual_exploitation", where=CHAMPASAK)
    file_c = JusticeFileFactory(
        case=c, investigation_opened_on=dt.date(2026, 4, 1), indicted_on=dt.date(2026, 6, 1)
    )
    VerdictFactory(
        file=file_c,
        outcome=VerdictOutcome.ACQUITTED,
        prison_years=None,
        decided_on=dt.date(2026, 9, 1),
    )
    WitnessSupportFactory(
        file=file_c,
        legal_aid_from=dt.date(2026, 4, 1),
        compensation_awarded_lak=5_000_000,
        awarded_on=dt.date(2027, 1, 15),
    )
    return {"sv": province().pk, "ch": province(CHAMPASAK).pk}


def test_investigations_prosecutions_and_convictions_of_the_year(world):
    assert justice_count_total(measure=Measure.INVESTIGATIONS, start=START, end=END) == 3  # A, B, C
    assert justice_count_total(measure=Measure.PROSECUTIONS, start=START, end=END) == 2  # A, C
    assert (
        justice_count_total(measure=Measure.CONVICTIONS, start=START, end=END) == 2
    )  # A's two suspects


def test_counts_by_province_add_up(world):
    sv, ch = world["sv"], world["ch"]
    assert justice_count_by_province(measure=Measure.INVESTIGATIONS, start=START, end=END) == {
        sv: 2,
        ch: 1,
    }
    assert justice_count_by_province(measure=Measure.PROSECUTIONS, start=START, end=END) == {
        sv: 1,
        ch: 1,
    }
    assert justice_count_by_province(measure=Measure.CONVICTIONS, start=START, end=END) == {sv: 2}


def test_a_case_counts_under_each_of_its_forms(world):
    sexual, marriage = _form("sexual_exploitation").pk, _form("forced_marriage").pk
    farm = _form("forced_labour_agriculture").pk
    assert justice_count_by_form(measure=Measure.INVESTIGATIONS, start=START, end=END) == {
        sexual: 2,
        marriage: 1,
        farm: 1,
    }
    assert justice_count_by_form(measure=Measure.CONVICTIONS, start=START, end=END) == {
        sexual: 2,
        marriage: 2,
    }
    both = justice_count_by_province_and_form(measure=Measure.PROSECUTIONS, start=START, end=END)
    assert both == {(world["sv"], sexual): 1, (world["sv"], marriage): 1, (world["ch"], sexual): 1}


def test_victims_with_legal_aid_count_each_person_once(world):
    # A's person (twice: cases A and D) and C's; B's aid began the year before
    assert justice_count_total(measure=Measure.LEGAL_AID, start=START, end=END) == 2
    assert justice_count_by_province(measure=Measure.LEGAL_AID, start=START, end=END) == {
        world["sv"]: 1,
        world["ch"]: 1,
    }


def test_counts_of_chosen_provinces_only(world):
    sv = [world["sv"]]
    assert (
        justice_count_total(measure=Measure.INVESTIGATIONS, start=START, end=END, province_ids=sv)
        == 2
    )
    assert (
        justice_count_total(measure=Measure.PROSECUTIONS, start=START, end=END, province_ids=sv)
        == 1
    )


def test_compensation_awarded_and_paid_in_the_year(world):
    totals = compensation_totals(start=START, end=END)
    assert (totals.awarded_lak, totals.paid_lak) == (20_000_000, 8_000_000)
    assert totals.by_province == {world["sv"]: (20_000_000, 8_000_000)}
    next_year = compensation_totals(start=dt.date(2027, 1, 1), end=dt.date(2027, 12, 31))
    assert (next_year.awarded_lak, next_year.paid_lak) == (5_000_000, 0)
    assert next_year.by_province == {world["ch"]: (5_000_000, 0)}


# --- hearings in the inbox ---------------------------------------------------------------------


@pytest.fixture
def hearings(caseworker):
    """Hearings of the case worker's case: in 3 days, in 10 days, yesterday."""
    case = CaseFactory(person=PersonFactory(registered_by=caseworker))
    file = JusticeFileFactory(case=case)
    now = timezone.now()
    return {
        "soon": HearingFactory(file=file, starts_at=now + dt.timedelta(days=3)),
        "later": HearingFactory(file=file, starts_at=now + dt.timedelta(days=10)),
        "past": HearingFactory(file=file, starts_at=now - dt.timedelta(days=1)),
    }


def test_the_case_worker_is_reminded_of_the_coming_weeks_hearings(caseworker, hearings):
    assert hearings_upcoming(user=caseworker) == [hearings["soon"]]


def test_the_police_of_the_province_are_reminded_too(hearings):
    police = UserFactory(roles=[Role.POLICE_OFFICER])
    assert hearings_upcoming(user=police) == [hearings["soon"]]


def test_a_hearing_reaches_the_inbox_a_week_ahead(caseworker, hearings):
    with time_machine.travel(timezone.now() + dt.timedelta(days=4)):
        assert hearings_upcoming(user=caseworker) == [hearings["later"]]


def test_nobody_else_is_reminded(hearings):
    colleague = UserFactory(roles=[Role.CASE_WORKER])  # same office, not the case's worker
    other_police = UserFactory(
        organisation=OrganisationFactory(province=province(CHAMPASAK)),
        roles=[Role.POLICE_OFFICER],
    )
    me_officer = UserFactory(roles=[Role.ME_OFFICER])
    for user in (colleague, other_police, me_officer):
        assert hearings_upcoming(user=user) == []


def test_the_inbox_page_lists_the_hearing(client, caseworker, hearings):
    client.force_login(caseworker)
    text = client.get("/inbox/").content.decode()
    assert hearings["soon"].file.case.number in text
    assert "ການພິຈາລະນາຄະດີ" in text or "Court hearings this week" in text
