"""What the justice files put in the inbox (registered from JusticeConfig.ready)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from pokpong.core.inbox import InboxSection, register
from pokpong.justice.selectors import hearings_upcoming


def register_sections() -> None:
    register(
        InboxSection(
            key="hearings_upcoming",
            title=_("Court hearings this week"),
            items=hearings_upcoming,
            item_template="justice/inbox/hearing.html",
            reminder=ngettext_lazy(
                "%(count)s court hearing in the coming week",
                "%(count)s court hearings in the coming week",
                "count",
            ),
            order=45,
        )
    )
