"""What the livelihood part adds to a case's page (registered from LivelihoodsConfig.ready):
the income chart and a summary for the office; a receiver's own trainings for a vocational
centre reached through a referral; nothing for anyone else."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from pokpong.accounts.models import User
from pokpong.accounts.policy import can_record_training_for
from pokpong.cases.models import Case
from pokpong.core.panels import Panel, panel_register
from pokpong.livelihoods.chart import income_chart_svg
from pokpong.livelihoods.selectors import livelihood_summary


def case_panel_context(user: User, case: Case, sections: frozenset[str]) -> dict[str, Any] | None:
    if "livelihoods" not in sections and not can_record_training_for(user, case):
        return None
    context = livelihood_summary(user=user, case=case)
    if not context["full"] and not context["can_record_training"]:
        return None
    context["case"] = case
    context["anchor"] = "livelihoods"  # the case page's section menu links to the panel
    context["menu_label"] = _("Work and income")
    context["chart"] = income_chart_svg(context.get("income", []), chart_id=f"income-{case.pk}")
    return context


def register_panels() -> None:
    panel_register(
        Panel(
            page="case",
            key="livelihoods",
            template="livelihoods/case_panel.html",
            context=case_panel_context,
            order=50,
        )
    )
