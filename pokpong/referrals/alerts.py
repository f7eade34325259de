"""The e-mail at once when an emergency referral arrives (24 h to answer), besides the digest."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from pokpong.accounts.models import User
from pokpong.accounts.policy import Capability, has_capability
from pokpong.referrals.models import Referral, ReferralStatus, Urgency


def _recipients(referral: Referral) -> list[User]:
    """The receiving organisation's active users who answer referrals and have an address."""
    users = User.objects.filter(organisation_id=referral.to_organisation_id, is_active=True)
    users = users.exclude(email="")
    return [u for u in users if has_capability(u, Capability.VIEW_REFERRALS)]


def emergency_referral_alert_send(*, referral_id: int) -> int:
    """Mail each recipient, in their language, that an emergency referral waits (no personal
    data: the service, the deadline and a link). Returns how many e-mails were sent."""
    referral = Referral.objects.select_related("service_type").filter(pk=referral_id).first()
    if referral is None or referral.urgency != Urgency.EMERGENCY:
        return 0
    if referral.status != ReferralStatus.REQUESTED:
        return 0  # answered before the worker came to it
    link = settings.POKPONG_SITE_URL + reverse("referrals:referral_detail", args=[referral.pk])
    sent = 0
    for user in _recipients(referral):
        with translation.override(user.preferred_language):
            context = {"user": user, "referral": referral, "link": link}
            body = render_to_string("referrals/emergency_email.txt", context)
            subject = _("Pokpong: an emergency referral is waiting for your answer")
        send_mail(subject, body, None, [user.email])
        sent += 1
    return sent
