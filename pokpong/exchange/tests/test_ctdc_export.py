"""The CTDC dataset from the database: only consenting persons, one row per case, k recomputed
on the CSV written; the command for the national data manager."""

import csv
import datetime as dt
import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases.models import Case, FormOfTrafficking
from pokpong.cases.tests.factories import CaseFactory, ConsentFactory
from pokpong.core.models import AuditAction, AuditEntry
from pokpong.exchange.ctdc.build import CtdcOptions, ctdc_dataset, quasi_columns
from pokpong.exchange.ctdc.columns import COLUMNS
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.tests.factories import country

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(db):
    return UserFactory(roles=[Role.CASE_WORKER])


def victim(
    worker, *, consent=True, sex="female", birth_year=2000, where="TH", form="sexual_exploitation"
):
    person = PersonFactory(registered_by=worker, sex=sex, birth_year=birth_year)
    person.nationality = country("LA")
    person.save(update_fields=["nationality"])
    if consent is not None:
        ConsentFactory(person=person, for_statistics=consent)
    case = CaseFactory(person=person, country_of_exploitation=country(where))
    case.forms_of_trafficking.set(FormOfTrafficking.objects.filter(code=form))
    return case


def read(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def k_of(rows: list[dict[str, str]], columns) -> int:
    counts = Counter(tuple(row[c] for c in columns) for row in rows)
    return min(counts.values(), default=0)


def test_only_persons_whose_latest_consent_allows_statistics(worker):
    yes = victim(worker)
    victim(worker, consent=False)
    victim(worker, consent=None)  # no consent at all
    withdrawn = victim(worker)
    consent = withdrawn.person.consents.get()
    consent.withdrawn_on = dt.date(2026, 11, 20)
    consent.save(update_fields=["withdrawn_on"])
    later_no = victim(worker)  # a later consent without statistics replaces the first
    ConsentFactory(person=later_no.person, for_statistics=False, given_on=dt.date(2026, 11, 25))
    result = ctdc_dataset(CtdcOptions(k=5, quasi_identifiers=("gender",)))
    assert result.without_consent == 4
    assert result.written + result.suppressed == 1
    assert yes.person.consents.get().for_statistics


def test_the_output_is_k_anonymous_and_the_counts_add_up(worker):
    for _ in range(12):
        victim(worker)  # alike: women, Lao, 26, Thailand, sexual exploitation
    for where in ("CN", "MM", "VN"):
        victim(worker, where=where)  # alone in their class
    victim(worker, sex="male", form="organ_removal", birth_year=1960, where="KH")
    result = ctdc_dataset(CtdcOptions(k=11))
    rows = read(result.content)
    assert list(rows[0]) == list(COLUMNS)
    assert result.written == len(rows)
    assert result.written + result.suppressed == Case.objects.count()
    assert k_of(rows, quasi_columns(CtdcOptions().quasi_identifiers)) >= 11
    assert result.written >= 12  # the twelve alike are all kept


def test_a_class_too_small_is_merged_by_suppressing_a_value(worker):
    for _ in range(11):
        victim(worker, where="TH")
    for where in ("CN", "CN", "MM", "MM", "VN", "VN", "KH", "KH", "MY", "MY", "MY"):
        victim(worker, where=where)
    result = ctdc_dataset(CtdcOptions(k=11))
    rows = read(result.content)
    assert result.suppressed == 0
    assert result.generalised == 11
    assert Counter(row["CountryOfExploitation"] for row in rows) == {"TH": 11, "00": 11}
    assert all(row["gender"] == "Female" for row in rows)  # nothing else was touched


def test_suppressing_the_exploitation_flags_hides_what_would_give_them_away(worker):
    for _ in range(11):
        victim(worker, form="sexual_exploitation")
    for form in ("forced_labour_agriculture",) * 6 + ("forced_marriage",) * 5:
        victim(worker, form=form)
    rows = read(ctdc_dataset(CtdcOptions(k=11)).content)
    hidden = [row for row in rows if row["isForcedLabour"] == "-99"]
    assert len(hidden) == 11
    for row in hidden:
        assert row["typeOfExploitConcatenated"] == "-99"
        assert row["typeOfLabourAgriculture"] == row["typeOfLabourConcatenated"] == "-99"
        assert row["isForcedMarriage"] == row["isSexAndLabour"] == "-99"


def test_the_year_selects_the_year_of_registration(worker):
    old = victim(worker)
    victim(worker)
    Case.objects.filter(pk=old.pk).update(created_at=dt.datetime(2024, 6, 1, tzinfo=dt.UTC))
    result = ctdc_dataset(CtdcOptions(k=5, quasi_identifiers=("gender",), year=2024))
    assert result.written + result.suppressed == 1


def test_merged_persons_and_cases_found_not_to_be_trafficking_are_left_out(worker):
    case = victim(worker)
    case.closure_reason = "not_a_victim"
    case.save(update_fields=["closure_reason"])
    result = ctdc_dataset(CtdcOptions(k=5, quasi_identifiers=("gender",)))
    assert result.written + result.suppressed + result.without_consent == 0


def test_the_command_writes_the_file_and_audits_it(tmp_path, worker, capsys):
    for _ in range(11):
        victim(worker)
    manager = UserFactory(organisation=OrganisationFactory(province=None), roles=[Role.ME_OFFICER])
    out = tmp_path / "ctdc.csv"
    call_command("export_ctdc", output=str(out), k=11, user=manager.username)
    rows = read(out.read_bytes())
    assert len(rows) == 11
    assert "11 records written" in capsys.readouterr().out
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_type="exchange.ctdc")
    assert entry.actor == manager
    assert entry.extra["written"] == 11


def test_the_command_refuses_a_small_k_an_unknown_identifier_and_a_user_without_the_role(
    tmp_path, worker
):
    out = str(tmp_path / "x.csv")
    with pytest.raises(CommandError):
        call_command("export_ctdc", output=out, k=3)
    with pytest.raises(CommandError):
        call_command("export_ctdc", output=out, quasi_identifiers="name")
    with pytest.raises(CommandError):
        call_command("export_ctdc", output=out, user=worker.username)
