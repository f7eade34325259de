from typing import Any

from django.core.management.base import BaseCommand

from pokpong.core.audit import audit_context
from pokpong.exchange.services import exports_purge


class Command(BaseCommand):
    help = (
        "Delete the files of exports past their lifetime (POKPONG_EXPORT_LIFETIME_HOURS); run it "
        "daily, e.g. from cron. A download is refused after the expiry even without it."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with audit_context(label="command:purge_exports"):
            purged = exports_purge()
        self.stdout.write(f"{purged} expired export(s) purged.")
