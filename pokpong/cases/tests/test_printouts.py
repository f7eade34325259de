"""Printouts as PDF: produced with the Lao text, refused with the same 404, audited, not cached."""

import io
import unicodedata

import pytest
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases.tests.factories import CaseFactory, ScreeningFactory
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.models import Province

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _weasyprint():
    # Without its system libraries weasyprint raises OSError (pytest's stubs expect ImportError).
    pytest.importorskip("weasyprint", exc_type=OSError)  # type: ignore[arg-type]


def _text(response) -> str:
    from pypdf import PdfReader

    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    reader = PdfReader(io.BytesIO(response.content))
    text = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in reader.pages))
    return "".join(text.split())


def _viewed(obj) -> AuditEntry:
    return AuditEntry.objects.filter(
        action=AuditAction.VIEW, object_id=str(obj.pk), object_type=obj._meta.label_lower
    ).latest("sequence")


@pytest.fixture
def case(caseworker):
    return CaseFactory(person=PersonFactory(registered_by=caseworker))


@pytest.fixture
def stranger(db):
    """A case worker of another province's office."""
    office = OrganisationFactory(province=Province.objects.get(iso_code="LA-LP"))
    return UserFactory(organisation=office, roles=[Role.CASE_WORKER])


def test_the_case_summary_is_a_pdf_with_the_case_number_audited(client, caseworker, case):
    client.force_login(caseworker)
    text = _text(client.get(reverse("cases:case_summary_pdf", args=[case.pk])))
    assert case.number in text and "ສາທາລະນະລັດ" in text
    assert "details" in _viewed(case).extra["fields"]


def test_another_provinces_office_gets_404_for_the_case_summary(client, stranger, case):
    client.force_login(stranger)
    assert client.get(reverse("cases:case_summary_pdf", args=[case.pk])).status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.VIEW, object_id=str(case.pk)).exists()


def test_the_screening_record_is_a_pdf_refused_to_other_offices(client, caseworker, stranger):
    person = PersonFactory(registered_by=caseworker)
    screening = ScreeningFactory(person=person, screened_by=caseworker)
    url = reverse("cases:screening_pdf", args=[screening.pk])
    client.force_login(caseworker)
    assert person.code in _text(client.get(url))
    assert _viewed(screening).parent_id == str(person.pk)
    client.force_login(stranger)
    assert client.get(url).status_code == 404


def test_the_blank_consent_form_names_the_person_in_lao(client, caseworker, stranger):
    person = PersonFactory(registered_by=caseworker)
    url = reverse("cases:consent_form_pdf", args=[person.pk])
    client.force_login(caseworker)
    text = _text(client.get(url))
    assert person.code in text and "ສາທາລະນະລັດ" in text
    assert _viewed(person).extra["fields"] == ["names"]
    client.force_login(stranger)
    assert client.get(url).status_code == 404


def test_the_lao_text_is_set_in_noto_sans_lao_embedded(client, caseworker):
    """Noto Sans Lao from the system (fonts-noto-core), not the web font's subset, which Pango
    shaped wrongly (a vowel and a tone mark on one consonant drawn over the next letter)."""
    from pypdf import PdfReader

    case = CaseFactory(person=PersonFactory(registered_by=caseworker))
    client.force_login(caseworker)
    response = client.get(reverse("cases:case_summary_pdf", args=[case.pk]))
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    fonts = [f.get_object() for f in page["/Resources"]["/Font"].values()]  # type: ignore[index]
    names = [str(font["/BaseFont"]) for font in fonts]
    assert any(name.endswith("+Noto-Sans-Lao") for name in names), names
    assert not any("Pokpong" in name for name in names)
