"""Cross-app effects without upward imports: the owning app announces, higher apps subscribe.

A lower app (cases) must not call a higher one (referrals), yet closing a case has to end the
referrals that build on it. The lower app declares an `Event` and announces it from its service,
inside the same transaction; the higher app subscribes its own service in `AppConfig.ready()`.
Each effect is thus written by the app that owns the records it changes. Explicit and typed
(not Django signals, never on model saves): `subscribers()` lists who listens, for the docs and
the tests.
"""

from collections.abc import Callable
from typing import Any, Generic, TypeVar

_R = TypeVar("_R")


class Event(Generic[_R]):
    """`Event[int]`: an event whose subscribers each return an int."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._subscribers: list[Callable[..., _R]] = []

    def subscribe(self, handler: Callable[..., _R]) -> None:
        if handler not in self._subscribers:
            self._subscribers.append(handler)

    def subscribers(self) -> list[Callable[..., _R]]:
        return list(self._subscribers)

    def announce(self, **kwargs: Any) -> list[_R]:
        """Call every subscriber with the keyword arguments; their results, in order."""
        return [handler(**kwargs) for handler in self._subscribers]

    def __repr__(self) -> str:
        return f"Event({self.name!r})"
