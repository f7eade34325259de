"""What the justice files put in the inbox (registered from JusticeConfig.ready)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from pokpong.core.inbox import InboxSection, register
from pokpong.justice.selectors import hearings_upcoming


def register_sections() -> None:
    register(
        InboxSection(
            key="hearings_upcoming",
            title=_("Court hearings this week"),
            items=lambda user, limit: hearings_upcoming(user=user, limit=limit),
            item_template="justice/inbox/hearing.html",
            reminder=lambda n: (
                ngettext(
                    "%(count)s court hearing in the coming week",
                    "%(count)s court hearings in the coming week",
                    n,
                )
                % {"count": n}
            ),
            order=45,
        )
    )
