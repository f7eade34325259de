"""The manager's view of follow-up visits: overdue ones in scope, counted per case worker."""

from django.db.models import Count, QuerySet
from django.utils import timezone

from pokpong.accounts.models import User
from pokpong.cases.worklist import caseload_cases
from pokpong.referrals.models import FollowUpVisit


def _overdue_in_scope(user: User) -> QuerySet[FollowUpVisit]:
    return FollowUpVisit.objects.filter(
        done_on__isnull=True,
        due_on__lt=timezone.localdate(),
        case__in=caseload_cases(user),
    )


def follow_ups_overdue_in_scope(*, user: User, limit: int = 20) -> list[FollowUpVisit]:
    """Visits past their date of the open cases in the manager's scope, the oldest first."""
    visits = _overdue_in_scope(user).select_related("case", "case__caseworker")
    return list(visits.order_by("due_on", "pk")[:limit])


def follow_ups_overdue_by_worker(*, user: User) -> dict[int, int]:
    """Overdue visits per case worker (user pk) of the open cases in the manager's scope."""
    rows = _overdue_in_scope(user).values_list("case__caseworker").annotate(n=Count("pk"))
    return {worker: n for worker, n in rows if worker is not None}
