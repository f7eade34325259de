"""Large files run as background tasks (django-tasks, database backend) with progress shown."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.cases.models import Case
from pokpong.imports import services
from pokpong.imports.models import ImportJob, ImportStatus
from pokpong.imports.tests.helpers import PERSON_HEADER, check, csv_bytes, person_row
from pokpong.imports.types.persons_cases import PersonsCasesImport

GIVEN = ("Vilay", "Khamla", "Bounmy", "Keo", "Souk", "Phet", "Dara", "Mali", "Chanthy", "Ounkham")
FAMILY = ("Sihalath", "Inthavong", "Manivong", "Keomany", "Sisouk", "Douangdy")

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _rows(count):
    names = [(g, f) for g in GIVEN for f in FAMILY]
    return [person_row(latin=names[n], year=str(1970 + n)) for n in range(count)]


@pytest.mark.django_db(transaction=True)
def test_the_queue_runs_the_check_and_the_import_while_the_page_shows_progress(client, settings):
    from django.apps import apps

    from tests.reference_data import load_reference_data

    load_reference_data(apps)
    caseworker = UserFactory(username="caseworker", roles=[Role.CASE_WORKER])
    settings.TASKS = DB_TASKS
    client.force_login(caseworker)
    upload = SimpleUploadedFile("big.csv", csv_bytes(PERSON_HEADER, _rows(30)))
    response = client.post(reverse("imports:index"), {"kind": "persons_cases", "file": upload})
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.CHECKING  # queued: nothing is read in the request
    with translation.override("lo"):
        page = client.get(response.url)
    assert b"<progress" in page.content and b'hx-trigger="every 2s"' in page.content
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    job.refresh_from_db()
    assert (job.status, job.rows, job.rows_done, job.valid_rows) == ("checked", 30, 30, 30)
    client.post(reverse("imports:start", args=[job.pk]), {})
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    job.refresh_from_db()
    assert (job.status, job.imported, Case.objects.count()) == ("done", 30, 30)


@pytest.mark.django_db
def test_progress_is_written_as_the_rows_are_checked(
    caseworker, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "PROGRESS_EVERY", 1)
    seen = []
    original = PersonsCasesImport.check

    def spying(self, row):
        seen.append(ImportJob.objects.values_list("rows_done", flat=True).get())
        return original(self, row)

    monkeypatch.setattr(PersonsCasesImport, "check", spying)
    job = check(
        django_capture_on_commit_callbacks,
        caseworker,
        "persons_cases",
        csv_bytes(PERSON_HEADER, _rows(5)),
    )
    assert seen == [0, 1, 2, 3, 4] and job.rows_done == 5 and job.percent == 100
