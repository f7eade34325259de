"""Uploads stay in memory (never unencrypted in the temp folder); oversized requests get 413."""

import pytest
from django.core.files import uploadhandler
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pokpong.cases.models import Attachment
from pokpong.cases.tests.factories import CaseFactory
from pokpong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


@pytest.fixture
def case(caseworker):
    return CaseFactory(person=PersonFactory(registered_by=caseworker, birth_year=1995))


@pytest.fixture
def no_temporary_files(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("an upload was spooled to the temporary folder")

    monkeypatch.setattr(uploadhandler, "TemporaryUploadedFile", refuse)


def _pdf(size: int) -> SimpleUploadedFile:
    return SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b"0" * (size - 9), "application/pdf")


@pytest.mark.usefixtures("no_temporary_files")
def test_an_attachment_of_9_mb_is_kept_in_memory_and_saved(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:case_attachment_add", args=[case.pk]), {"file": _pdf(9 * MB)}
    )
    assert response.status_code == 302
    assert Attachment.objects.count() == 1


@pytest.mark.usefixtures("no_temporary_files")
def test_a_file_just_over_the_limit_is_refused_by_the_form(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:case_attachment_add", args=[case.pk]),
        {"file": _pdf(10 * MB + 100)},
        follow=True,
    )
    assert not Attachment.objects.exists()
    assert "10 MB" in " ".join(str(m) for m in response.context["messages"])


@pytest.mark.usefixtures("no_temporary_files")
def test_a_request_far_over_the_limit_is_refused_before_it_is_read(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:case_attachment_add", args=[case.pk]), {"file": _pdf(12 * MB)}
    )
    assert response.status_code == 413
    assert "ໃຫຍ່ເກີນ" in response.content.decode() or "Too large" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_huge_form_without_a_file_gets_413_not_an_error(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(reverse("cases:case_note_add", args=[case.pk]), {"text": "x" * (3 * MB)})
    assert response.status_code == 413


def test_the_pdf_preview_page_may_show_only_our_own_file_in_an_object(client, caseworker, case):
    client.force_login(caseworker)
    client.post(reverse("cases:case_attachment_add", args=[case.pk]), {"file": _pdf(1000)})
    attachment = Attachment.objects.get()
    page = client.get(reverse("cases:attachment_view", args=[attachment.pk]))
    policy = page.headers["Content-Security-Policy"]
    assert "object-src 'self'" in policy and "script-src 'self'" in policy
    served = client.get(reverse("cases:attachment_file", args=[attachment.pk]) + "?inline=1")
    assert "sandbox" in served.headers["Content-Security-Policy"]
