"""The import pages along the permission ladder, and upload → dry run → import by the pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.cases.models import Case
from pokpong.imports.models import ImportJob, ImportStatus
from pokpong.imports.tests.helpers import PERSON_HEADER, csv_bytes, person_row

pytestmark = pytest.mark.django_db


def _upload(client, data, name="sheet.csv", kind="persons_cases"):
    return client.post(
        reverse("imports:index"), {"kind": kind, "file": SimpleUploadedFile(name, data)}
    )


def test_upload_dry_run_then_import_through_the_pages(
    client, caseworker, django_capture_on_commit_callbacks
):
    client.force_login(caseworker)
    data = csv_bytes(
        PERSON_HEADER,
        [person_row(latin=("Noy", "Phommachanh")), person_row(latin=("Keo", "Manivong"))],
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, data)
    job = ImportJob.objects.get()
    assert response.url == reverse("imports:detail", args=[job.pk])
    with translation.override("lo"):
        page = client.get(response.url)
        assert translation.gettext("Import") in page.content.decode()
    assert page.context["job"].status == ImportStatus.CHECKED and not Case.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:start", args=[job.pk]), {})
    job.refresh_from_db()
    assert (job.status, job.imported, Case.objects.count()) == ("done", 2, 2)
    again = client.post(reverse("imports:start", args=[job.pk]), {})
    assert again.status_code == 302 and Case.objects.count() == 2  # never twice


def test_a_running_import_is_polled_and_a_finished_one_reloads_the_page(client, caseworker):
    client.force_login(caseworker)
    job = ImportJob.objects.create(
        kind="persons_cases", requested_by=caseworker, filename="a.csv", rows=10, rows_done=4
    )
    url = reverse("imports:detail", args=[job.pk])
    with translation.override("lo"):
        partial = client.get(url, headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert 'value="40"' in body and 'hx-trigger="every 2s"' in body
    assert "<h1>" not in body  # the fragment only
    job.status = ImportStatus.CHECKED
    job.save()
    done = client.get(url, headers={"HX-Request": "true"})
    assert done.status_code == 204 and done["HX-Refresh"] == "true"


def test_another_users_import_answers_404(client, caseworker):
    job = ImportJob.objects.create(kind="persons_cases", requested_by=caseworker, filename="a")
    colleague = UserFactory(organisation=caseworker.organisation, roles=[Role.CASE_WORKER])
    client.force_login(colleague)
    for name in ("imports:detail", "imports:errors"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404
    assert client.post(reverse("imports:start", args=[job.pk])).status_code == 404


def test_roles_that_do_not_import_get_404(client):
    client.force_login(UserFactory(roles=[Role.TRAINER]))
    assert client.get(reverse("imports:index")).status_code == 404


def test_a_prevention_officer_is_offered_activities_only(client):
    client.force_login(UserFactory(roles=[Role.PREVENTION_OFFICER]))
    page = client.get(reverse("imports:index"))
    assert [k for k, _label in page.context["form"].fields["kind"].choices] == ["activities"]
    refused = _upload(client, b"x", kind="persons_cases")
    assert refused.status_code == 400 and not ImportJob.objects.exists()


@pytest.mark.parametrize(
    "name", ["imports:template_persons_xlsx", "imports:template_activities_xlsx"]
)
def test_the_xlsx_templates_have_bilingual_headers_and_an_explanation(client, caseworker, name):
    client.force_login(UserFactory(roles=[Role.CASE_WORKER, Role.PREVENTION_OFFICER]))
    import io

    book = load_workbook(io.BytesIO(client.get(reverse(name)).content))
    assert book.sheetnames == ["Data", "Explanation"]
    headers = [c.value for c in next(book["Data"].iter_rows())]
    assert headers[0] in ("ຊື່ (ອັກສອນລາວ) / Given name (Lao script)", "ປະເພດ / Type")
    assert book["Explanation"].max_row == len(headers) + 1


def test_a_csv_template_filled_in_imports(client, caseworker, django_capture_on_commit_callbacks):
    client.force_login(caseworker)
    template = client.get(reverse("imports:template_persons_csv")).content.decode("utf-8-sig")
    lines = template.splitlines()
    assert lines[1].startswith("# ")  # the explanation, skipped on import
    header = lines[0].split(",")
    row = [""] * len(header)
    row[header.index("ເພດ / Sex")] = "ຍິງ"
    row[2] = "Noy"
    for i, h in enumerate(header):
        if h.endswith("Province of the case"):
            row[i] = "LA-SV"
        if h.endswith("/ How the case came to light"):
            row[i] = "hotline"
        if h.endswith("/ Risk level"):
            row[i] = "medium"
    data = (template + ",".join(row) + "\n").encode("utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, data)
    job = ImportJob.objects.get()
    assert (job.status, job.valid_rows, job.errors) == ("checked", 1, [])
