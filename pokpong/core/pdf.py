"""Printouts as PDF: WeasyPrint with the system's Lao font embedded, never kept in a cache.

The look is static/css/print.css (Noto Sans Lao from Debian's fonts-noto-core, then Phetsarath
OT), passed to WeasyPrint as a stylesheet: the templates hold no inline style.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

STATIC_DIR = Path(settings.BASE_DIR) / "static"
PRINT_CSS = STATIC_DIR / "css" / "print.css"


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import CSS, HTML  # needs the Pango system library; imported only when used
    from weasyprint.text.fonts import FontConfiguration

    html = render_to_string(template, context)
    document = HTML(string=html, base_url=str(STATIC_DIR))
    # Without a font configuration shared by the stylesheet and the document, WeasyPrint
    # ignores the stylesheet's @font-face and falls back on whatever fonts the system has.
    fonts = FontConfiguration()
    stylesheet = CSS(filename=str(PRINT_CSS), font_config=fonts)
    pdf: bytes = document.write_pdf(stylesheets=[stylesheet], font_config=fonts)  # untyped
    return pdf


def pdf_response(template: str, context: dict[str, Any], *, filename: str) -> HttpResponse:
    """A download of personal data: shown inline, and kept by no cache on the way or the phone."""
    response = HttpResponse(render_pdf(template, context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
