"""Background work of the core: recording the access grants that expired (daily)."""

from django_tasks import task

from pokpong.core.audit import audit_context
from pokpong.core.grants import grant_expire_due


@task()
def expire_grants() -> int:
    """Close each grant past its expiry with an audit entry; returns how many."""
    with audit_context(label="task:expire_grants"):
        return grant_expire_due()
