"""Reads of screenings, identifications and consents, scoped through the person's visibility."""

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from pokpong.accounts.models import Organisation, User
from pokpong.accounts.policy import (
    Capability,
    can_correct_plan,
    can_view_transfer,
    cases_fully_visible_to,
    cases_visible_to,
    has_capability,
    persons_fully_visible_to,
    scope_q,
    sees_case_through_referral_only,
)
from pokpong.cases.models import (
    ActionStatus,
    Attachment,
    Case,
    CaseNote,
    CasePlan,
    CaseTransfer,
    Consent,
    Identification,
    IdentificationDecision,
    Need,
    NoteVisibility,
    PlanAction,
    PlanStatus,
    Screening,
    TransferStatus,
)
from pokpong.cases.worklist import held_by
from pokpong.core.audit_lines import change_lines
from pokpong.core.lao import digits_to_ascii
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.people.models import Person
from pokpong.people.search import person_search


def _visible_persons(user: User) -> QuerySet[Person]:
    """Screenings and consents are outside what a referral shares: whole-record viewers only."""
    return persons_fully_visible_to(user, Person.objects.all())


def screening_get_for_user(*, user: User, pk: int) -> Screening:
    return get_object_or_404(
        Screening.objects.select_related("person", "screened_by", "organisation"),
        pk=pk,
        person__in=_visible_persons(user),
    )


def consent_get_for_user(*, user: User, pk: int) -> Consent:
    return get_object_or_404(
        Consent.objects.select_related("person"), pk=pk, person__in=_visible_persons(user)
    )


def screening_list_for_user(*, user: User) -> QuerySet[Screening]:
    """The screenings of the persons the user sees whole (as screening_get_for_user)."""
    return Screening.objects.select_related("person").filter(person__in=_visible_persons(user))


def consent_list_for_user(*, user: User) -> QuerySet[Consent]:
    """The consents of the persons the user sees whole (as consent_get_for_user)."""
    consents = Consent.objects.select_related("person").prefetch_related("share_with")
    return consents.filter(person__in=_visible_persons(user))


def identification_list_for_user(*, user: User) -> QuerySet[Identification]:
    """The identifications of the persons the user sees whole (the person page's section)."""
    identifications = Identification.objects.select_related("person")
    return identifications.prefetch_related("forms_of_trafficking").filter(
        person__in=_visible_persons(user)
    )


def person_case_records(*, person: Person) -> dict[str, Any]:
    """A person's screenings, identifications and consents, for their page (already authorised)."""
    return {
        "screenings": person.screenings.select_related("screened_by").order_by("-screened_on"),
        "identifications": person.identifications.prefetch_related("forms_of_trafficking"),
        "consents": person.consents.prefetch_related("share_with").order_by("-given_on"),
    }


# --- cases ---------------------------------------------------------------------------------

OPEN_ACTION_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)

SORTS = {
    "newest": ("-created_at", "-pk"),
    "oldest": ("created_at", "pk"),
    "number": ("number",),
    "risk": ("risk_order", "-created_at"),
    "updated": ("-updated_at", "-pk"),
}


def case_list_for_user(*, user: User, filters: dict[str, Any] | None = None) -> QuerySet[Case]:
    """The caseload: cases the user may see, filtered and sorted, with what the list shows."""
    filters = filters or {}
    today = timezone.localdate()
    # The plan and the forms of trafficking are not part of what a referral shares: a case
    # reached only through one is never flagged or found by them.
    whole = cases_fully_visible_to(user, Case.objects.all())
    overdue = PlanAction.objects.filter(
        plan__case=OuterRef("pk"),
        plan__case__in=whole,
        due_on__lt=today,
        status__in=OPEN_ACTION_STATUSES,
    )
    cases = (
        cases_visible_to(user, Case.objects.all())
        .select_related("person", "province", "caseworker")
        .annotate(
            has_overdue=Exists(overdue),
            risk_order=_risk_order(),
        )
    )
    if filters.get("mine"):
        cases = cases.filter(held_by(user))
    if filters.get("status"):
        cases = cases.filter(status=filters["status"])
    if filters.get("province"):
        cases = cases.filter(province=filters["province"])
    if filters.get("form"):
        cases = cases.filter(forms_of_trafficking=filters["form"], pk__in=whole)
    if filters.get("risk"):
        cases = cases.filter(risk_level=filters["risk"])
    if filters.get("overdue"):
        cases = cases.filter(has_overdue=True)
    if filters.get("name"):
        found = person_search(user=user, query=filters["name"], limit=50)
        cases = cases.filter(person_id__in=[m.person.pk for m in found])
    if filters.get("number"):
        cases = cases.filter(number__icontains=digits_to_ascii(filters["number"]).strip().upper())
    return cases.order_by(*SORTS.get(filters.get("sort") or "newest", SORTS["newest"]))


def _risk_order() -> Any:
    """High first when sorting by risk."""
    return models.Case(
        models.When(risk_level="high", then=models.Value(0)),
        models.When(risk_level="medium", then=models.Value(1)),
        default=models.Value(2),
        output_field=models.IntegerField(),
    )


def case_get_for_user(*, user: User, pk: int) -> Case:
    return get_object_or_404(
        cases_visible_to(user, Case.objects.all()).select_related(
            "person",
            "province",
            "district",
            "caseworker",
            "organisation",
            "country_of_exploitation",
            "province_of_exploitation",
        ),
        pk=pk,
    )


def need_to_correct(*, user: User, pk: int) -> Need:
    """A need (not voided) of a case the user may change; anything else is the same 404."""
    need = get_object_or_404(Need.objects.select_related("case"), pk=pk)
    if not can_correct_plan(user, need.case):
        raise Http404
    return need


def action_to_correct(*, user: User, pk: int) -> PlanAction:
    action = get_object_or_404(PlanAction.objects.select_related("plan__case"), pk=pk)
    if not can_correct_plan(user, action.plan.case):
        raise Http404
    return action


def notes_visible_to(*, user: User, case: Case) -> QuerySet[CaseNote]:
    """Confidential by default: the author's organisation, or shared with referral partners."""
    notes = case.notes.select_related("author", "organisation")
    shared = Q(visibility=NoteVisibility.REFERRAL_PARTNERS)
    if user.organisation_id is None:  # no organisation: no confidential note is "its own"
        return notes.filter(shared)
    return notes.filter(Q(organisation_id=user.organisation_id) | shared)


def case_referrals_for_user(*, user: User, case: Case) -> QuerySet[Any]:
    """The case's referrals: all of them for its office, a receiver's own ones for a receiver."""
    referrals = case.referrals.select_related("to_organisation", "service_type")
    if sees_case_through_referral_only(user, case):
        return referrals.filter(to_organisation_id=user.organisation_id or 0)
    return referrals


def follow_up_assignees(*, case: Case) -> QuerySet[Organisation]:
    """Who may be asked to make a follow-up visit: organisations holding an accepted (open)
    referral of the case, other than its own office."""
    accepted = case.referrals.filter(status="accepted").values("to_organisation_id")
    return Organisation.objects.filter(pk__in=accepted).exclude(pk=case.organisation_id)


def attachment_get_for_user(*, user: User, pk: int) -> Attachment:
    """An attachment only through a case the user sees whole: documents are never part of what
    a referral shares (same 404 for missing, not yours and referred-only)."""
    return get_object_or_404(
        Attachment.objects.select_related("case"),
        pk=pk,
        case__in=cases_fully_visible_to(user, Case.objects.all()),
    )


@dataclass(frozen=True)
class TimelineEntry:
    """One line of the case's history: the audit entry and its changes, told."""

    entry: AuditEntry
    changes: list[tuple[str, str]]


def case_timeline(*, case: Case, limit: int = 100) -> list[TimelineEntry]:
    """Every change of the case and its parts, newest first, from the audit trail; the records
    the changes point to are named in a fixed number of queries, however long the history."""
    entries = AuditEntry.objects.filter(
        Q(object_type="cases.case", object_id=str(case.pk))
        | Q(parent_type="cases.case", parent_id=str(case.pk))
    ).exclude(action=AuditAction.VIEW)
    shown = list(entries.order_by("-sequence")[:limit])
    return [TimelineEntry(e, lines) for e, lines in zip(shown, change_lines(shown), strict=True)]


def plans_to_approve(*, user: User, limit: int = 20) -> list[CasePlan]:
    """Case plans submitted for approval in the manager's scope."""
    approvals = scope_q(user, Capability.APPROVE_DECISIONS)
    if approvals is None:
        return []
    submitted = CasePlan.objects.filter(
        status=PlanStatus.SUBMITTED, case__in=Case.objects.filter(approvals)
    )
    return list(submitted.select_related("case")[:limit])


def closures_to_approve(*, user: User, limit: int = 20) -> list[Case]:
    """Closures requested in the manager's scope by someone else (four eyes)."""
    approvals = scope_q(user, Capability.APPROVE_DECISIONS)
    if approvals is None:
        return []
    requested = Case.objects.filter(approvals, closure_requested_at__isnull=False)
    return list(requested.exclude(status="closed").exclude(closure_requested_by=user)[:limit])


def transfer_get_for_user(*, user: User, pk: int) -> CaseTransfer:
    """A transfer, for the case's office and the office asked to take it on (else 404)."""
    transfer = get_object_or_404(
        CaseTransfer.objects.select_related(
            "case__person", "case__province", "from_organisation", "to_organisation"
        ),
        pk=pk,
    )
    if not can_view_transfer(user, transfer):
        raise Http404
    return transfer


def transfers_to_answer(*, user: User, limit: int = 20) -> list[CaseTransfer]:
    """Cases another province's office asks the user's office to take on (the inbox)."""
    if user.organisation_id is None or not has_capability(user, Capability.MANAGE_CASES):
        return []
    waiting = CaseTransfer.objects.filter(
        to_organisation_id=user.organisation_id, status=TransferStatus.REQUESTED
    )
    return list(waiting.select_related("case", "from_organisation")[:limit])


# --- statistics: reads of the indicator engine (monitoring), counts only, never shown as rows ---


def victim_identifications() -> QuerySet[Identification]:
    """Formal identifications whose decision is `victim` (the police's decision, any date)."""
    return Identification.objects.filter(decision=IdentificationDecision.VICTIM)


def statistics_cases() -> QuerySet[Case]:
    """Every case (cases are closed, never voided), for disaggregations read from cases."""
    return Case.objects.all()


def case_plan_list_for_user(*, user: User) -> QuerySet[CasePlan]:
    """The plans of the cases the user sees whole: the plan is the office's part of the case
    page (a receiver of a referral never sees it)."""
    cases = cases_fully_visible_to(user, Case.objects.all())
    return CasePlan.objects.filter(case__in=cases).select_related("case")
