"""Registry of the inbox sections (explicit, like the reference lists; no signals).

Each feature app registers, in its `AppConfig.ready()`, the sections of work it knows about:
what to list for a user, the partial that renders one item, and the reminder line for the daily
e-mail. The desk (top floor) builds the inbox page and the reminders from them, so the apps that
own the records never import the desk, and the desk needs no knowledge of their models.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class InboxSection:
    key: str
    title: Promise
    # The app's selector of the items waiting for the user, called `items(user=…, limit=…)`:
    # at most `limit` (the user is a signed-in accounts.User).
    items: Callable[..., Sequence[Any]]
    # Renders one item as an <li>; gets `item`, `now` and `today`.
    item_template: str
    # The reminder e-mail's line: ngettext_lazy(singular, plural, "count"), see `reminder_for`
    # (a function of the count is still accepted, for sections written before).
    reminder: Promise | Callable[[int], str]
    order: int = 100
    # False for a list of standing work (the user's open cases): on the home page and in the
    # inbox, but neither in the daily reminder nor in the menu's count.
    is_task: bool = True

    def reminder_for(self, count: int) -> str:
        """The reminder line for `count` items, pluralised in the active language."""
        if callable(self.reminder):
            return self.reminder(count)
        return str(self.reminder % {"count": count})


_REGISTRY: dict[str, InboxSection] = {}


def register(section: InboxSection) -> None:
    if section.key in _REGISTRY and _REGISTRY[section.key] != section:
        raise ValueError(f"Inbox section {section.key!r} is registered twice.")
    _REGISTRY[section.key] = section


def inbox_sections() -> list[InboxSection]:
    return sorted(_REGISTRY.values(), key=lambda s: (s.order, s.key))
