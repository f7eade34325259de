"""The writes of the justice file: encrypted suspects, validation, audit, refusals."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases.tests.factories import CaseFactory
from pokpong.core.models import AuditEntry
from pokpong.justice import services
from pokpong.justice.models import JusticeFile, Suspect, VerdictOutcome
from pokpong.justice.tests.factories import SuspectFactory, law_article
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.tests.factories import CHAMPASAK, country, province

pytestmark = pytest.mark.django_db
NAME = "ທ້າວ ບຸນເລີດ ສີສຸວັນ (Bounleut Sisouvanh)"


@pytest.fixture
def case(caseworker):
    return CaseFactory(person=PersonFactory(registered_by=caseworker))


@pytest.fixture
def police():
    return UserFactory(username="police", roles=[Role.POLICE_OFFICER])


def _suspect(user, case, **extra):
    details = services.SuspectDetails(
        name=NAME, role="recruiter", identifying_details="ບັດປະຈຳຕົວ 0123456", **extra
    )
    return services.suspect_add(user=user, case=case, details=details)


def test_the_suspects_name_is_not_stored_in_clear(police, case):
    suspect = _suspect(police, case, nationality=country("TH"))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, identifying_details FROM justice_suspect WHERE id = %s", [suspect.pk]
        )
        name, details = cursor.fetchone()
    assert "ບຸນເລີດ" not in name and "Bounleut" not in name
    assert "0123456" not in details
    assert Suspect.objects.get(pk=suspect.pk).name == NAME  # read back through the field


def test_the_first_record_opens_the_file_and_every_write_is_audited(police, case):
    suspect = _suspect(police, case)
    file = JusticeFile.objects.get(case=case)
    assert file.created_by == police
    entries = AuditEntry.objects.filter(parent_type="cases.case", parent_id=str(case.pk))
    assert list(entries.order_by("sequence").values_list("object_type", "action")) == [
        ("justice.justicefile", "create"),
        ("justice.suspect", "create"),
    ]
    created = entries.get(object_type="justice.suspect")
    assert created.changes["name"] == "set"  # never the name itself
    assert NAME not in str(created.changes) and NAME not in created.object_label
    assert created.object_id == str(suspect.pk)


def test_a_change_of_the_file_is_audited_with_old_and_new_values(police, case):
    services.justice_file_save(
        user=police, case=case, details=services.FileDetails(complaint_place="ປກສ ແຂວງ")
    )
    services.justice_file_save(
        user=police,
        case=case,
        details=services.FileDetails(
            complaint_place="ປກສ ແຂວງ",
            investigation_status="investigating",
            investigation_opened_on=dt.date(2026, 10, 5),
        ),
    )
    updates = AuditEntry.objects.filter(object_type="justice.justicefile", action="update")
    entry = updates.order_by("sequence").last()
    assert entry.changes["investigation_status"] == ["not_started", "investigating"]
    assert "complaint_place" not in entry.changes


def test_someone_outside_the_file_cannot_write_through_the_service(case):
    other = UserFactory(
        organisation=OrganisationFactory(province=province(CHAMPASAK)),
        roles=[Role.POLICE_OFFICER],
    )
    with pytest.raises(PermissionDenied):
        _suspect(other, case)
    me_officer = UserFactory(roles=[Role.ME_OFFICER])
    with pytest.raises(PermissionDenied):
        services.justice_file_save(user=me_officer, case=case, details=services.FileDetails())
    assert not JusticeFile.objects.exists()


def test_dates_in_the_future_are_refused(police, case):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.justice_file_save(
            user=police, case=case, details=services.FileDetails(complaint_filed_on=tomorrow)
        )
    assert "complaint_filed_on" in exc.value.message_dict


def test_an_indictment_before_the_investigation_is_refused(police, case):
    details = services.FileDetails(
        investigation_opened_on=dt.date(2026, 10, 5), indicted_on=dt.date(2026, 9, 1)
    )
    with pytest.raises(ValidationError) as exc:
        services.justice_file_save(user=police, case=case, details=details)
    assert "indicted_on" in exc.value.message_dict


def test_an_appeal_date_needs_the_appeal_ticked(police, case):
    details = services.FileDetails(appealed_on=dt.date(2026, 11, 1))
    with pytest.raises(ValidationError):
        services.justice_file_save(user=police, case=case, details=details)


def test_only_a_conviction_carries_a_sentence(police, case):
    details = services.VerdictDetails(
        decided_on=dt.date(2026, 11, 1),
        court="ສານ",
        outcome=VerdictOutcome.ACQUITTED,
        prison_years=3,
    )
    with pytest.raises(ValidationError) as exc:
        services.verdict_add(user=police, case=case, details=details)
    assert "outcome" in exc.value.message_dict


def test_a_suspect_of_another_case_cannot_be_charged_here(police, case):
    stranger = SuspectFactory()
    with pytest.raises(ValidationError):
        services.charge_add(
            user=police,
            case=case,
            article=law_article(),
            charged_on=dt.date(2026, 10, 1),
            suspect=stranger,
        )


def test_more_paid_than_awarded_is_refused(caseworker, case):
    details = services.WitnessDetails(
        compensation_awarded_lak=5_000_000,
        awarded_on=dt.date(2026, 11, 1),
        compensation_paid_lak=6_000_000,
        paid_on=dt.date(2026, 11, 2),
    )
    with pytest.raises(ValidationError) as exc:
        services.witness_support_save(user=caseworker, case=case, details=details)
    assert "compensation_paid_lak" in exc.value.message_dict


def test_the_outstanding_compensation_is_awarded_less_paid(caseworker, case):
    details = services.WitnessDetails(
        has_legal_aid=True,
        compensation_claimed_lak=30_000_000,
        claimed_on=dt.date(2026, 9, 1),
        compensation_awarded_lak=20_000_000,
        awarded_on=dt.date(2026, 11, 1),
        compensation_paid_lak=8_000_000,
        paid_on=dt.date(2026, 11, 15),
    )
    support = services.witness_support_save(user=caseworker, case=case, details=details)
    assert support.compensation_outstanding_lak == 12_000_000
