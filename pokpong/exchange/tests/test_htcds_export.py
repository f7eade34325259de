"""The HTCDS case file set as an export kind: asked for on /exchange/, built in the background,
downloaded by its requester only, each person in it audited as exported."""

import pytest
from django.urls import reverse
from django.utils import translation

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.exchange.htcds.kind import htcds_summary
from pokpong.exchange.models import ExportRequest, ExportStatus
from pokpong.exchange.registry import export_kinds_for
from pokpong.exchange.tests.htcds_world import (
    partner_organisation,
    persons_in,
    read_zip,
    whole_case,
)
from pokpong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
NEW = reverse("exchange:export_new", args=["htcds"])


@pytest.fixture
def office(db):
    return UserFactory(roles=[Role.CASE_WORKER])


@pytest.fixture
def partner(db):
    return partner_organisation()


def ask(client, capture, recipient):
    with capture(execute=True):
        return client.post(NEW, {"recipient": recipient})


def test_case_offices_may_ask_for_case_files_and_nobody_else():
    for role in (Role.CASE_WORKER, Role.PROVINCIAL_MANAGER):
        assert "htcds" in [k.code for k in export_kinds_for(UserFactory(roles=[role]))]
    for role in (Role.POLICE_OFFICER, Role.SERVICE_PROVIDER, Role.HOTLINE_COUNSELLOR):
        assert export_kinds_for(UserFactory(roles=[role])) == []
    for role in (Role.NATIONAL_SECRETARIAT, Role.ME_OFFICER, Role.ADMINISTRATOR):
        user = UserFactory(roles=[role], organisation__province=None)
        assert "htcds" not in [k.code for k in export_kinds_for(user)]


def test_the_form_names_the_recipient_in_lao(client, office, partner):
    client.force_login(office)
    with translation.override("lo"):
        page = client.get(NEW, HTTP_ACCEPT_LANGUAGE="lo")
    assert page.status_code == 200
    assert partner.name_lo in page.content.decode()


def test_a_case_worker_asks_then_downloads_the_file_set_for_the_partner(
    client, office, partner, django_capture_on_commit_callbacks
):
    person = whole_case(office=office, partner=partner).person
    PersonFactory(registered_by=office)  # no consent: not in the set
    client.force_login(office)
    assert ask(client, django_capture_on_commit_callbacks, partner.pk).status_code == 302
    export = ExportRequest.objects.get()
    assert (export.kind, export.status, export.parameters) == (
        "htcds",
        ExportStatus.DONE,
        {"recipient": partner.pk},
    )
    assert (export.summary["persons"], export.summary["cases"]) == (1, 1)
    download = client.get(reverse("exchange:export_download", args=[export.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    assert persons_in(read_zip(download.content)) == {person.code}


def test_each_person_in_the_set_is_audited_as_exported_for_the_recipient(
    client, office, partner, django_capture_on_commit_callbacks
):
    person = whole_case(office=office, partner=partner).person
    client.force_login(office)
    ask(client, django_capture_on_commit_callbacks, partner.pk)
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_type="people.person")
    assert (entry.actor, entry.object_id) == (office, str(person.pk))
    assert entry.extra["kind"] == "htcds"
    assert entry.extra["recipient"] == partner.pk


def test_another_case_worker_cannot_download_it(
    client, office, partner, django_capture_on_commit_callbacks
):
    whole_case(office=office, partner=partner)
    client.force_login(office)
    ask(client, django_capture_on_commit_callbacks, partner.pk)
    export = ExportRequest.objects.get()
    client.force_login(UserFactory(roles=[Role.CASE_WORKER], organisation=office.organisation))
    assert client.get(reverse("exchange:export_download", args=[export.pk])).status_code == 404


@pytest.mark.parametrize("recipient", ["", "0", "abc", "1 OR 1=1", "9" * 30, "ສະບາຍດີ"])
def test_a_bad_recipient_answers_400_and_queues_nothing(
    client, office, recipient, django_capture_on_commit_callbacks
):
    client.force_login(office)
    assert ask(client, django_capture_on_commit_callbacks, recipient).status_code == 400
    assert not ExportRequest.objects.exists()


def test_an_inactive_organisation_cannot_be_the_recipient(
    client, office, django_capture_on_commit_callbacks
):
    closed = OrganisationFactory(is_active=False)
    client.force_login(office)
    assert ask(client, django_capture_on_commit_callbacks, closed.pk).status_code == 400


def test_police_get_404_on_the_form(client):
    client.force_login(UserFactory(roles=[Role.POLICE_OFFICER]))
    assert client.get(NEW).status_code == 404


def test_the_summary_names_the_recipient_in_the_readers_language():
    summary = {"persons": 3, "cases": 4, "recipient_lo": "ອົງການ", "recipient_en": "Agency"}
    with translation.override("lo"):
        (line,) = htcds_summary(summary)
    assert "ອົງການ" in line
    assert "3" in line
    assert "4" in line
    assert htcds_summary({}) == []
