"""The kinds of export: one entry per kind, registered by the app (`exchange.apps`).

A kind says what it is called, who may ask for it (a function of `accounts.policy`), the form of
its parameters, and how its file is built. The pages, the service and the task read only this
registry, so a new kind (HTCDS …) is one module and one `export_kind_register()` call:

    export_kind_register(ExportKind(
        code="ctdc", label=_("CTDC Global Dataset"), description=_("…"),
        may_request=can_export_ctdc, form_class=CtdcForm, build=ctdc_build))
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django import forms
from django.utils.functional import Promise

from pokpong.accounts.models import User

Progress = Callable[[int], None]  # percent done, 0–100


@dataclass(frozen=True)
class BuiltFile:
    """What a builder returns: the file's bytes and name, and what it reports (counts …)."""

    content: bytes
    filename: str
    content_type: str
    summary: dict[str, Any] = field(default_factory=dict)


class Builder(Protocol):
    def __call__(
        self, *, requested_by: User, parameters: dict[str, Any], progress: Progress
    ) -> BuiltFile: ...


class ParametersForm(forms.Form):
    """The form of a kind's parameters: `parameters()` gives what the request keeps (JSON)."""

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def parameters(self) -> dict[str, Any]:
        return {}


@dataclass(frozen=True)
class ExportKind:
    code: str  # short, stable: kept on every request (`ExportRequest.kind`)
    label: str | Promise
    description: str | Promise
    may_request: Callable[[User], bool]  # a function of accounts.policy
    form_class: type[ParametersForm]
    build: Builder
    # Every export file is encrypted at rest; `per_record` says whether it holds one row per
    # person or case (shown on the page, and the reason the file is encrypted at all).
    per_record: bool = True
    # The builder's summary in words, for the list of exports (in the reader's language).
    summary_lines: Callable[[dict[str, Any]], list[str]] = lambda summary: []


_KINDS: dict[str, ExportKind] = {}


def export_kind_register(kind: ExportKind) -> None:
    _KINDS[kind.code] = kind


def export_kinds() -> list[ExportKind]:
    return list(_KINDS.values())


def export_kind(code: str) -> ExportKind | None:
    return _KINDS.get(code)


def export_kinds_for(user: User) -> list[ExportKind]:
    """The kinds the user may ask for, in the order they were registered."""
    return [kind for kind in _KINDS.values() if kind.may_request(user)]
