"""The HTCDS case file set as a kind of the export registry: its form (the recipient), its
builder (audited per person, as an export), its summary."""

from typing import Any

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pokpong.accounts.forms import OrganisationChoiceField
from pokpong.accounts.models import Organisation, User
from pokpong.accounts.policy import can_export_htcds
from pokpong.core.audit import audit_context, audit_views
from pokpong.core.forms import FilterSelect
from pokpong.core.models import AuditAction, bilingual_name
from pokpong.exchange.htcds.builder import (
    FILES,
    htcds_case_file_set,
    htcds_scope_for,
    htcds_zip,
)
from pokpong.exchange.registry import BuiltFile, ExportKind, ParametersForm, Progress

CODE = "htcds"


class HtcdsForm(ParametersForm):
    recipient = OrganisationChoiceField(
        label=_("For the organisation"),
        queryset=Organisation.objects.filter(is_active=True).select_related("province"),
        widget=FilterSelect,
        help_text=_(
            "Only persons whose consent names this organisation, among those their case may be "
            "shared with, are included."
        ),
    )

    def parameters(self) -> dict[str, Any]:
        return {"recipient": self.cleaned_data["recipient"].pk}


def htcds_build(*, requested_by: User, parameters: dict[str, Any], progress: Progress) -> BuiltFile:
    """The file set for the recipient; each person in it gets an "exported" audit entry."""
    recipient = Organisation.objects.get(pk=parameters["recipient"], is_active=True)
    file_set = htcds_case_file_set(scope=htcds_scope_for(user=requested_by), recipient=recipient)
    progress(80)
    content = htcds_zip(file_set)
    with audit_context(actor=requested_by, label=f"task:export {CODE}"):
        audit_views(
            objs=file_set.people,
            fields=[spec.section for spec in FILES],
            action=AuditAction.EXPORT,
            extra={"kind": CODE, "recipient": recipient.pk},
        )
    stamp = timezone.localdate().isoformat()
    name = slugify(recipient.short_name or recipient.name_en)[:40] or f"org-{recipient.pk}"
    return BuiltFile(
        content=content,
        filename=f"htcds-case-files-{name}-{stamp}.zip",
        content_type="application/zip",
        summary={
            "persons": file_set.persons,
            "cases": file_set.cases,
            "recipient_lo": recipient.name_lo,
            "recipient_en": recipient.name_en,
        },
    )


def htcds_summary(summary: dict[str, Any]) -> list[str]:
    if "persons" not in summary:
        return []
    recipient = bilingual_name(summary.get("recipient_lo", ""), summary.get("recipient_en", ""))
    return [
        gettext("For %(recipient)s: persons %(persons)s, cases %(cases)s.")
        % {"persons": summary["persons"], "cases": summary["cases"], "recipient": recipient}
    ]


HTCDS = ExportKind(
    code=CODE,
    label=_("HTCDS case file set"),
    description=_(
        "Personal data: the case files of the persons in your scope who consented to sharing "
        "with a partner organisation, in IOM's Human Trafficking Case Data Standard v2.0 (CSV "
        "files in a zip)."
    ),
    may_request=can_export_htcds,
    form_class=HtcdsForm,
    build=htcds_build,
    per_record=True,
    summary_lines=htcds_summary,
)
