"""What the hotline puts in the inbox (registered from PreventionConfig.ready)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from pokpong.core.inbox import InboxSection, register
from pokpong.prevention.selectors import call_referrals_overdue, call_referrals_to_answer


def register_sections() -> None:
    register(
        InboxSection(
            key="hotline_to_answer",
            title=_("Potential cases from the hotline"),
            items=lambda user, limit: call_referrals_to_answer(user=user, limit=limit),
            item_template="prevention/inbox/call_to_answer.html",
            reminder=lambda n: (
                ngettext(
                    "%(count)s potential case from the hotline to answer",
                    "%(count)s potential cases from the hotline to answer",
                    n,
                )
                % {"count": n}
            ),
            order=20,
        )
    )
    register(
        InboxSection(
            key="hotline_overdue",
            title=_("Potential cases referred without an answer"),
            items=lambda user, limit: call_referrals_overdue(user=user, limit=limit),
            item_template="prevention/inbox/call_overdue.html",
            reminder=lambda n: (
                ngettext(
                    "%(count)s potential case you referred has no answer yet",
                    "%(count)s potential cases you referred have no answer yet",
                    n,
                )
                % {"count": n}
            ),
            order=30,
        )
    )
