"""Background work of the referral mechanism, run by the tasks worker (never in a request)."""

from django_tasks import task

from pokpong.referrals.alerts import emergency_referral_alert_send


@task()
def send_emergency_referral_alert(referral_id: int) -> int:
    """E-mail the receiving organisation at once; returns how many e-mails were sent."""
    return emergency_referral_alert_send(referral_id=referral_id)
