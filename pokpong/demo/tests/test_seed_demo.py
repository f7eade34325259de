"""seed_demo: deterministic, idempotent, and refused outside demo settings."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from pokpong.accounts.models import Organisation, Role, RoleAssignment, User
from pokpong.accounts.policy import MFA_REQUIRED_ROLES
from pokpong.cases.models import Consent, Identification, Screening
from pokpong.demo.seed import DEMO_PASSWORD, DEMO_USERS
from pokpong.demo.seed_monitoring import salavan_count
from pokpong.people.models import ArrivalGroup, Person, PersonAlias, PersonToken

pytestmark = pytest.mark.django_db


def _snapshot() -> list[tuple]:
    users = User.objects.order_by("username").values_list(
        "username", "first_name", "last_name", "display_name_lo", "organisation__name_en"
    )
    persons = [
        (
            p.given_name_lo,
            p.family_name_latin,
            p.sex,
            p.birth_year,
            p.origin_district_id,
            p.registered_by.username,
            p.screenings.count(),
        )
        for p in Person.objects.select_related("registered_by").order_by("pk")
    ]
    return [*users, *persons]


def _wipe() -> None:
    from pokpong.cases.models import Case, CaseNumberCounter, CasePlan, Need, PlanAction
    from pokpong.core.models import AccessGrant
    from pokpong.justice.models import (
        Charge,
        Hearing,
        JusticeFile,
        Suspect,
        Verdict,
        WitnessSupport,
    )
    from pokpong.livelihoods import models as livelihoods
    from pokpong.monitoring.models import ManualValue, Target
    from pokpong.prevention.models import AwarenessActivity, CallReferral, HotlineCall
    from pokpong.programme.models import (
        ActionItem,
        BudgetLine,
        Committee,
        CommitteeMeeting,
        MeetingAttendance,
        WorkPlanActivity,
    )
    from pokpong.referrals.models import (
        FollowUpVisit,
        Referral,
        ReturnPlan,
        ServiceDelivery,
        ServiceOffer,
    )
    from pokpong.training.models import (
        Certificate,
        Course,
        Enrolment,
        Participant,
        TrainingSession,
    )

    for model in (
        livelihoods.LivelihoodAssessment,
        livelihoods.VocationalTraining,
        livelihoods.JobPlacement,
        livelihoods.Employer,
        livelihoods.BusinessSupport,
        livelihoods.FinancialInclusion,
        ManualValue,
        Target,
        ServiceDelivery,
        ActionItem,
        MeetingAttendance,
        CommitteeMeeting,
        Committee,
        WorkPlanActivity,
        BudgetLine,
        Certificate,
        Enrolment,
        Participant,
        TrainingSession,
        Course,
        AwarenessActivity,
        CallReferral,
        HotlineCall,
        AccessGrant,
        Referral,
        FollowUpVisit,
        ReturnPlan,
        ServiceOffer,
        PlanAction,
        CasePlan,
        Need,
        Charge,
        Verdict,
        Hearing,
        WitnessSupport,
        Suspect,
        JusticeFile,
        Case,
        CaseNumberCounter,
        Identification,
        Consent,
        Screening,
        PersonAlias,
        Person,
        ArrivalGroup,
    ):
        model.objects.all().delete()
    Authenticator.objects.all().delete()
    RoleAssignment.objects.all().delete()
    User.objects.all().delete()
    Organisation.objects.all().delete()


def test_the_same_seed_gives_the_same_data_and_another_seed_differs():
    call_command("seed_demo", "--seed", "7")
    first = _snapshot()
    _wipe()
    call_command("seed_demo", "--seed", "7")
    assert _snapshot() == first
    _wipe()
    call_command("seed_demo", "--seed", "8")
    assert _snapshot() != first


def test_there_is_a_demo_user_for_every_role_and_they_can_sign_in(rf):
    call_command("seed_demo")
    held = set(RoleAssignment.objects.values_list("role", flat=True))
    assert held == set(Role.values)
    for username, *_rest in DEMO_USERS:
        user = authenticate(rf.post("/"), username=username, password=DEMO_PASSWORD)
        assert user is not None, username


def test_demo_users_whose_role_requires_two_factor_have_an_authenticator(capsys):
    call_command("seed_demo")
    for username, role, *_rest in DEMO_USERS:
        has_totp = Authenticator.objects.filter(user__username=username).exists()
        assert has_totp == (role in MFA_REQUIRED_ROLES), username
    call_command("demo_totp", "admin")
    code = capsys.readouterr().out.strip().splitlines()[-1]
    assert len(code) == 6
    assert code.isdigit()


def test_names_are_in_both_scripts():
    call_command("seed_demo")
    user = User.objects.get(username="caseworker.sv")
    assert user.first_name.isascii()
    assert any("\u0e80" <= ch <= "\u0eff" for ch in user.display_name_lo)


def test_running_it_again_changes_nothing_and_prints_the_logins(capsys):
    call_command("seed_demo")
    count = User.objects.count()
    call_command("seed_demo")
    assert User.objects.count() == count
    out = capsys.readouterr().out
    assert "already loaded" in out
    assert "caseworker.sv" in out


def test_persons_fills_persons_with_screenings_consents_and_an_arrival_group(capsys):
    call_command("seed_demo", "--persons", "40")
    assert "40 persons" in capsys.readouterr().out
    # and the potential case from the hotline, and the monitoring seed's persons in Salavan
    assert Person.objects.count() == 40 + 1 + salavan_count(40)
    assert Screening.objects.exists()
    assert Consent.objects.exists()
    assert ArrivalGroup.objects.get().persons.exists()
    lao_names = [p.given_name_lo for p in Person.objects.all()]
    assert "" in lao_names  # some records are in Latin script only
    assert any(lao_names)


def test_negative_persons_is_refused():
    with pytest.raises(CommandError):
        call_command("seed_demo", "--persons", "-1")


def test_refused_when_the_settings_do_not_allow_demo_data(settings):
    settings.ALLOW_DEMO_DATA = False
    with pytest.raises(CommandError, match="refused"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_the_default_demo_has_cases_in_every_status():
    from pokpong.cases.models import Case, CaseNumberCounter, CaseStatus

    call_command("seed_demo")
    assert set(Case.objects.values_list("status", flat=True)) == set(CaseStatus.values)
    # Numbering carries on after the demo's cases.
    counter = CaseNumberCounter.objects.get(province__iso_code="LA-SV", year=2026)
    assert Case.objects.filter(number=f"SV-2026-{counter.last:05d}").exists()


def test_the_demo_hotline_person_is_outside_vientiane_and_referred_to_savannakhet():
    """Security #13: police.vt opened the hotline's person; the hotline's office is in
    Vientiane Capital, but its persons belong to no province."""
    from pokpong.accounts.policy import can_view_person

    call_command("seed_demo")
    person = Person.objects.get(registered_by__username="hotline")
    users = {u.username: u for u in User.objects.all()}
    assert person.province_id is None
    assert not can_view_person(users["police.vt"], person)
    assert can_view_person(users["hotline"], person)
    assert can_view_person(users["caseworker.sv"], person)  # the referral, until it is answered


def test_the_demo_has_survivors_in_every_stage_of_economic_reintegration():
    from pokpong.livelihoods.models import (
        BusinessCheck,
        Employer,
        LivelihoodAssessment,
        RetentionCheck,
        VocationalTraining,
    )
    from pokpong.referrals.models import FollowUpVisit

    call_command("seed_demo", "--persons", "60")
    assert Employer.objects.count() == 5
    assert LivelihoodAssessment.objects.exists()
    statuses = set(VocationalTraining.objects.values_list("status", flat=True))
    assert {"enrolled", "completed"} <= statuses
    checks = RetentionCheck.objects.filter(checked_on__isnull=False)
    assert checks.filter(month=6, still_employed=True).exists()  # retained at 6 months
    assert checks.filter(still_employed=False).exists()  # left the job
    assert set(BusinessCheck.objects.values_list("status", flat=True)) == {"running", "closed"}
    assert FollowUpVisit.objects.filter(income_lak__isnull=False).count() >= 8


def test_the_demo_programme_has_committees_quiet_ones_and_overdue_actions():
    import datetime as dt

    from django.utils import timezone

    from pokpong.programme.models import BudgetLine, Committee, WorkPlanActivity, quarter_start
    from pokpong.programme.selectors import actions_due_for, committees_with_meetings

    call_command("seed_demo")
    today = timezone.localdate()
    assert Committee.objects.filter(level="provincial").count() == 4
    met_now = committees_with_meetings(quarter_start(today), today)
    assert 0 < met_now.count() < Committee.objects.count()
    assert not met_now.filter(province__iso_code="LA-SL").exists()
    manager = User.objects.get(username="manager.sv")
    assert any(a.due_on < today for a in actions_due_for(user=manager, limit=20))
    assert WorkPlanActivity.objects.count() == 12
    assert BudgetLine.objects.count() == 16
    assert (
        quarter_start(today) - dt.timedelta(days=400)
        < Committee.objects.first().meetings.last().held_on
    )


def test_every_demo_person_is_in_the_name_index():
    """Name search and the duplicate check find a person through their index tokens: a person
    seeded without them (the monitoring seed's Salavan persons once were) is never found."""
    call_command("seed_demo", "--persons", "40")
    indexed = set(PersonToken.objects.values_list("person_id", flat=True))
    assert set(Person.objects.values_list("pk", flat=True)) <= indexed
