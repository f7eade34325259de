"""The case workflow in one place: which status may follow which, and what each step needs.

Services call `check_transition()` before changing a status; views only offer what
`allowed_transitions()` returns, and the service checks again, so no state is reachable by URL.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pokpong.cases.models import Case, CaseStatus, PlanStatus

S = CaseStatus
# Closing goes through a manager's approval (case_closure_request/approve); reopening through
# case_reopen. These are the ordinary steps.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.REGISTERED: (S.SCREENING, S.ACTIVE),
    S.SCREENING: (S.ACTIVE,),
    S.ACTIVE: (S.REINTEGRATION,),
    S.REINTEGRATION: (S.FOLLOW_UP, S.ACTIVE),
    S.FOLLOW_UP: (S.REINTEGRATION, S.ACTIVE),
    S.CLOSED: (),
}


@dataclass(frozen=True)
class Blocker:
    message: str
    fix_url: str = ""  # the page where the blocker is removed (the case page shows a link)


def _has_consent_for_services(case: Case) -> bool:
    return case.person.consents.filter(withdrawn_on__isnull=True, for_services=True).exists()


def _plan_approved(case: Case) -> bool:
    plan = getattr(case, "plan", None)
    return plan is not None and plan.status == PlanStatus.APPROVED


def blockers(case: Case, target: str) -> list[Blocker]:
    """Why the case cannot move to `target` now (empty: it can)."""
    if target not in TRANSITIONS.get(case.status, ()):
        return [Blocker(str(_("This step is not possible from the current status.")))]
    found = []
    if target == S.ACTIVE and case.status in (S.REGISTERED, S.SCREENING):
        if not case.person.screenings.exists():
            url = reverse("cases:screening_new", args=[case.person_id])
            found.append(Blocker(str(_("Screen the person first.")), url))
        if not _has_consent_for_services(case):
            url = reverse("cases:consent_new", args=[case.person_id])
            found.append(Blocker(str(_("Record the person's consent to services first.")), url))
    if target in (S.REINTEGRATION, S.FOLLOW_UP) and not _plan_approved(case):
        url = reverse("cases:case_detail", args=[case.pk]) + "#plan"
        found.append(Blocker(str(_("The case plan must be approved first.")), url))
    return found


def allowed_transitions(case: Case) -> list[tuple[str, list[Blocker]]]:
    """Each next status with what blocks it, for the case page."""
    return [(target, blockers(case, target)) for target in TRANSITIONS.get(case.status, ())]
