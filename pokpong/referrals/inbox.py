"""What the referral mechanism puts in the inbox (registered from ReferralsConfig.ready)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from pokpong.core.inbox import InboxSection, register
from pokpong.referrals.selectors import follow_ups_due, referrals_sent_overdue, referrals_to_answer
from pokpong.referrals.worklist import follow_ups_overdue_in_scope


def register_sections() -> None:
    register(
        InboxSection(
            key="to_answer",
            title=_("Referrals to answer"),
            items=referrals_to_answer,
            item_template="referrals/inbox/to_answer.html",
            reminder=ngettext_lazy(
                "%(count)s referral to answer", "%(count)s referrals to answer", "count"
            ),
            order=10,
        )
    )
    register(
        InboxSection(
            key="overdue_sent",
            title=_("Referrals sent without an answer"),
            items=referrals_sent_overdue,
            item_template="referrals/inbox/sent_overdue.html",
            reminder=ngettext_lazy(
                "%(count)s referral you sent has no answer yet",
                "%(count)s referrals you sent have no answer yet",
                "count",
            ),
            order=40,
        )
    )
    register(
        InboxSection(
            key="follow_ups_due",
            title=_("Follow-ups due"),
            items=follow_ups_due,
            item_template="referrals/inbox/follow_up_due.html",
            reminder=ngettext_lazy(
                "%(count)s follow-up visit due", "%(count)s follow-up visits due", "count"
            ),
            order=50,
        )
    )
    register(
        InboxSection(
            key="follow_ups_overdue_in_scope",
            title=_("Overdue follow-up visits in your area"),
            items=follow_ups_overdue_in_scope,
            item_template="referrals/inbox/follow_up_overdue.html",
            reminder=ngettext_lazy(
                "%(count)s follow-up visit in your area is overdue",
                "%(count)s follow-up visits in your area are overdue",
                "count",
            ),
            order=75,
        )
    )
