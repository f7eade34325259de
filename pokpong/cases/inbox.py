"""What the case management puts in the inbox (registered from CasesConfig.ready)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from pokpong.cases.selectors import closures_to_approve, plans_to_approve, transfers_to_answer
from pokpong.cases.worklist import my_open_cases, plan_actions_overdue
from pokpong.core.inbox import InboxSection, register


def register_sections() -> None:
    register(
        InboxSection(
            key="my_open_cases",
            title=_("My open cases"),
            items=my_open_cases,
            item_template="cases/inbox/my_case.html",
            reminder=ngettext_lazy("%(count)s open case", "%(count)s open cases", "count"),
            order=5,
            is_task=False,
        )
    )
    register(
        InboxSection(
            key="plan_actions_overdue",
            title=_("Overdue plan actions"),
            items=plan_actions_overdue,
            item_template="cases/inbox/action_overdue.html",
            reminder=ngettext_lazy(
                "%(count)s plan action is overdue", "%(count)s plan actions are overdue", "count"
            ),
            order=45,
        )
    )
    register(
        InboxSection(
            key="plans_to_approve",
            title=_("Case plans to approve"),
            items=plans_to_approve,
            item_template="cases/inbox/plan_to_approve.html",
            reminder=ngettext_lazy(
                "%(count)s case plan to approve", "%(count)s case plans to approve", "count"
            ),
            order=60,
        )
    )
    register(
        InboxSection(
            key="closures_to_approve",
            title=_("Closures to approve"),
            items=closures_to_approve,
            item_template="cases/inbox/closure_to_approve.html",
            reminder=ngettext_lazy(
                "%(count)s closure to approve", "%(count)s closures to approve", "count"
            ),
            order=70,
        )
    )
    register(
        InboxSection(
            key="transfers_to_answer",
            title=_("Cases to take on from another province"),
            items=transfers_to_answer,
            item_template="cases/inbox/transfer_to_answer.html",
            reminder=ngettext_lazy(
                "%(count)s case transfer to answer", "%(count)s case transfers to answer", "count"
            ),
            order=75,
        )
    )
