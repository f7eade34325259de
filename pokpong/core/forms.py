"""Form fields that accept what Lao users type (Lao digits, dd/mm/yyyy dates) and show places
in Lao alphabetical order; choices of records that refuse any id the database cannot hold.

Every choice of records in the project is a `ModelChoiceField` / `ModelMultipleChoiceField` of
this module (declared ones directly, a model form's through `ModelForm` below): Django's own
let an id beyond the database's integer range reach the query, which SQLite answers with
OverflowError (a 500) for `pk__in`.
"""

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.forms.models import ModelChoiceIterator
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from pokpong.core.lao import digits_to_ascii, lao_sort_key

_M = TypeVar("_M", bound=models.Model)
_F = TypeVar("_F", bound=forms.Field)


def _ascii(value: Any) -> Any:
    return digits_to_ascii(value) if isinstance(value, str) else value


class LaoIntegerField(forms.IntegerField):
    def to_python(self, value: Any) -> int | None:
        return super().to_python(_ascii(value))


class NativeDateInput(forms.DateInput):
    """The browser's own date picker (`<input type="date">`), whose value is always ISO."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class LaoDateField(forms.DateField):
    """A date with the native picker; where a browser has none, the text typed is accepted as
    ISO, dd/mm/yyyy (DATE_INPUT_FORMATS) and with Lao digits."""

    widget = NativeDateInput  # DATE_INPUT_FORMATS (pokpong/formats) include ISO

    def to_python(self, value: Any) -> Any:
        return super().to_python(_ascii(value))


class LaoCharField(forms.CharField):
    """Free text whose digits are stored as ASCII (phone numbers, document numbers)."""

    def to_python(self, value: Any) -> str | None:
        return super().to_python(_ascii(value))


def _key_refused(field: forms.ModelChoiceField[Any], value: Any) -> bool:
    """True when `value` cannot be a key of the field's records: not an integer, or outside
    the range of the key's database column."""
    if field.queryset is None:  # Django itself needs a queryset to validate a choice
        return False
    meta = field.queryset.model._meta
    key = meta.get_field(field.to_field_name) if field.to_field_name else meta.pk
    if not isinstance(key, models.IntegerField):  # AutoField, BigAutoField and kin
        return False
    if isinstance(value, models.Model):
        return False
    text = str(_ascii(value)).strip()
    if not text.lstrip("-").isdigit() or not text.isascii():
        return True
    low, high = connection.ops.integer_field_range(key.get_internal_type())
    number = int(text)
    return (low is not None and number < low) or (high is not None and number > high)


class ModelChoiceField(forms.ModelChoiceField[_M]):
    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and _key_refused(self, value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField[_M]):
    def _check_values(self, value: Iterable[Any]) -> Any:
        for item in value if isinstance(value, list | tuple) else ():
            if _key_refused(self, item):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(item)[:20]},
                )
        return super()._check_values(value)  # type: ignore[misc]  # private, not in the stubs


def formfield_for(db_field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """A model form's field for `db_field`, choices of records through the classes above."""
    if isinstance(db_field, models.ManyToManyField):
        return db_field.formfield(form_class=ModelMultipleChoiceField, **kwargs)
    if isinstance(db_field, models.ForeignKey):
        return db_field.formfield(form_class=ModelChoiceField, **kwargs)
    if type(db_field) is models.DateField:  # not DateTimeField, its subclass
        return db_field.formfield(form_class=LaoDateField, **kwargs)
    return db_field.formfield(**kwargs)


class ModelForm(forms.ModelForm[_M]):
    """The project's model form: its choices of records refuse impossible ids (see above)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Runs before Django's metaclass reads Meta, which does not inherit formfield_callback.
        meta = cls.__dict__.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(formfield_for)
        super().__init_subclass__(**kwargs)


class _GroupedPlaces(ModelChoiceIterator[_M]):
    """Lazily (at rendering, in the reader's language): the places grouped under their parent."""

    field: "PlaceChoiceField[_M]"  # the iterator of that field only

    def __iter__(self) -> Iterator[Any]:

        field = self.field
        if field.empty_label is not None:
            yield ("", field.empty_label)
        groups: dict[Any, list[tuple[Any, str]]] = {}
        for place in self.queryset.select_related(field.parent):
            groups.setdefault(getattr(place, field.parent), []).append(self.choice(place))
        for parent in sorted(groups, key=lambda p: getattr(p, "national_code", "") or p.pk):
            yield (str(parent), sorted(groups[parent], key=lambda c: lao_sort_key(str(c[1]))))


class PlaceChoiceField(ModelChoiceField[_M]):
    """Places (districts) grouped under their parent (province, in the official order), each
    group in Lao alphabetical order of the names shown (ເ ແ ໂ ໃ ໄ sort with their consonant)."""

    iterator: type[ModelChoiceIterator[Any]] = _GroupedPlaces

    def __init__(
        self,
        queryset: models.Manager[_M] | models.QuerySet[_M] | None,
        *,
        parent: str = "province",
        within: str = "",
        **kwargs: Any,
    ) -> None:
        """`within`: the form's field of the parent (e.g. "origin_province"): pokpong.js
        then shows only its places, and `places_within_check` refuses the others."""
        self.parent, self.within = parent, within
        super().__init__(queryset, **kwargs)
        if within:
            self.widget.attrs["data-within"] = within


class FilterSelect(forms.Select):
    """A select that pokpong.js gives a text box filtering its options (without JavaScript, a
    plain select). Each option also matches the words of its record's `search_text`."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"data-filter": _("Type to filter the list"), **(attrs or {})})

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        record = getattr(option["value"], "instance", None)
        words = getattr(record, "search_text", "")
        if words:
            option["attrs"]["data-search"] = words
        return option


class PinnedSelect(FilterSelect):
    """The select of a PinnedChoiceField: it sends the pinned group and the current choice only,
    unless `show_all` (a page asked for the full list); `more_url` answers the other options
    (pokpong.js fetches them when the user asks), `all_url` reloads the page with every option
    (without JavaScript). Validation is the field's: any record of its queryset is accepted."""

    template_name = "core/widgets/pinned_select.html"
    show_all = False
    pinned_label: StrOrPromise = ""
    more_url: StrOrPromise = ""

    def optgroups(self, name: str, value: list[Any], attrs: Any = None) -> list[Any]:
        groups = super().optgroups(name, value, attrs)
        if self.show_all:
            return groups
        kept = []
        for group_name, options, index in groups:
            if group_name is not None and group_name != str(self.pinned_label):
                options = [option for option in options if option["selected"]]
            if options:
                kept.append((group_name, options, index))
        return kept

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        if not self.show_all and self.more_url:
            context["widget"]["attrs"]["data-more"] = str(self.more_url)
            context["widget"]["more"] = True
        return context


class _PinnedFirst(ModelChoiceIterator[_M]):
    """The pinned records first (in their own order), then all the others by name."""

    field: "PinnedChoiceField[_M]"  # the iterator of that field only

    def __iter__(self) -> Iterator[Any]:
        field = self.field
        if field.empty_label is not None:
            yield ("", field.empty_label)
        records = list(self.queryset)
        pinned = [self.choice(r) for r in records if field.is_pinned(r)]
        others = [self.choice(r) for r in records if not field.is_pinned(r)]
        if pinned:
            yield (str(field.pinned_label), pinned)
        yield (str(field.others_label), sorted(others, key=lambda c: lao_sort_key(str(c[1]))))


class PinnedChoiceField(ModelChoiceField[_M]):
    """A long choice of records (countries) whose common ones come first in their own group;
    the select can be filtered by typing (FilterSelect) and sends only the common ones and the
    current choice until asked for the rest (PinnedSelect)."""

    iterator: type[ModelChoiceIterator[Any]] = _PinnedFirst
    widget = PinnedSelect

    def __init__(
        self,
        queryset: models.Manager[_M] | models.QuerySet[_M] | None,
        *,
        is_pinned: Callable[[_M], bool],
        pinned_label: StrOrPromise,
        others_label: StrOrPromise,
        more_url: StrOrPromise = "",
        **kwargs: Any,
    ) -> None:
        """`more_url`: where the select fetches the options it leaves out (see PinnedSelect)."""
        self.is_pinned, self.pinned_label, self.others_label = is_pinned, pinned_label, others_label
        super().__init__(queryset, **kwargs)
        widget: Any = self.widget  # the class attribute's type, to the stubs; an instance here
        if isinstance(widget, PinnedSelect):
            widget.pinned_label, widget.more_url = pinned_label, more_url


def places_within_check(form: forms.Form) -> None:
    """Each place (district) chosen lies within the place chosen in the field it follows
    (province): a form's `clean()` calls this, the browser's filtering is only a help."""
    for name, field in form.fields.items():
        place = form.cleaned_data.get(name)
        if not isinstance(field, PlaceChoiceField) or place is None or not field.within:
            continue
        parent = form.cleaned_data.get(field.within)
        if parent is not None and getattr(place, f"{field.parent}_id") != parent.pk:
            form.add_error(name, _("The district is not in the chosen province."))


def typed_field(form: forms.BaseForm, name: str, kind: type[_F]) -> _F:
    """The form's field `name`, known to be a `kind` (`form.fields` holds plain `Field`s for the
    type checker), e.g. to set a choice of records' queryset."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{type(form).__name__}.{name} is not a {kind.__name__}")
    return field


class SearchForm(forms.Form):
    """The search box of a list page (`?q=`): text without NUL characters, of a sane length."""

    q = forms.CharField(required=False, max_length=200)

    def query(self) -> str:
        return self.cleaned_data["q"] if self.is_valid() else ""


class VoidForm(forms.Form):
    """Why a record entered by mistake is voided (kept in the trail, never counted)."""

    reason = forms.CharField(
        label=_("Why is this record voided?"),
        max_length=300,
        help_text=_("For example: entered twice, or entered for the wrong village."),
    )


def show_every_option(request: HttpRequest, *forms_: forms.BaseForm) -> None:
    """A page asked for the full lists (`?options=all`, the no-JavaScript way to reach a country
    that is not among the common ones): the forms' long selects send every option."""
    if request.GET.get("options") != "all":
        return
    for form in forms_:
        for field in form.fields.values():
            if isinstance(field.widget, PinnedSelect):
                field.widget.show_all = True


class LaoMoneyField(LaoIntegerField):
    """A sum in kip as people write it: Lao or ASCII digits, with thousands separated by commas,
    dots or spaces, and the ₭ sign; never negative, never beyond what a column holds."""

    widget = forms.TextInput(attrs={"inputmode": "numeric"})
    MAX = 2_000_000_000

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", self.MAX)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = value.strip().removesuffix("₭").removesuffix("LAK").strip()
            value = value.replace(",", "").replace(" ", "").replace("\u00a0", "")
            if value.count(".") and all(len(p) == 3 for p in value.split(".")[1:]):
                value = value.replace(".", "")
        return super().to_python(value)
