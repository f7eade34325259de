"""What the livelihood part puts in the inbox (registered from LivelihoodsConfig.ready)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from pokpong.core.inbox import InboxSection, register
from pokpong.livelihoods.selectors import retention_checks_due


def register_sections() -> None:
    register(
        InboxSection(
            key="retention_checks_due",
            title=_("Job retention checks due"),
            items=lambda user, limit: retention_checks_due(user=user, limit=limit),
            item_template="livelihoods/inbox/retention_check_due.html",
            reminder=lambda n: (
                ngettext(
                    "%(count)s job retention check due",
                    "%(count)s job retention checks due",
                    n,
                )
                % {"count": n}
            ),
            order=55,
        )
    )
