"""What the cases app announces to the apps built on it (see core.events)."""

from pokpong.core.events import Event

# A case was closed (after the closure was approved): keyword arguments user, case.
case_closed: Event[object] = Event("case closed")
# A consent was withdrawn: keyword arguments user, person. Subscribers return how many
# accesses they ended (an int).
consent_withdrawn: Event[int] = Event("consent withdrawn")
# A case was opened or changed status or office: keyword arguments case, change ("opened",
# "status_changed", "closed", "reopened", "transferred"), old_status, old_organisation_id (the
# office it left, for a transfer). Announced inside the transaction; the outbound webhooks
# (exchange) subscribe. Subscribers return nothing.
case_changed: Event[None] = Event("case changed")
# Many cases were opened at once (an import): keyword argument cases, a list. What
# case_changed(change="opened") tells of each, told of all at once so a subscriber can ask the
# database once, not once a case. Subscribers return nothing.
cases_opened: Event[None] = Event("cases opened")
