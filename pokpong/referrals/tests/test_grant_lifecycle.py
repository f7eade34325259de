"""Access given by referrals ends: at the answer deadline if nobody answers, when the referral
ends, when the case closes, when consent is withdrawn — always through core/grants.py, each
grant audited (security #13). And a referral's status is changed by one person at a time."""

import datetime as dt
import threading

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection

from pokpong.accounts.models import Role
from pokpong.accounts.policy import can_view_case, can_view_person
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.cases import services as case_services
from pokpong.cases.models import CaseStatus
from pokpong.cases.tests.factories import CaseFactory
from pokpong.core.grants import grant_expire_due
from pokpong.core.models import AccessGrant, AuditAction, AuditEntry
from pokpong.core.tasks import expire_grants
from pokpong.people.tests.factories import PersonFactory
from pokpong.referrals import services
from pokpong.referrals.models import Referral, ReferralStatus, ServiceType

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def shelter_org():
    return OrganisationFactory(name_en="New Hope Shelter")


@pytest.fixture
def shelter(shelter_org):
    return UserFactory(username="shelter", organisation=shelter_org, roles=[Role.SERVICE_PROVIDER])


@pytest.fixture
def case(caseworker, shelter_org):
    case = CaseFactory(person=PersonFactory(registered_by=caseworker, birth_year=1995))
    case_services.consent_record(
        user=caseworker,
        person=case.person,
        share_with=[shelter_org],
        details=case_services.ConsentDetails(
            for_services=True,
            for_statistics=True,
            for_photo=False,
            given_by="self",
            given_on=TODAY,
            method="signed_form",
        ),
    )
    return case


@pytest.fixture
def manager():
    return with_totp(UserFactory(username="manager", roles=[Role.PROVINCIAL_MANAGER]))


def _refer(user, case, org, urgency="emergency"):
    return services.referral_create(
        user=user,
        case=case,
        to_organisation=org,
        service_type=ServiceType.objects.get(code="shelter"),
        urgency=urgency,
    )


def _sees(user, case):
    return can_view_case(user, case), can_view_person(user, case.person)


def _revocations():
    return AuditEntry.objects.filter(action=AuditAction.REVOKE)


def test_an_unanswered_referral_gives_access_until_its_answer_deadline(
    caseworker, case, shelter, shelter_org
):
    referral = _refer(caseworker, case, shelter_org)
    grants = AccessGrant.objects.filter(grantee_organisation=shelter_org)
    assert grants.count() == 2
    assert {g.expires_at for g in grants} == {referral.respond_by}
    assert _sees(shelter, case) == (True, True)
    with time_machine.travel(referral.respond_by + dt.timedelta(minutes=1)):
        assert _sees(shelter, case) == (False, False)  # the policy, before any task ran


def test_the_daily_task_records_each_lapsed_grant_once(caseworker, case, shelter_org):
    referral = _refer(caseworker, case, shelter_org)
    assert grant_expire_due() == 0
    with time_machine.travel(referral.respond_by + dt.timedelta(minutes=1)):
        assert expire_grants.enqueue().return_value == 2
        assert expire_grants.enqueue().return_value == 0
    assert not AccessGrant.objects.filter(revoked_at__isnull=True).exists()
    entries = _revocations().filter(extra__why="expired")
    assert entries.count() == 2
    assert {e.actor_username for e in entries} == {"task:expire_grants"}


def test_the_expire_grants_command_runs_the_task(capsys, caseworker, case, shelter_org):
    referral = _refer(caseworker, case, shelter_org)
    with time_machine.travel(referral.respond_by + dt.timedelta(minutes=1)):
        call_command("expire_grants")
    assert "queued" in capsys.readouterr().out
    assert not AccessGrant.objects.filter(revoked_at__isnull=True).exists()


def test_the_reminder_command_also_records_lapsed_grants(caseworker, case, shelter_org):
    referral = _refer(caseworker, case, shelter_org)
    with time_machine.travel(referral.respond_by + dt.timedelta(minutes=1)):
        call_command("send_reminders")
    assert not AccessGrant.objects.filter(revoked_at__isnull=True).exists()


def test_accepting_lifts_the_expiry_until_the_referral_ends(caseworker, case, shelter, shelter_org):
    referral = _refer(caseworker, case, shelter_org)
    services.referral_accept(user=shelter, referral=referral)
    grants = AccessGrant.objects.filter(grantee_organisation=shelter_org, revoked_at=None)
    assert [g.expires_at for g in grants] == [None, None]
    with time_machine.travel(referral.respond_by + dt.timedelta(days=30)):
        assert grant_expire_due() == 0
        assert _sees(shelter, case) == (True, True)


def test_accepting_after_the_deadline_grants_access_anew(caseworker, case, shelter, shelter_org):
    referral = _refer(caseworker, case, shelter_org)
    with time_machine.travel(referral.respond_by + dt.timedelta(hours=1)):
        assert _sees(shelter, case) == (False, False)
        services.referral_accept(user=shelter, referral=referral)
        assert _sees(shelter, case) == (True, True)
    live = AccessGrant.objects.filter(revoked_at=None)
    assert live.count() == 2
    assert all(g.expires_at is None for g in live)
    assert _revocations().filter(extra__why="expired").count() == 2


@pytest.mark.parametrize("end", ["decline", "cancel", "complete"])
def test_each_end_of_a_referral_revokes_its_grants_with_an_audit_entry_each(
    caseworker, case, shelter, shelter_org, end
):
    referral = _refer(caseworker, case, shelter_org)
    if end == "decline":
        services.referral_decline(user=shelter, referral=referral, reason="No bed free")
    elif end == "cancel":
        services.referral_cancel(user=caseworker, referral=referral)
    else:
        services.referral_accept(user=shelter, referral=referral)
        services.referral_complete(user=shelter, referral=referral)
    assert not AccessGrant.objects.filter(revoked_at__isnull=True).exists()
    assert _revocations().count() == 2
    assert _sees(shelter, case) == (False, False)


def test_another_open_referral_to_the_same_office_keeps_its_own_access(
    caseworker, case, shelter, shelter_org
):
    first = _refer(caseworker, case, shelter_org)
    second = _refer(caseworker, case, shelter_org, urgency="routine")
    services.referral_accept(user=shelter, referral=second)
    services.referral_decline(user=shelter, referral=first, reason="Duplicate")
    assert _sees(shelter, case) == (True, True)


def test_closing_a_case_ends_its_referrals_and_every_referral_grant(
    caseworker, case, shelter, shelter_org, manager
):
    accepted = _refer(caseworker, case, shelter_org)
    services.referral_accept(user=shelter, referral=accepted)
    waiting = _refer(caseworker, case, shelter_org, urgency="routine")
    case_services.case_closure_request(user=caseworker, case=case, reason="reintegrated")
    case_services.case_closure_approve(user=manager, case=case, closed_on=TODAY)
    accepted.refresh_from_db()
    waiting.refresh_from_db()
    assert (accepted.status, waiting.status) == (
        ReferralStatus.COMPLETED,
        ReferralStatus.CANCELLED,
    )
    assert accepted.closed_at and waiting.closed_at
    assert not AccessGrant.objects.filter(revoked_at__isnull=True).exists()
    assert _revocations().filter(extra__why="case closed").count() == 4
    assert _sees(shelter, case) == (False, False)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_withdrawn_consent_revokes_each_grant_with_an_audit_entry(
    caseworker, case, shelter, shelter_org
):
    referral = _refer(caseworker, case, shelter_org)
    services.referral_accept(user=shelter, referral=referral)
    consent = case.person.consents.get()
    case_services.consent_withdraw(
        user=caseworker, consent=consent, withdrawn_on=TODAY, reason="Moved away"
    )
    assert not AccessGrant.objects.filter(revoked_at__isnull=True).exists()
    assert _revocations().filter(extra__why="consent withdrawn").count() == 2
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CANCELLED
    assert AuditEntry.objects.filter(
        object_type="referrals.referral", extra__why="consent withdrawn"
    ).exists()


def test_a_stale_answer_is_refused_instead_of_overwriting(caseworker, case, shelter, shelter_org):
    referral = _refer(caseworker, case, shelter_org)
    stale = Referral.objects.get(pk=referral.pk)  # the page the shelter opened
    services.referral_cancel(user=caseworker, referral=referral)  # meanwhile, at the office
    with pytest.raises(ValidationError):
        services.referral_accept(user=shelter, referral=stale)
    stale.refresh_from_db()
    assert stale.status == ReferralStatus.CANCELLED
    assert _sees(shelter, case) == (False, False)


def test_a_stale_cancel_does_not_reopen_a_declined_referral(caseworker, case, shelter, shelter_org):
    referral = _refer(caseworker, case, shelter_org)
    stale = Referral.objects.get(pk=referral.pk)
    services.referral_decline(user=shelter, referral=referral, reason="No bed free")
    with pytest.raises(ValidationError):
        services.referral_cancel(user=caseworker, referral=stale)
    stale.refresh_from_db()
    assert stale.status == ReferralStatus.DECLINED


def test_the_grant_write_audits_who_what_and_until_when(caseworker, case, shelter_org):
    referral = _refer(caseworker, case, shelter_org)
    entry = AuditEntry.objects.filter(action=AuditAction.GRANT, object_type="cases.case").get()
    assert entry.actor == caseworker
    assert entry.object_id == str(case.pk)
    assert entry.extra["organisation"] == shelter_org.pk
    assert entry.extra["expires_at"] == referral.respond_by.isoformat()


def test_a_case_of_a_person_with_no_province_cannot_be_opened(caseworker):
    person = PersonFactory(registered_by=caseworker)
    person.province = person.district = None
    person.save(update_fields=["province", "district"])
    with pytest.raises(ValidationError):
        case_services.case_open(
            user=caseworker,
            person=person,
            details=case_services.CaseDetails(),
            forms_of_trafficking=[],
        )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True)
def test_an_accept_and_a_decline_racing_leave_exactly_one_answer():
    from django.apps import apps

    from tests.reference_data import load_reference_data

    load_reference_data(apps)
    caseworker = UserFactory(username="caseworker", roles=[Role.CASE_WORKER])
    shelter_org = OrganisationFactory(name_en="New Hope Shelter")
    shelter = UserFactory(organisation=shelter_org, roles=[Role.SERVICE_PROVIDER])
    colleague = UserFactory(organisation=shelter_org, roles=[Role.SERVICE_PROVIDER])
    case = CaseFactory(person=PersonFactory(registered_by=caseworker, birth_year=1995))
    case_services.consent_record(
        user=caseworker,
        person=case.person,
        share_with=[shelter_org],
        details=case_services.ConsentDetails(
            for_services=True,
            for_statistics=False,
            for_photo=False,
            given_by="self",
            given_on=TODAY,
            method="signed_form",
        ),
    )
    referral = _refer(caseworker, case, shelter_org)
    barrier, done, refused = threading.Barrier(2), [], []

    def answer(how) -> None:
        try:
            stale = Referral.objects.get(pk=referral.pk)
            barrier.wait()
            how(stale)
            done.append(how)
        except ValidationError:
            refused.append(how)
        finally:
            connection.close()

    threads = [
        threading.Thread(
            target=answer, args=(lambda r: services.referral_accept(user=shelter, referral=r),)
        ),
        threading.Thread(
            target=answer,
            args=(lambda r: services.referral_decline(user=colleague, referral=r, reason="Full"),),
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (len(done), len(refused)) == (1, 1)
    referral.refresh_from_db()
    live = AccessGrant.objects.filter(revoked_at__isnull=True).count()
    assert (referral.status, live) in {(ReferralStatus.ACCEPTED, 2), (ReferralStatus.DECLINED, 0)}
