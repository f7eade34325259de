"""Files the import pages hand out: the empty templates (XLSX and CSV, headers in Lao and
English, with the explanation of every column) and the row errors of an import as CSV."""

import csv
import io
from collections.abc import Sequence

from django.utils import translation
from django.utils.translation import gettext as _

from pokpong.core.importing import Column, csv_safe, template_headers


def _explanation(columns: Sequence[Column]) -> list[list[str]]:
    """One line per column: its header, whether it is required, what it accepts (Lao, English)."""
    lines = []
    for column, header in zip(columns, template_headers(columns), strict=True):
        line = [header]
        for language in ("lo", "en"):
            with translation.override(language):
                required = _("required") if column.required else _("optional")
                line += [required, column.allowed_text()]
        lines.append(line)
    return lines


def _explanation_header() -> list[str]:
    header = [_("Column")]
    for language in ("lo", "en"):
        with translation.override(language):
            header += [_("Required?"), _("Allowed values")]
    return header


def template_xlsx(columns: Sequence[Column]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    data = book.worksheets[0]
    data.title = "Data"
    data.append(template_headers(columns))
    notes = book.create_sheet("Explanation")
    notes.append(_explanation_header())
    for line in _explanation(columns):
        notes.append(line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_csv(columns: Sequence[Column]) -> str:
    """The headers, then the explanation as lines starting with "#" (skipped on import)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(template_headers(columns))
    writer.writerow(["# " + " | ".join(_explanation_header())])
    for line in _explanation(columns):
        writer.writerow(["# " + " | ".join(line)])
    return "\ufeff" + out.getvalue()  # Excel opens Lao text correctly only with the BOM


def errors_csv(errors: list[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Row"), _("Column"), _("Problem")])
    for row, column, message in errors:
        writer.writerow([row, csv_safe(column), csv_safe(message)])
    return "\ufeff" + out.getvalue()
