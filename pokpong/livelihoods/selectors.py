"""Reads of the livelihood part of a case, scoped by the access policy (the same 404 for
missing and not yours), the case worker's retention checks, and the statistics the M&E
indicators count."""

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Model, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from pokpong.accounts.models import User
from pokpong.accounts.policy import (
    Capability,
    can_edit_employer,
    can_edit_training,
    can_manage_livelihoods,
    can_record_training_for,
    can_use_employer_directory,
    can_view_livelihoods,
    cases_fully_visible_to,
    cases_visible_to,
    has_capability,
    trainings_visible_to,
)
from pokpong.cases.models import Case
from pokpong.cases.selectors import case_get_for_user
from pokpong.livelihoods.models import (
    BusinessCheck,
    BusinessSupport,
    Employer,
    FinancialInclusion,
    JobPlacement,
    LivelihoodAssessment,
    RetentionCheck,
    TrainingStatus,
    VocationalTraining,
)
from pokpong.livelihoods.services import months_after
from pokpong.referrals.models import FollowUpVisit

_R = TypeVar("_R", bound=Model)

# A visit made up to this many days before the six-month mark still measures "six months after".
EARLY_VISIT_DAYS = 15


def livelihood_case_get(*, user: User, pk: int) -> Case:
    """A case whose livelihood part the user sees whole, or where the user's organisation
    records the training it gives through a referral."""
    case = case_get_for_user(user=user, pk=pk)
    if not (can_view_livelihoods(user, case) or can_record_training_for(user, case)):
        raise Http404
    return case


def livelihood_managed_case_get(*, user: User, pk: int) -> Case:
    case = case_get_for_user(user=user, pk=pk)
    if not can_manage_livelihoods(user, case):
        raise Http404
    return case


@dataclass(frozen=True)
class IncomePoint:
    on: dt.date
    lak: int
    is_baseline: bool


def income_points(*, case: Case) -> list[IncomePoint]:
    """The case's monthly income over time: the first assessment's baseline, then every visit
    that recorded a number, by date."""
    points = []
    baseline = baseline_assessment(case=case)
    if baseline is not None and baseline.baseline_income_lak is not None:
        points.append(IncomePoint(baseline.assessed_on, baseline.baseline_income_lak, True))
    visits = case.follow_ups.filter(done_on__isnull=False, income_lak__isnull=False)
    for done_on, lak in visits.order_by("done_on", "pk").values_list("done_on", "income_lak"):
        if done_on is not None and lak is not None:  # filtered above; for the type checker
            points.append(IncomePoint(done_on, lak, False))
    return sorted(points, key=lambda p: (p.on, not p.is_baseline))


def baseline_assessment(*, case: Case) -> LivelihoodAssessment | None:
    """The first assessment with an income: its income is the baseline."""
    assessments = case.livelihood_assessments.filter(baseline_income_lak__isnull=False)
    return assessments.order_by("assessed_on", "pk").first()


def livelihood_summary(*, user: User, case: Case) -> dict[str, Any]:
    """Everything of the livelihood part the user may see (a receiver: its own trainings)."""
    trainings = trainings_visible_to(user, case, case.vocational_trainings.all())
    context: dict[str, Any] = {
        "trainings": trainings.select_related("provider", "referral"),
        "full": can_view_livelihoods(user, case),
        "can_manage": can_manage_livelihoods(user, case),
        "can_record_training": can_record_training_for(user, case),
    }
    if not context["full"]:
        return context
    checks = Prefetch("checks", queryset=RetentionCheck.objects.order_by("month"))
    business_checks = Prefetch("checks", queryset=BusinessCheck.objects.order_by("-checked_on"))
    context.update(
        {
            "assessments": case.livelihood_assessments.all(),
            "placements": case.job_placements.select_related("employer").prefetch_related(checks),
            "businesses": case.business_supports.prefetch_related(business_checks),
            "finances": case.financial_inclusions.all(),
            "income": income_points(case=case),
            "today": timezone.localdate(),
        }
    )
    return context


def training_get_for_user(*, user: User, pk: int) -> VocationalTraining:
    related = ("case", "case__person", "provider", "referral")
    training = get_object_or_404(VocationalTraining.objects.select_related(*related), pk=pk)
    if not can_edit_training(user, training):
        raise Http404
    return training


def retention_check_get_for_user(*, user: User, pk: int) -> RetentionCheck:
    related = ("placement", "placement__case", "placement__case__person", "placement__employer")
    check = get_object_or_404(
        RetentionCheck.objects.select_related(*related).filter(placement__voided_at__isnull=True),
        pk=pk,
    )
    if not can_manage_livelihoods(user, check.placement.case):
        raise Http404
    return check


def business_get_for_user(*, user: User, pk: int) -> BusinessSupport:
    business = get_object_or_404(
        BusinessSupport.objects.select_related("case", "case__person"), pk=pk
    )
    if not can_manage_livelihoods(user, business.case):
        raise Http404
    return business


VOIDABLE: dict[str, type[Any]] = {
    "assessment": LivelihoodAssessment,
    "training": VocationalTraining,
    "placement": JobPlacement,
    "business": BusinessSupport,
    "finance": FinancialInclusion,
}


def livelihood_record_to_void(*, user: User, kind: str, pk: int) -> Any:
    """A record (not voided) of the livelihood part the user may void: the same 404 else."""
    model = VOIDABLE.get(kind)
    if model is None:
        raise Http404
    record = get_object_or_404(model.objects.select_related("case", "case__person"), pk=pk)
    if isinstance(record, VocationalTraining):
        allowed = can_edit_training(user, record)
    else:
        allowed = can_manage_livelihoods(user, record.case)
    if not allowed:
        raise Http404
    return record


def employers_for_user(*, user: User, province: Any = None, q: str = "") -> QuerySet[Employer]:
    """The directory, for the case offices (every province: a job may be far from home)."""
    if not can_use_employer_directory(user):
        return Employer.objects.none()
    employers = Employer.objects.select_related("province")
    if province is not None:
        employers = employers.filter(province=province)
    if q:
        employers = employers.filter(Q(name__icontains=q) | Q(contact_person__icontains=q))
    return employers.order_by("-is_active", "name", "pk")


def employer_get_for_user(*, user: User, pk: int) -> Employer:
    employer = get_object_or_404(Employer.objects.select_related("province"), pk=pk)
    if not can_edit_employer(user, employer):
        raise Http404
    return employer


def retention_checks_due(*, user: User, limit: int = 20) -> list[RetentionCheck]:
    """Retention checks due within a week (or overdue) of the user's own cases, as case worker
    or team member; placements voided or on cases no longer in scope are left out."""
    if not has_capability(user, Capability.MANAGE_CASES):
        return []
    soon = timezone.localdate() + dt.timedelta(days=7)
    mine = Q(placement__case__caseworker=user) | Q(placement__case__team=user)
    due = RetentionCheck.objects.filter(
        mine,
        checked_on__isnull=True,
        due_on__lte=soon,
        placement__voided_at__isnull=True,
        placement__case__in=cases_fully_visible_to(user, Case.objects.all()),
    ).exclude(placement__case__status="closed")
    related = ("placement", "placement__case", "placement__employer")
    return list(due.select_related(*related).distinct().order_by("due_on", "pk")[:limit])


# --- statistics for the M&E indicators (unscoped: aggregate counts only) ------------------


def statistics_trainings() -> QuerySet[VocationalTraining]:
    """Trainings that count (not voided)."""
    return VocationalTraining.objects.all()


def statistics_trainings_completed() -> QuerySet[VocationalTraining]:
    return VocationalTraining.objects.filter(status=TrainingStatus.COMPLETED)


def statistics_placements() -> QuerySet[JobPlacement]:
    return JobPlacement.objects.all()


def statistics_retention_checks() -> QuerySet[RetentionCheck]:
    """Checks recorded, of placements that count."""
    return RetentionCheck.objects.filter(
        placement__voided_at__isnull=True, checked_on__isnull=False
    )


def statistics_retained(*, month: int = 6) -> QuerySet[RetentionCheck]:
    """Checks at `month` months that found the person still employed."""
    return statistics_retention_checks().filter(month=month, still_employed=True)


def statistics_businesses() -> QuerySet[BusinessSupport]:
    return BusinessSupport.objects.all()


@dataclass(frozen=True)
class IncomeChange:
    """A case's monthly income at baseline and six months after the return."""

    case_id: int
    person_id: int
    baseline_lak: int
    after_lak: int
    measured_on: dt.date

    @property
    def change_lak(self) -> int:
        return self.after_lak - self.baseline_lak

    @property
    def rose(self) -> bool:
        return self.after_lak > self.baseline_lak


def income_changes(*, cases: QuerySet[Case] | None = None, months: int = 6) -> list[IncomeChange]:
    """For every case with a baseline income and a return date: the income of the first visit
    that recorded one at least `months` months after the return (a visit made up to
    EARLY_VISIT_DAYS days early counts). Cases without such a visit are left out.

    Three queries whatever the number of cases (the baseline is the first assessment's income,
    as in `income_points`)."""
    cases = (cases if cases is not None else Case.objects.all()).filter(return_plan__isnull=False)
    returned = dict(cases.values_list("pk", "return_plan__returned_on"))
    persons = dict(cases.values_list("pk", "person_id"))
    baselines: dict[int, int] = {}
    assessments = LivelihoodAssessment.objects.filter(
        case_id__in=returned, baseline_income_lak__isnull=False
    ).order_by("-assessed_on", "-pk")
    for case_id, baseline in assessments.values_list("case_id", "baseline_income_lak"):
        if baseline is not None:
            baselines[case_id] = baseline  # the earliest one is written last
    found: dict[int, IncomeChange] = {}
    visits = FollowUpVisit.objects.filter(
        case_id__in=baselines, done_on__isnull=False, income_lak__isnull=False
    ).order_by("done_on", "pk")
    for case_id, done_on, lak in visits.values_list("case_id", "done_on", "income_lak"):
        if done_on is None or lak is None:  # filtered above; for the type checker
            continue
        mark = months_after(returned[case_id], months) - dt.timedelta(days=EARLY_VISIT_DAYS)
        if case_id not in found and done_on >= mark:
            found[case_id] = IncomeChange(
                case_id, persons[case_id], baselines[case_id], lak, done_on
            )
    return sorted(found.values(), key=lambda c: c.case_id)


def livelihood_list_for_user(*, user: User, records: QuerySet[_R]) -> QuerySet[_R]:
    """Records of the livelihood part of the cases the user sees whole (policy
    can_view_livelihoods: the case's office, never through a referral alone)."""
    return records.filter(case__in=cases_fully_visible_to(user, Case.objects.all()))


def vocational_training_list_for_user(*, user: User) -> QuerySet[VocationalTraining]:
    """Trainings as the case pages show them (policy.trainings_visible_to): the office's every
    training; a receiver that accepted a referral of a case it sees, the trainings it gives."""
    trainings = VocationalTraining.all_objects.all()
    visible = Q(pk__in=livelihood_list_for_user(user=user, records=trainings).values("pk"))
    organisation = user.organisation_id
    if organisation is not None and has_capability(user, Capability.VIEW_REFERRALS):
        receiving = Case.objects.filter(
            referrals__to_organisation_id=organisation, referrals__status="accepted"
        )
        cases = cases_visible_to(user, receiving).values("pk")
        visible |= Q(provider_id=organisation, case__in=cases)
    return trainings.filter(visible)
