"""The livelihood services: the retention schedule, validation, the audit trail, and who may
write (the policy asked again, so a forged request is refused)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases.tests.factories import CaseFactory
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.livelihoods import services
from pokpong.livelihoods.models import (
    BusinessStatus,
    JobPlacement,
    LivelihoodAssessment,
    RetentionCheck,
    TrainingStatus,
    VocationalTraining,
)
from pokpong.livelihoods.tests.factories import (
    BusinessSupportFactory,
    EmployerFactory,
    VocationalTrainingFactory,
)
from pokpong.places.models import Province
from pokpong.referrals.tests.factories import referred_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(caseworker):
    return CaseFactory(person__registered_by=caseworker)


def _place(user, case, *, started_on=dt.date(2026, 6, 1), **kwargs):
    details = services.PlacementDetails(
        employer=kwargs.pop("employer", None) or EmployerFactory(),
        position="Sewing operator",
        started_on=started_on,
        wage_lak=1_800_000,
        contract_type="fixed_term",
        **kwargs,
    )
    return services.job_placement_record(user=user, case=case, details=details)


def test_a_placement_schedules_retention_checks_at_3_6_and_12_months(caseworker, case):
    placement = _place(caseworker, case, started_on=dt.date(2026, 6, 1))
    due = list(placement.checks.order_by("month").values_list("month", "due_on"))
    assert due == [
        (3, dt.date(2026, 9, 1)),
        (6, dt.date(2026, 12, 1)),
        (12, dt.date(2027, 6, 1)),
    ]
    assert not placement.checks.filter(checked_on__isnull=False).exists()


def test_a_start_on_the_31st_gives_the_last_day_of_shorter_months(caseworker, case):
    placement = _place(caseworker, case, started_on=dt.date(2026, 8, 31))
    due = list(placement.checks.order_by("month").values_list("due_on", flat=True))
    assert due == [dt.date(2026, 11, 30), dt.date(2027, 2, 28), dt.date(2027, 8, 31)]


def test_a_placement_is_audited_under_its_case(caseworker, case):
    placement = _place(caseworker, case)
    entry = AuditEntry.objects.get(object_type="livelihoods.jobplacement")
    assert entry.action == AuditAction.CREATE
    assert entry.object_id == str(placement.pk)
    assert entry.parent_id == str(case.pk)
    assert entry.changes["wage_lak"] == [None, 1_800_000]


def test_a_placement_with_an_employer_no_longer_active_is_refused(caseworker, case):
    with pytest.raises(ValidationError):
        _place(caseworker, case, employer=EmployerFactory(is_active=False))
    assert not JobPlacement.objects.exists()


def test_a_retention_check_that_left_the_job_needs_a_reason(caseworker, case):
    check = _place(caseworker, case).checks.get(month=3)
    details = services.RetentionDetails(checked_on=dt.date(2026, 9, 2), still_employed=False)
    with pytest.raises(ValidationError):
        services.retention_check_record(user=caseworker, check=check, details=details)
    details = services.RetentionDetails(
        checked_on=dt.date(2026, 9, 2), still_employed=False, leaving_reason="Factory closed"
    )
    services.retention_check_record(user=caseworker, check=check, details=details)
    check.refresh_from_db()
    assert (check.checked_on, check.still_employed, check.checked_by) == (
        dt.date(2026, 9, 2),
        False,
        caseworker,
    )
    # the checks at 6 and 12 months are no longer due (and their removal is in the trail)
    assert list(check.placement.checks.values_list("month", flat=True)) == [3]
    deleted = AuditEntry.objects.filter(
        object_type="livelihoods.retentioncheck", action=AuditAction.DELETE
    )
    assert deleted.count() == 2


def test_a_retention_check_before_the_job_started_is_refused(caseworker, case):
    check = _place(caseworker, case).checks.get(month=3)
    details = services.RetentionDetails(checked_on=dt.date(2026, 5, 1), still_employed=True)
    with pytest.raises(ValidationError):
        services.retention_check_record(user=caseworker, check=check, details=details)


def test_a_caseworker_of_another_province_cannot_place_or_assess(case):
    other = UserFactory(
        organisation=OrganisationFactory(province=Province.objects.get(iso_code="LA-CH")),
        roles=[Role.CASE_WORKER],
    )
    with pytest.raises(PermissionDenied):
        _place(other, case)
    with pytest.raises(PermissionDenied):
        services.livelihood_assessment_record(
            user=other,
            case=case,
            details=services.AssessmentDetails(assessed_on=dt.date(2026, 5, 4)),
        )


def test_an_assessment_with_a_debt_must_say_to_whom(caseworker, case):
    details = services.AssessmentDetails(assessed_on=dt.date(2026, 5, 4), debt_lak=3_000_000)
    with pytest.raises(ValidationError):
        services.livelihood_assessment_record(user=caseworker, case=case, details=details)
    details = services.AssessmentDetails(
        assessed_on=dt.date(2026, 5, 4), debt_lak=3_000_000, creditor="broker", skills="Sewing"
    )
    record = services.livelihood_assessment_record(user=caseworker, case=case, details=details)
    assert LivelihoodAssessment.objects.get().pk == record.pk
    entry = AuditEntry.objects.get(object_type="livelihoods.livelihoodassessment")
    assert entry.changes["skills"] != [None, "Sewing"]  # encrypted fields only say "changed"


def _training(provider, *, referral=None, **kwargs):
    return services.TrainingDetails(
        provider=provider,
        referral=referral,
        trade="Tailoring",
        started_on=kwargs.pop("started_on", dt.date(2026, 5, 11)),
        **kwargs,
    )


def test_a_training_ending_before_it_starts_is_refused(caseworker, case):
    details = _training(case.organisation, ended_on=dt.date(2026, 5, 1))
    with pytest.raises(ValidationError):
        services.vocational_training_record(user=caseworker, case=case, details=details)


def test_a_dropped_out_training_needs_a_reason(caseworker, case):
    details = _training(case.organisation, status=TrainingStatus.DROPPED_OUT)
    with pytest.raises(ValidationError):
        services.vocational_training_record(user=caseworker, case=case, details=details)


def test_a_referral_receiver_records_its_own_training_under_its_referral(caseworker):
    centre = OrganisationFactory(name_en="Vocational centre")
    teacher = UserFactory(organisation=centre, roles=[Role.SERVICE_PROVIDER])
    referral = referred_case(office=caseworker, receiver=teacher, accepted=True)
    case = referral.case
    training = services.vocational_training_record(
        user=teacher, case=case, details=_training(centre, referral=referral)
    )
    assert (training.provider, training.referral, training.recorded_by) == (
        centre,
        referral,
        teacher,
    )
    # …never another organisation's, nor without its referral
    with pytest.raises(PermissionDenied):
        services.vocational_training_record(
            user=teacher, case=case, details=_training(case.organisation, referral=referral)
        )
    with pytest.raises(PermissionDenied):
        services.vocational_training_record(user=teacher, case=case, details=_training(centre))
    # …and nothing else of the livelihood part
    with pytest.raises(PermissionDenied):
        _place(teacher, case)
    with pytest.raises(PermissionDenied):
        services.livelihood_assessment_record(
            user=teacher,
            case=case,
            details=services.AssessmentDetails(assessed_on=dt.date(2026, 5, 4)),
        )


def test_a_receiver_whose_referral_is_only_requested_records_nothing(caseworker):
    centre = OrganisationFactory()
    teacher = UserFactory(organisation=centre, roles=[Role.SERVICE_PROVIDER])
    referral = referred_case(office=caseworker, receiver=teacher, accepted=False)
    with pytest.raises(PermissionDenied):
        services.vocational_training_record(
            user=teacher, case=referral.case, details=_training(centre, referral=referral)
        )


def test_completing_a_training_with_a_certificate_is_audited(caseworker, case):
    training = VocationalTrainingFactory(case=case)
    outcome = services.TrainingOutcome(
        status=TrainingStatus.COMPLETED, ended_on=dt.date(2026, 8, 28), has_certificate=True
    )
    services.vocational_training_update(user=caseworker, training=training, outcome=outcome)
    training.refresh_from_db()
    assert (training.status, training.has_certificate) == ("completed", True)
    entry = AuditEntry.objects.filter(object_type="livelihoods.vocationaltraining").get()
    assert entry.changes["status"] == ["enrolled", "completed"]


def test_a_voided_training_is_kept_but_no_longer_counted(caseworker, case):
    training = VocationalTrainingFactory(case=case)
    services.livelihood_record_void(user=caseworker, record=training, reason="Entered twice")
    assert not VocationalTraining.objects.exists()
    assert VocationalTraining.all_objects.get().void_reason == "Entered twice"
    with pytest.raises(ValidationError):
        services.vocational_training_update(
            user=caseworker,
            training=VocationalTraining.all_objects.get(),
            outcome=services.TrainingOutcome(status="completed"),
        )


def test_a_business_check_before_the_support_was_given_is_refused(caseworker, case):
    business = BusinessSupportFactory(case=case, given_on=dt.date(2026, 7, 1))
    early = services.BusinessCheckDetails(checked_on=dt.date(2026, 6, 30))
    with pytest.raises(ValidationError):
        services.business_check_record(user=caseworker, business=business, details=early)
    later = services.BusinessCheckDetails(
        checked_on=dt.date(2026, 10, 1), status=BusinessStatus.CLOSED, monthly_income_lak=0
    )
    check = services.business_check_record(user=caseworker, business=business, details=later)
    assert (check.status, check.monthly_income_lak) == ("closed", 0)


def test_employers_are_kept_by_the_offices_of_their_province(caseworker):
    savannakhet = Province.objects.get(iso_code="LA-SV")
    champasak = Province.objects.get(iso_code="LA-CH")
    details = services.EmployerDetails(
        name="Savan Garments", sector="factory", province=savannakhet
    )
    employer = services.employer_save(user=caseworker, employer=None, details=details)
    assert AuditEntry.objects.filter(object_type="livelihoods.employer").count() == 1
    elsewhere = services.EmployerDetails(
        name="Pakse Hotel", sector="hospitality", province=champasak
    )
    with pytest.raises(PermissionDenied):
        services.employer_save(user=caseworker, employer=None, details=elsewhere)
    with pytest.raises(PermissionDenied):  # nor moved out of the user's provinces
        services.employer_save(user=caseworker, employer=employer, details=elsewhere)
    trainer = UserFactory(roles=[Role.TRAINER])
    with pytest.raises(PermissionDenied):
        services.employer_save(user=trainer, employer=None, details=details)


def test_a_date_of_agreement_without_an_agreement_is_refused(caseworker):
    details = services.EmployerDetails(
        name="Savan Garments",
        sector="factory",
        province=Province.objects.get(iso_code="LA-SV"),
        agreement_on=dt.date(2026, 1, 1),
    )
    with pytest.raises(ValidationError):
        services.employer_save(user=caseworker, employer=None, details=details)


def test_retention_checks_of_a_voided_placement_are_not_recorded(caseworker, case):
    placement = _place(caseworker, case)
    services.livelihood_record_void(user=caseworker, record=placement, reason="Wrong case")
    check = RetentionCheck.objects.get(placement=placement, month=3)
    details = services.RetentionDetails(checked_on=dt.date(2026, 9, 2), still_employed=True)
    with pytest.raises(ValidationError):
        services.retention_check_record(user=caseworker, check=check, details=details)
