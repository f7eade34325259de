"""Reads of programme management and coordination."""

import datetime as dt

from django.db.models import Exists, OuterRef, QuerySet

from pokpong.programme.models import Committee, CommitteeMeeting


def committees_with_meetings(start: dt.date, end: dt.date) -> QuerySet[Committee]:
    """Active committees that met at least once from `start` to `end` (both days included).

    For the M&E engine's "active local committees" indicator: a count over committees, not
    personal data, so it is not scoped to a user (the engine scopes its own output)."""
    met = CommitteeMeeting.objects.filter(
        committee=OuterRef("pk"), held_on__gte=start, held_on__lte=end
    )
    return Committee.objects.filter(Exists(met), is_active=True).select_related(
        "province", "district"
    )
