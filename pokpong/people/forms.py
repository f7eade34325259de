"""Registration forms: fast on a phone, Lao digits accepted, nothing half-saved."""

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from pokpong.core.forms import (
    LaoCharField,
    LaoDateField,
    LaoIntegerField,
    ModelChoiceField,
    ModelForm,
    PlaceChoiceField,
)
from pokpong.people.models import (
    ArrivalGroup,
    BirthDatePrecision,
    DocumentType,
    EthnicGroup,
    GuardianRelationship,
    Language,
    Script,
    Sex,
    Title,
)
from pokpong.people.services import (
    PERSON_FIELDS,
    AliasDetails,
    DocumentDetails,
    PersonDetails,
)
from pokpong.places.forms import country_field
from pokpong.places.models import District, Province


class BirthFieldsMixin(forms.Form):
    """Date of birth, or year of birth, or an estimated age: many people know only the year."""

    birth_date = LaoDateField(
        label=_("Date of birth"), required=False, help_text=_("dd/mm/yyyy, if known exactly.")
    )
    birth_year = LaoIntegerField(
        label=_("Year of birth"),
        required=False,
        min_value=1900,
        help_text=_("If only the year is known."),
    )
    age_estimate = LaoIntegerField(
        label=_("Estimated age"),
        required=False,
        min_value=0,
        max_value=120,
        help_text=_("If neither is known."),
    )

    def clean_birth(self, data: dict[str, Any]) -> None:
        today = timezone.localdate()
        born_on, year, age = (
            data.get("birth_date"),
            data.get("birth_year"),
            data.get("age_estimate"),
        )
        if born_on and born_on > today:
            self.add_error("birth_date", _("The date of birth is in the future."))
        if year and year > today.year:
            self.add_error("birth_year", _("The year of birth is in the future."))
        if born_on:
            data.update(
                birth_date=born_on.isoformat(),
                birth_year=born_on.year,
                birth_date_precision=BirthDatePrecision.EXACT,
            )
        elif year:
            data.update(birth_date="", birth_date_precision=BirthDatePrecision.YEAR)
        elif age is not None:
            data.update(
                birth_date="",
                birth_year=today.year - age,
                birth_date_precision=BirthDatePrecision.ESTIMATED,
            )
        else:
            data.update(birth_date="", birth_year=None, birth_date_precision="")
        data.pop("age_estimate", None)


def sex_field() -> forms.ChoiceField:
    """Sex with nothing chosen beforehand: a default would be kept by hurried entries."""
    return forms.ChoiceField(
        label=_("Sex"),
        choices=[("", "—"), *Sex.choices],
        error_messages={"required": _("Choose the person's sex.")},
    )


def _names_given(data: dict[str, Any]) -> bool:
    return any(
        data.get(f)
        for f in ("given_name_lo", "family_name_lo", "given_name_latin", "family_name_latin")
    )


class PersonForm(BirthFieldsMixin):
    title = forms.ChoiceField(label=_("Title"), choices=Title.choices, required=False)
    given_name_lo = forms.CharField(label=_("Given name (Lao script)"), required=False)
    family_name_lo = forms.CharField(
        label=_("Family name (Lao script)"),
        required=False,
        help_text=_("Leave empty if the person has no family name."),
    )
    given_name_latin = forms.CharField(label=_("Given name (Latin script)"), required=False)
    family_name_latin = forms.CharField(label=_("Family name (Latin script)"), required=False)
    other_names = forms.CharField(
        label=_("Other spellings or names"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line, e.g. Souksavan Phommachan."),
    )
    sex = sex_field()
    nationality = country_field(label=_("Nationality"), required=False)
    ethnic_group = ModelChoiceField(
        label=_("Ethnic group"), required=False, queryset=EthnicGroup.objects.filter(is_active=True)
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    origin_province = ModelChoiceField(
        label=_("Province of origin"), required=False, queryset=Province.objects.all()
    )
    origin_district = PlaceChoiceField(
        label=_("District of origin"),
        required=False,
        queryset=District.objects.filter(is_active=True).select_related("province"),
        within="origin_province",
    )
    origin_village = forms.CharField(label=_("Village of origin"), required=False)
    phone = LaoCharField(
        label=_("Phone"), required=False, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    guardian_name = forms.CharField(
        label=_("Guardian's name"),
        required=False,
        help_text=_("For a child: the parent or guardian."),
    )
    guardian_relationship = forms.ChoiceField(
        label=_("Guardian's relationship"), required=False, choices=GuardianRelationship.choices
    )
    guardian_phone = LaoCharField(
        label=_("Guardian's phone"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    document_type = forms.ChoiceField(
        label=_("Identity document"), required=False, choices=[("", "—"), *DocumentType.choices]
    )
    document_number = LaoCharField(label=_("Document number"), required=False)
    document_country = country_field(label=_("Issued by"), required=False)

    field_order = [
        "title",
        "given_name_lo",
        "family_name_lo",
        "given_name_latin",
        "family_name_latin",
        "other_names",
        "sex",
        "birth_date",
        "birth_year",
        "age_estimate",
        "nationality",
        "ethnic_group",
        "languages",
        "origin_province",
        "origin_district",
        "origin_village",
        "phone",
        "guardian_name",
        "guardian_relationship",
        "guardian_phone",
        "document_type",
        "document_number",
        "document_country",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("given_name_lo", "family_name_lo", "given_name_latin", "family_name_latin"):
            self.fields[name].widget.attrs.update({"class": "name-input", "autocomplete": "off"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not _names_given(data):
            raise forms.ValidationError(_("Give at least one name, in Lao or Latin script."))
        self.clean_birth(data)
        district, province = data.get("origin_district"), data.get("origin_province")
        if district and province and district.province_id != province.pk:
            self.add_error("origin_district", _("The district is not in the chosen province."))
        if data.get("document_number") and not data.get("document_type"):
            self.add_error("document_type", _("Say which document the number belongs to."))
        return data

    def aliases(self) -> list[AliasDetails]:
        """Each line of "other names": given name first, then the rest as family name."""
        result = []
        for line in (self.cleaned_data.get("other_names") or "").splitlines():
            parts = line.split(maxsplit=1)
            if not parts:
                continue
            script = Script.LAO if any("\u0e80" <= ch <= "\u0eff" for ch in line) else Script.LATIN
            result.append(
                AliasDetails(
                    script=script,
                    given_name=parts[0],
                    family_name=parts[1] if len(parts) > 1 else "",
                )
            )
        return result

    def documents(self) -> list[DocumentDetails]:
        data = self.cleaned_data
        if not data.get("document_number"):
            return []
        return [
            DocumentDetails(
                type=data["document_type"],
                number=data["document_number"],
                issuing_country=data.get("document_country"),
            )
        ]

    @classmethod
    def initial_for(cls, person: Any) -> dict[str, Any]:
        """The form's starting values for an existing person (birth as it was entered)."""
        birth = {"birth_date", "birth_year", "birth_date_precision", "arrival_group"}
        initial = {name: getattr(person, name) for name in PERSON_FIELDS if name not in birth}
        initial["other_names"] = "\n".join(a.full_name for a in person.aliases.all())
        initial["version"] = person.version
        if person.birth_date_precision == BirthDatePrecision.EXACT and person.birth_date:
            initial["birth_date"] = dt.date.fromisoformat(person.birth_date)
        elif person.birth_year:
            initial["birth_year"] = person.birth_year
        return initial

    def person_details(self) -> PersonDetails:
        skip = {"other_names", "document_type", "document_number", "document_country", "version"}
        return PersonDetails(**{k: v for k, v in self.cleaned_data.items() if k not in skip})


class PersonEditForm(PersonForm):
    """The person form for a change: it carries the version it was opened at."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)


class QuickPersonForm(BirthFieldsMixin):
    """One returnee of an arrival group: the few fields needed at the border."""

    given_name_lo = forms.CharField(label=_("Given name (Lao script)"), required=False)
    family_name_lo = forms.CharField(label=_("Family name (Lao script)"), required=False)
    given_name_latin = forms.CharField(label=_("Given name (Latin script)"), required=False)
    family_name_latin = forms.CharField(label=_("Family name (Latin script)"), required=False)
    sex = sex_field()
    origin_province = ModelChoiceField(
        label=_("Province of origin"), required=False, queryset=Province.objects.all()
    )
    phone = LaoCharField(
        label=_("Phone"), required=False, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )

    add_anyway = forms.BooleanField(
        label=_("This is a different person: add anyway"), required=False
    )

    field_order = [
        "given_name_lo",
        "family_name_lo",
        "given_name_latin",
        "family_name_latin",
        "sex",
        "birth_year",
        "age_estimate",
        "birth_date",
        "origin_province",
        "phone",
        "add_anyway",
    ]

    def __init__(self, *args: Any, confirming: bool = False, **kwargs: Any) -> None:
        """`confirming`: the form answers a duplicate warning, so it shows "add anyway"."""
        super().__init__(*args, **kwargs)
        for name in ("given_name_lo", "family_name_lo", "given_name_latin", "family_name_latin"):
            self.fields[name].widget.attrs.update({"class": "name-input", "autocomplete": "off"})
        if not confirming and not self.data.get("add_anyway"):
            del self.fields["add_anyway"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not _names_given(data):
            raise forms.ValidationError(_("Give at least one name, in Lao or Latin script."))
        self.clean_birth(data)
        return data

    def confirmed(self) -> bool:
        return bool(self.cleaned_data.get("add_anyway"))

    def check_data(self) -> dict[str, Any]:
        """What the duplicate check reads: the names, the year of birth and the sex."""
        names = ("given_name_lo", "family_name_lo", "given_name_latin", "family_name_latin")
        data = {name: self.cleaned_data.get(name) or "" for name in names}
        return {
            **data,
            "birth_year": self.cleaned_data.get("birth_year"),
            "sex": self.cleaned_data["sex"],
        }

    def person_details(self) -> PersonDetails:
        return PersonDetails(**{k: v for k, v in self.cleaned_data.items() if k != "add_anyway"})


class ArrivalGroupForm(ModelForm[ArrivalGroup]):
    arrived_on = LaoDateField(label=_("Arrival date"), initial=timezone.localdate)
    expected_count = LaoIntegerField(
        label=_("Number of persons expected"), required=False, min_value=1
    )
    returned_from = country_field(label=capfirst(_("returned from")))

    class Meta:
        model = ArrivalGroup
        fields = [
            "arrived_on",
            "border_point",
            "returned_from",
            "escorting_agency",
            "expected_count",
        ]

    def clean_arrived_on(self) -> dt.date:
        arrived_on: dt.date = self.cleaned_data["arrived_on"]
        if arrived_on > timezone.localdate():
            raise forms.ValidationError(_("The arrival date is in the future."))
        return arrived_on


class DuplicateCheckForm(forms.Form):
    """What the duplicate check reads from the registration form while it is typed: a value
    that does not parse is left out (the check is a hint, it never answers an error)."""

    given_name_lo = forms.CharField(required=False, max_length=200)
    family_name_lo = forms.CharField(required=False, max_length=200)
    given_name_latin = forms.CharField(required=False, max_length=200)
    family_name_latin = forms.CharField(required=False, max_length=200)
    birth_year = LaoIntegerField(required=False, min_value=1900, max_value=2100)
    sex = forms.ChoiceField(required=False, choices=Sex.choices)
    editing = LaoIntegerField(required=False, min_value=1, max_value=2**31 - 1)

    def check_data(self) -> dict[str, Any]:
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k != "editing"}

    def editing_id(self) -> int | None:
        """The person being changed, who is no duplicate of themselves."""
        self.is_valid()
        editing: int | None = self.cleaned_data.get("editing")
        return editing
