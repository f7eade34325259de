"""What the cases app announces to the apps built on it (see core.events)."""

from pokpong.core.events import Event

# A case was closed (after the closure was approved): keyword arguments user, case.
case_closed: Event[object] = Event("case closed")
# A consent was withdrawn: keyword arguments user, person. Subscribers return how many
# accesses they ended (an int).
consent_withdrawn: Event[int] = Event("consent withdrawn")
