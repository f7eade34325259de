"""The upload form and the decision after the dry run."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pokpong.imports.models import ImportKind
from pokpong.imports.services import max_bytes

EXTENSIONS = (".xlsx", ".csv")


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"))
    file = forms.FileField(
        label=_("File (.xlsx or .csv)"),
        help_text=_("Use the template: its headers may be in Lao or English."),
    )

    def __init__(self, *args: Any, kinds: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kind"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [(k, label) for k, label in ImportKind.choices if k in kinds]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():  # refused before a byte of it is read
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.") % {"size": max(1, max_bytes() // 2**20)}
            )
        if not str(upload.name).lower().endswith(EXTENSIONS):
            raise forms.ValidationError(_("Choose an Excel (.xlsx) or CSV file."))
        return upload


class DecisionForm(forms.Form):
    valid_only = forms.BooleanField(
        label=_("Import only the valid rows"),
        required=False,
        help_text=_("Otherwise nothing is imported while any row has an error."),
    )
    import_anyway = forms.TypedMultipleChoiceField(
        label=_("Import these possible duplicates anyway"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Rows not ticked are skipped."),
    )

    def __init__(self, *args: Any, flagged: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["import_anyway"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [(str(row), str(row)) for row in flagged]
