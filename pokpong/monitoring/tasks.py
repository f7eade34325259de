"""Background work of monitoring (run by the tasks worker, never in a request)."""

from django_tasks import task

from pokpong.monitoring.reports.requests import report_request_run


@task()
def produce_report(request_id: int) -> None:
    """Produce one requested indicator report (Excel or PDF)."""
    report_request_run(request_id=request_id)
