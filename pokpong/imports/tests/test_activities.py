"""Prevention activities: the activity form's rules, each row within the officer's area."""

import pytest
from django.utils import translation

from pokpong.accounts.models import Role
from pokpong.accounts.services import role_assign
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.imports.tests.helpers import ACTIVITY_HEADER, check, run, xlsx_bytes
from pokpong.places.models import Province
from pokpong.prevention.models import AwarenessActivity

pytestmark = pytest.mark.django_db

KIND = "activities"


@pytest.fixture
def officer():
    salavan = Province.objects.get(iso_code="LA-SL")
    user = UserFactory(username="prev", organisation=OrganisationFactory(province=salavan))
    role_assign(user=user, role=Role.PREVENTION_OFFICER, province=salavan)
    return user


def test_activities_import_with_lao_values_and_dates(officer, django_capture_on_commit_callbacks):
    with translation.override("lo"):
        lao_meeting = str(translation.gettext("Village meeting"))
    data = xlsx_bytes(
        ACTIVITY_HEADER,
        [
            [lao_meeting, "14/03/2568", "ສາລະວັນ", "", "Ban Nong", "໑໒", "8"],
            ["school_session", "2025-03-15", "LA-SL", "", "", 30, 0],
        ],
    )
    job = check(django_capture_on_commit_callbacks, officer, KIND, data, "a.xlsx")
    assert (job.status, job.valid_rows, job.errors) == ("checked", 2, [])
    assert not AwarenessActivity.objects.exists()
    job = run(django_capture_on_commit_callbacks, officer, job)
    assert job.imported == 2
    meeting = AwarenessActivity.objects.get(type="village_meeting")
    assert (meeting.held_on.isoformat(), meeting.women, meeting.men) == ("2025-03-14", 12, 8)


def test_rows_outside_the_area_in_the_future_or_empty_are_row_errors(
    officer, django_capture_on_commit_callbacks
):
    data = xlsx_bytes(
        ACTIVITY_HEADER,
        [
            ["radio", "2025-03-14", "LA-SV", "", "", 5, 5],  # Savannakhet: not the officer's
            ["radio", "01/01/2999", "LA-SL", "", "", 5, 5],
            ["radio", "2025-03-14", "LA-SL", "", "", 0, 0],
            ["dancing", "2025-03-14", "Atlantis", "", "", 1, 1],
        ],
    )
    with translation.override("en"):
        job = check(django_capture_on_commit_callbacks, officer, KIND, data, "a.xlsx")
    assert job.error_rows == 4 and job.valid_rows == 0
    by_row: dict[int, list[str]] = {}
    for row, column, message in job.errors:
        by_row.setdefault(row, []).append(f"{column}: {message}")
    assert "outside your area" in by_row[2][0]
    assert "future" in by_row[3][0]
    assert "at least one person" in by_row[4][0]
    assert any("dancing" in m for m in by_row[5]) and any("Atlantis" in m for m in by_row[5])
    job = run(django_capture_on_commit_callbacks, officer, job, valid_only=True)
    assert job.status == "nothing" and not AwarenessActivity.objects.exists()


def test_the_same_activity_twice_is_flagged(officer, django_capture_on_commit_callbacks):
    row = ["radio", "2025-03-14", "LA-SL", "", "FM 98", 5, 5]
    data = xlsx_bytes(ACTIVITY_HEADER, [row, row])
    job = check(django_capture_on_commit_callbacks, officer, KIND, data, "a.xlsx")
    assert job.duplicates[0]["row"] == 3 and job.duplicates[0]["same_as_row"] == 2
    job = run(django_capture_on_commit_callbacks, officer, job)
    assert (job.imported, job.skipped) == (1, 1)
    again = check(
        django_capture_on_commit_callbacks,
        officer,
        KIND,
        xlsx_bytes(ACTIVITY_HEADER, [row]),
        "b.xlsx",
    )
    assert again.duplicates[0]["row"] == 2  # already recorded
