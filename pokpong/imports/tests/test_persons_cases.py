"""Historical persons with their cases: dry run, all-or-nothing, valid rows only, duplicates."""

import pytest
from django.utils import translation

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases.models import Case
from pokpong.core.models import AuditEntry
from pokpong.imports.models import ImportStatus
from pokpong.imports.services import import_file
from pokpong.imports.tests.helpers import PERSON_HEADER, check, csv_bytes, person_row, run
from pokpong.people.models import Person
from pokpong.people.services import PersonDetails, person_register
from pokpong.places.tests.factories import CHAMPASAK, province

pytestmark = pytest.mark.django_db

KIND = "persons_cases"


def _named(given):
    return next(p for p in Person.objects.all() if given in (p.given_name_lo, p.given_name_latin))


def _sheet(*rows):
    return csv_bytes(PERSON_HEADER, rows)


def test_the_dry_run_writes_nothing_then_the_import_writes_each_person_and_case(
    caseworker, django_capture_on_commit_callbacks
):
    data = _sheet(
        person_row("ວິໄລ ອິນທະວົງ", forms="sexual_exploitation", began="14/03/2568"),
        person_row(latin=("Khamla", "Sisouk"), sex="ຊາຍ", year="໑໙໙໕", risk="ຕ່ຳ"),
    )
    job = check(django_capture_on_commit_callbacks, caseworker, KIND, data)
    assert (job.status, job.rows, job.valid_rows, job.error_rows) == ("checked", 2, 2, 0)
    assert not Person.objects.exists() and not Case.objects.exists()
    job = run(django_capture_on_commit_callbacks, caseworker, job)
    assert (job.status, job.imported) == (ImportStatus.DONE, 2)
    vilay = Case.objects.get(person=_named("ວິໄລ"))
    assert vilay.exploitation_began_on.isoformat() == "2025-03-14"  # Buddhist era converted
    assert [f.code for f in vilay.forms_of_trafficking.all()] == ["sexual_exploitation"]
    khamla = _named("Khamla")
    assert (khamla.sex, khamla.birth_year) == ("male", 1995)  # Lao label, Lao digits
    assert Case.objects.get(person=khamla).risk_level == "low"
    # each record audited like a page creation, and the import with its counts
    assert AuditEntry.objects.filter(object_type="people.person", action="create").count() == 2
    assert AuditEntry.objects.filter(object_type="cases.case", action="create").count() == 2
    last = AuditEntry.objects.filter(object_type="imports.importjob").first()
    assert last.extra["imported"] == 2 and last.extra["rows"] == 2


def test_the_original_file_is_kept_encrypted(caseworker, django_capture_on_commit_callbacks):
    data = _sheet(person_row(latin=("Noy", "Phommachanh")))
    job = check(django_capture_on_commit_callbacks, caseworker, KIND, data)
    assert b"Phommachanh" not in job.file_token.encode()
    assert import_file(job) == data


def test_one_bad_row_means_nothing_is_written_unless_the_valid_rows_are_chosen(
    caseworker, django_capture_on_commit_callbacks
):
    data = _sheet(
        person_row(latin=("Noy", "Phommachanh")),
        person_row(latin=("Bounmy", "Sihalath"), sex="zz", began="31/02/2020"),
        person_row(latin=("Keo", "Manivong"), province=CHAMPASAK),
    )
    with translation.override("en"):
        job = check(django_capture_on_commit_callbacks, caseworker, KIND, data)
    assert (job.valid_rows, job.error_rows) == (1, 2)
    rows = {(row, column) for row, column, _message in job.errors}
    assert {(3, "Sex"), (3, "Exploitation began"), (4, "Province of the case")} <= rows
    job = run(django_capture_on_commit_callbacks, caseworker, job)
    assert job.status == ImportStatus.NOTHING and not Person.objects.exists()
    job = check(django_capture_on_commit_callbacks, caseworker, KIND, data)
    job = run(django_capture_on_commit_callbacks, caseworker, job, valid_only=True)
    assert job.imported == 1
    assert [p.given_name_latin for p in Person.objects.all()] == ["Noy"]


def test_row_errors_are_in_the_users_language(caseworker, django_capture_on_commit_callbacks):
    data = _sheet(person_row(latin=("Noy", "Phommachanh"), sex="x"))
    with translation.override("lo"):
        job = check(django_capture_on_commit_callbacks, caseworker, KIND, data)
        expected_column = str(translation.gettext("Sex"))
    assert job.language == "lo"
    assert job.errors[0][0] == 2 and job.errors[0][1] == expected_column


def test_a_lao_row_matching_a_latin_person_is_flagged_and_skipped_unless_kept(
    caseworker, django_capture_on_commit_callbacks
):
    known = person_register(
        user=caseworker,
        details=PersonDetails(
            sex="female",
            birth_year=1998,
            given_name_latin="Souksavanh",
            family_name_latin="Phommachanh",
        ),
    )
    data = _sheet(
        person_row("ສຸກສະຫວັນ ພົມມະຈັນ"),
        person_row(latin=("Vilay", "Inthavong")),
        person_row(latin=("Vilay", "Inthavong")),
    )
    job = check(django_capture_on_commit_callbacks, caseworker, KIND, data)
    assert Person.objects.count() == 1  # flagged before anything is written
    flags = {flag["row"]: flag for flag in job.duplicates}
    assert flags[2]["person_id"] == known.pk and flags[2]["label"] == known.code
    assert flags[4]["same_as_row"] == 3  # the same person twice in the file
    job = run(django_capture_on_commit_callbacks, caseworker, job)
    assert (job.imported, job.skipped) == (1, 2)
    job = check(django_capture_on_commit_callbacks, caseworker, KIND, data)
    job = run(django_capture_on_commit_callbacks, caseworker, job, import_anyway=[2])
    assert job.imported == 1  # row 2 kept; row 3 is now in the database, 4 its duplicate
    assert _named("ສຸກສະຫວັນ")


def test_a_person_outside_the_users_scope_is_never_offered_as_duplicate(
    caseworker, django_capture_on_commit_callbacks
):
    elsewhere = UserFactory(
        organisation=OrganisationFactory(province=province(CHAMPASAK)), roles=[Role.CASE_WORKER]
    )
    person_register(
        user=elsewhere,
        details=PersonDetails(
            sex="female", given_name_latin="Vilay", family_name_latin="Inthavong"
        ),
    )
    job = check(
        django_capture_on_commit_callbacks,
        caseworker,
        KIND,
        _sheet(person_row(latin=("Vilay", "Inthavong"))),
    )
    assert job.duplicates == []


def test_a_national_hotline_counsellor_may_not_import_cases(
    django_capture_on_commit_callbacks,
):
    from django.core.exceptions import PermissionDenied

    from pokpong.imports.services import import_job_create

    user = UserFactory(roles=[Role.PREVENTION_OFFICER])
    with pytest.raises(PermissionDenied):
        import_job_create(user=user, kind=KIND, filename="a.csv", data=b"x")
