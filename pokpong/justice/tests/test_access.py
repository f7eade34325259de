"""Who opens a justice file: the police and the owning office, in scope; nobody through a referral,
nobody reporting or administering, nobody of another province — all answered the same 404."""

import pytest
from django.urls import reverse

from pokpong.accounts import policy
from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.cases.tests.factories import CaseFactory
from pokpong.core.models import AuditEntry
from pokpong.justice.tests.factories import HearingFactory, JusticeFileFactory, SuspectFactory
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.tests.factories import CHAMPASAK, province
from pokpong.referrals.tests.factories import referred_case

pytestmark = pytest.mark.django_db

SUSPECT = "ສົມພອນ ແກ້ວມະນີ"
PAGES = (
    "file_detail",
    "file_edit",
    "suspect_add",
    "charge_add",
    "hearing_add",
    "verdict_add",
    "witness_edit",
)


@pytest.fixture
def file(caseworker):
    case = CaseFactory(person=PersonFactory(registered_by=caseworker))
    justice = JusticeFileFactory(case=case)
    SuspectFactory(file=justice, name=SUSPECT)
    return justice


def _member(role: str, **kwargs):
    user = UserFactory(roles=[role], **kwargs)
    return with_totp(user) if role in policy.MFA_REQUIRED_ROLES else user


def _champasak(role: str):
    office = OrganisationFactory(province=province(CHAMPASAK))
    return _member(role, organisation=office)


@pytest.mark.parametrize("role", [Role.POLICE_OFFICER, Role.CASE_WORKER, Role.PROVINCIAL_MANAGER])
def test_the_police_and_the_owning_office_open_the_file(client, file, role):
    client.force_login(_member(role))
    response = client.get(reverse("justice:file_detail", args=[file.case_id]))
    assert response.status_code == 200
    assert SUSPECT in response.content.decode()


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    "who",
    [
        lambda: _member(Role.ME_OFFICER),
        lambda: _member(Role.NATIONAL_SECRETARIAT),
        lambda: _member(Role.ADMINISTRATOR),
        lambda: _member(Role.SERVICE_PROVIDER),
        lambda: _member(Role.HOTLINE_COUNSELLOR),
        lambda: _champasak(Role.POLICE_OFFICER),
        lambda: _champasak(Role.CASE_WORKER),
    ],
    ids=["me", "secretariat", "admin", "provider", "hotline", "other-police", "other-office"],
)
def test_everyone_else_gets_the_404_of_a_missing_page(client, file, who, page):
    client.force_login(who())
    assert client.get(reverse(f"justice:{page}", args=[file.case_id])).status_code == 404
    assert client.post(reverse(f"justice:{page}", args=[file.case_id])).status_code == 404


def test_a_missing_case_answers_the_same_404(client, caseworker):
    client.force_login(caseworker)
    assert client.get(reverse("justice:file_detail", args=[2_147_483_647])).status_code == 404


@pytest.mark.parametrize("receiver_role", [Role.SERVICE_PROVIDER, Role.CASE_WORKER])
def test_nothing_of_the_file_reaches_a_referral_receiver(client, caseworker, receiver_role):
    """A receiver (even a case worker of another province's office, holding the grant) sees the
    consented part of the case; the file is neither there nor at its own address."""
    receiver = _champasak(receiver_role)
    referral = referred_case(office=caseworker, receiver=receiver, accepted=True)
    case = referral.case
    justice = JusticeFileFactory(case=case)
    SuspectFactory(file=justice, name=SUSPECT)
    HearingFactory(file=justice, court="ສານປະຊາຊົນແຂວງ")
    assert policy.can_view_case(receiver, case)
    assert "justice" not in policy.case_sections_for(receiver, case)
    client.force_login(receiver)
    page = client.get(reverse("cases:case_detail", args=[case.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert SUSPECT not in text and "ສານປະຊາຊົນແຂວງ" not in text
    assert reverse("justice:file_detail", args=[case.pk]) not in text
    for name in PAGES:
        assert client.get(reverse(f"justice:{name}", args=[case.pk])).status_code == 404
    assert policy.hearings_to_remind(receiver, justice.hearings.all()).count() == 0


def test_the_case_page_shows_the_file_to_the_office_only(client, caseworker, file):
    client.force_login(caseworker)
    text = client.get(reverse("cases:case_detail", args=[file.case_id])).content.decode()
    assert reverse("justice:file_detail", args=[file.case_id]) in text


def test_every_read_of_the_file_is_audited(client, file):
    police = _member(Role.POLICE_OFFICER)
    client.force_login(police)
    suspect = file.suspects.get()
    for name in PAGES:
        last = AuditEntry.objects.order_by("-sequence").first().sequence
        assert client.get(reverse(f"justice:{name}", args=[file.case_id])).status_code == 200
        entries = AuditEntry.objects.filter(sequence__gt=last).order_by("sequence")
        assert {(e.action, e.actor) for e in entries} == {("view", police)}
        read = [(e.object_type, e.object_id, e.parent_type) for e in entries]
        assert read[0] == ("justice.justicefile", str(file.pk), "people.person")
        assert "justice" in entries[0].extra["fields"]
        # the pages naming the suspect (the file, the choices of a charge or a verdict) say so
        named = ("justice.suspect", str(suspect.pk), "justice.justicefile")
        assert (named in read) == (name in {"file_detail", "charge_add", "verdict_add"})


def test_a_case_without_a_file_is_audited_as_the_case(client, caseworker):
    case = CaseFactory(person=PersonFactory(registered_by=caseworker))
    client.force_login(caseworker)
    assert client.get(reverse("justice:file_detail", args=[case.pk])).status_code == 200
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert (entry.object_type, entry.object_id) == ("cases.case", str(case.pk))


def test_police_and_case_managers_edit_but_a_manager_of_another_province_does_not(file):
    case = file.case
    assert policy.can_edit_justice_file(_member(Role.POLICE_OFFICER), case)
    assert policy.can_edit_justice_file(_member(Role.CASE_WORKER), case)
    assert policy.can_edit_justice_file(_member(Role.PROVINCIAL_MANAGER), case)
    assert not policy.can_edit_justice_file(_champasak(Role.PROVINCIAL_MANAGER), case)
    assert not policy.can_view_justice_file(_member(Role.NATIONAL_SECRETARIAT), case)


def test_the_case_pages_menu_leads_to_the_justice_panel(client, caseworker, file):
    client.force_login(caseworker)
    text = client.get(reverse("cases:case_detail", args=[file.case_id])).content.decode()
    assert 'href="#justice"' in text and 'id="justice"' in text


@pytest.mark.parametrize(
    "who",
    [
        lambda: _member(Role.ME_OFFICER),
        lambda: _member(Role.SERVICE_PROVIDER),
        lambda: _champasak(Role.POLICE_OFFICER),
        lambda: _champasak(Role.CASE_WORKER),
    ],
    ids=["me", "provider", "other-police", "other-office"],
)
def test_a_suspect_or_a_hearing_of_someone_elses_file_answers_404(client, file, who):
    hearing = HearingFactory(file=file)
    client.force_login(who())
    for url in (
        reverse("justice:suspect_edit", args=[file.suspects.get().pk]),
        reverse("justice:hearing_edit", args=[hearing.pk]),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, {"name": "x", "role": "other"}).status_code == 404
