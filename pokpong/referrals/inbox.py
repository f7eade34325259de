"""What the referral mechanism puts in the inbox (registered from ReferralsConfig.ready)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from pokpong.core.inbox import InboxSection, register
from pokpong.referrals.selectors import follow_ups_due, referrals_sent_overdue, referrals_to_answer
from pokpong.referrals.worklist import follow_ups_overdue_in_scope


def register_sections() -> None:
    register(
        InboxSection(
            key="to_answer",
            title=_("Referrals to answer"),
            items=lambda user, limit: referrals_to_answer(user=user, limit=limit),
            item_template="referrals/inbox/to_answer.html",
            reminder=lambda n: (
                ngettext("%(count)s referral to answer", "%(count)s referrals to answer", n)
                % {"count": n}
            ),
            order=10,
        )
    )
    register(
        InboxSection(
            key="overdue_sent",
            title=_("Referrals sent without an answer"),
            items=lambda user, limit: referrals_sent_overdue(user=user, limit=limit),
            item_template="referrals/inbox/sent_overdue.html",
            reminder=lambda n: (
                ngettext(
                    "%(count)s referral you sent has no answer yet",
                    "%(count)s referrals you sent have no answer yet",
                    n,
                )
                % {"count": n}
            ),
            order=40,
        )
    )
    register(
        InboxSection(
            key="follow_ups_due",
            title=_("Follow-ups due"),
            items=lambda user, limit: follow_ups_due(user=user, limit=limit),
            item_template="referrals/inbox/follow_up_due.html",
            reminder=lambda n: (
                ngettext("%(count)s follow-up visit due", "%(count)s follow-up visits due", n)
                % {"count": n}
            ),
            order=50,
        )
    )
    register(
        InboxSection(
            key="follow_ups_overdue_in_scope",
            title=_("Overdue follow-up visits in your area"),
            items=lambda user, limit: follow_ups_overdue_in_scope(user=user, limit=limit),
            item_template="referrals/inbox/follow_up_overdue.html",
            reminder=lambda n: (
                ngettext(
                    "%(count)s follow-up visit in your area is overdue",
                    "%(count)s follow-up visits in your area are overdue",
                    n,
                )
                % {"count": n}
            ),
            order=75,
        )
    )
