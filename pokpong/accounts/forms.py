"""Forms of the administrators' user and organisation screens."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from pokpong.accounts.models import Organisation, Role, User
from pokpong.core.forms import (
    ModelChoiceField,
    ModelForm,
    ModelMultipleChoiceField,
    PlaceChoiceField,
    typed_field,
)
from pokpong.places.models import District, Province


class UserForm(ModelForm[User]):
    class Meta:
        model = User
        fields = [
            "username",
            "first_name",
            "last_name",
            "display_name_lo",
            "email",
            "organisation",
            "preferred_language",
            "is_active",
        ]
        labels = {
            "first_name": _("Given name (Latin script)"),
            "last_name": _("Family name (Latin script)"),
        }
        help_texts = {
            "is_active": _(
                "Inactive users cannot sign in. Accounts are deactivated, never deleted."
            ),
        }

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        typed_field(self, "organisation", forms.ModelChoiceField).queryset = organisations
        self.fields["organisation"].required = True
        self.fields["username"].widget.attrs.update(
            {"autocapitalize": "none", "spellcheck": "false"}
        )


class UserCreateForm(UserForm):
    class Meta(UserForm.Meta):
        fields = [f for f in UserForm.Meta.fields if f != "is_active"]


class RoleAssignForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    province = ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.all(),
        required=False,
        help_text=_("Leave empty for a national role."),
    )
    district = PlaceChoiceField(
        label=_("District"),
        queryset=District.objects.filter(is_active=True).select_related("province"),
        required=False,
        help_text=_("Only for a role limited to one district."),
        within="province",
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        province, district = data.get("province"), data.get("district")
        if district is not None and province is not None and district.province_id != province.pk:
            raise ValidationError(_("The district is not in the chosen province."))
        return data


class OrganisationForm(ModelForm[Organisation]):
    class Meta:
        model = Organisation
        fields = ["name_lo", "name_en", "short_name", "type", "province", "district", "is_active"]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        province, district = data.get("province"), data.get("district")
        if district is not None and (province is None or district.province_id != province.pk):
            raise ValidationError(_("The district is not in the chosen province."))
        return data


class UserSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)


def organisation_label(organisation: Organisation) -> str:
    """The province first: at 360 px a select cuts the end of a long name, and the province
    is what tells two offices of the same name apart."""
    if organisation.province_id is None:
        return str(organisation)
    return f"{organisation.province} · {organisation}"


class OrganisationChoiceField(ModelChoiceField[Organisation]):
    def label_from_instance(self, obj: Organisation) -> str:
        return organisation_label(obj)


class OrganisationMultipleChoiceField(ModelMultipleChoiceField[Organisation]):
    def label_from_instance(self, obj: Organisation) -> str:
        return organisation_label(obj)
