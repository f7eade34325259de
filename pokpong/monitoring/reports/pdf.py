"""The indicator report as a PDF (WeasyPrint, the bundled Lao font embedded), with a bar chart of
each indicator's quarterly trend drawn as inline SVG (colours as SVG attributes: WeasyPrint does
not apply CSS `fill`/`stroke` to inline SVG)."""

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from pokpong.core.pdf import render_pdf
from pokpong.monitoring.reports import Figures, headline, unit_label
from pokpong.monitoring.results import SUPPRESSED_TEXT, Cell

WIDTH, HEIGHT, BASE = 400, 120, 96  # viewBox units; bars stand on the line y=BASE


def svg_bars(bars: Sequence[tuple[str, Cell]], *, title: str) -> SafeString:
    """Vertical bars, one per (label, cell), the value written above each. A hidden ("<5") or
    unknown value draws no bar (its length would give the number away) and the scale is taken
    from the shown values only."""
    largest = max((c.value or 0 for _l, c in bars if not c.suppressed), default=0)
    step = WIDTH / max(len(bars), 1)
    parts = []
    for index, (label, cell) in enumerate(bars):
        shown = not cell.suppressed and bool(cell.value) and largest > 0
        height = max(70 * (cell.value or 0) / largest, 1.5) if shown else 0.0
        x = step * index + step * 0.2
        parts.append(
            format_html(
                '<rect fill="#0b5d6b" x="{}" y="{}" width="{}" height="{}"/>'
                '<text x="{}" y="{}" text-anchor="middle" font-size="10" fill="#12343b">{}</text>'
                '<text x="{}" y="{}" text-anchor="middle" font-size="10" fill="#12343b">{}</text>',
                f"{x:.1f}",
                f"{BASE - height:.1f}",
                f"{step * 0.6:.1f}",
                f"{height:.1f}",
                f"{x + step * 0.3:.1f}",
                f"{BASE - height - 4:.1f}",
                SUPPRESSED_TEXT if cell.suppressed else cell.shown,
                f"{x + step * 0.3:.1f}",
                BASE + 14,
                label,
            )
        )
    return format_html(
        '<svg class="bars" viewBox="0 0 {} {}" role="img" '
        'xmlns="http://www.w3.org/2000/svg">'
        "<title>{}</title>"
        '<line x1="0" y1="{}" x2="{}" y2="{}" stroke="#12343b" stroke-width="0.8"/>{}</svg>',
        WIDTH,
        HEIGHT,
        title,
        BASE,
        WIDTH,
        BASE,
        format_html_join("", "{}", ((p,) for p in parts)),
    )


def _shown(value: int | float | str) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}"
    return f"{value:,}" if isinstance(value, int) else value


def build_pdf(figures: Figures) -> bytes:
    sections = [
        {
            "result": result,
            "unit": unit_label(result.unit),
            "value": _shown(headline(result)),
            "chart": svg_bars(
                [(q.period.code, q.total) for q in figures.quarters.get(result.code, [])],
                title=result.name,
            ),
        }
        for result in figures.results
    ]
    context = {"figures": figures, "spec": figures.spec, "sections": sections}
    return render_pdf("monitoring/report_pdf.html", context)
