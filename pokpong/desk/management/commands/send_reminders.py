from typing import Any

from django.core.management.base import BaseCommand

from pokpong.core.tasks import expire_grants
from pokpong.desk.tasks import send_daily_reminders


class Command(BaseCommand):
    help = "Queue today's reminders (run daily, e.g. from cron); the tasks worker sends them."

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_daily_reminders.enqueue()
        self.stdout.write(f"Reminders queued as task {result.id}.")
        expired = expire_grants.enqueue()  # the daily run also records the grants that lapsed
        self.stdout.write(f"Grant expiry queued as task {expired.id}.")
