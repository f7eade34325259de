"""`manage.py indicator_report`: an indicator report written to a file, for scheduled runs and for
checking. Bad input gets a message in the chosen language and a non-zero exit, never a traceback.

    manage.py indicator_report --period 2026Q4 --format xlsx --audience public \\
        [--province LA-VT] [--area all|target|rest] [--language lo|en] --output report.xlsx
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from pokpong.monitoring.periods import PeriodError, parse
from pokpong.monitoring.reports import AUDIENCES, FORMATS, LANGUAGES, ReportSpec, build
from pokpong.monitoring.results import Scope
from pokpong.places.models import Province

AREAS = ("all", "target", "rest")


class Command(BaseCommand):
    help = "Write the quarterly or annual indicator report (Excel or PDF) to a file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", default="", help="2026Q4, 2026, FY2026 or FY2026Q1")
        parser.add_argument("--format", default="xlsx", help="xlsx or pdf")
        parser.add_argument("--audience", default="public", help="internal or public")
        parser.add_argument("--province", default="", help="ISO 3166-2 code, e.g. LA-VT")
        parser.add_argument("--area", default="all", help="all, target or rest")
        parser.add_argument("--language", default="lo", help="lo or en")
        parser.add_argument("--output", default="", help="the file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        language = options["language"] if options["language"] in LANGUAGES else "lo"
        with translation.override(language):
            spec = self._spec(options)
            content = build(spec)
            try:
                Path(options["output"]).write_bytes(content)
            except OSError as exc:
                raise CommandError(
                    _("Cannot write %(file)s: %(reason)s")
                    % {"file": options["output"], "reason": exc.strerror or exc}
                ) from None
            self.stdout.write(
                _("Written: %(file)s (%(size)s bytes).")
                % {"file": options["output"], "size": len(content)}
            )

    def _spec(self, options: dict[str, Any]) -> ReportSpec:
        _choice(options["language"], LANGUAGES, "--language")
        _choice(options["format"], FORMATS, "--format")
        _choice(options["audience"], AUDIENCES, "--audience")
        _choice(options["area"], AREAS, "--area")
        if not options["output"]:
            raise CommandError(_("Say where to write the report: --output FILE."))
        try:
            period = parse(options["period"])
        except PeriodError as exc:
            raise CommandError(str(exc)) from None
        province_id = None
        if options["province"]:
            province = Province.objects.filter(iso_code=options["province"].strip().upper()).first()
            if province is None:
                raise CommandError(
                    _("No province has the code “%(code)s” (examples: LA-VT, LA-SV).")
                    % {"code": options["province"]}
                )
            province_id = province.pk
        return ReportSpec(
            period=period,
            scope=Scope(province_id=province_id, area=options["area"]),
            language=options["language"],
            suppressed=options["audience"] == "public",
            format=options["format"],
        )


def _choice(value: str, allowed: tuple[str, ...], option: str) -> None:
    if value not in allowed:
        raise CommandError(
            _("%(option)s must be one of: %(allowed)s (not “%(value)s”).")
            % {"option": option, "allowed": ", ".join(allowed), "value": value}
        )
