"""Forms of a case transfer to another province's office."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pokpong.accounts.models import Organisation
from pokpong.core.forms import ModelChoiceField


class TransferRequestForm(forms.Form):
    to_organisation = ModelChoiceField(
        label=_("To the office"), queryset=Organisation.objects.none()
    )
    reason = forms.CharField(
        label=_("Reason for the transfer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the person moves home to their province of origin."),
    )

    def __init__(self, *args: object, targets: list[Organisation], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["to_organisation"]
        assert isinstance(field, ModelChoiceField)  # noqa: S101  (declared just above)
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in targets])


class TransferDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"), widget=forms.Textarea(attrs={"rows": 2})
    )
