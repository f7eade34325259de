"""Reads of the offline app, scoped to the user by the policy."""

from django.db.models import QuerySet

from pokpong.accounts.models import User
from pokpong.accounts.policy import can_record_follow_ups, can_resolve_offline_conflict
from pokpong.offline.models import OfflineSubmission, SubmissionStatus
from pokpong.people.models import ArrivalGroup
from pokpong.people.selectors import arrival_group_list_for_user
from pokpong.referrals.models import FollowUpVisit
from pokpong.referrals.selectors import follow_up_list_for_user

OFFLINE_LIST_LIMIT = 50


def groups_for_offline(*, user: User) -> list[ArrivalGroup]:
    """The user's most recent arrival groups (a date and a border point: no person)."""
    groups = arrival_group_list_for_user(user=user).order_by("-arrived_on", "-pk")
    return list(groups[:OFFLINE_LIST_LIMIT])


def visits_for_offline(*, user: User) -> list[FollowUpVisit]:
    """Visits not yet made that the user records, soonest first (shown by case number only)."""
    if not can_record_follow_ups(user):
        return []
    visits = follow_up_list_for_user(user=user).filter(done_on__isnull=True).order_by("due_on")
    return list(visits.select_related("case")[:OFFLINE_LIST_LIMIT])


def _conflicts(user: User) -> QuerySet[OfflineSubmission]:
    return OfflineSubmission.objects.filter(status=SubmissionStatus.CONFLICT).select_related(
        "visit__case", "user"
    )


def conflicts_for_user(*, user: User, limit: int = 100) -> list[OfflineSubmission]:
    """Visits made offline and kept in conflict that the user may resolve."""
    if not can_record_follow_ups(user):
        return []
    found = []
    for submission in _conflicts(user).order_by("created_at")[:1000]:
        visit = submission.visit
        if visit is not None and can_resolve_offline_conflict(user, submission, visit):
            found.append(submission)
        if len(found) >= limit:
            break
    return found


def conflict_get_for_user(*, user: User, pk: int) -> OfflineSubmission | None:
    submission = _conflicts(user).filter(pk=pk).first()
    visit = submission.visit if submission else None
    if (
        submission is None
        or visit is None
        or not can_resolve_offline_conflict(user, submission, visit)
    ):
        return None
    return submission
