"""The exports pages and service: who may ask for which kind, the background task, download by
the requester only (others: the same 404 as a missing export), audited, expiring, purged."""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from pokpong.accounts.models import Role
from pokpong.accounts.policy import can_export_ctdc, can_export_dhis2, can_use_exports
from pokpong.accounts.services import role_assign
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.exchange.models import ExportRequest, ExportStatus
from pokpong.exchange.registry import export_kinds_for
from pokpong.exchange.services import export_request_create, exports_purge
from pokpong.exchange.tasks import purge_exports
from pokpong.exchange.tests.factories import ExportRequestFactory
from pokpong.places.models import Province

pytestmark = pytest.mark.django_db
LIST = reverse("exchange:exports")


def national(role: str):
    user = UserFactory(organisation=OrganisationFactory(province=None), roles=[role])
    return with_totp(user)


@pytest.fixture
def secretariat(db):
    return national(Role.NATIONAL_SECRETARIAT)


@pytest.fixture
def me_officer(db):
    return national(Role.ME_OFFICER)


def ask_ctdc(client, capture, **fields):
    data = {"k": 11, "year": "", "quasi_identifiers": ["gender", "ageBroad", "citizenship"]}
    data.update(fields)
    with capture(execute=True):
        return client.post(reverse("exchange:export_new", args=["ctdc"]), data)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.NATIONAL_SECRETARIAT, True),
        (Role.ME_OFFICER, True),
        (Role.ADMINISTRATOR, False),
        (Role.CASE_WORKER, False),
        (Role.PROVINCIAL_MANAGER, False),
        (Role.POLICE_OFFICER, False),
    ],
)
def test_only_national_data_managers_may_export(role, allowed):
    user = national(role)
    assert can_export_ctdc(user) is allowed
    assert can_export_dhis2(user) is allowed
    case_files = role in (Role.CASE_WORKER, Role.PROVINCIAL_MANAGER)  # HTCDS, their own cases
    assert can_use_exports(user) is (allowed or case_files)
    assert [k.code for k in export_kinds_for(user)] == (["ctdc", "dhis2"] if allowed else []) + (
        ["htcds"] if case_files else []
    )


def test_a_secretariat_held_over_one_province_may_not_export_the_country():
    savannakhet = Province.objects.get(iso_code="LA-SV")
    user = with_totp(UserFactory(organisation=OrganisationFactory(province=savannakhet)))
    role_assign(user=user, role=Role.NATIONAL_SECRETARIAT, province=savannakhet)
    assert can_use_exports(user)  # the page, with nothing to ask for
    assert export_kinds_for(user) == []
    with pytest.raises(PermissionDenied):
        export_request_create(user=user, kind="ctdc", parameters={})


def test_the_page_lists_the_kinds_in_lao(client, me_officer):
    client.force_login(me_officer)
    with translation.override("lo"):
        page = client.get(LIST, HTTP_ACCEPT_LANGUAGE="lo")
    assert page.status_code == 200
    assert reverse("exchange:export_new", args=["ctdc"]) in page.content.decode()
    assert reverse("exchange:export_new", args=["dhis2"]) in page.content.decode()


def test_others_get_404_on_the_page_and_the_form(client, caseworker):
    police = UserFactory(roles=[Role.POLICE_OFFICER])
    client.force_login(police)
    assert client.get(LIST).status_code == 404
    assert client.get(reverse("exchange:export_new", args=["ctdc"])).status_code == 404
    client.force_login(caseworker)  # the page, for case files (HTCDS): never the CTDC form
    assert client.get(reverse("exchange:export_new", args=["ctdc"])).status_code == 404


def test_an_unknown_kind_answers_404(client, me_officer):
    client.force_login(me_officer)
    assert client.get(reverse("exchange:export_new", args=["nothing"])).status_code == 404


def test_asking_produces_the_file_in_the_background_audited(
    client, me_officer, django_capture_on_commit_callbacks
):
    client.force_login(me_officer)
    response = ask_ctdc(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    export = ExportRequest.objects.get()
    assert (export.status, export.progress, export.kind) == (ExportStatus.DONE, 100, "ctdc")
    assert export.expires_at - export.finished_at == dt.timedelta(
        hours=settings.POKPONG_EXPORT_LIFETIME_HOURS
    )
    assert export.summary["written"] == 0
    created = AuditEntry.objects.get(
        action=AuditAction.CREATE, object_type="exchange.exportrequest", object_id=str(export.pk)
    )
    assert created.actor == me_officer
    assert created.extra["kind"] == "ctdc"


def test_the_file_is_encrypted_at_rest(client, me_officer, django_capture_on_commit_callbacks):
    client.force_login(me_officer)
    ask_ctdc(client, django_capture_on_commit_callbacks)
    export = ExportRequest.objects.get()
    stored = (Path(settings.MEDIA_ROOT) / "exports" / export.storage_name).read_bytes()
    assert b"yearOfRegistration" not in stored
    download = client.get(reverse("exchange:export_download", args=[export.pk]))
    assert download.status_code == 200
    assert download.content.startswith(b"yearOfRegistration,Datasource,gender")
    assert download["Cache-Control"] == "no-store"
    assert "attachment" in download["Content-Disposition"]


def test_bad_parameters_answer_400_and_queue_nothing(
    client, me_officer, django_capture_on_commit_callbacks
):
    client.force_login(me_officer)
    response = ask_ctdc(client, django_capture_on_commit_callbacks, k="2")
    assert response.status_code == 400
    response = ask_ctdc(client, django_capture_on_commit_callbacks, quasi_identifiers=["name"])
    assert response.status_code == 400
    assert not ExportRequest.objects.exists()


def test_download_is_audited_as_an_export(client):
    export = ExportRequestFactory()
    client.force_login(export.requested_by)
    response = client.get(reverse("exchange:export_download", args=[export.pk]))
    assert response.status_code == 200
    assert response.content == b"yearOfRegistration\n"
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (entry.actor, entry.object_id) == (export.requested_by, str(export.pk))


def test_another_users_export_answers_exactly_as_a_missing_one(client, me_officer):
    export = ExportRequestFactory()  # another M&E officer's
    client.force_login(me_officer)
    theirs = client.get(reverse("exchange:export_download", args=[export.pk]))
    missing = client.get(reverse("exchange:export_download", args=[export.pk + 1000]))
    assert theirs.status_code == missing.status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_a_requester_who_lost_the_role_cannot_download(client):
    export = ExportRequestFactory()
    export.requested_by.role_assignments.all().delete()
    client.force_login(export.requested_by)
    assert client.get(reverse("exchange:export_download", args=[export.pk])).status_code == 404


def test_a_requester_whose_role_was_narrowed_to_a_province_cannot_download(client):
    export = ExportRequestFactory()
    user = export.requested_by
    user.role_assignments.all().delete()
    role_assign(user=user, role=Role.ME_OFFICER, province=Province.objects.get(iso_code="LA-SV"))
    client.force_login(user)
    assert client.get(reverse("exchange:export_download", args=[export.pk])).status_code == 404


def test_an_expired_export_is_refused_then_purged(client):
    export = ExportRequestFactory()
    path = Path(settings.MEDIA_ROOT) / "exports" / export.storage_name
    client.force_login(export.requested_by)
    url = reverse("exchange:export_download", args=[export.pk])
    assert client.get(url).status_code == 200
    ExportRequest.objects.filter(pk=export.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert client.get(url).status_code == 404
    assert path.exists()  # refused before any purge ran
    assert purge_exports.enqueue().return_value == 1
    assert not path.exists()
    export.refresh_from_db()
    assert (export.status, export.storage_name) == (ExportStatus.EXPIRED, "")
    entry = AuditEntry.objects.get(action=AuditAction.DELETE, object_type="exchange.exportrequest")
    assert entry.actor_username == "task:purge_exports"
    with translation.override("lo"):
        page = client.get(LIST).content.decode()
    assert url not in page


def test_purge_leaves_live_exports_alone():
    export = ExportRequestFactory()
    assert exports_purge() == 0
    export.refresh_from_db()
    assert export.status == ExportStatus.DONE


def test_the_purge_command_reports_how_many(capsys):
    ExportRequestFactory(expires_at=timezone.now() - dt.timedelta(minutes=1))
    call_command("purge_exports")
    assert "1 expired export(s) purged." in capsys.readouterr().out


def test_a_failed_build_is_shown_as_failed(
    client, me_officer, django_capture_on_commit_callbacks, monkeypatch
):
    from pokpong.exchange.ctdc import kind

    def broken(options):
        raise RuntimeError("disk full")

    monkeypatch.setattr(kind, "ctdc_dataset", broken)
    client.force_login(me_officer)
    ask_ctdc(client, django_capture_on_commit_callbacks)
    assert ExportRequest.objects.get().status == ExportStatus.FAILED


def test_the_exports_and_the_reference_lists_lead_to_the_mapping(client, me_officer):
    client.force_login(me_officer)
    assert reverse("exchange:dhis2_mapping") in client.get(LIST).content.decode()
    client.force_login(national(Role.ADMINISTRATOR))
    page = client.get(reverse("desk:reference_index")).content.decode()
    assert reverse("exchange:dhis2_mapping") in page


def test_the_list_refreshes_itself_while_an_export_is_pending(client, me_officer):
    ExportRequestFactory(requested_by=me_officer, status=ExportStatus.QUEUED, expires_at=None)
    client.force_login(me_officer)
    page = client.get(LIST).content.decode()
    assert 'hx-trigger="every 3s"' in page
    fragment = client.get(LIST, HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith('<div id="exports"')
    assert "<h1>" not in fragment


def test_the_list_reads_as_many_queries_for_one_export_as_for_six(client, me_officer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(me_officer)
    client.get(LIST)  # the first request of a session writes it
    counts = []
    for exports in (1, 5):
        for _ in range(exports):
            ExportRequestFactory(requested_by=me_officer)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
