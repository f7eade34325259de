"""What the hotline puts in the inbox (registered from PreventionConfig.ready)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from pokpong.core.inbox import InboxSection, register
from pokpong.prevention.selectors import call_referrals_overdue, call_referrals_to_answer


def register_sections() -> None:
    register(
        InboxSection(
            key="hotline_to_answer",
            title=_("Potential cases from the hotline"),
            items=call_referrals_to_answer,
            item_template="prevention/inbox/call_to_answer.html",
            reminder=ngettext_lazy(
                "%(count)s potential case from the hotline to answer",
                "%(count)s potential cases from the hotline to answer",
                "count",
            ),
            order=20,
        )
    )
    register(
        InboxSection(
            key="hotline_overdue",
            title=_("Potential cases referred without an answer"),
            items=call_referrals_overdue,
            item_template="prevention/inbox/call_overdue.html",
            reminder=ngettext_lazy(
                "%(count)s potential case you referred has no answer yet",
                "%(count)s potential cases you referred have no answer yet",
                "count",
            ),
            order=30,
        )
    )
