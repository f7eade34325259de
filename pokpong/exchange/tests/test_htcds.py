"""The HTCDS v2.0 case file set: the standard's headers and picklists, the consent rule, the
requester's scope, bulk reads."""

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pokpong.accounts.models import Role
from pokpong.accounts.policy import can_export_htcds
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.cases.tests.factories import CaseFactory, ConsentFactory, FormOfTraffickingFactory
from pokpong.exchange.htcds import mapping as m
from pokpong.exchange.htcds.builder import htcds_case_file_set, htcds_scope_for, htcds_zip
from pokpong.exchange.htcds.rows import e164
from pokpong.exchange.tests.htcds_world import (
    codes,
    export,
    partner_organisation,
    persons_in,
    whole_case,
)
from pokpong.people.tests.factories import AccessGrantFactory, PersonFactory
from pokpong.places.tests.factories import CHAMPASAK, province

TSV = Path(__file__).resolve().parents[1] / "data" / "htcds_v2_field_standards.tsv"


def _standard() -> dict[str, list[tuple[str, str, str]]]:
    """The standard read here on its own: section → [(field, type, value names)]."""
    sections: dict[str, list[tuple[str, str, str]]] = {}
    section = ""
    with TSV.open(encoding="utf-8", newline="") as handle:
        for cells in list(csv.reader(handle, delimiter="\t"))[1:]:
            if cells and cells[0]:
                section = cells[0]
            elif len(cells) > 7 and cells[6] not in ("", "N/A"):
                names = cells[9] if len(cells) > 9 else ""
                sections.setdefault(section, []).append((cells[6], cells[7], names))
    return sections


STANDARD = _standard()
FILES = {
    "organization.csv": "Organization",
    "person.csv": "Person",
    "person_victim_context.csv": "Person - Victim Context",
    "case.csv": "Case",
    "referral_details.csv": "Referral Details",
    "case_comment.csv": "Case Comment",
    "historic_trafficking_events.csv": "Historic Trafficking Events",
    "support_plan.csv": "Support Plan",
    "consent.csv": "Consent",
}


def _allowed() -> dict[str, set[str]]:
    return {
        name: set(values.split())
        for fields in STANDARD.values()
        for name, type_, values in fields
        if "Picklist" in type_ and values and not values.startswith("Use ISO")
    }


ALLOWED = _allowed()


@pytest.fixture
def office(db):
    return UserFactory(roles=[Role.CASE_WORKER])


@pytest.fixture
def partner(db):
    return partner_organisation()


@pytest.fixture
def tables(office, partner):
    whole_case(office=office, partner=partner)
    return export(office, partner)


def _zip(office, partner) -> zipfile.ZipFile:
    file_set = htcds_case_file_set(scope=htcds_scope_for(user=office), recipient=partner)
    return zipfile.ZipFile(io.BytesIO(htcds_zip(file_set)))


def test_each_file_has_the_standards_field_names_in_its_order_after_the_keys(office, partner):
    whole_case(office=office, partner=partner)
    with _zip(office, partner) as archive:
        assert set(archive.namelist()) == {*FILES, "README.txt", "manifest.json"}
        for name, section in FILES.items():
            header = next(csv.reader(io.StringIO(archive.read(name).decode("utf-8"))))
            keys = [h for h in header if h.startswith("key_")]
            assert header[: len(keys)] == keys, name
            assert header[len(keys) :] == [f for f, _type, _values in STANDARD[section]], name


def test_every_section_with_fields_is_a_file_but_the_perpetrators():
    assert set(STANDARD) - set(FILES.values()) == {"Person - Perpetrator Context"}


def test_every_picklist_value_written_is_one_of_the_standards(tables):
    filled = set()
    for rows in tables.values():
        for row in rows:
            for column, value in row.items():
                if column in ALLOWED and value:
                    filled.add(column)
                    for part in value.split(m.MULTISELECT_SEPARATOR):
                        assert part in ALLOWED[column], (column, part)
    # the world fills them: the check above did check something
    assert {
        "org_Type",
        "prs_Gender",
        "prs_HighestLevelOfEducation",
        "vic_TraffickingStatus",
        "vic_TraffickingStatusDecisionMakingOrg",
        "vic_RelationshipToTrafficker",
        "vic_MethodsOfControl",
        "vic_TypeOfExploitation",
        "vic_ForcedLabourIndustry",
        "cas_Status",
        "cas_ReasonForIncomingReferral",
        "cas_ReasonForOutgoingReferral",
        "hte_Type",
        "spl_Type",
    } <= filled


def test_coded_values_are_iso_codes(tables):
    person = tables["person.csv"][0]
    assert person["prs_Citizenship"] == "LA"
    assert person["prs_MailingCountry"] == "LA"
    assert (person["prs_PrimaryLanguage"], person["prs_SecondaryLanguage"]) == ("lao", "mkh")
    assert tables["historic_trafficking_events.csv"][0]["hte_Country"] == "TH"
    assert all(re.fullmatch(r"[a-z]{3}", code) for code in m.LANGUAGE.values())


# Each table feeds one field: every value it can give is the standard's.
TABLE_FIELDS = [
    (m.GENDER, "prs_Gender"),
    (m.EDUCATION, "prs_HighestLevelOfEducation"),
    (m.STATUS_BY_IDENTIFICATION, "vic_TraffickingStatus"),
    (m.STATUS_BY_SCREENING, "vic_TraffickingStatus"),
    (m.DECISION_ORG_BY_ORGANISATION_TYPE, "vic_TraffickingStatusDecisionMakingOrg"),
    ({"x": m.IDENTIFYING_ORGANISATION}, "vic_TraffickingStatusDecisionMakingOrg"),
    (m.RELATIONSHIP, "vic_RelationshipToTrafficker"),
    (m.EXPLOITATION_BY_FORM, "vic_TypeOfExploitation"),
    (m.INDUSTRY_BY_FORM, "vic_ForcedLabourIndustry"),
    (m.CASE_STATUS, "cas_Status"),
    (m.CLOSED_STATUS_BY_REASON, "cas_Status"),
    ({"x": m.OUTGOING_REFERRAL_REASON}, "cas_ReasonForOutgoingReferral"),
    ({"x": m.TRANSFER_REASON, "y": "Other"}, "cas_ReasonForIncomingReferral"),
    ({"x": m.EXPLOITATION_EVENT}, "hte_Type"),
    (m.SUPPORT_BY_NEED_DOMAIN, "spl_Type"),
    (m.SUPPORT_BY_SERVICE, "spl_Type"),
    ({"x": m.SUPPORT_LIVELIHOOD, "y": m.SUPPORT_LEGAL, "z": "SocialCare"}, "spl_Type"),
    (m.ORGANISATION_TYPE, "org_Type"),
]


@pytest.mark.parametrize(("table", "field"), TABLE_FIELDS)
def test_mapping_tables_give_only_the_standards_values(table, field):
    assert set(table.values()) <= ALLOWED[field]


def test_the_persons_record_is_mapped(tables, office, partner):
    person = tables["person.csv"][0]
    assert person["prs_FirstName"] == "ສຸກສະຫວັນ"  # the Lao-script name first
    assert person["prs_Salutation"] == "Ms"
    assert person["prs_Gender"] == "Feminine"
    assert person["prs_Birthdate"] == "2001-03-04"
    assert person["prs_IdentityNumber"] == "ID-0042"  # the identity card before the passport
    assert person["prs_MobilePhone"] == "+8562055551234"
    assert person["prs_HighestLevelOfEducation"] == "LowerSecondaryEducation"
    assert person["prs_Deceased"] == "false"
    victim = tables["person_victim_context.csv"][0]
    assert victim["vic_TraffickingStatus"] == "ActualVictimOfTrafficking"
    assert victim["vic_TraffickingStatusDecisionMakingOrg"] == "Police"
    assert victim["vic_MethodsOfControl"] == "DebtBondage;WithholdsDocuments"
    assert victim["vic_TypeOfExploitation"] == "ForcedLabour;Other;SexualExploitation"
    assert victim["vic_ForcedLabourIndustry"] == "A_AgricultureForestryAndFishing"
    assert victim["vic_AgeWhenTrafficked"] == "22"
    assert tables["consent.csv"] == [{"key_Person": person["key_Person"], "con_Consent": "true"}]


def test_the_case_file_is_mapped_without_confidential_notes_or_the_employer(tables):
    (case,) = tables["case.csv"]
    assert case["cas_Status"] == "Active"
    referrals = tables["referral_details.csv"]
    assert {r["cas_ReasonForIncomingReferral"] for r in referrals} == {
        "MigrationOrChangeOfLocation",
        "",
    }
    assert any(r["cas_ReferredOrganisation"] == "New Hope Shelter" for r in referrals)
    assert [r["cco_CaseComment"] for r in tables["case_comment.csv"]] == ["Shared note"]
    support = tables["support_plan.csv"]
    assert {r["spl_Type"] for r in support} == {"Health", "SocialCare", "Livelihood", "Legal"}
    assert not any("Secret Garment" in value for r in support for value in r.values())
    names = {r["org_Name"] for r in tables["organization.csv"]}
    assert tables["organization.csv"][0]["org_Name"] == "Partner for Migration (fictitious)"
    assert "New Hope Shelter" in names


def test_a_case_closed_because_the_person_moved_is_closed_referred(office, partner):
    case = whole_case(office=office, partner=partner)
    case.status, case.closure_reason, case.closed_on = "closed", "moved", case.created_at.date()
    case.save()
    assert export(office, partner)["case.csv"][0]["cas_Status"] == "ClosedReferred"


def test_only_persons_whose_active_consent_names_the_recipient_are_exported(office, partner):
    named = whole_case(office=office, partner=partner).person
    other = OrganisationFactory()
    elsewhere = PersonFactory(registered_by=office)  # consents to share with another only
    ConsentFactory(person=elsewhere, share_with=[other])
    without = PersonFactory(registered_by=office)  # no consent at all
    withdrawn = PersonFactory(registered_by=office)
    ConsentFactory(person=withdrawn, share_with=[partner], withdrawn_on="2026-11-20")
    replaced = PersonFactory(registered_by=office)  # the newer consent no longer names it
    ConsentFactory(person=replaced, share_with=[partner], given_on="2026-01-01")
    ConsentFactory(person=replaced, share_with=[other], given_on="2026-06-01")
    for person in (elsewhere, without, withdrawn, replaced):
        CaseFactory(person=person)
    tables = export(office, partner)
    assert persons_in(tables) == codes(named)
    assert {r["key_Person"] for r in tables["case.csv"]} == codes(named)
    assert persons_in(export(office, other)) == codes(elsewhere, replaced)


def test_the_requesters_scope_limits_the_set(office, partner):
    mine = whole_case(office=office, partner=partner).person
    other_office = UserFactory(roles=[Role.CASE_WORKER], organisation__province=province(CHAMPASAK))
    theirs = whole_case(office=other_office, partner=partner).person
    AccessGrantFactory(record=theirs, grantee_organisation=office.organisation)  # a referral's
    assert persons_in(export(office, partner)) == codes(mine)
    assert persons_in(export(other_office, partner)) == codes(theirs)


def test_roles_that_do_not_manage_cases_cannot_export_and_get_nothing(office, partner):
    whole_case(office=office, partner=partner)
    for role in (Role.POLICE_OFFICER, Role.SERVICE_PROVIDER, Role.NATIONAL_SECRETARIAT):
        user = UserFactory(roles=[role], organisation=office.organisation)
        assert not can_export_htcds(user)
        assert persons_in(export(user, partner)) == set()
    manager = UserFactory(roles=[Role.PROVINCIAL_MANAGER])
    assert can_export_htcds(manager)
    assert len(persons_in(export(manager, partner))) == 1


def test_the_set_is_read_in_a_fixed_number_of_queries(office, partner):
    whole_case(office=office, partner=partner)
    export(office, partner)  # the user's roles and the content types, read once and kept
    with CaptureQueriesContext(connection) as one:
        export(office, partner)
    for _ in range(4):
        whole_case(office=office, partner=partner)
    with CaptureQueriesContext(connection) as five:
        export(office, partner)
    assert len(five) == len(one)


def test_the_set_for_many_persons_stays_under_a_query_budget(
    office, partner, django_assert_max_num_queries
):
    for _ in range(3):
        whole_case(office=office, partner=partner)
    with django_assert_max_num_queries(30):
        export(office, partner)


def test_the_zip_carries_a_readme_and_a_manifest_with_the_counts(office, partner):
    whole_case(office=office, partner=partner)
    with _zip(office, partner) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        readme = archive.read("README.txt").decode()
    assert manifest["recipient"] == "Partner for Migration (fictitious)"
    rows = {f["name"]: f["rows"] for f in manifest["files"]}
    assert rows["person.csv"] == 1
    assert rows["case_comment.csv"] == 1
    assert "CC BY 4.0" in readme
    assert "not endorsed by IOM" in readme


def test_a_formula_typed_as_a_name_is_not_run_by_a_spreadsheet(office, partner):
    whole_case(office=office, partner=partner, given_name_lo="=HYPERLINK(1)")
    assert export(office, partner)["person.csv"][0]["prs_FirstName"] == "'=HYPERLINK(1)"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("020 5555 1234", "+8562055551234"),
        ("+856 20 5555 1234", "+8562055551234"),
        ("00856 20 5555 1234", "+8562055551234"),
        ("໐໒໐ ໕໕໕໕ ໑໒໓໔", "+8562055551234"),  # Lao digits
        ("", ""),
        ("ask the mother", ""),
        ("+0123", ""),
    ],
)
def test_phone_numbers_are_written_as_e164_or_left_empty(typed, expected):
    assert e164(typed) == expected


def test_a_form_added_by_an_administrator_uses_its_own_value_when_the_standard_has_it(
    office, partner
):
    case = whole_case(office=office, partner=partner)
    case.forms_of_trafficking.set(
        [
            FormOfTraffickingFactory(htcds_value="ForcedAdoption"),
            FormOfTraffickingFactory(htcds_value="Kidnapping"),  # not the standard's
        ]
    )
    case.person.identifications.get().forms_of_trafficking.clear()
    victim = export(office, partner)["person_victim_context.csv"][0]
    assert victim["vic_TypeOfExploitation"] == "ForcedAdoption;Other"
