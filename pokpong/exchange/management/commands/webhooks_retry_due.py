"""Queue the webhook deliveries whose next attempt is due (a safety net for a lost task)."""

from typing import Any

from django.core.management.base import BaseCommand

from pokpong.exchange.webhooks.services import webhooks_retry_due


class Command(BaseCommand):
    help = "Queue the webhook deliveries whose next attempt is due."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{webhooks_retry_due()} deliveries queued")
