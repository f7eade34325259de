"""manage.py export_ctdc --output FILE.csv [--k 11] [--year YYYY]: the CTDC Global Dataset for
the national data manager, written straight to a file (audited, like an export from the page)."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from pokpong.accounts.models import User
from pokpong.accounts.policy import can_export_ctdc
from pokpong.core.audit import audit_context, audit_record
from pokpong.core.models import AuditAction
from pokpong.exchange.ctdc.build import (
    DEFAULT_K,
    DEFAULT_QUASI_IDENTIFIERS,
    MINIMUM_K,
    UNITS,
    CtdcOptions,
    ctdc_dataset,
)


class Command(BaseCommand):
    help = (
        "Write the CTDC Global Dataset (63 columns, consent to statistics only, k-anonymised) "
        "to a CSV file, and say how many records were written and suppressed."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--output", required=True, help="the CSV file to write")
        parser.add_argument("--k", type=int, default=DEFAULT_K, help="k of k-anonymity (11)")
        parser.add_argument("--year", type=int, help="only cases registered in this year")
        parser.add_argument(
            "--quasi-identifiers",
            default=",".join(DEFAULT_QUASI_IDENTIFIERS),
            help=f"comma-separated, of: {', '.join(UNITS)}",
        )
        parser.add_argument(
            "--user", help="the data manager's username, recorded in the audit trail"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        chosen = tuple(q.strip() for q in options["quasi_identifiers"].split(",") if q.strip())
        unknown = [q for q in chosen if q not in UNITS]
        if unknown or not chosen:
            raise CommandError(f"unknown quasi-identifiers: {', '.join(unknown) or '(none)'}")
        if options["k"] < MINIMUM_K:
            raise CommandError(f"--k must be at least {MINIMUM_K}")
        actor = self._actor(options.get("user"))
        settings = CtdcOptions(k=options["k"], quasi_identifiers=chosen, year=options["year"])
        result = ctdc_dataset(settings)
        output = Path(options["output"])
        output.write_bytes(result.content)
        with audit_context(actor=actor, label="command:export_ctdc"):
            audit_record(
                action=AuditAction.EXPORT,
                object_type="exchange.ctdc",
                extra={**result.summary(settings), "output": str(output)},
            )
        self.stdout.write(
            f"{result.written} records written to {output}, {result.suppressed} suppressed "
            f"(k = {settings.k}); {result.generalised} with some values set to unknown; "
            f"{result.without_consent} cases without consent to statistics left out."
        )

    def _actor(self, username: str | None) -> User | None:
        if not username:
            return None
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None or not can_export_ctdc(user):
            raise CommandError(f"{username} may not export the CTDC dataset")
        return user
