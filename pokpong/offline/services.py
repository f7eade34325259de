"""Resolving a follow-up visit kept in conflict: add it as a visit of its own, or drop it."""

import datetime as dt
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pokpong.accounts.models import User
from pokpong.accounts.policy import (
    can_record_follow_up_for,
    can_resolve_offline_conflict,
    can_schedule_follow_up_for,
)
from pokpong.core.audit import audit_record
from pokpong.core.models import AuditAction
from pokpong.offline.models import OfflineSubmission, Resolution, SubmissionStatus
from pokpong.referrals import services as referral_services


def offline_visit_details(submission: OfflineSubmission) -> referral_services.VisitDetails | None:
    """What the visit made offline found, or None when the kept copy cannot be read (never an
    error page: the recorded visit can still be kept)."""
    try:
        found = json.loads(submission.payload or "{}")
        if not isinstance(found, dict):
            return None
        found["done_on"] = dt.date.fromisoformat(str(found["done_on"]))
        return referral_services.VisitDetails(**found)
    except (ValueError, KeyError, TypeError):
        return None


@transaction.atomic
def offline_conflict_resolve(
    *, user: User, submission: OfflineSubmission, resolution: str
) -> OfflineSubmission:
    """Add the offline visit to the case as a visit of its own, or drop it (the recorded visit
    stays as it is either way: nothing is overwritten)."""
    submission = OfflineSubmission.objects.select_for_update().get(pk=submission.pk)
    visit = submission.visit
    if submission.status != SubmissionStatus.CONFLICT or visit is None:
        raise ValidationError(_("This visit was already resolved."))
    if not can_resolve_offline_conflict(user, submission, visit):
        raise PermissionDenied
    if resolution == Resolution.ADDED:
        if not can_schedule_follow_up_for(user, visit.case):
            raise ValidationError(_("Only the case's office can add a visit to its schedule."))
        details = offline_visit_details(submission)
        if details is None:
            raise ValidationError(
                _("The visit made offline cannot be read: keep the recorded visit.")
            )
        added = referral_services.follow_up_schedule(
            user=user, case=visit.case, due_on=details.done_on
        )
        # The visit was made by who sent it, if they may still record it on this case.
        maker = submission.user if can_record_follow_up_for(submission.user, added) else user
        referral_services.follow_up_record(user=maker, visit=added, details=details)
        submission.object_type, submission.object_id = "referrals.followupvisit", added.pk
    submission.status = SubmissionStatus.RESOLVED
    submission.resolution = resolution
    submission.resolved_by, submission.resolved_at = user, timezone.now()
    submission.payload = ""  # the visit is now a record of the case, or was dropped
    submission.save()
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=submission,
        parent=visit.case,
        changes={"resolution": resolution},
    )
    return submission
