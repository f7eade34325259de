"""From the domain events of cases and referrals to webhook deliveries: what each event says.

Ids, numbers and statuses only: never a name, a contact, an address or a note. The payload's
fields are listed here, in one place, and docs/webhooks.md shows them.
"""

from typing import Any

from pokpong.exchange.webhooks.models import WebhookEndpoint
from pokpong.exchange.webhooks.services import webhooks_queue


def referral_data(referral: Any) -> dict[str, Any]:
    return {
        "referral": {
            "id": referral.pk,
            "status": referral.status,
            "urgency": referral.urgency,
            "case_id": referral.case_id,
            "case_number": referral.case.number,
            "from_organisation": referral.from_organisation_id,
            "to_organisation": referral.to_organisation_id,
        }
    }


def case_data(case: Any, *, old_status: str, old_organisation_id: int | None) -> dict[str, Any]:
    data = {
        "id": case.pk,
        "number": case.number,
        "status": case.status,
        "previous_status": old_status or None,
        "organisation": case.organisation_id,
    }
    if old_organisation_id is not None:
        data["previous_organisation"] = old_organisation_id
    return {"case": data}


def on_referral_changed(*, referral: Any, change: str) -> None:
    """Both ends of the referral hear of it: the office that sent it and the receiver."""
    webhooks_queue(
        event=f"referral.{change}",
        organisation_ids=(referral.from_organisation_id, referral.to_organisation_id),
        data=referral_data(referral),
    )


def on_case_changed(
    *, case: Any, change: str, old_status: str, old_organisation_id: int | None = None
) -> None:
    """The office holding the case hears of it (and, for a transfer, the office it left)."""
    webhooks_queue(
        event=f"case.{change}",
        organisation_ids=(case.organisation_id, old_organisation_id),
        data=case_data(case, old_status=old_status, old_organisation_id=old_organisation_id),
    )


def on_cases_opened(*, cases: list[Any]) -> None:
    """Many cases opened at once (an import): what `on_case_changed` queues for each, asking the
    database once whether any office concerned has an endpoint at all."""
    organisation_ids = {case.organisation_id for case in cases} - {None}
    if not WebhookEndpoint.objects.filter(
        organisation_id__in=organisation_ids, is_active=True
    ).exists():
        return
    for case in cases:
        on_case_changed(case=case, change="opened", old_status="")
