"""The one thing to do next, shown at the top of the person's page, a screening and a case.

Screening → consent → case → plan are one chain: each page offers the next step, so a case
worker does not have to go back to the person to find it.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from pokpong.accounts.models import User
from pokpong.accounts.policy import (
    can_open_case_for,
    can_record_consent_for,
    can_screen_person,
    cases_visible_to,
)
from pokpong.cases.models import Case, CasePlan, CaseStatus, PlanStatus
from pokpong.people.models import Person


@dataclass(frozen=True)
class NextStep:
    text: str
    url: str = ""
    label: str = ""  # the link's words; empty: no link (waiting for someone else)


def _has_consent_for_services(person: Person) -> bool:
    return person.consents.filter(withdrawn_on__isnull=True, for_services=True).exists()


def person_next_step(user: User, person: Person) -> NextStep | None:
    """Screen, then record consent, then open a case (or go to the open one)."""
    if can_screen_person(user, person) and not person.screenings.exists():
        url = reverse("cases:screening_new", args=[person.pk])
        return NextStep(_("The person has not been screened yet."), url, _("Screen the person"))
    if can_record_consent_for(user, person) and not _has_consent_for_services(person):
        url = reverse("cases:consent_new", args=[person.pk])
        return NextStep(_("No consent to services yet."), url, _("Record consent"))
    open_cases = cases_visible_to(user, person.cases.exclude(status=CaseStatus.CLOSED))
    case = open_cases.order_by("-created_at").first()
    if case is not None:
        url = reverse("cases:case_detail", args=[case.pk])
        return NextStep(_("A case is open."), url, _("Go to case %(number)s") % {"number": case})
    if can_open_case_for(user, person):
        url = reverse("cases:case_open", args=[person.pk])
        return NextStep(_("Screened, with consent: a case may be opened."), url, _("Open a case"))
    return None


def _plan_step(case: Case, plan: CasePlan | None) -> NextStep | None:
    anchor = reverse("cases:case_detail", args=[case.pk]) + "#plan"
    if plan is None or (plan.status == PlanStatus.DRAFT and not plan.actions.exists()):
        return NextStep(_("Write the case plan: goals and actions."), anchor, _("Write the plan"))
    if plan.status == PlanStatus.DRAFT:
        return NextStep(_("The plan is a draft."), anchor, _("Submit the plan for approval"))
    if plan.status == PlanStatus.SUBMITTED:
        return NextStep(_("The plan waits for a manager's approval."))
    return None


def case_next_step(case: Case, plan: CasePlan | None) -> NextStep | None:
    """For the office's case worker: what the case's status calls for next."""
    if case.status == CaseStatus.CLOSED:
        return None
    if case.closure_pending:
        return NextStep(_("The closure waits for a manager's approval."))
    if case.status in (CaseStatus.REGISTERED, CaseStatus.SCREENING):
        return _plan_step(case, plan)  # the move to "active" is offered beside it
    step = _plan_step(case, plan)
    if step is not None:
        return step
    if case.status == CaseStatus.ACTIVE:
        return NextStep(_("The plan is approved: prepare the return and reintegration."))
    return None
