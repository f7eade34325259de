"""Hostile files through the pages: a clear message, nothing written, never a server error."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from pokpong.cases.models import Case
from pokpong.imports.models import ImportJob
from pokpong.imports.tests.helpers import PERSON_HEADER, csv_bytes, person_row, xlsx_bytes
from pokpong.people.models import Person

pytestmark = pytest.mark.django_db


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * 20_000_000)
    return out.getvalue()


GOOD = person_row(latin=("Noy", "Phommachanh"))
FILES = {
    "wrong headers": (b"Nom,Sexe\nNoy,F\n", "a.csv", "Unknown columns"),
    "missing headers": (b"Sex\nfemale\n", "a.csv", "Missing columns"),
    "empty": (b"", "a.csv", "empty"),
    "non-UTF-8 (Thai Windows)": ("ชื่อ\nสมชาย\n".encode("cp874"), "a.csv", "not in UTF-8"),
    "zip bomb": (_bomb(), "a.xlsx", "not a normal workbook"),
    "not a workbook": (b"PK\x03\x04junk", "a.xlsx", "cannot be read"),
    "ten thousand columns": (b"," * 10_000 + b"x\n", "a.csv", "more than 100 columns"),
}


def _lao_message(data: bytes, name: str) -> str:
    """What the reader says of the file, in Lao (the site's first language)."""
    from pokpong.core.importing import ImportFileError, read_rows
    from pokpong.imports.types.persons_cases import _columns

    with translation.override("lo"), pytest.raises(ImportFileError) as refused:
        read_rows(data, name, _columns(), max_bytes=10**7, max_rows=10)
    return str(refused.value)


@pytest.mark.parametrize("case", FILES, ids=list(FILES))
def test_a_hostile_file_is_refused_with_a_message_and_nothing_written(
    client, caseworker, case, django_capture_on_commit_callbacks
):
    data, name, english = FILES[case]
    client.force_login(caseworker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("imports:index"),
            {"kind": "persons_cases", "file": SimpleUploadedFile(name, data)},
        )
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        job = ImportJob.objects.get()
        message = _lao_message(data, name)
        assert job.status == "failed" and job.message == message
        page = client.get(response.url)
        assert page.status_code == 200 and message in page.content.decode()
        with translation.override("en"):
            assert english in _english(data, name)
    else:  # an empty upload: refused by the form itself
        assert b"field-error" in response.content
    assert not Person.objects.exists() and not Case.objects.exists()


def _english(data: bytes, name: str) -> str:
    from pokpong.core.importing import ImportFileError, read_rows
    from pokpong.imports.types.persons_cases import _columns

    with pytest.raises(ImportFileError) as refused:
        read_rows(data, name, _columns(), max_bytes=10**7, max_rows=10)
    return str(refused.value)


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (person_row(latin=("Noy", "Phommachanh"), began="yesterday"), "Exploitation began", ""),
        (person_row(latin=("=cmd|' /C calc'!A0", "X")), "Given name (Latin script)", "Formulas"),
        (person_row("Noy ພົມມະຈັນ"), "Given name (Lao script)", "Latin letters"),
        (person_row(latin=("ນ້ອຍ", "Phommachanh")), "Given name (Latin script)", "Lao letters"),
        (person_row(latin=("Noy", "Phommachanh"), year="2999"), "Year of birth", "future"),
    ],
)
def test_a_hostile_value_is_a_row_error_and_nothing_is_written(
    caseworker, row, column, message, django_capture_on_commit_callbacks
):
    from pokpong.imports.tests.helpers import check, run

    with translation.override("en"):
        job = check(
            django_capture_on_commit_callbacks,
            caseworker,
            "persons_cases",
            xlsx_bytes(PERSON_HEADER, [GOOD, row]),
            "a.xlsx",
        )
    assert [(r, c) for r, c, _m in job.errors] == [(3, column)]
    assert message in job.errors[0][2]
    run(django_capture_on_commit_callbacks, caseworker, job)
    assert not Person.objects.exists()


def test_the_errors_export_quotes_what_a_spreadsheet_would_run(
    client, caseworker, django_capture_on_commit_callbacks
):
    from pokpong.imports.tests.helpers import check

    bad = person_row(latin=("Noy", "Phommachanh"), came_to_light="=1+2")
    bad[7] = "@SUM(A1)"
    job = check(
        django_capture_on_commit_callbacks,
        caseworker,
        "persons_cases",
        csv_bytes(PERSON_HEADER, [bad]),
    )
    client.force_login(caseworker)
    body = client.get(reverse("imports:errors", args=[job.pk])).content.decode("utf-8-sig")
    assert "@SUM" in body and "\n3,'" not in body
    for line in body.splitlines()[1:]:
        cells = line.split(",", 2)
        assert not cells[2].lstrip('"').startswith(("=", "+", "-", "@"))


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(client, caseworker, settings):
    settings.POKPONG_UPLOAD_MAX_BYTES = 1000
    client.force_login(caseworker)
    upload = SimpleUploadedFile("big.csv", csv_bytes(PERSON_HEADER, [GOOD] * 40))
    response = client.post(reverse("imports:index"), {"kind": "persons_cases", "file": upload})
    with translation.override("lo"):  # the page speaks the case worker's language
        message = translation.gettext("The file is larger than %(size)s MB.") % {"size": 1}
    assert response.status_code == 400 and message in response.content.decode()
    far_over = SimpleUploadedFile("huge.csv", b"x" * (1000 + 2 * 1024 * 1024))
    response = client.post(reverse("imports:index"), {"kind": "persons_cases", "file": far_over})
    assert response.status_code == 413  # refused by the request size limit, body unread
    assert not ImportJob.objects.exists()
