"""The DHIS2 mapping: which organisation unit a province is, which data element (and category
option combo) an indicator's total or one of its breakdown rows is. The only writer of
`Dhis2OrgUnit` and `Dhis2DataElement`; every change audited."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from pokpong.accounts.models import User
from pokpong.accounts.policy import can_manage_dhis2_mapping
from pokpong.core.audit import audit_record
from pokpong.core.models import AuditAction
from pokpong.exchange.models import Dhis2DataElement, Dhis2OrgUnit
from pokpong.monitoring.models import Indicator
from pokpong.places.models import Province


def _check(user: User) -> None:
    if not can_manage_dhis2_mapping(user):
        raise PermissionDenied


@transaction.atomic
def dhis2_org_unit_set(*, user: User, province: Province | None, code: str) -> Dhis2OrgUnit:
    """Give a province (None: the whole country) its organisation unit code, or change it."""
    _check(user)
    unit = Dhis2OrgUnit.objects.filter(province=province).first() or Dhis2OrgUnit(province=province)
    before = unit.code
    unit.code = code.strip()
    unit.full_clean()
    unit.save()
    action = AuditAction.UPDATE if before else AuditAction.CREATE
    audit_record(actor=user, action=action, obj=unit, changes={"code": [before or None, unit.code]})
    return unit


@transaction.atomic
def dhis2_element_set(
    *,
    user: User,
    indicator: Indicator,
    dimension: str,
    row: str,
    data_element: str,
    category_option_combo: str,
) -> Dhis2DataElement:
    """Map an indicator's total (no dimension) or one breakdown row to a data element."""
    _check(user)
    element = Dhis2DataElement.objects.filter(
        indicator=indicator, dimension=dimension, row=row
    ).first() or Dhis2DataElement(indicator=indicator, dimension=dimension, row=row)
    before = (element.data_element, element.category_option_combo)
    element.data_element = data_element.strip()
    element.category_option_combo = category_option_combo.strip()
    element.full_clean()
    element.save()
    audit_record(
        actor=user,
        action=AuditAction.UPDATE if before[0] else AuditAction.CREATE,
        obj=element,
        changes={
            "indicator": [None, indicator.code],
            "data_element": [before[0] or None, element.data_element],
            "category_option_combo": [before[1] or None, element.category_option_combo],
        },
    )
    return element


@transaction.atomic
def dhis2_org_unit_delete(*, user: User, unit: Dhis2OrgUnit) -> None:
    _check(user)
    audit_record(actor=user, action=AuditAction.DELETE, obj=unit, extra={"code": unit.code})
    unit.delete()


@transaction.atomic
def dhis2_element_delete(*, user: User, element: Dhis2DataElement) -> None:
    _check(user)
    audit_record(
        actor=user,
        action=AuditAction.DELETE,
        obj=element,
        extra={"data_element": element.data_element},
    )
    element.delete()
