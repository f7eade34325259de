"""`manage.py indicator_report`: files written, clear errors in the chosen language, no traceback
(the process exits non-zero with a message)."""

from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from pokpong.monitoring.tests.reports_world import build_world

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("indicator_report", *args, stdout=out)
    return out.getvalue()


def victims_row(path: Path) -> tuple:
    sheet = load_workbook(BytesIO(path.read_bytes())).worksheets[0]
    return next(row for row in sheet.iter_rows(values_only=True) if row[0] == "CUSTOM-1")


def test_writes_an_internal_workbook_for_a_province(tmp_path):
    build_world()
    target = tmp_path / "vt.xlsx"
    said = run(
        "--period",
        "2026Q4",
        "--province",
        "la-vt",
        "--audience",
        "internal",
        "--language",
        "en",
        "--output",
        str(target),
    )
    assert str(target) in said
    assert victims_row(target)[3] == 9


def test_public_fiscal_year_workbook_hides_the_small_total(tmp_path):
    build_world()
    target = tmp_path / "fy.xlsx"
    run("--period", "FY2026", "--audience", "public", "--output", str(target))
    assert victims_row(target)[3] == "<5"  # 2 victims in October 2025 – September 2026


def test_writes_a_pdf(tmp_path):
    build_world()
    target = tmp_path / "r.pdf"
    run("--period", "FY2026Q1", "--format", "pdf", "--output", str(target))
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2026Q5"], "“2026Q5” is not a period"),
        (["--period", "2026Q4", "--province", "LA-XX"], "No province has the code “LA-XX”"),
        (["--period", "2026Q4", "--format", "docx"], "--format must be one of: xlsx, pdf"),
        (["--period", "2026Q4", "--audience", "press"], "--audience must be one of"),
    ],
)
def test_bad_input_is_a_clear_error_in_english(tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args, "--language", "en", "--output", str(tmp_path / "x.xlsx")) if (
            "--language" not in args
        ) else run(*args, "--output", str(tmp_path / "x.xlsx"))
    assert not (tmp_path / "x.xlsx").exists()


def test_an_unknown_language_is_refused_in_the_default_language(tmp_path):
    from django.utils import translation

    with translation.override("lo"):
        expected = translation.gettext("%(option)s must be one of: %(allowed)s (not “%(value)s”).")
    with pytest.raises(CommandError) as raised:
        run("--period", "2026Q4", "--language", "fr", "--output", str(tmp_path / "x.xlsx"))
    assert str(raised.value) == expected % {
        "option": "--language",
        "allowed": "lo, en",
        "value": "fr",
    }


def test_missing_output_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="--output FILE"):
        run("--period", "2026Q4", "--language", "en")


def test_a_bad_period_is_explained_in_lao(tmp_path, settings):
    # The period message is in the Lao catalogue (periods.py); the command answers in Lao.
    from django.utils import translation

    with translation.override("lo"):
        from pokpong.monitoring.periods import PeriodError, parse

        with pytest.raises(PeriodError) as expected:
            parse("20X6")
    with pytest.raises(CommandError) as raised:
        run("--period", "20X6", "--output", str(tmp_path / "x.xlsx"))
    assert str(raised.value) == str(expected.value)


def test_an_unwritable_output_is_a_clear_error(tmp_path):
    build_world()
    with pytest.raises(CommandError, match="Cannot write"):
        run("--period", "2026Q4", "--language", "en", "--output", str(tmp_path / "no" / "x.xlsx"))


def test_no_traceback_from_the_command_line(tmp_path):
    import subprocess
    import sys

    done = subprocess.run(  # noqa: S603 (our own command, fixed arguments)
        [
            sys.executable,
            "manage.py",
            "indicator_report",
            "--period",
            "nope",
            "--language",
            "en",
            "--output",
            str(tmp_path / "x.xlsx"),
        ],
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "“nope” is not a period" in done.stderr
