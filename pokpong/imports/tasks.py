"""Background work of imports (run by the tasks worker, never in a request)."""

import logging

from django.utils import timezone
from django_tasks import task

from pokpong.imports.models import ImportJob, ImportStatus
from pokpong.imports.services import import_job_check, import_job_run

logger = logging.getLogger(__name__)


def _failed(job_id: int) -> None:
    logger.exception("import %s failed", job_id)
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportStatus.FAILED, message="", finished_at=timezone.now()
    )


@task()
def check_import(job_id: int) -> None:
    """The dry run of one uploaded file."""
    try:
        import_job_check(job_id=job_id)
    except Exception:  # noqa: BLE001 (whatever went wrong, the page must not spin forever)
        _failed(job_id)


@task()
def run_import(job_id: int) -> None:
    """The import of one checked file."""
    try:
        import_job_run(job_id=job_id)
    except Exception:  # noqa: BLE001
        _failed(job_id)
