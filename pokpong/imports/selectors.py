"""Reads of imports, scoped by the policy: an import is its requester's alone."""

from django.db.models import QuerySet
from django.http import Http404

from pokpong.accounts.models import User
from pokpong.accounts.policy import import_jobs_visible_to
from pokpong.imports.models import ImportJob


def import_job_list_for_user(*, user: User) -> QuerySet[ImportJob]:
    return import_jobs_visible_to(user, ImportJob.objects.all()).defer("file_token")[:20]


def import_job_get_for_user(*, user: User, pk: int) -> ImportJob:
    """The same 404 for a missing import and somebody else's."""
    job = import_jobs_visible_to(user, ImportJob.objects.filter(pk=pk)).defer("file_token").first()
    if job is None:
        raise Http404
    return job
