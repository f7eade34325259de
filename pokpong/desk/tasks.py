"""Background work of the desk, run by the tasks worker (never in a request)."""

from django_tasks import task

from pokpong.desk.reminders import reminders_send


@task()
def send_daily_reminders() -> int:
    """E-mail each user what waits for them; returns how many e-mails were sent."""
    return reminders_send()
