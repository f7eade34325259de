from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pokpong.core.audit import audit_context, audit_record
from pokpong.core.models import AuditAction
from pokpong.core.rotation import RotationCount, rotate_all


class Command(BaseCommand):
    help = (
        "Re-encrypt everything encrypted with POKPONG_FIELD_KEYS (fields, attachment files, merge "
        "snapshots, and whatever apps register) with the first key. Put the new key first, keep "
        "the old ones after it, run this until --check passes, then drop the old keys. Values "
        "already under the first key are left alone: an interrupted run is simply run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Change nothing; fail when a value is still under an older key.",
        )
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run, batch_size = options["check"], max(1, options["batch_size"])

        def report(label: str, count: RotationCount) -> None:
            verb = "to re-encrypt" if dry_run else "re-encrypted"
            self.stdout.write(f"{label}: {count.rotated} {verb}, {count.current} already current")

        with audit_context(label="command:rotate_field_keys"):
            total = rotate_all(dry_run=dry_run, batch_size=batch_size, report=report)
            if not dry_run:
                audit_record(
                    action=AuditAction.UPDATE,
                    object_type="keys",
                    extra={"rotated": total.rotated, "current": total.current},
                )
        if dry_run and total.rotated:
            raise CommandError(f"{total.rotated} values are still under an older key.")
        self.stdout.write(
            f"Done: {total.rotated} re-encrypted, {total.current} already current. "
            "Once `rotate_field_keys --check` passes, the old keys can be removed."
        )
