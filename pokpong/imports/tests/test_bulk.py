"""Issue 20: the bulk path of the persons-with-cases import writes exactly what the row-by-row
path (the pages' services, one row after another) writes — the same records, name-index
tokens and audit entries — checks each row as a new form would, and asks the database a number
of times that does not grow with the rows."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from pokpong.cases.models import Case, CaseNumberCounter
from pokpong.core.audit import audit_chain_problems
from pokpong.core.importing import read_rows
from pokpong.core.models import AuditEntry
from pokpong.imports.models import ImportJob, ImportStatus
from pokpong.imports.services import import_job_run
from pokpong.imports.tests.helpers import PERSON_HEADER, check, csv_bytes, person_row, run
from pokpong.imports.types.persons_cases import PersonsCasesImport
from pokpong.people.models import Person, PersonToken, TokenStat
from pokpong.people.services import PersonDetails, person_register

pytestmark = pytest.mark.django_db

KIND = "persons_cases"
VOLATILE = {"id", "code", "created_at", "updated_at", "person_id", "person"}


def _rows():
    return [
        person_row("ວິໄລ ອິນທະວົງ", forms="sexual_exploitation", began="14/03/2568"),
        person_row(latin=("Khamla", "Sisouk"), sex="ຊາຍ", year="໑໙໙໕", risk="ຕ່ຳ"),
        person_row("ບຸນມີ ແກ້ວມະນີ", latin=("Bounmy", "Keomany"), year="2540"),
        person_row(latin=("Phet", "Douangdy"), forms="forced_labour_agriculture, other"),
        person_row("ຈັນທີ ສີສຸກ", sex="F", year="1987", came_to_light="police"),
        person_row(latin=("Dara", "Manivong"), year="", risk="low"),
        person_row(latin=("Noy", "Phommachanh"), year="1979"),  # 7: an error below
        person_row(latin=("Noy", "Phommachanh"), year="1979"),  # 8: the same person again
    ]


def _values(obj, skip=()):
    return {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if f.attname not in VOLATILE and f.name not in VOLATILE and f.attname not in skip
    }


def _snapshot(first_sequence):
    persons = list(Person.objects.order_by("pk"))
    order = {p.pk: n for n, p in enumerate(persons)}
    cases = list(Case.objects.order_by("pk"))
    case_order = {c.pk: n for n, c in enumerate(cases)}
    tokens: dict[int, set[int]] = {}
    for token in PersonToken.objects.all():
        tokens.setdefault(order[token.person_id], set()).add(token.token)
    entries = []
    for entry in AuditEntry.objects.filter(sequence__gte=first_sequence).order_by("sequence"):
        if entry.object_type == "people.person":
            ref = ("person", order[int(entry.object_id)])
        elif entry.object_type == "cases.case":
            ref = ("case", case_order[int(entry.object_id)])
        else:
            continue
        entries.append(
            (ref, entry.action, entry.actor_id, entry.changes, entry.extra, entry.parent_type)
        )
    return {
        "persons": [_values(p) for p in persons],
        "cases": [
            (order[c.person_id], _values(c), sorted(f.code for f in c.forms_of_trafficking.all()))
            for c in cases
        ],
        "tokens": tokens,
        "token_counts": dict(TokenStat.objects.values_list("token", "persons")),
        "counters": list(CaseNumberCounter.objects.values_list("province_id", "year", "last")),
        "audit": entries,
    }


def _import(capture, user, settings, *, bulk, valid_only=True, anyway=True):
    settings.POKPONG_IMPORT_BULK = bulk
    rows = _rows()
    rows[6][5] = "1850"  # a year of birth the form refuses
    job = check(capture, user, KIND, csv_bytes(PERSON_HEADER, rows))
    keep = [flag["row"] for flag in job.duplicates] if anyway else []
    return run(capture, user, job, valid_only=valid_only, import_anyway=keep)


def test_the_bulk_path_writes_what_the_row_by_row_path_writes(
    caseworker, settings, django_capture_on_commit_callbacks
):
    # a person already recorded: one row is flagged as them, and the index counts them
    person_register(
        user=caseworker,
        details=PersonDetails(given_name_latin="Bounmy", family_name_latin="Keomany", sex="female"),
    )
    first = AuditEntry.objects.order_by("-sequence").first().sequence + 1
    outcomes = {}
    snapshots = {}
    for bulk in (False, True):
        savepoint = transaction.savepoint()
        job = _import(django_capture_on_commit_callbacks, caseworker, settings, bulk=bulk)
        outcomes[bulk] = (job.status, job.imported, job.error_rows, job.errors, job.duplicates)
        snapshots[bulk] = _snapshot(first)
        problems, _head = audit_chain_problems()
        assert problems == []
        transaction.savepoint_rollback(savepoint)
    assert outcomes[True] == outcomes[False]
    assert outcomes[True][:3] == (ImportStatus.DONE, 7, 1)  # the error row left out
    for part in ("persons", "cases", "tokens", "token_counts", "counters", "audit"):
        assert snapshots[True][part] == snapshots[False][part], part
    assert len(snapshots[True]["audit"]) == 2 * 7  # person, then case, for each row written


def test_with_an_error_nothing_is_written_either_way(
    caseworker, settings, django_capture_on_commit_callbacks
):
    job = _import(
        django_capture_on_commit_callbacks, caseworker, settings, bulk=True, valid_only=False
    )
    assert (job.status, job.imported) == (ImportStatus.NOTHING, 0)
    assert not Person.objects.exists() and not Case.objects.exists()


def test_one_form_checks_each_row_as_a_new_form_would(caseworker):
    """The rows checked in turn by one importer (its forms bound again to each row) give the
    problems and values that a new importer (new forms) gives each row."""
    rows = [
        *_rows(),
        person_row("Vilay ອິນ", year="31/02/2020"),  # Latin in the Lao column; not a year
        person_row(latin=("", ""), sex="robot"),  # no name, an unknown sex
        person_row(latin=("Keo", "Sihalath"), forms="nonsense", risk="high"),  # no reason
        person_row(latin=("Mali", "Inthavong"), province="LA-VT"),  # not the office's
        person_row(latin=("Souk", "Douangdy"), year="2600"),  # a Buddhist-era year too late
        person_row(latin=("Keo", "Sihalath"), forms="sexual_exploitation"),
    ]
    read = read_rows(
        csv_bytes(PERSON_HEADER, rows),
        "sheet.csv",
        PersonsCasesImport(caseworker).columns(),
        max_bytes=10**7,
        max_rows=1000,
    )
    shared = PersonsCasesImport(caseworker)
    for row in read:
        problems, checked = shared.check(row)
        fresh_problems, fresh = PersonsCasesImport(caseworker).check(row)
        assert [(p.column, p.message) for p in problems] == [
            (p.column, p.message) for p in fresh_problems
        ]
        assert (checked is None) == (fresh is None)
        if checked is not None:
            assert checked.data.person == fresh.data.person
            assert checked.data.case == fresh.data.case
            assert checked.data.forms_of_trafficking == fresh.data.forms_of_trafficking
            assert checked.data.names == fresh.data.names
    valid = sum(1 for row in read if shared.check(row)[1] is not None)
    assert 0 < valid < len(read)  # both kinds exercised


def _import_queries(capture, user, count):
    rows = [
        person_row(latin=(f"Name{n:04d}x", "Sihalath"), year=str(1960 + n % 40), forms="other")
        for n in range(count)
    ]
    job = check(capture, user, KIND, csv_bytes(PERSON_HEADER, rows))
    job.valid_only, job.status = True, ImportStatus.IMPORTING
    job.import_anyway = [flag["row"] for flag in job.duplicates]
    job.save()
    with CaptureQueriesContext(connection) as queries:
        job = import_job_run(job_id=job.pk)
    assert job.imported == count
    inserts = sum(1 for q in queries.captured_queries if q["sql"].startswith("INSERT"))
    return inserts, len(queries) - inserts


def test_the_queries_of_an_import_do_not_grow_with_its_rows(
    caseworker, django_capture_on_commit_callbacks
):
    small = _import_queries(django_capture_on_commit_callbacks, caseworker, 10)
    Case.objects.all().delete()
    Person.objects.all().delete()
    ImportJob.objects.all().delete()
    large = _import_queries(django_capture_on_commit_callbacks, caseworker, 200)
    # the same reads (a few more where a list is asked for in parts of 900 values), and the
    # inserts in batches: on SQLite a statement holds at most 999 values, so the 400 audit
    # entries of 200 rows take 7 statements, their 200 persons 8, their ~3,000 index tokens 7
    # (PostgreSQL: one each); never one a row
    assert large[1] <= small[1] + 3, (small, large)
    assert large[0] <= small[0] + 30, (small, large)
    assert sum(large) < 200 / 2
