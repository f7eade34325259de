"""What coordination puts in the inbox (registered from ProgrammeConfig.ready)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from pokpong.core.inbox import InboxSection, register
from pokpong.programme.selectors import actions_due_for


def register_sections() -> None:
    register(
        InboxSection(
            key="committee_actions_due",
            title=_("Committee action items due"),
            items=actions_due_for,
            item_template="programme/inbox/action_due.html",
            reminder=ngettext_lazy(
                "%(count)s committee action item is due",
                "%(count)s committee action items are due",
                "count",
            ),
            order=80,
        )
    )
