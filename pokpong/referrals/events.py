"""What the referrals app announces to the apps built on it (see core.events)."""

from pokpong.core.events import Event

# A referral was sent or changed status: keyword arguments referral, change ("sent", "accepted",
# "declined", "completed", "cancelled"). Announced inside the transaction; the outbound webhooks
# (exchange) subscribe. Subscribers return nothing.
referral_changed: Event[None] = Event("referral changed")
