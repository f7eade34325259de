"""Filters of the person list: sex, age group, arrival group, case status, province of origin,
and the persons identified as victims in a period and province (the list behind the indicator
dashboard's number; formal identifications are read through the reverse relation
`identifications`, like the cases).

Cases live on a higher floor: the case status is read through the reverse relation `cases` on
Person (its model and choices come from the ORM's meta data, never from an import), and only the
cases the user may see count (the access policy's `cases_visible_to`).
"""

from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Min, Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pokpong.accounts.models import User
from pokpong.accounts.policy import cases_visible_to
from pokpong.core.forms import LaoDateField, ModelChoiceField, typed_field
from pokpong.people.models import ArrivalGroup, Person, Sex
from pokpong.places.models import Province

CASES = "cases"  # the reverse relation of Case.person
IDENTIFICATIONS = "identifications"  # the reverse relation of cases.Identification.person
VICTIM = "victim"  # cases.IdentificationDecision.VICTIM
NO_CASE = "none"
AGE_GROUPS = [
    ("", "—"),
    ("child", _("Under 18")),
    ("young", _("18 to 24")),
    ("adult", _("25 and over")),
    ("unknown", _("Age unknown")),
]


def _case_model() -> type[Model] | None:
    try:
        model = Person._meta.get_field(CASES).related_model
    except FieldDoesNotExist:  # the cases app is not installed
        return None
    return model if isinstance(model, type) else None


def _case_status_choices() -> list[tuple[str, Any]]:
    model = _case_model()
    if model is None:
        return [("", "—")]
    status = model._meta.get_field("status")
    statuses = list(getattr(status, "choices", None) or [])
    return [("", "—"), *statuses, (NO_CASE, _("No case"))]


def _age_q(group: str) -> Q:
    year = timezone.localdate().year
    return {
        "child": Q(birth_year__gt=year - 18),
        "young": Q(birth_year__lte=year - 18, birth_year__gt=year - 25),
        "adult": Q(birth_year__lte=year - 25),
        "unknown": Q(birth_year__isnull=True),
    }[group]


class PersonFilterForm(forms.Form):
    """A value that does not parse is left out (the list never answers an error)."""

    sex = forms.ChoiceField(label=_("Sex"), required=False, choices=[("", "—"), *Sex.choices])
    age = forms.ChoiceField(label=_("Age group"), required=False, choices=AGE_GROUPS)
    group = ModelChoiceField(
        label=_("Arrival group"),
        required=False,
        queryset=ArrivalGroup.objects.none(),
        empty_label="—",
    )
    case_status = forms.ChoiceField(label=_("Case status"), required=False, choices=[])
    origin = ModelChoiceField(
        label=_("Province of origin"),
        required=False,
        queryset=Province.objects.all(),
        empty_label="—",
    )

    identified_since = LaoDateField(label=_("Identified as a victim from"), required=False)
    identified_until = LaoDateField(label=_("Identified as a victim until"), required=False)
    identified_province = ModelChoiceField(
        label=_("Province of the record"),
        required=False,
        queryset=Province.objects.all(),
        empty_label="—",
    )

    def __init__(self, *args: Any, groups: QuerySet[ArrivalGroup], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        typed_field(self, "group", ModelChoiceField).queryset = groups
        typed_field(self, "case_status", forms.ChoiceField).choices = _case_status_choices()

    def chosen(self) -> dict[str, Any]:
        """The filters given and valid."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v}

    def apply(self, persons: QuerySet[Person], *, user: User) -> QuerySet[Person]:
        chosen = self.chosen()
        if "sex" in chosen:
            persons = persons.filter(sex=chosen["sex"])
        if "age" in chosen:
            persons = persons.filter(_age_q(chosen["age"]))
        if "group" in chosen:
            persons = persons.filter(arrival_group=chosen["group"])
        if "origin" in chosen:
            persons = persons.filter(origin_province=chosen["origin"])
        if "case_status" in chosen:
            persons = _with_case_status(persons, user=user, status=chosen["case_status"])
        if "identified_province" in chosen:
            persons = persons.filter(province=chosen["identified_province"])
        return _identified(persons, chosen)


def _identified(persons: QuerySet[Person], chosen: dict[str, Any]) -> QuerySet[Person]:
    """Persons first identified as victims between the dates given (one or both): the new
    victims the indicator counts, each once, in the period of their first `victim` decision."""
    bounds = {
        "first_identified__gte": chosen.get("identified_since"),
        "first_identified__lte": chosen.get("identified_until"),
    }
    condition = {key: day for key, day in bounds.items() if day}
    if not condition:
        return persons
    first = Min(
        IDENTIFICATIONS + "__decided_on", filter=Q(**{IDENTIFICATIONS + "__decision": VICTIM})
    )
    return persons.annotate(first_identified=first).filter(**condition)


def _with_case_status(persons: QuerySet[Person], *, user: User, status: str) -> QuerySet[Person]:
    model = _case_model()
    if model is None:
        return persons
    cases = cases_visible_to(user, model._default_manager.all())
    if status == NO_CASE:
        return persons.exclude(pk__in=cases.values("person_id"))
    return persons.filter(pk__in=cases.filter(status=status).values("person_id"))
