"""What a phone sends for one record: the envelope (who, what, which record) around the fields of
the online form, which the online form itself then validates."""

import json
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from pokpong.core.forms import LaoIntegerField
from pokpong.offline.models import Resolution, SubmissionKind

MAX_FIELDS = 100
MAX_VALUE = 10_000  # characters of one field's value


class EnvelopeForm(forms.Form):
    client_id = forms.UUIDField()
    kind = forms.ChoiceField(choices=SubmissionKind.choices)
    # A screening: the person registered offline (their draft's client id) or an existing code.
    person_ref = forms.UUIDField(required=False)
    person_code = forms.CharField(required=False, max_length=40)
    arrival_group = LaoIntegerField(required=False, min_value=1, max_value=2**31 - 1)
    visit = LaoIntegerField(required=False, min_value=1, max_value=2**31 - 1)
    # The follow-up visit as the phone saw it when it was prepared (visit_stamp).
    base = forms.CharField(required=False, max_length=100)


def _plain(value: Any) -> str | None:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, int | float | str):
        text = str(value)
        return text if len(text) <= MAX_VALUE else None
    return None


def form_data(fields: Any) -> QueryDict | None:
    """The record's fields as a form would post them; None for anything else (never a 500)."""
    if not isinstance(fields, dict) or len(fields) > MAX_FIELDS:
        return None
    data = QueryDict(mutable=True)
    for name, value in fields.items():
        values = value if isinstance(value, list) else [value]
        plain = [_plain(v) for v in values]
        if not isinstance(name, str) or len(values) > MAX_FIELDS or None in plain:
            return None
        data.setlist(name, [p for p in plain if p is not None])
    return data


def parse_body(body: bytes) -> tuple[EnvelopeForm, QueryDict] | None:
    """The envelope and the record's fields of a sync request; None when it is not one."""
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(payload, dict):
        return None
    envelope = EnvelopeForm({k: v for k, v in payload.items() if isinstance(v, str | int)})
    data = form_data(payload.get("fields", {}))
    if data is None or not envelope.is_valid():
        return None
    return envelope, data


class ResolveForm(forms.Form):
    resolution = forms.ChoiceField(
        label=_("What to keep"), choices=Resolution.choices, widget=forms.RadioSelect
    )
