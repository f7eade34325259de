"""Places in the service directory follow the referrals: a referral accepted by an organisation
takes one of the free places of its entry for that service (a shelter bed); completed or
cancelled after it was accepted, it gives the place back. Called by the referral services only,
inside their transaction; each change is audited on the entry."""

from pokpong.accounts.models import User
from pokpong.core.audit import audit_record
from pokpong.core.models import AuditAction
from pokpong.referrals.models import Referral, ReferralStatus, ServiceOffer

ENDED = (ReferralStatus.COMPLETED, ReferralStatus.CANCELLED)


def _offer(referral: Referral) -> ServiceOffer | None:
    """The receiver's entry for the service, row-locked, if it counts its places."""
    return (
        ServiceOffer.objects.select_for_update()
        .filter(
            organisation_id=referral.to_organisation_id,
            service_type_id=referral.service_type_id,
            available__isnull=False,
        )
        .first()
    )


def _change(user: User, offer: ServiceOffer, referral: Referral, *, by: int, why: str) -> None:
    old = offer.available or 0
    new = max(0, old + by)
    if offer.capacity is not None:
        new = min(new, offer.capacity)
    if new == old:
        return
    offer.available = new
    offer.save(update_fields=["available", "updated_at"])
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=offer,
        changes={"available": [old, new]},
        extra={"why": why, "referral": referral.pk},
    )


def offer_places_follow(*, user: User, referral: Referral, old_status: str) -> None:
    """Take or give back a place for a referral whose status just changed from `old_status`."""
    if referral.status == ReferralStatus.ACCEPTED and old_status != ReferralStatus.ACCEPTED:
        by, why = -1, "referral accepted"
    elif old_status == ReferralStatus.ACCEPTED and referral.status in ENDED:
        by, why = 1, f"referral {referral.status}"
    else:
        return
    offer = _offer(referral)
    if offer is not None:
        _change(user, offer, referral, by=by, why=why)
