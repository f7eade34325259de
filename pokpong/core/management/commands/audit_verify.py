from typing import Any

from django.core.management.base import BaseCommand, CommandError

from pokpong.core.audit import audit_chain_problems, audit_keys


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain: detects edited, inserted or deleted entries."

    def handle(self, *args: Any, **options: Any) -> None:
        problems, head = audit_chain_problems()
        for problem in problems:
            self.stderr.write(f"entry {problem.sequence}: {problem.problem}")
        if problems:
            raise CommandError(
                f"The audit trail has been tampered with ({len(problems)} problems)."
            )
        if head is None:
            self.stdout.write("The audit trail is empty.")
            return
        starts = [start for start, _key in audit_keys()]
        if len(starts) > 1:  # which key signed which entries, without showing any key
            self.stdout.write(
                "Audit keys: " + ", ".join(f"{n} from entry {s}" for n, s in enumerate(starts, 1))
            )
        # Record the head outside the database (e.g. in the operations log): it anchors the chain,
        # so that removing the newest entries is detected too.
        self.stdout.write(f"OK: {head.sequence} entries, head {head.hash}")
