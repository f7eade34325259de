"""The livelihood writes: each atomic, validated and audited; the policy asked again here so
that a forged request is refused even where no page offers it."""

import calendar
import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from pokpong.accounts.models import Organisation, User
from pokpong.accounts.policy import (
    can_edit_employer,
    can_edit_training,
    can_manage_livelihoods,
    can_record_training_as,
    can_use_employer_directory,
)
from pokpong.cases.models import Case
from pokpong.core.audit import audit_record, creation_changes, diff, snapshot
from pokpong.core.corrections import record_void
from pokpong.core.models import AuditAction
from pokpong.livelihoods.models import (
    RETENTION_MONTHS,
    BusinessCheck,
    BusinessStatus,
    BusinessSupport,
    Employer,
    FinancialInclusion,
    JobPlacement,
    LivelihoodAssessment,
    RetentionCheck,
    TrainingStatus,
    VocationalTraining,
)
from pokpong.places.models import Province
from pokpong.referrals.models import Referral


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when it is shorter (31 Jan → 28 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _create(*, user: User, record: models.Model, parent: models.Model, details: Any) -> None:
    """Validate, save and audit a new record (every field it was given)."""
    record.full_clean()
    record.save()
    names = [f.name for f in fields(details)]
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=record,
        parent=parent,
        changes=creation_changes(record, names),
    )


def _values(details: Any) -> dict[str, Any]:
    return {f.name: getattr(details, f.name) for f in fields(details)}


@dataclass(frozen=True, kw_only=True)
class AssessmentDetails:
    assessed_on: dt.date
    education_level: str = ""
    skills: str = ""
    work_history: str = ""
    interests: str = ""
    household: str = ""
    debt_lak: int | None = None
    creditor: str = ""
    baseline_income_lak: int | None = None


@transaction.atomic
def livelihood_assessment_record(
    *, user: User, case: Case, details: AssessmentDetails
) -> LivelihoodAssessment:
    _require(can_manage_livelihoods(user, case))
    if details.debt_lak and details.creditor in ("", "none"):
        raise ValidationError(_("Say to whom the debt is owed."))
    record = LivelihoodAssessment(case=case, assessed_by=user, **_values(details))
    _create(user=user, record=record, parent=case, details=details)
    return record


@dataclass(frozen=True, kw_only=True)
class TrainingDetails:
    provider: Organisation
    trade: str
    started_on: dt.date
    referral: Referral | None = None
    ended_on: dt.date | None = None
    status: str = TrainingStatus.ENROLLED
    dropout_reason: str = ""
    has_certificate: bool = False


def _training_check(*, case: Case, details: Any) -> None:
    if details.referral is not None and details.referral.case_id != case.pk:
        raise ValidationError(_("This referral is not one of this case."))
    if details.ended_on and details.ended_on < details.started_on:
        raise ValidationError(_("The end is before the start."))
    if details.status == TrainingStatus.DROPPED_OUT and not details.dropout_reason.strip():
        raise ValidationError(_("Say why the training was left."))
    if details.status == TrainingStatus.ENROLLED and details.has_certificate:
        raise ValidationError(_("A certificate comes at the end of a training."))


@transaction.atomic
def vocational_training_record(
    *, user: User, case: Case, details: TrainingDetails
) -> VocationalTraining:
    """The office records any training; a referral receiver the one it gives, under its
    referral."""
    _require(
        can_record_training_as(user, case, provider=details.provider, referral=details.referral)
    )
    _training_check(case=case, details=details)
    record = VocationalTraining(case=case, recorded_by=user, **_values(details))
    _create(user=user, record=record, parent=case, details=details)
    return record


@dataclass(frozen=True, kw_only=True)
class TrainingOutcome:
    status: str
    ended_on: dt.date | None = None
    dropout_reason: str = ""
    has_certificate: bool = False


@transaction.atomic
def vocational_training_update(
    *, user: User, training: VocationalTraining, outcome: TrainingOutcome
) -> VocationalTraining:
    """Completed, dropped out (why), certificate: the office or the training's provider."""
    _require(can_edit_training(user, training))
    if training.is_voided:
        raise ValidationError(_("This record was voided: it can no longer be changed."))
    check = TrainingDetails(
        provider=training.provider,
        trade=training.trade,
        started_on=training.started_on,
        referral=training.referral,
        **_values(outcome),
    )
    _training_check(case=training.case, details=check)
    names = [f.name for f in fields(outcome)]
    before = snapshot(training, names)
    for name in names:
        setattr(training, name, getattr(outcome, name))
    training.full_clean()
    training.save(update_fields=[*names, "updated_at"])
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=training,
        parent=training.case,
        changes=diff(before, training),
    )
    return training


@dataclass(frozen=True, kw_only=True)
class EmployerDetails:
    name: str
    sector: str
    province: Province
    contact_person: str = ""
    phone: str = ""
    has_agreement: bool = False
    agreement_on: dt.date | None = None
    is_active: bool = True


@transaction.atomic
def employer_save(*, user: User, employer: Employer | None, details: EmployerDetails) -> Employer:
    """Add an employer to the directory, or change one (in the user's provinces)."""
    _require(can_use_employer_directory(user))
    if details.agreement_on and not details.has_agreement:
        raise ValidationError(_("A date of agreement needs an agreement."))
    is_new = employer is None
    record = employer or Employer()
    before = {} if is_new else snapshot(record, _values(details))
    if not is_new:
        _require(can_edit_employer(user, record))
    for name, value in _values(details).items():
        setattr(record, name, value)
    _require(can_edit_employer(user, record))  # also where it is moved to
    record.full_clean()
    record.save()
    audit_record(
        actor=user,
        action=AuditAction.CREATE if is_new else AuditAction.UPDATE,
        obj=record,
        changes=creation_changes(record, _values(details)) if is_new else diff(before, record),
    )
    return record


@dataclass(frozen=True, kw_only=True)
class PlacementDetails:
    employer: Employer
    position: str
    started_on: dt.date
    wage_lak: int
    contract_type: str
    has_social_security: bool = False


@transaction.atomic
def job_placement_record(*, user: User, case: Case, details: PlacementDetails) -> JobPlacement:
    """Record a job; the retention checks at 3, 6 and 12 months are scheduled with it."""
    _require(can_manage_livelihoods(user, case))
    if not details.employer.is_active:
        raise ValidationError(_("This employer is no longer in the directory."))
    placement = JobPlacement(case=case, recorded_by=user, **_values(details))
    _create(user=user, record=placement, parent=case, details=details)
    RetentionCheck.objects.bulk_create(
        RetentionCheck(
            placement=placement, month=month, due_on=months_after(placement.started_on, month)
        )
        for month in RETENTION_MONTHS
    )
    return placement


@dataclass(frozen=True, kw_only=True)
class RetentionDetails:
    checked_on: dt.date
    still_employed: bool
    wage_lak: int | None = None
    leaving_reason: str = ""


@transaction.atomic
def retention_check_record(
    *, user: User, check: RetentionCheck, details: RetentionDetails
) -> RetentionCheck:
    placement = check.placement
    _require(can_manage_livelihoods(user, placement.case))
    if placement.is_voided:
        raise ValidationError(_("This record was voided: it can no longer be changed."))
    if details.checked_on < placement.started_on:
        raise ValidationError(_("The check is before the start of the job."))
    if not details.still_employed and not details.leaving_reason.strip():
        raise ValidationError(_("Say why she or he left the job."))
    names = [f.name for f in fields(details)]
    before = snapshot(check, names)
    for name in names:
        setattr(check, name, getattr(details, name))
    check.checked_by = user
    check.full_clean()
    check.save()
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=check,
        parent=placement.case,
        changes=diff(before, check),
    )
    if not check.still_employed:  # she left: the later checks are no longer due
        for later in placement.checks.filter(month__gt=check.month, checked_on__isnull=True):
            audit_record(actor=user, action=AuditAction.DELETE, obj=later, parent=placement.case)
            later.delete()
    return check


@dataclass(frozen=True, kw_only=True)
class BusinessDetails:
    business_type: str
    kind: str
    amount_lak: int
    what: str
    given_on: dt.date


@transaction.atomic
def business_support_record(*, user: User, case: Case, details: BusinessDetails) -> BusinessSupport:
    _require(can_manage_livelihoods(user, case))
    record = BusinessSupport(case=case, recorded_by=user, **_values(details))
    _create(user=user, record=record, parent=case, details=details)
    return record


@dataclass(frozen=True, kw_only=True)
class BusinessCheckDetails:
    checked_on: dt.date
    status: str = BusinessStatus.RUNNING
    monthly_income_lak: int | None = None


@transaction.atomic
def business_check_record(
    *, user: User, business: BusinessSupport, details: BusinessCheckDetails
) -> BusinessCheck:
    _require(can_manage_livelihoods(user, business.case))
    if business.is_voided:
        raise ValidationError(_("This record was voided: it can no longer be changed."))
    if details.checked_on < business.given_on:
        raise ValidationError(_("The check is before the support was given."))
    record = BusinessCheck(business=business, checked_by=user, **_values(details))
    _create(user=user, record=record, parent=business.case, details=details)
    return record


@dataclass(frozen=True, kw_only=True)
class FinanceDetails:
    kind: str
    institution: str
    joined_on: dt.date
    loan_lak: int | None = None
    loan_purpose: str = ""


@transaction.atomic
def financial_inclusion_record(
    *, user: User, case: Case, details: FinanceDetails
) -> FinancialInclusion:
    _require(can_manage_livelihoods(user, case))
    record = FinancialInclusion(case=case, recorded_by=user, **_values(details))
    _create(user=user, record=record, parent=case, details=details)
    return record


VoidableLivelihood = (
    LivelihoodAssessment | VocationalTraining | JobPlacement | BusinessSupport | FinancialInclusion
)


def livelihood_record_void(*, user: User, record: VoidableLivelihood, reason: str) -> None:
    """Void an entry made by mistake: the case's managers, or a training's own provider."""
    if isinstance(record, VocationalTraining):
        _require(can_edit_training(user, record))
    else:
        _require(can_manage_livelihoods(user, record.case))
    record_void(user=user, record=record, reason=reason, parent=record.case)
