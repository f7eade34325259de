"""Historical persons with their cases: one row is a person and the case opened for them.

A row is checked by the registration form (PersonForm) and the case form (CaseForm), and
written by `person_register` then `case_open`, so the rules and the audit are the pages'.
Possible duplicates are found by the matching engine: between rows of the file (the batch
engine of the duplicate review) and against the persons the user may see (the registration
check's `person_matches`), before anything is written.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pokpong.accounts.models import User
from pokpong.accounts.policy import can_import_cases_in
from pokpong.cases.forms_case import CaseForm
from pokpong.cases.models import (
    CameToLight,
    Case,
    FormOfTrafficking,
    MeansOfControl,
    RecruiterRelationship,
    RiskLevel,
    Transport,
)
from pokpong.cases.services import CaseDetails, case_open
from pokpong.cases.services.case import cases_open_bulk
from pokpong.core.audit import audit_bulk
from pokpong.core.importing import (
    Column,
    Problem,
    Row,
    choice_aliases,
    date_text,
    form_problems,
    year_text,
)
from pokpong.core.lao import is_lao
from pokpong.core.models import AuditAction
from pokpong.imports.types import (
    Checked,
    Flag,
    FormPool,
    Places,
    allowed_labels,
    missing_values,
    new_problems,
    resolve,
    resolve_many,
)
from pokpong.matching.batch import Record, match
from pokpong.monitoring.generations import schedule_bumps_for
from pokpong.people.forms import PersonForm
from pokpong.people.models import Person, Sex
from pokpong.people.search import persons_matches_many
from pokpong.people.services import (
    AliasDetails,
    PersonDetails,
    person_register,
    persons_register_bulk,
)

PERSON_COLUMNS = (
    "given_name_lo",
    "family_name_lo",
    "given_name_latin",
    "family_name_latin",
    "sex",
    "birth_date",
    "birth_year",
    "nationality",
    "origin_province",
    "origin_district",
    "origin_village",
)
CASE_COLUMNS = (
    "came_to_light",
    "forms_of_trafficking",
    "country_of_exploitation",
    "province_of_exploitation",
    "exploitation_began_on",
    "exploitation_ended_on",
    "recruiter_relationship",
    "means_of_control",
    "transport",
    "risk_level",
    "risk_reason",
)
PROVINCE_LABEL = gettext_lazy("Province of the case")
DATES = ("birth_date", "exploitation_began_on", "exploitation_ended_on")
WRITE_BATCH = 2000  # rows written by one round of bulk inserts


def _forms_of_trafficking() -> str:
    return "; ".join(
        f"{f.code} = {f.name}" for f in FormOfTrafficking.objects.filter(is_active=True)
    )


def _columns() -> list[Column]:
    person = PersonForm.base_fields
    case = CaseForm.base_fields
    allowed: dict[str, Any] = {
        "sex": lambda: allowed_labels(Sex.choices),
        "birth_date": gettext_lazy("dd/mm/yyyy or yyyy-mm-dd; Buddhist-era years (2568) accepted"),
        "birth_year": gettext_lazy("yyyy; Buddhist-era years (2568) accepted"),
        "nationality": gettext_lazy("Country: ISO code (LA, TH) or name"),
        "origin_province": gettext_lazy("Province: code (LA-SV) or name"),
        "origin_district": gettext_lazy("District: code or name"),
        "came_to_light": lambda: allowed_labels(CameToLight.choices),
        "forms_of_trafficking": _forms_of_trafficking,
        "country_of_exploitation": gettext_lazy("Country: ISO code (LA, TH) or name"),
        "province_of_exploitation": gettext_lazy("Province: code (LA-SV) or name"),
        "exploitation_began_on": gettext_lazy(
            "dd/mm/yyyy or yyyy-mm-dd; Buddhist-era years accepted"
        ),
        "exploitation_ended_on": gettext_lazy(
            "dd/mm/yyyy or yyyy-mm-dd; Buddhist-era years accepted"
        ),
        "recruiter_relationship": lambda: allowed_labels(RecruiterRelationship.choices),
        "means_of_control": lambda: allowed_labels(MeansOfControl.choices),
        "transport": lambda: allowed_labels(Transport.choices),
        "risk_level": lambda: allowed_labels(RiskLevel.choices),
    }
    required = {"sex", "came_to_light", "risk_level"}
    columns = [
        Column(n, person[n].label, n in required, allowed.get(n, "")) for n in PERSON_COLUMNS
    ]
    columns.append(
        Column(
            "province", PROVINCE_LABEL, True, gettext_lazy("Your office's province: code or name")
        )
    )
    columns += [Column(n, case[n].label, n in required, allowed.get(n, "")) for n in CASE_COLUMNS]
    return columns


@dataclass
class PersonCase:
    person: PersonDetails
    aliases: list[AliasDetails]
    case: CaseDetails
    forms_of_trafficking: list[FormOfTrafficking]
    names: list[str]


class PersonsCasesImport:
    kind = "persons_cases"

    def __init__(self, user: User) -> None:
        self.user = user
        self.places = Places.load()
        self.sex = choice_aliases(Sex.choices) | {"f": "female", "m": "male"}
        self.choices = {
            "came_to_light": choice_aliases(CameToLight.choices),
            "recruiter_relationship": choice_aliases(RecruiterRelationship.choices),
            "transport": choice_aliases(Transport.choices),
            "risk_level": choice_aliases(RiskLevel.choices),
        }
        self.means = choice_aliases(MeansOfControl.choices)
        self.trafficking: dict[str, str] = {}
        self.trafficking_objects = {f.pk: f for f in FormOfTrafficking.objects.all()}
        for f in self.trafficking_objects.values():
            if f.is_active:
                self.trafficking |= choice_aliases([(f.pk, f.code), (f.pk, f.name_lo)])
                self.trafficking |= choice_aliases([(f.pk, f.name_en)])
        self.column_list = self.columns()
        self.labels = {c.name: c.label for c in self.column_list}
        self.office_province = _office_province(user)
        self.areas: dict[int, bool] = {}  # the policy's answer by province
        self.person_forms = FormPool(PersonForm)
        self.case_forms = FormPool(CaseForm)

    def columns(self) -> list[Column]:
        return _columns()

    def _data(self, values: dict[str, str], problems: list[Problem]) -> dict[str, Any]:
        data: dict[str, Any] = dict(values)
        for name in DATES:
            if name in values:
                data[name] = date_text(values[name])
        if "birth_year" in values:
            data["birth_year"] = year_text(values["birth_year"])
        labels, places = self.labels, self.places
        resolve(values, data, problems, labels, "sex", self.sex)
        for name, mapping in self.choices.items():
            resolve(values, data, problems, labels, name, mapping)
        for name in ("origin_province", "province_of_exploitation", "province"):
            resolve(values, data, problems, labels, name, places.provinces)
        for name in ("nationality", "country_of_exploitation"):
            resolve(values, data, problems, labels, name, places.countries)
        district = values.get("origin_district", "")
        if district:
            found = places.district(district, data.get("origin_province"))
            if found is None:
                resolve(values, data, problems, labels, "origin_district", {})
            else:
                data["origin_district"] = found
        resolve_many(values, data, problems, labels, "means_of_control", self.means)
        resolve_many(values, data, problems, labels, "forms_of_trafficking", self.trafficking)
        return data

    def check(self, row: Row) -> tuple[list[Problem], Checked | None]:
        problems = row.problems + missing_values(self.column_list, row.values)
        data = self._data(row.values, problems)
        problems += _mixed_scripts(row.values, self.labels)
        person, case = self.person_forms.bind(data), self.case_forms.bind(data)
        for form in (person, case):
            if not form.is_valid():
                problems += new_problems(problems, form_problems(form, row.values, self.labels))
        province = data.get("province")
        if province and isinstance(province, int):
            if province not in self.areas:
                self.areas[province] = can_import_cases_in(
                    self.user, province_id=province, district_id=None
                )
            if not self.areas[province]:
                problems.append(
                    Problem(str(PROVINCE_LABEL), _("This province is outside your area."))
                )
            elif province != self.office_province:
                problems.append(
                    Problem(
                        str(PROVINCE_LABEL),
                        _("Imported records are held by your office: give its province."),
                    )
                )
        if problems:
            return problems, None
        details, forms_of_trafficking = case.split()
        names = [
            " ".join(filter(None, (data.get("given_name_lo"), data.get("family_name_lo")))),
            " ".join(filter(None, (data.get("given_name_latin"), data.get("family_name_latin")))),
        ]
        payload = PersonCase(
            person=person.person_details(),
            aliases=person.aliases(),
            case=CaseDetails(**details),
            forms_of_trafficking=forms_of_trafficking,
            names=[n for n in names if n.strip()],
        )
        return [], Checked(row.number, payload)

    def duplicates(self, checked: Sequence[Checked]) -> list[Flag]:
        flags: dict[int, Flag] = {}
        records = [
            Record(
                str(c.number),
                c.data.names,
                sex=c.data.person.sex,
                birth_year=c.data.person.birth_year,
            )
            for c in checked
        ]
        for first, second, _score in match(records):
            a, b = sorted((int(first), int(second)))
            flags.setdefault(b, Flag(row=b, same_as_row=a, label=str(a)))
        rest = [c for c in checked if c.number not in flags]
        queries = [
            (c.data.names, {"birth_year": c.data.person.birth_year, "sex": c.data.person.sex})
            for c in rest
        ]
        # person_matches for each row, asked for all rows at once (the same answers)
        for c, found in zip(
            rest, persons_matches_many(user=self.user, queries=queries, limit=1), strict=True
        ):
            if found:
                person = found[0].person
                flags[c.number] = Flag(row=c.number, person_id=person.pk, label=person.code)
        return [flags[n] for n in sorted(flags)]

    def write_many(self, chosen: Sequence[Checked]) -> None:
        """Every chosen row at once (issue 20), as `write` writes each: `persons_register_bulk`
        and `cases_open_bulk` (the services' bulk forms of `person_register` and `case_open`),
        then the creation entries in the order the rows would have written them — the person,
        then their case — with one `audit_bulk` a batch. The caller holds the transaction."""
        linked = False
        for start in range(0, len(chosen), WRITE_BATCH):
            part = chosen[start : start + WRITE_BATCH]
            payloads: list[PersonCase] = [c.data for c in part]
            persons = persons_register_bulk(
                user=self.user, people=[(p.person, p.aliases) for p in payloads]
            )
            cases = cases_open_bulk(
                user=self.user,
                items=[
                    (person, p.case, p.forms_of_trafficking)
                    for (person, _changes), p in zip(persons, payloads, strict=True)
                ],
            )
            linked = linked or any(p.forms_of_trafficking for p in payloads)
            audit_bulk(
                actor=self.user,
                action=AuditAction.CREATE,
                records=[entry for pair in zip(persons, cases, strict=True) for entry in pair],
            )
        if chosen:
            through = Case.forms_of_trafficking.through
            schedule_bumps_for([Person, Case, *([through] if linked else [])])

    def write(self, checked: Checked) -> None:
        payload: PersonCase = checked.data
        person = person_register(user=self.user, details=payload.person, aliases=payload.aliases)
        case_open(
            user=self.user,
            person=person,
            details=payload.case,
            forms_of_trafficking=payload.forms_of_trafficking,
        )


def _mixed_scripts(values: dict[str, str], labels: dict[str, Any]) -> list[Problem]:
    """A name in the wrong column's script: Latin letters in a Lao-script column or Lao letters
    in a Latin one (the page has one input per script; a sheet mixes them by slips of paste)."""
    problems = []
    for name in ("given_name_lo", "family_name_lo"):
        if re.search(r"[A-Za-z]", values.get(name, "")):
            message = _("Latin letters in a Lao-script column: put them in the Latin column.")
            problems.append(Problem(str(labels[name]), message))
    for name in ("given_name_latin", "family_name_latin"):
        if is_lao(values.get(name, "")):
            message = _("Lao letters in a Latin-script column: put them in the Lao column.")
            problems.append(Problem(str(labels[name]), message))
    return problems


def _office_province(user: User) -> int | None:
    """The province a person registered by the user belongs to (as `person_register` places
    it): the organisation's, else the first assignment's."""
    if user.organisation is not None and user.organisation.province_id is not None:
        return user.organisation.province_id
    assignment = user.role_assignments.exclude(province=None).first()
    return assignment.province_id if assignment else None
