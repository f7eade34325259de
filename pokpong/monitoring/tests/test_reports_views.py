"""The reports page: who may ask for what, the background task, download by the requester only,
audited, and small numbers only for those who may see them."""

from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from pokpong.accounts.models import Role
from pokpong.accounts.policy import sees_small_numbers
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.monitoring.models import ReportRequest, ReportStatus
from pokpong.monitoring.tests.reports_world import build_world
from pokpong.places.models import Province

pytestmark = pytest.mark.django_db
URL = reverse("monitoring:report_requests")


def user_with(role: str, iso: str = "LA-VT"):
    office = OrganisationFactory(province=Province.objects.get(iso_code=iso))
    return with_totp(UserFactory(organisation=office, roles=[role]))


def ask(client, django_capture_on_commit_callbacks, **fields):
    data = {"period": "2026Q4", "area": "all", "language": "en", "format": "xlsx"}
    data.update({"audience": "public", **fields})
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(URL, data)


def victims(content: bytes) -> tuple:
    sheet = load_workbook(BytesIO(content)).worksheets[0]
    return next(row for row in sheet.iter_rows(values_only=True) if row[0] == "CUSTOM-1")


@pytest.fixture
def me_officer(db):
    return UserFactory(roles=[Role.ME_OFFICER])


def test_small_numbers_policy():
    vientiane = Province.objects.get(iso_code="LA-VT")
    savannakhet = Province.objects.get(iso_code="LA-SV")
    manager = user_with(Role.PROVINCIAL_MANAGER)
    assert sees_small_numbers(manager, vientiane.pk)
    assert not sees_small_numbers(manager, savannakhet.pk)
    assert not sees_small_numbers(manager, None)  # the country is more than the province
    assert not sees_small_numbers(UserFactory(roles=[Role.ME_OFFICER]), None)
    assert not sees_small_numbers(UserFactory(roles=[Role.NATIONAL_SECRETARIAT]), vientiane.pk)
    assert not sees_small_numbers(UserFactory(roles=[Role.TRAINER]), vientiane.pk)
    # even with case access beside it, an M&E officer never does
    both = UserFactory(organisation=manager.organisation, roles=[Role.CASE_WORKER, Role.ME_OFFICER])
    assert not sees_small_numbers(both, vientiane.pk)


def test_page_is_for_reporting_roles_only(client, caseworker, me_officer):
    client.force_login(caseworker)
    assert client.get(URL).status_code == 404
    client.force_login(me_officer)
    page = client.get(URL)
    assert page.status_code == 200
    assert "FY2026" in page.content.decode() or "FY2027" in page.content.decode()


def test_me_officer_gets_a_public_report_and_downloads_it_audited(
    client, me_officer, django_capture_on_commit_callbacks
):
    build_world()
    client.force_login(me_officer)
    response = ask(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    report = ReportRequest.objects.get()
    assert (report.status, report.progress, report.suppressed) == (ReportStatus.DONE, 100, True)
    page = client.get(URL).content.decode()
    download = reverse("monitoring:report_download", args=[report.pk])
    assert download in page
    response = client.get(download)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert 'filename="indicators-2026Q4-national-public-en.xlsx"' in response["Content-Disposition"]
    assert victims(response.content)[3] == 9
    entry = AuditEntry.objects.filter(action=AuditAction.EXPORT).get()
    assert entry.actor == me_officer
    assert entry.object_id == str(report.pk)


def test_me_officer_may_not_ask_for_an_internal_report(
    client, me_officer, django_capture_on_commit_callbacks
):
    client.force_login(me_officer)
    response = ask(client, django_capture_on_commit_callbacks, audience="internal")
    assert response.status_code == 400
    with translation.override("lo"):
        expected = translation.gettext(
            "You may not have counts from 1 to 4 for this scope: choose a public report."
        )
    assert expected in response.content.decode()
    assert not ReportRequest.objects.exists()


def test_provincial_manager_gets_internal_numbers_of_the_province_only(
    client, django_capture_on_commit_callbacks
):
    build_world()
    manager = user_with(Role.PROVINCIAL_MANAGER)
    client.force_login(manager)
    vientiane = Province.objects.get(iso_code="LA-VT")
    savannakhet = Province.objects.get(iso_code="LA-SV")
    refused = ask(client, django_capture_on_commit_callbacks, province=savannakhet.pk)
    assert refused.status_code == 400
    refused = ask(client, django_capture_on_commit_callbacks)  # the whole country
    assert refused.status_code == 400
    ask(client, django_capture_on_commit_callbacks, province=vientiane.pk, audience="internal")
    report = ReportRequest.objects.get()
    assert report.suppressed is False
    content = client.get(reverse("monitoring:report_download", args=[report.pk])).content
    assert victims(content)[3] == 9


def test_only_the_requester_downloads(client, me_officer, django_capture_on_commit_callbacks):
    build_world()
    client.force_login(me_officer)
    ask(client, django_capture_on_commit_callbacks)
    report = ReportRequest.objects.get()
    colleague = UserFactory(roles=[Role.ME_OFFICER])
    client.force_login(colleague)
    assert client.get(reverse("monitoring:report_download", args=[report.pk])).status_code == 404
    assert report.pk not in [r.pk for r in client.get(URL).context["requests"]]
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_bad_input_is_a_form_error_not_a_crash(
    client, me_officer, django_capture_on_commit_callbacks
):
    client.force_login(me_officer)
    for fields in ({"period": "2026Q9"}, {"format": "docx"}, {"province": "abc"}, {"area": "x"}):
        response = ask(client, django_capture_on_commit_callbacks, **fields)
        assert response.status_code == 400
    assert not ReportRequest.objects.exists()


def test_progress_list_polls_while_a_report_is_waiting(client, me_officer):
    ReportRequest.objects.create(requested_by=me_officer, period="2026Q4", progress=40)
    client.force_login(me_officer)
    page = client.get(URL).content.decode()
    assert 'hx-trigger="every 3s"' in page
    assert 'value="40"' in page
    partial = client.get(URL, headers={"HX-Request": "true"}).content.decode()
    assert partial.strip().startswith('<div id="report-requests"')
    ReportRequest.objects.update(status=ReportStatus.DONE, progress=100)
    assert "every 3s" not in client.get(URL).content.decode()


def test_a_failing_report_is_marked_failed(
    client, me_officer, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("pokpong.monitoring.reports.requests.build", broken)
    client.force_login(me_officer)
    ask(client, django_capture_on_commit_callbacks)
    assert ReportRequest.objects.get().status == ReportStatus.FAILED
    with translation.override("lo"):
        failed = str(ReportStatus.FAILED.label)
    assert failed in client.get(URL).content.decode()


def test_a_report_with_small_numbers_goes_only_to_who_still_sees_them(client, me_officer):
    from pokpong.monitoring.tests.factories import ReportRequestFactory

    full = ReportRequestFactory(requested_by=me_officer, suppressed=False)
    protected = ReportRequestFactory(requested_by=me_officer)
    client.force_login(me_officer)
    assert client.get(reverse("monitoring:report_download", args=[full.pk])).status_code == 404
    assert client.get(reverse("monitoring:report_download", args=[protected.pk])).status_code == 200
