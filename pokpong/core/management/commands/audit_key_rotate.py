import secrets
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from pokpong.core.audit import audit_chain_problems, audit_keys


class Command(BaseCommand):
    help = (
        "Prepare a new audit key: verify the chain, then print the POKPONG_AUDIT_KEYS value that "
        "makes a new key sign every entry after the current head (docs/operations.md). "
        "Run it with the web server and the worker stopped."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        problems, head = audit_chain_problems()
        if problems:
            raise CommandError("Run audit_verify first: the chain does not verify.")
        start = (head.sequence if head else 0) + 1
        if start <= audit_keys()[-1][0]:
            raise CommandError(f"The newest key starts at entry {audit_keys()[-1][0]} already.")
        held = ",".join(f"{s}:<key {n}>" for n, (s, _key) in enumerate(audit_keys(), 1))
        self.stdout.write(f"Every chain verifies; the newest entry is {start - 1}.")
        self.stdout.write(f"Set: POKPONG_AUDIT_KEYS={held},{start}:<new key>")
        self.stdout.write(
            "(<key n>: the keys in use now, in this order; remove POKPONG_AUDIT_KEY.)"
        )
        self.stdout.write(f"A new random key: {secrets.token_urlsafe(48)}")
