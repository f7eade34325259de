"""Prevention activities: one row is an awareness activity, checked by the page's ActivityForm
and written by `activity_record`, each row inside the user's area. The same activity twice
(type, date, place) — in the file or already recorded — is flagged as a possible duplicate."""

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pokpong.accounts.models import User
from pokpong.accounts.policy import can_import_activities_in
from pokpong.core.importing import (
    Column,
    Problem,
    Row,
    choice_aliases,
    date_text,
    form_problems,
    norm,
)
from pokpong.imports.types import (
    Checked,
    Flag,
    Places,
    allowed_labels,
    missing_values,
    new_problems,
    resolve,
)
from pokpong.prevention.forms import ActivityForm
from pokpong.prevention.models import ActivityType, AwarenessActivity
from pokpong.prevention.services import ActivityDetails, activity_record

COLUMNS = (
    "type",
    "held_on",
    "province",
    "district",
    "village",
    "topics",
    "materials",
    "girls",
    "boys",
    "women",
    "men",
)
REQUIRED = {"type", "held_on", "province"}


def _columns() -> list[Column]:
    fields = ActivityForm.base_fields
    count = gettext_lazy("A whole number (0 if none)")
    allowed: dict[str, Any] = {
        "type": lambda: allowed_labels(ActivityType.choices),
        "held_on": gettext_lazy("dd/mm/yyyy or yyyy-mm-dd; Buddhist-era years (2568) accepted"),
        "province": gettext_lazy("Province: code (LA-SL) or name"),
        "district": gettext_lazy("District: code or name"),
        "girls": count,
        "boys": count,
        "women": count,
        "men": count,
    }
    return [Column(n, fields[n].label, n in REQUIRED, allowed.get(n, "")) for n in COLUMNS]


def _key(details: ActivityDetails) -> tuple[Any, ...]:
    return (
        details.type,
        details.held_on,
        details.province.pk,
        details.district.pk if details.district else None,
        norm(details.village),
    )


class ActivitiesImport:
    kind = "activities"

    def __init__(self, user: User) -> None:
        self.user = user
        self.places = Places.load()
        self.types = choice_aliases(ActivityType.choices)
        self.areas: dict[tuple[int, int | None], bool] = {}  # the policy's answer by place
        self.column_list = self.columns()
        self.labels = {c.name: c.label for c in self.column_list}

    def columns(self) -> list[Column]:
        return _columns()

    def check(self, row: Row) -> tuple[list[Problem], Checked | None]:
        problems = row.problems + missing_values(self.column_list, row.values)
        values = row.values
        data: dict[str, Any] = dict(values)
        for name in ("girls", "boys", "women", "men"):
            data.setdefault(name, "0")
        if "held_on" in values:
            data["held_on"] = date_text(values["held_on"])
        resolve(values, data, problems, self.labels, "type", self.types)
        resolve(values, data, problems, self.labels, "province", self.places.provinces)
        if values.get("district"):
            found = self.places.district(values["district"], data.get("province"))
            if found is None:
                resolve(values, data, problems, self.labels, "district", {})
            else:
                data["district"] = found
        form = ActivityForm(data)
        if not form.is_valid():
            problems += new_problems(problems, form_problems(form, values, self.labels))
        if problems:
            return problems, None
        details = ActivityDetails(**form.cleaned_data)
        place = (details.province.pk, details.district.pk if details.district else None)
        if place not in self.areas:
            self.areas[place] = can_import_activities_in(
                self.user, province_id=place[0], district_id=place[1]
            )
        if not self.areas[place]:
            label = str(self.labels["province"])
            return [Problem(label, _("This province is outside your area."))], None
        if not (details.girls + details.boys + details.women + details.men):
            return [
                Problem("", _("Count the participants: at least one person was reached."))
            ], None
        return [], Checked(row.number, details)

    def duplicates(self, checked: Sequence[Checked]) -> list[Flag]:
        flags: list[Flag] = []
        first: dict[tuple[Any, ...], int] = {}
        dates = {c.data.held_on for c in checked}
        recorded: dict[tuple[Any, ...], int] = {}
        existing = AwarenessActivity.objects.filter(held_on__in=dates, voided_at=None)
        for pk, kind, held_on, province, district, village in existing.values_list(
            "pk", "type", "held_on", "province_id", "district_id", "village"
        ).iterator():
            recorded.setdefault((kind, held_on, province, district, norm(village)), pk)
        for c in checked:
            key = _key(c.data)
            if key in first:
                flags.append(Flag(row=c.number, same_as_row=first[key], label=str(first[key])))
                continue
            first[key] = c.number
            if key in recorded:
                flags.append(Flag(row=c.number, label=_("an activity already recorded")))
        return flags

    def write(self, checked: Checked) -> None:
        activity_record(user=self.user, details=checked.data)
