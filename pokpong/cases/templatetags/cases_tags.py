from django import template

from pokpong.cases.models import CaseStatus

register = template.Library()


@register.filter
def status_label(value: str) -> str:
    """The translated label of a case status value."""
    try:
        return str(CaseStatus(value).label)
    except ValueError:
        return value
