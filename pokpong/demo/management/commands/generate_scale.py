from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pokpong.core.audit import audit_context
from pokpong.demo.scale.generate import generate
from pokpong.demo.scale.setup import BENCH_PASSWORD
from pokpong.people.models import Person


class Command(BaseCommand):
    help = (
        "Fill the database with N fictitious persons and their records at national scale "
        "(issue 20's benchmarks; same seed, same data). Refused in production settings."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--persons", type=int, required=True, help="how many persons")
        parser.add_argument("--seed", type=int, default=20, help="random seed (default 20)")
        parser.add_argument(
            "--batch", type=int, default=50_000, help="persons written per transaction"
        )
        parser.add_argument(
            "--append",
            action="store_true",
            help="add to a database that already holds persons (refused otherwise)",
        )

    def handle(
        self, *args: Any, persons: int, seed: int, batch: int, append: bool, **options: Any
    ) -> None:
        if not settings.ALLOW_DEMO_DATA:
            raise CommandError(
                "Generated data is refused in these settings (ALLOW_DEMO_DATA is off)."
            )
        if persons < 1 or batch < 1:
            raise CommandError("--persons and --batch must be 1 or more.")
        if not append and Person.objects.exists():
            raise CommandError(
                "The database already holds persons: give --append to add more, or use an "
                "empty database."
            )
        with audit_context(label="command:generate_scale"):
            summary = generate(persons=persons, seed=seed, batch=batch, say=self.stdout.write)
        self.stdout.write(f"Generated in {summary.seconds:,.1f} s:")
        for name, count in sorted(summary.counts.items()):
            self.stdout.write(f"  {name:<24} {count:>12,}")
        self.stdout.write("")
        self.stdout.write(f"Bench users (password for all: {BENCH_PASSWORD}):")
        for username, role, scope in summary.users:
            self.stdout.write(f"  {username:<40} {role} — {scope}")
