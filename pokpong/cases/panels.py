"""What the cases app adds to a person's page (registered from CasesConfig.ready)."""

from typing import Any

from pokpong.accounts.models import User
from pokpong.accounts.policy import can_record_consent_for, cases_visible_to
from pokpong.cases.next_step import person_next_step
from pokpong.cases.selectors import person_case_records
from pokpong.core.panels import Panel, panel_register
from pokpong.people.models import Person


def person_panel_context(user: User, person: Person, sections: frozenset[str]) -> dict[str, Any]:
    """The person's cases the user may open; screenings, identifications and consents only for
    the office that holds the person whole (the policy's sections say which)."""
    context: dict[str, Any] = {
        "sections": sections,
        "cases": cases_visible_to(user, person.cases.order_by("-created_at")),
        "can_record_consent": can_record_consent_for(user, person),
        "next_step": person_next_step(user, person),
    }
    if "documents" in sections:  # a receiver's page never holds these
        context.update(person_case_records(person=person))
    return context


def register_panels() -> None:
    panel_register(
        Panel(
            page="person",
            key="case_records",
            template="cases/person_panel.html",
            context=person_panel_context,
            order=10,
        )
    )
