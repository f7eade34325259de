"""Recompute the monitoring's maintained aggregates from the records (issue 20).

    manage.py rebuild_aggregates

For after loads that send no model signals (`generate_scale`, bulk imports, restores): the
signals keep the tables equal to a recount for every change made through the ORM's save() and
delete(). Safe to run at any time (one transaction).
"""

from typing import Any

from django.core.management.base import BaseCommand

from pokpong.monitoring import aggregates


class Command(BaseCommand):
    help = "Recompute the maintained aggregates of the indicator engine from the records."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = aggregates.rebuild()
        self.stdout.write(f"victims' first decisions: {rows} rows")
