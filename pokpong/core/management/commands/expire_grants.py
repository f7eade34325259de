from typing import Any

from django.core.management.base import BaseCommand

from pokpong.core.tasks import expire_grants


class Command(BaseCommand):
    help = (
        "Queue the recording of expired access grants (run daily, e.g. from cron; "
        "send_reminders queues it too). Access already ends at the expiry without it."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = expire_grants.enqueue()
        self.stdout.write(f"Grant expiry queued as task {result.id}.")
