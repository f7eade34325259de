"""The auditors' filter form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pokpong.core.forms import LaoDateField
from pokpong.core.models import AuditAction


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("Username"), required=False)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("All")), *AuditAction.choices]
    )
    object_type = forms.CharField(label=_("Record type"), required=False)
    object_id = forms.CharField(label=_("Record id"), required=False)
    date_from = LaoDateField(label=_("From"), required=False)
    date_to = LaoDateField(label=_("To"), required=False)
