"""Registry of the panels a higher app adds to a lower app's page (explicit; no signals).

A person's page belongs to `people`, but what hangs on a person (cases, screenings, consents)
belongs to apps built on it. Those apps register a panel for the page in `AppConfig.ready()`:
a function giving the panel's context for the user and the record (None: nothing to show), and
the template rendering it. The page's view renders every registered panel in order, so the
lower app never imports the higher ones.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Panel:
    page: str  # the page it belongs to, e.g. "person"
    key: str
    template: str
    # (user, record, sections the policy lets the user see) → the panel's context, or None.
    context: Callable[[Any, Any, frozenset[str]], dict[str, Any] | None]
    order: int = 100


_REGISTRY: dict[tuple[str, str], Panel] = {}


def panel_register(panel: Panel) -> None:
    key = (panel.page, panel.key)
    if key in _REGISTRY and _REGISTRY[key] != panel:
        raise ValueError(f"Panel {panel.key!r} of page {panel.page!r} is registered twice.")
    _REGISTRY[key] = panel


def panels_render_list(
    page: str, *, user: Any, record: Any, sections: frozenset[str]
) -> list[tuple[str, dict[str, Any]]]:
    """(template, context) of each panel of the page that has something to show, in order."""
    shown = []
    for panel in sorted(_REGISTRY.values(), key=lambda p: (p.order, p.key)):
        if panel.page != page:
            continue
        context = panel.context(user, record, sections)
        if context is not None:
            shown.append((panel.template, context))
    return shown
