"""Journey 2: a hotline call becomes a potential case, is referred to the office of the
province of origin, and that office opens a case (or declines and the hotline refers again)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from pokpong.accounts.models import OrganisationType, Role
from pokpong.accounts.policy import can_view_person
from pokpong.accounts.services import role_assign
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases.models import Case, FormOfTrafficking
from pokpong.cases.services import CaseDetails
from pokpong.core.models import AccessGrant, AuditEntry
from pokpong.people.services import PersonDetails
from pokpong.places.models import Province
from pokpong.prevention import selectors, services
from pokpong.prevention.models import CallReferral, HotlineCall
from pokpong.prevention.selectors import call_referrals_overdue, call_referrals_to_answer
from pokpong.prevention.tests.factories import (
    HotlineCallFactory,
    national_counsellor,
    potential_case_call,
)

pytestmark = pytest.mark.django_db


def _province(iso):
    return Province.objects.get(iso_code=iso)


@pytest.fixture
def counsellor():
    return national_counsellor()


@pytest.fixture
def call(counsellor):
    return potential_case_call(
        counsellor, summary="Daughter in Thailand, no contact for three months", birth_year=2008
    )


def _refer(counsellor, call, office, **extra):
    return services.call_refer(
        **{
            "user": counsellor,
            "call": call,
            "to_organisation": office,
            "urgency": "urgent",
            "caller_agreed": True,
            **extra,
        }
    )


def _case_details():
    return CaseDetails(risk_level="high", risk_reason="Minor abroad, no contact")


def test_the_office_of_origin_accepts_and_holds_the_record_and_the_case(
    counsellor, call, caseworker
):
    office = caseworker.organisation  # Savannakhet social welfare
    person = call.person
    assert not can_view_person(caseworker, person)  # the hotline's record, in Vientiane

    referral = _refer(counsellor, call, office, message="Mother waits at home")
    assert can_view_person(caseworker, person)
    assert call_referrals_to_answer(user=caseworker) == [referral]

    forced_labour = FormOfTrafficking.objects.first()
    case = services.call_referral_accept(
        user=caseworker,
        referral=referral,
        details=_case_details(),
        forms_of_trafficking=[forced_labour],
    )
    person.refresh_from_db()
    referral.refresh_from_db()
    assert (person.organisation, person.province) == (office, office.province)
    assert (case.organisation, case.province, case.came_to_light) == (
        office,
        office.province,
        "hotline",
    )
    assert case.number.startswith(office.province.short_code)
    assert list(case.forms_of_trafficking.all()) == [forced_labour]
    assert (referral.status, referral.case, referral.responded_by) == ("accepted", case, caseworker)
    assert not AccessGrant.objects.filter(revoked_at__isnull=True).exists()
    assert can_view_person(caseworker, person)  # now through the office's own scope
    assert not can_view_person(counsellor, person)  # the hotline keeps its call, not the case
    assert call_referrals_to_answer(user=caseworker) == []
    actions = set(AuditEntry.objects.values_list("object_type", "action"))
    assert {("prevention.callreferral", "create"), ("prevention.callreferral", "update")} <= actions


def test_a_referral_needs_the_callers_agreement_a_welfare_office_and_no_open_referral(
    counsellor, call, caseworker
):
    office = caseworker.organisation
    with pytest.raises(ValidationError):
        _refer(counsellor, call, office, caller_agreed=False)
    police = OrganisationFactory(type=OrganisationType.objects.get(code="police"))
    with pytest.raises(ValidationError):
        _refer(counsellor, call, police)
    _refer(counsellor, call, office)
    with pytest.raises(ValidationError):  # already referred, waiting for an answer
        _refer(counsellor, call, OrganisationFactory(province=_province("LA-CH")))
    assert CallReferral.objects.count() == 1
    assert AccessGrant.objects.count() == 1


def test_only_the_hotline_that_took_the_call_refers_it(call, caseworker):
    other = UserFactory(
        organisation=OrganisationFactory(type=OrganisationType.objects.get(code="lwu"))
    )
    role_assign(user=other, role=Role.HOTLINE_COUNSELLOR)
    with pytest.raises(PermissionDenied):
        _refer(other, call, caseworker.organisation)
    with pytest.raises(PermissionDenied):  # a case worker does not log hotline calls
        _refer(caseworker, call, caseworker.organisation)


def test_a_call_without_a_person_is_not_referred(counsellor, caseworker):
    call = HotlineCallFactory(taken_by=counsellor, caller_type="self", topic="information")
    with pytest.raises(ValidationError):
        _refer(counsellor, call, caseworker.organisation)


def test_declining_ends_the_offices_access_and_the_hotline_refers_again(
    counsellor, call, caseworker
):
    referral = _refer(counsellor, call, caseworker.organisation)
    with pytest.raises(ValidationError):
        services.call_referral_decline(user=caseworker, referral=referral, reason="  ")
    services.call_referral_decline(
        user=caseworker, referral=referral, reason="The family lives in Champasak"
    )
    referral.refresh_from_db()
    assert referral.status == "declined"
    assert referral.decline_reason == "The family lives in Champasak"
    assert not can_view_person(caseworker, call.person)
    with pytest.raises(ValidationError):  # answered already
        services.call_referral_accept(
            user=caseworker, referral=referral, details=_case_details(), forms_of_trafficking=[]
        )
    champasak = OrganisationFactory(province=_province("LA-CH"))
    again = _refer(counsellor, call, champasak)
    assert again.status == "requested"
    assert Case.objects.count() == 0


def test_only_the_receiving_offices_case_workers_open_the_case(counsellor, call, caseworker):
    referral = _refer(counsellor, call, caseworker.organisation)
    elsewhere = UserFactory(
        organisation=OrganisationFactory(province=_province("LA-SV")), roles=[Role.CASE_WORKER]
    )
    with pytest.raises(PermissionDenied):
        services.call_referral_accept(
            user=elsewhere, referral=referral, details=_case_details(), forms_of_trafficking=[]
        )
    shelter = UserFactory(organisation=caseworker.organisation, roles=[Role.SERVICE_PROVIDER])
    with pytest.raises(PermissionDenied):  # may decline, cannot open cases
        services.call_referral_accept(
            user=shelter, referral=referral, details=_case_details(), forms_of_trafficking=[]
        )
    assert Case.objects.count() == 0


def test_an_unanswered_referral_shows_as_overdue_to_the_hotline(counsellor, call, caseworker):
    _refer(counsellor, call, caseworker.organisation)  # urgent: answer within 72 hours
    assert selectors.call_referrals_overdue(user=counsellor) == []
    with time_machine.travel(timezone.now() + dt.timedelta(days=4), tick=False):
        assert len(call_referrals_overdue(user=counsellor)) == 1
        assert selectors.call_referrals_overdue(user=caseworker) == []


def test_the_journey_through_the_pages(client, counsellor, call, caseworker, outsider):
    client.force_login(counsellor)
    refer_url = reverse("prevention:call_refer", args=[call.pk])
    page = client.get(refer_url)
    assert page.context["form"]["to_organisation"].initial == caseworker.organisation.pk
    refused = client.post(refer_url, {"to_organisation": caseworker.organisation.pk})
    assert refused.status_code == 200 and "caller_agreed" in refused.context["form"].errors
    response = client.post(
        refer_url,
        {"to_organisation": caseworker.organisation.pk, "urgency": "urgent", "caller_agreed": "on"},
    )
    referral = CallReferral.objects.get()
    assert response.url == reverse("prevention:call_referral", args=[referral.pk])
    listing = client.get(reverse("prevention:call_list")).content.decode()
    assert reverse("prevention:call_referral", args=[referral.pk]) in listing

    client.force_login(caseworker)
    inbox = client.get(reverse("desk:inbox")).content.decode()
    assert reverse("prevention:call_referral", args=[referral.pk]) in inbox
    detail = client.get(reverse("prevention:call_referral", args=[referral.pk]))
    assert "Daughter in Thailand" in detail.content.decode()
    assert AuditEntry.objects.filter(action="view", object_type="people.person").exists()
    accept_url = reverse("prevention:call_referral", args=[referral.pk])
    asked = client.post(accept_url, {"risk_level": "medium"})  # the first tap only asks
    assert asked.status_code == 200 and not Case.objects.exists()
    assert 'name="confirmed"' in asked.content.decode()
    opened = client.post(accept_url, {"risk_level": "medium", "confirmed": "1"})
    case = Case.objects.get()
    assert opened.url == reverse("cases:case_detail", args=[case.pk])

    # The hotline keeps its call and sees the case number, no longer the person.
    client.force_login(counsellor)
    followed = client.get(reverse("prevention:call_referral", args=[referral.pk]))
    assert case.number in followed.content.decode()
    assert followed.context["person"] is None
    assert "Keomany" not in followed.content.decode()
    assert client.get(refer_url).url == reverse("prevention:call_referral", args=[referral.pk])

    client.force_login(outsider)
    assert client.get(reverse("prevention:call_referral", args=[referral.pk])).status_code == 404


def test_declining_through_the_page(client, counsellor, call, caseworker):
    referral = _refer(counsellor, call, caseworker.organisation)
    client.force_login(caseworker)
    url = reverse("prevention:call_referral_decline", args=[referral.pk])
    client.post(url, {"reason": ""})
    assert CallReferral.objects.get().status == "requested"
    asked = client.post(url, {"reason": "Not from this province"})  # the first tap only asks
    assert asked.status_code == 200 and CallReferral.objects.get().status == "requested"
    response = client.post(url, {"reason": "Not from this province", "confirmed": "1"})
    assert response.url == reverse("desk:inbox")
    assert CallReferral.objects.get().status == "declined"
    client.force_login(counsellor)  # the hotline cannot answer its own referral
    assert client.post(url, {"reason": "x"}).status_code == 404


def test_the_provincial_office_is_suggested_before_district_offices(counsellor, call, caseworker):
    from pokpong.places.models import District
    from pokpong.prevention.forms import CallReferForm

    savannakhet = _province("LA-SV")
    OrganisationFactory(
        province=savannakhet, district=District.objects.filter(province=savannakhet).first()
    )
    form = CallReferForm(offices=services.receiving_offices(), origin=savannakhet)
    assert form.fields["to_organisation"].initial == caseworker.organisation.pk


# --- A merge of the call's person (duplicate review) -------------------------------------------


@pytest.fixture
def earlier_record(counsellor):
    """The same girl, registered by the hotline at an earlier call (in Lao script)."""
    return services.call_record(
        user=counsellor,
        details=services.CallDetails(
            received_at=timezone.now() - dt.timedelta(days=30),
            channel="phone_1362",
            caller_type="family",
            topic="missing_person",
            province=_province("LA-SV"),
            outcome="potential_case",
            summary="First call of the mother",
        ),
        person=PersonDetails(
            given_name_lo="ນ້ອຍ", family_name_lo="ແກ້ວມະນີ", sex="female", birth_year=2008
        ),
    ).person


@pytest.fixture
def hotline_manager(counsellor):
    """A manager of the hotline's organisation: holds both of its records whole."""
    return UserFactory(organisation=counsellor.organisation, roles=[Role.PROVINCIAL_MANAGER])


def test_a_merge_moves_the_call_to_the_kept_person_and_an_undo_moves_it_back(
    call, earlier_record, hotline_manager
):
    from pokpong.people.duplicates import merge_undo, persons_merge

    duplicate = call.person
    merge = persons_merge(
        user=hotline_manager, kept=earlier_record, merged=duplicate, take_from_merged=[]
    )
    call.refresh_from_db()
    assert call.person == earlier_record
    assert merge.moved["prevention.hotlinecall.person"] == [call.pk]
    assert HotlineCall.objects.filter(person=duplicate).count() == 0

    merge_undo(user=hotline_manager, merge=merge)
    call.refresh_from_db()
    assert call.person == duplicate
    assert HotlineCall.objects.filter(person=earlier_record).count() == 1  # its own call only


def test_after_a_merge_accepting_the_referral_opens_the_case_on_the_kept_person(
    counsellor, call, earlier_record, hotline_manager, caseworker
):
    from pokpong.people.duplicates import persons_merge
    from pokpong.people.models import Person

    duplicate = call.person
    referral = _refer(counsellor, call, caseworker.organisation)
    persons_merge(user=hotline_manager, kept=earlier_record, merged=duplicate, take_from_merged=[])

    case = services.call_referral_accept(
        user=caseworker, referral=referral, details=_case_details(), forms_of_trafficking=[]
    )
    assert case.person == earlier_record
    assert not Case.objects.filter(person=duplicate).exists()
    kept = Person.objects.get(pk=earlier_record.pk)
    assert (kept.organisation, kept.merged_into) == (caseworker.organisation, None)
    merged = Person.objects.get(pk=duplicate.pk)
    assert (merged.merged_into, merged.organisation) == (kept, counsellor.organisation)
    assert can_view_person(caseworker, kept)


def test_the_migration_moves_the_calls_an_earlier_merge_left_behind(
    call, earlier_record, hotline_manager
):
    """Merges made before the fix left the call on the merged record: prevention 0004 moves it
    and records it in the merge, so that an undo still moves it back."""
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    from pokpong.people.duplicates import merge_undo, persons_merge
    from pokpong.people.models import Merge

    duplicate = call.person
    merge = persons_merge(
        user=hotline_manager, kept=earlier_record, merged=duplicate, take_from_merged=[]
    )
    # As the old code left it: the call on the merged record, not in the merge's list.
    HotlineCall.objects.filter(pk=call.pk).update(person=duplicate)
    old_moved = {k: v for k, v in merge.moved.items() if k != "prevention.hotlinecall.person"}
    Merge.objects.filter(pk=merge.pk).update(moved=old_moved)

    repair = importlib.import_module(
        "pokpong.prevention.migrations.0004_hotline_calls_follow_merged_persons"
    )
    repair.calls_follow_merges(apps, SimpleNamespace(connection=connection))
    call.refresh_from_db()
    merge.refresh_from_db()
    assert call.person == earlier_record
    assert merge.moved["prevention.hotlinecall.person"] == [call.pk]
    repair.calls_follow_merges(apps, SimpleNamespace(connection=connection))  # a second run: same
    merge.refresh_from_db()
    assert merge.moved["prevention.hotlinecall.person"] == [call.pk]

    merge_undo(user=hotline_manager, merge=merge)
    call.refresh_from_db()
    assert call.person == duplicate
