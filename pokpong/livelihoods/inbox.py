"""What the livelihood part puts in the inbox (registered from LivelihoodsConfig.ready)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from pokpong.core.inbox import InboxSection, register
from pokpong.livelihoods.selectors import retention_checks_due


def register_sections() -> None:
    register(
        InboxSection(
            key="retention_checks_due",
            title=_("Job retention checks due"),
            items=retention_checks_due,
            item_template="livelihoods/inbox/retention_check_due.html",
            reminder=ngettext_lazy(
                "%(count)s job retention check due",
                "%(count)s job retention checks due",
                "count",
            ),
            order=55,
        )
    )
