from typing import Any

from django.core.management.base import BaseCommand

from pokpong.desk.permissions_doc import render


class Command(BaseCommand):
    help = "Print docs/permissions.md, generated from the access policy and the URLs."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(render(), ending="")
