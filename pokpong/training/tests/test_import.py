"""Spreadsheet import of participants: every row validated, all-or-nothing unless asked."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from pokpong.accounts.tests.factories import OrganisationFactory
from pokpong.training.importing import (
    ImportFileError,
    import_participants,
    read_rows,
    template_headers,
)
from pokpong.training.models import Enrolment, Participant

pytestmark = pytest.mark.django_db

HEADER_EN = [
    "Name",
    "Sex",
    "Age group",
    "Organisation",
    "Position",
    "Province",
    "Pre-test (%)",
    "Post-test (%)",
]


def _csv(rows, header=HEADER_EN) -> io.BytesIO:
    text = "\n".join(",".join(str(c) for c in row) for row in [header, *rows])
    return io.BytesIO(text.encode("utf-8"))


def _xlsx(rows, header) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


@pytest.fixture
def org():
    return OrganisationFactory(short_name="PSW-CH", name_en="Champasak social welfare")


def test_a_lao_spreadsheet_imports_every_row(trainer, session, org):
    with translation.override("lo"):
        header = template_headers()
    assert header[0] == "ຊື່"  # the Lao template is what officials fill in
    sheet = _xlsx(
        [
            ["ວິໄລ ອິນທະວົງ", "ຍິງ", "25–39 ປີ", "PSW-CH", "ວິຊາການ", "ຈຳປາສັກ", 40, 85],
            ["Khamla Sisouk", "male", 52, "champasak social welfare", "", "LA-CH", "", ""],
        ],
        header,
    )
    rows = read_rows(sheet, "ລາຍຊື່.xlsx")
    result = import_participants(user=trainer, session=session, rows=rows)
    assert result.errors == [] and result.imported == 2
    vilay = Participant.objects.get(full_name="ວິໄລ ອິນທະວົງ")
    assert (vilay.sex, vilay.age_group, vilay.organisation, vilay.province.iso_code) == (
        "female",
        "25_39",
        org,
        "LA-CH",
    )
    assert Enrolment.objects.get(participant=vilay).improvement == 45
    khamla = Participant.objects.get(full_name="Khamla Sisouk")
    assert khamla.age_group == "40_54"  # an age in years falls into its group


def test_one_bad_row_means_nothing_is_written(trainer, session, org):
    rows = read_rows(
        _csv(
            [
                ["Vilay Inthavong", "female", "25–39", "PSW-CH", "", "LA-CH", "40", "85"],
                ["Khamla Sisouk", "unknown", "25–39", "No such office", "", "LA-CH", "40", "120"],
                ["Noy Phommachanh", "female", "Under 25", "PSW-CH", "", "Atlantis", "", ""],
            ]
        ),
        "sheet.csv",
    )
    with translation.override("en"):
        result = import_participants(user=trainer, session=session, rows=rows)
    assert result.imported == 0
    assert not Participant.objects.exists() and not Enrolment.objects.exists()
    assert [e.row for e in result.errors] == [3, 4]
    row3 = " ".join(result.errors[0].messages)
    assert "Sex" in row3 and "Organisation" in row3 and "Post-test" in row3
    assert "No such office" in row3  # the value the user typed is shown back
    assert "Province" in " ".join(result.errors[1].messages)


def test_the_valid_rows_only_on_request(trainer, session, org):
    rows = read_rows(
        _csv(
            [
                ["Vilay Inthavong", "F", "25–39", "PSW-CH", "", "", "40", "85"],
                ["Khamla Sisouk", "M", "", "PSW-CH", "", "", "", ""],
                ["vilay inthavong", "F", "25–39", "PSW-CH", "", "", "", ""],
            ]
        ),
        "sheet.csv",
    )
    result = import_participants(user=trainer, session=session, rows=rows, valid_only=True)
    assert result.imported == 1
    assert [e.row for e in result.errors] == [3, 4]  # missing age group; same person twice
    assert Participant.objects.get().province == session.province  # blank → the session's


def test_someone_already_in_the_session_is_reported_not_duplicated(trainer, session, org):
    sheet = [["Vilay Inthavong", "F", "25–39", "PSW-CH", "", "", "", ""]]
    import_participants(user=trainer, session=session, rows=read_rows(_csv(sheet), "a.csv"))
    again = import_participants(user=trainer, session=session, rows=read_rows(_csv(sheet), "a.csv"))
    assert again.imported == 0 and again.errors[0].row == 2
    assert Enrolment.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "a.csv", "empty"),
        (b"Name,Sex\nVilay,F\n", "a.csv", "Missing columns"),
        ("Name".encode("utf-16"), "a.csv", "UTF-8"),
        (b"not a workbook", "a.xlsx", "cannot be read"),
        (b"x", "a.pdf", "Excel"),
    ],
)
def test_unreadable_files_get_a_clear_message(content, name, message):
    with translation.override("en"), pytest.raises(ImportFileError, match=message):
        read_rows(io.BytesIO(content), name)


def test_only_trainers_import(caseworker, session):
    with pytest.raises(PermissionDenied):
        import_participants(user=caseworker, session=session, rows=[])


def test_the_import_page_shows_row_errors_then_imports(client, trainer, session, org):
    client.force_login(trainer)
    url = reverse("training:session_import", args=[session.pk])
    bad = [
        ["Vilay Inthavong", "F", "25–39", "PSW-CH", "", "", "40", "85"],
        ["Khamla Sisouk", "X", "25–39", "PSW-CH", "", "", "", ""],
    ]
    upload = SimpleUploadedFile("sheet.csv", _csv(bad).getvalue(), "text/csv")
    with translation.override("en"):
        page = client.post(url, {"file": upload}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert page.context["result"].errors[0].row == 3
    assert not Participant.objects.exists()
    upload = SimpleUploadedFile("sheet.csv", _csv(bad).getvalue(), "text/csv")
    page = client.post(url, {"file": upload, "valid_only": "on"})
    assert page.context["result"].imported == 1
    assert Participant.objects.count() == 1
    corrected = [["Khamla Sisouk", "M", "25–39", "PSW-CH", "", "", "", ""]]
    upload = SimpleUploadedFile("sheet.csv", _csv(corrected).getvalue(), "text/csv")
    done = client.post(url, {"file": upload})
    assert done.status_code == 302 and Participant.objects.count() == 2
    template = client.get(reverse("training:import_template"))
    assert template.content.decode("utf-8-sig").startswith("ຊື່,")
