"""Background work of the data exchange (run by the tasks worker, never in a request)."""

from django_tasks import task

from pokpong.core.audit import audit_context
from pokpong.exchange.services import export_request_run, exports_purge


@task()
def produce_export(request_id: int) -> None:
    """Build one requested export; the expired ones are purged first (their files deleted)."""
    with audit_context(label="task:purge_exports"):
        exports_purge()
    export_request_run(request_id=request_id)


@task()
def purge_exports() -> int:
    """Delete the files of the exports past their lifetime; returns how many."""
    with audit_context(label="task:purge_exports"):
        return exports_purge()
