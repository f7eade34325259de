"""What the justice app adds to a case's page (registered from JusticeConfig.ready): the state of
the file and the next hearing, for those who may open the file only."""

from typing import Any

from django.utils.translation import gettext as _

from pokpong.accounts.models import User
from pokpong.accounts.policy import can_edit_justice_file, can_view_justice_file
from pokpong.cases.models import Case
from pokpong.core.panels import Panel, panel_register
from pokpong.justice.selectors import justice_file_of, next_hearing


def case_panel_context(user: User, case: Case, sections: frozenset[str]) -> dict[str, Any] | None:
    """Nothing at all for anyone else (a receiver of a referral never learns a file exists)."""
    if "justice" not in sections or not can_view_justice_file(user, case):
        return None
    file = justice_file_of(case=case)
    return {
        "anchor": "justice",  # the case page's section menu links to the panel
        "menu_label": _("Justice"),
        "case": case,
        "file": file,
        "next_hearing": next_hearing(file=file) if file is not None else None,
        "can_edit": can_edit_justice_file(user, case),
    }


def register_panels() -> None:
    panel_register(
        Panel(
            page="case",
            key="justice",
            template="justice/case_panel.html",
            context=case_panel_context,
            order=50,
        )
    )
