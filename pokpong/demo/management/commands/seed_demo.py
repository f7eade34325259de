from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pokpong.core.audit import audit_context
from pokpong.demo.seed import DEMO_PASSWORD, demo_seed


class Command(BaseCommand):
    help = "Load fictitious Lao demo data (deterministic with --seed) and print the demo logins."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--seed", type=int, default=1, help="random seed (same seed, same data)"
        )
        parser.add_argument(
            "--persons", type=int, default=60, help="how many persons to generate (default 60)"
        )

    def handle(self, *args: Any, seed: int, persons: int, **options: Any) -> None:
        if not settings.ALLOW_DEMO_DATA:
            raise CommandError("Demo data is refused in these settings (ALLOW_DEMO_DATA is off).")
        if persons < 0:
            raise CommandError("--persons must be 0 or more.")
        with audit_context(label="command:seed_demo"):
            result = demo_seed(seed=seed, persons=persons)
        if not result.created:
            self.stdout.write("Demo data is already loaded.")
        for note in result.notes:
            self.stdout.write(note)
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        width = max((len(login.username) for login in result.logins), default=8)
        for login in result.logins:
            code = " *" if login.needs_code else ""
            self.stdout.write(
                f"  {login.username:<{width}}{code:2}  {login.role} — {login.organisation}"
            )
        self.stdout.write("")
        self.stdout.write(
            "* two-factor sign-in: get the current code with `DJANGO_SETTINGS_MODULE="
            "config.settings.demo .venv/bin/python manage.py demo_totp USERNAME`"
        )
        self.stdout.write("Open http://127.0.0.1:8000 and sign in with one of them.")
