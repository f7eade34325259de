import re
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pokpong.core.audit import audit_chains_verify, audit_keys
from pokpong.core.models import AuditEntry

HEAD_LINE = re.compile(r"^chain (\d+): head entry (\d+), ([0-9a-f]{64})$")


class Command(BaseCommand):
    help = (
        "Verify the audit trail's hash chains: detects edited, inserted, deleted or reordered "
        "entries. Prints each chain's head: keep the output outside the database and pass it "
        "back with --heads to detect the removal of the newest entries too."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--heads", help="the output of an earlier run: each chain head it names must remain"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_chains_verify()
        problems = [f"entry {p.sequence}: {p.problem}" for p in report.problems]
        if options["heads"]:
            problems += self._lost_heads(Path(options["heads"]))
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(
                f"The audit trail has been tampered with ({len(problems)} problems)."
            )
        newest = report.newest
        if newest is None:
            self.stdout.write("The audit trail is empty.")
            return
        starts = [start for start, _key in audit_keys()]
        if len(starts) > 1:  # which key signed which entries, without showing any key
            self.stdout.write(
                "Audit keys: " + ", ".join(f"{n} from entry {s}" for n, s in enumerate(starts, 1))
            )
        # Record these lines outside the database (e.g. in the operations log): each chain's head
        # anchors that chain, so that removing the newest entries of any chain is detected too.
        for chain, head in sorted(report.heads.items()):
            self.stdout.write(f"chain {chain}: head entry {head.sequence}, {head.hash}")
        self.stdout.write(
            f"OK: {report.entries} entries in {len(report.heads)} chains, newest entry "
            f"{newest.sequence}, head {newest.hash}"
        )

    def _lost_heads(self, path: Path) -> list[str]:
        """Heads recorded by an earlier run that are no longer in their chain."""
        lost = []
        for line in path.read_text(encoding="utf-8").splitlines():
            found = HEAD_LINE.match(line.strip())
            if not found:
                continue
            chain, sequence, digest = int(found[1]), int(found[2]), found[3]
            if not AuditEntry.objects.filter(chain=chain, sequence=sequence, hash=digest).exists():
                lost.append(f"entry {sequence}: the recorded head of chain {chain} is gone")
        return lost
