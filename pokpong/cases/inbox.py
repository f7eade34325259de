"""What the case management puts in the inbox (registered from CasesConfig.ready)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from pokpong.cases.selectors import closures_to_approve, plans_to_approve, transfers_to_answer
from pokpong.cases.worklist import my_open_cases, plan_actions_overdue
from pokpong.core.inbox import InboxSection, register


def register_sections() -> None:
    register(
        InboxSection(
            key="my_open_cases",
            title=_("My open cases"),
            items=lambda user, limit: my_open_cases(user=user, limit=limit),
            item_template="cases/inbox/my_case.html",
            reminder=lambda n: (
                ngettext("%(count)s open case", "%(count)s open cases", n) % {"count": n}
            ),
            order=5,
            is_task=False,
        )
    )
    register(
        InboxSection(
            key="plan_actions_overdue",
            title=_("Overdue plan actions"),
            items=lambda user, limit: plan_actions_overdue(user=user, limit=limit),
            item_template="cases/inbox/action_overdue.html",
            reminder=lambda n: (
                ngettext(
                    "%(count)s plan action is overdue", "%(count)s plan actions are overdue", n
                )
                % {"count": n}
            ),
            order=45,
        )
    )
    register(
        InboxSection(
            key="plans_to_approve",
            title=_("Case plans to approve"),
            items=lambda user, limit: plans_to_approve(user=user, limit=limit),
            item_template="cases/inbox/plan_to_approve.html",
            reminder=lambda n: (
                ngettext("%(count)s case plan to approve", "%(count)s case plans to approve", n)
                % {"count": n}
            ),
            order=60,
        )
    )
    register(
        InboxSection(
            key="closures_to_approve",
            title=_("Closures to approve"),
            items=lambda user, limit: closures_to_approve(user=user, limit=limit),
            item_template="cases/inbox/closure_to_approve.html",
            reminder=lambda n: (
                ngettext("%(count)s closure to approve", "%(count)s closures to approve", n)
                % {"count": n}
            ),
            order=70,
        )
    )
    register(
        InboxSection(
            key="transfers_to_answer",
            title=_("Cases to take on from another province"),
            items=lambda user, limit: transfers_to_answer(user=user, limit=limit),
            item_template="cases/inbox/transfer_to_answer.html",
            reminder=lambda n: (
                ngettext(
                    "%(count)s case transfer to answer", "%(count)s case transfers to answer", n
                )
                % {"count": n}
            ),
            order=75,
        )
    )
