"""What the offline app puts in the inbox (registered from OfflineConfig.ready)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from pokpong.core.inbox import InboxSection, register
from pokpong.offline.selectors import conflicts_for_user


def register_sections() -> None:
    register(
        InboxSection(
            key="offline_conflicts",
            title=_("Visits made offline to resolve"),
            items=conflicts_for_user,
            item_template="offline/inbox/conflict.html",
            reminder=ngettext_lazy(
                "%(count)s visit made offline to resolve",
                "%(count)s visits made offline to resolve",
                "count",
            ),
            order=80,
        )
    )
