"""The case pages: caseload filters, confidential notes, attachments, stale edits, history."""

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.cases import services
from pokpong.cases.models import Attachment, Case, CasePlan, CaseStatus
from pokpong.cases.tests.factories import CaseFactory
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.people.services import PersonDetails
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.models import Country, Province

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n% fictitious test document\n"


@pytest.fixture
def case(caseworker):
    return CaseFactory(person=PersonFactory(registered_by=caseworker, birth_year=1995))


def test_the_caseload_filters_by_status_risk_and_number(client, caseworker):
    person = PersonFactory(registered_by=caseworker)
    high = CaseFactory(person=person, number="SV-2026-00077", risk_level="high")
    CaseFactory(person=person, number="SV-2026-00078", status=CaseStatus.ACTIVE)
    client.force_login(caseworker)

    def listed(**q):
        return [c.number for c in client.get(reverse("cases:case_list"), q).context["page"]]

    assert listed(risk="high") == [high.number]
    assert listed(status="active") == ["SV-2026-00078"]
    assert listed(number="໐໐໐໗໗") == [high.number]  # Lao digits in the search box
    assert listed(sort="number") == ["SV-2026-00077", "SV-2026-00078"]


def test_overdue_actions_are_flagged_and_filterable(client, caseworker, case):
    services.case_action_add(
        user=caseworker,
        case=case,
        description="Medical check",
        responsible_organisation=case.organisation,
        due_on=dt.date(2020, 1, 1),
    )
    CaseFactory(person=case.person, number="SV-2026-00999")
    client.force_login(caseworker)
    page = client.get(reverse("cases:case_list"), {"overdue": "on"}).context["page"]
    assert [c.number for c in page] == [case.number]
    assert page[0].has_overdue


def test_the_caseload_costs_the_same_queries_for_one_case_or_twenty(client, caseworker):
    person = PersonFactory(registered_by=caseworker)
    CaseFactory(person=person)
    client.force_login(caseworker)
    client.get(reverse("cases:case_list"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("cases:case_list"))
    for _ in range(19):
        CaseFactory(person=PersonFactory(registered_by=caseworker))
    with CaptureQueriesContext(connection) as twenty:
        client.get(reverse("cases:case_list"))
    assert len(twenty) == len(one)


def test_cases_of_another_province_are_not_found(client, case):
    other = UserFactory(
        organisation=OrganisationFactory(province=Province.objects.get(iso_code="LA-CH")),
        roles=[Role.CASE_WORKER],
    )
    client.force_login(other)
    assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 404
    assert (
        client.post(reverse("cases:case_note_add", args=[case.pk]), {"text": "x"}).status_code
        == 404
    )
    assert case.number not in client.get(reverse("cases:case_list")).content.decode()


def test_notes_are_confidential_to_the_authors_organisation_unless_shared(client, caseworker, case):
    services.case_note_add(
        user=caseworker, case=case, text="Counselling: nightmares", visibility="own_organisation"
    )
    services.case_note_add(
        user=caseworker, case=case, text="Shelter bed found", visibility="referral_partners"
    )
    police = UserFactory(roles=[Role.POLICE_OFFICER])  # same province, another organisation
    client.force_login(police)
    html = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "Shelter bed found" in html
    assert "nightmares" not in html
    client.force_login(caseworker)
    assert "nightmares" in client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()


def test_police_see_the_case_but_cannot_change_it(client, case):
    police = UserFactory(roles=[Role.POLICE_OFFICER])
    client.force_login(police)
    assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 200
    assert client.get(reverse("cases:case_edit", args=[case.pk])).status_code == 404
    client.post(reverse("cases:case_transition", args=[case.pk]), {"target": "active"})
    case.refresh_from_db()
    assert case.status == CaseStatus.REGISTERED


def test_a_status_cannot_be_skipped_through_the_url(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:case_transition", args=[case.pk]), {"target": "closed"}, follow=True
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.REGISTERED
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_a_stale_edit_shows_the_other_change_and_keeps_it(client, caseworker, case):
    client.force_login(caseworker)
    form_version = (
        client.get(reverse("cases:case_edit", args=[case.pk])).context["form"].initial["version"]
    )
    manager = UserFactory(roles=[Role.PROVINCIAL_MANAGER])
    services.case_update(
        user=manager,
        case=case,
        details=replace(services.CaseDetails.of(case), risk_level="high", risk_reason="Threats"),
        expected_version=form_version,
    )
    response = client.post(
        reverse("cases:case_edit", args=[case.pk]),
        {
            "came_to_light": "hotline",
            "risk_level": "low",
            "version": form_version,
            "caseworker": caseworker.pk,
        },
    )
    assert response.status_code == 200
    assert response.context["conflict"].actor == manager
    html = response.content.decode()
    assert "medium → high" in html
    assert Case.objects.get(pk=case.pk).risk_level == "high"


def test_attachments_are_stored_encrypted_and_served_only_with_permission(client, caseworker, case):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(caseworker)
    upload = SimpleUploadedFile("consent-form.pdf", PDF, content_type="application/pdf")
    client.post(
        reverse("cases:case_attachment_add", args=[case.pk]),
        {"title": "Signed consent", "file": upload},
    )
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"
    on_disk = (Path(settings.MEDIA_ROOT) / "attachments" / attachment.storage_name).read_bytes()
    assert b"fictitious test document" not in on_disk

    response = client.get(reverse("cases:attachment_file", args=[attachment.pk]))
    assert response.content == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment;" in response["Content-Disposition"]
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW, object_type="cases.attachment"
    ).exists()
    preview = client.get(reverse("cases:attachment_view", args=[attachment.pk]))
    assert "?inline=1" in preview.content.decode()

    outsider = UserFactory(
        organisation=OrganisationFactory(province=Province.objects.get(iso_code="LA-CH")),
        roles=[Role.CASE_WORKER],
    )
    client.force_login(outsider)
    assert client.get(reverse("cases:attachment_file", args=[attachment.pk])).status_code == 404
    client.force_login(with_totp(UserFactory(roles=[Role.ADMINISTRATOR])))
    assert client.get(reverse("cases:attachment_file", args=[attachment.pk])).status_code == 404


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("virus.pdf", b"MZ\x90\x00 not really a pdf"),
        ("notes.txt", b"plain text"),
    ],
)
def test_files_are_checked_by_content_not_by_name(client, caseworker, case, name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(caseworker)
    response = client.post(
        reverse("cases:case_attachment_add", args=[case.pk]),
        {"file": SimpleUploadedFile(name, data)},
        follow=True,
    )
    assert not Attachment.objects.exists()
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_large_files_are_refused(client, caseworker, case, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pokpong.cases import attachments, forms_case

    monkeypatch.setattr(forms_case, "MAX_BYTES", 10)
    monkeypatch.setattr(attachments, "MAX_BYTES", 10)
    client.force_login(caseworker)
    client.post(
        reverse("cases:case_attachment_add", args=[case.pk]),
        {"file": SimpleUploadedFile("photo.png", PNG)},
    )
    assert not Attachment.objects.exists()


def test_the_history_shows_every_change_of_the_case_and_its_parts(client, caseworker, case):
    services.case_need_add(
        user=caseworker, case=case, domain="health", priority="high", description="Dental care"
    )
    services.case_update(
        user=caseworker,
        case=case,
        details=replace(services.CaseDetails.of(case), risk_level="low"),
        expected_version=case.version,
    )
    client.force_login(caseworker)
    timeline = client.get(reverse("cases:case_detail", args=[case.pk])).context["timeline"]
    labels = [(line.entry.object_type, line.entry.action) for line in timeline]
    assert ("cases.need", AuditAction.CREATE) in labels
    assert ("cases.case", AuditAction.UPDATE) in labels
    assert all(line.entry.action != AuditAction.VIEW for line in timeline)


def _change_country(case, user, alpha2):
    services.case_update(
        user=user,
        case=case,
        details=replace(
            services.CaseDetails.of(case),
            country_of_exploitation=Country.objects.get(alpha2=alpha2),
        ),
        expected_version=Case.objects.get(pk=case.pk).version,
    )


def test_the_history_costs_the_same_queries_for_two_changes_or_twenty(client, caseworker, case):
    """The records a change points to (here a country) are named for the whole history at
    once, not one query per line."""
    client.force_login(caseworker)
    for alpha2 in ("TH", "VN"):
        _change_country(case, caseworker, alpha2)
    url = reverse("cases:case_detail", args=[case.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as two:
        response = client.get(url)
    assert len(response.context["timeline"]) == 2
    for alpha2 in ("CN", "MY", "TH", "VN") * 4 + ("KH", "MM"):
        _change_country(case, caseworker, alpha2)
    with CaptureQueriesContext(connection) as twenty:
        response = client.get(url)
    assert len(response.context["timeline"]) == 20
    assert len(twenty) == len(two)
    newest = response.context["timeline"][0].changes
    assert len(newest) == 1 and "#" not in newest[0][1]  # named, not "#<id>"


def test_the_case_is_assigned_to_a_caseworker_and_a_team_of_the_office(client, caseworker, case):
    colleague = UserFactory(
        username="keo", organisation=caseworker.organisation, roles=[Role.CASE_WORKER]
    )
    stranger = UserFactory(username="far", roles=[Role.CASE_WORKER])  # another office
    client.force_login(caseworker)
    form = client.get(reverse("cases:case_edit", args=[case.pk])).context["form"]
    assert set(form.fields["caseworker"].queryset) == {caseworker, colleague}
    client.post(
        reverse("cases:case_edit", args=[case.pk]),
        {
            "came_to_light": "hotline",
            "risk_level": "medium",
            "version": case.version,
            "caseworker": colleague.pk,
            "team": [caseworker.pk, colleague.pk],
        },
    )
    case.refresh_from_db()
    assert case.caseworker == colleague
    assert set(case.team.all()) == {caseworker, colleague}
    response = client.post(
        reverse("cases:case_edit", args=[case.pk]),
        {
            "came_to_light": "hotline",
            "risk_level": "medium",
            "version": case.version,
            "caseworker": stranger.pk,
        },
    )
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.caseworker == colleague


def test_the_caseload_finds_cases_by_the_persons_name_in_either_script(client, caseworker):
    from pokpong.people.services import person_register

    person = person_register(
        user=caseworker,
        details=PersonDetails(given_name_lo="ສຸກສະຫວັນ", family_name_lo="ພົມມະຈັນ", sex="female"),
    )
    mine = CaseFactory(person=person, number="SV-2026-00301")
    CaseFactory(person=PersonFactory(registered_by=caseworker), number="SV-2026-00302")
    client.force_login(caseworker)
    page = client.get(reverse("cases:case_list"), {"name": "Suksavan"}).context["page"]
    assert [c.number for c in page] == [mine.number]


def test_the_approve_button_is_hidden_from_who_wrote_or_submitted_the_plan(client, case):
    manager = with_totp(UserFactory(username="author-manager", roles=[Role.PROVINCIAL_MANAGER]))
    other = with_totp(UserFactory(username="other-manager", roles=[Role.PROVINCIAL_MANAGER]))
    services.case_plan_save(user=manager, case=case, goals="Safe return to the family")
    services.case_action_add(
        user=manager,
        case=case,
        description="Family tracing",
        responsible_organisation=case.organisation,
        due_on=dt.date(2030, 1, 1),
    )
    services.case_plan_submit(user=manager, case=case)
    approve = reverse("cases:case_plan_approve", args=[case.pk])
    client.force_login(manager)
    assert approve not in client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    client.post(approve)
    assert CasePlan.objects.get(case=case).status == "submitted"
    client.force_login(other)
    assert approve in client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()


def test_the_closure_approval_is_hidden_from_who_asked_to_close(client, case):
    manager = with_totp(UserFactory(username="closing-manager", roles=[Role.PROVINCIAL_MANAGER]))
    services.case_closure_request(user=manager, case=case, reason="reintegrated")
    client.force_login(manager)
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert reverse("cases:case_closure_approve", args=[case.pk]) not in page
