from argparse import ArgumentParser
from typing import Any

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pokpong.demo.seed import demo_totp_code


class Command(BaseCommand):
    help = "Print the current two-factor code of a demo user (demo settings only)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        if not settings.ALLOW_DEMO_DATA:
            raise CommandError("Refused in these settings (ALLOW_DEMO_DATA is off).")
        try:
            self.stdout.write(demo_totp_code(username))
        except Authenticator.DoesNotExist:
            raise CommandError(f"{username} has no authenticator app set up.") from None
