"""Writes of the catalogue pages: hand-entered values, targets and the programme area. Each write
asks the policy again (a forged request is refused) and is audited."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from pokpong.accounts.models import User
from pokpong.accounts.policy import (
    can_edit_programme_area,
    can_enter_indicator_values,
    can_set_indicator_targets,
)
from pokpong.core.audit import audit_record, creation_changes, diff, snapshot
from pokpong.core.models import AuditAction
from pokpong.monitoring.models import Indicator, ManualValue, Target
from pokpong.places.models import Province


def _upsert(
    model: Any,
    *,
    user: User,
    indicator: Indicator,
    period: str,
    province: Province | None,
    fields: dict[str, Any],
) -> Any:
    record = (
        model.objects.select_for_update()
        .filter(indicator=indicator, period=period, province=province)
        .order_by("pk")  # the default ordering joins the province: no FOR UPDATE on PostgreSQL
        .first()
    )
    names = list(fields)
    if record is None:
        record = model(indicator=indicator, period=period, province=province, **fields)
        record.save()
        audit_record(
            actor=user,
            action=AuditAction.CREATE,
            obj=record,
            changes=creation_changes(record, ["period", "province", *names]),
            extra={"indicator": indicator.code},
        )
        return record
    before = snapshot(record, names)
    for name, value in fields.items():
        setattr(record, name, value)
    record.save()
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=record,
        changes=diff(before, record),
        extra={"indicator": indicator.code, "period": period},
    )
    return record


@transaction.atomic
def manual_value_enter(
    *,
    user: User,
    indicator: Indicator,
    period: str,
    province: Province | None,
    value: int,
    note: str = "",
) -> ManualValue:
    """Enter (or correct) the value of a hand-entered indicator for a period and province."""
    if not can_enter_indicator_values(user):
        raise PermissionDenied
    record: ManualValue = _upsert(
        ManualValue,
        user=user,
        indicator=indicator,
        period=period,
        province=province,
        fields={"value": value, "note": note, "entered_by": user},
    )
    return record


@transaction.atomic
def target_set(
    *, user: User, indicator: Indicator, period: str, province: Province | None, value: int
) -> Target:
    if not can_set_indicator_targets(user):
        raise PermissionDenied
    record: Target = _upsert(
        Target,
        user=user,
        indicator=indicator,
        period=period,
        province=province,
        fields={"value": value, "set_by": user},
    )
    return record


@transaction.atomic
def programme_area_set(*, user: User, provinces: list[Province]) -> None:
    """Flag exactly these provinces as the programme's target area."""
    if not can_edit_programme_area(user):
        raise PermissionDenied
    chosen = {p.pk for p in provinces}
    for province in Province.objects.select_for_update().order_by("national_code"):
        flagged = province.pk in chosen
        if province.in_programme_area == flagged:
            continue
        before = snapshot(province, ["in_programme_area"])
        province.in_programme_area = flagged
        province.save(update_fields=["in_programme_area"])
        audit_record(
            actor=user, action=AuditAction.UPDATE, obj=province, changes=diff(before, province)
        )
