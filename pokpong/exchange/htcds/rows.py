"""The rows of each HTCDS entity, built in memory from the facts (no query here: every related
record was read in bulk by `facts.py`). Values are English (HTCDS is an English standard);
names, notes and descriptions stay as written. Dates are ISO (yyyy-mm-dd)."""

import datetime as dt
import re
from collections.abc import Iterable

from django.utils import timezone

from pokpong.accounts.models import Organisation, User
from pokpong.cases.models import Case, CasePlan, ClosureReason
from pokpong.core.lao import digits_to_ascii
from pokpong.exchange.htcds import mapping as m
from pokpong.exchange.htcds.facts import Facts
from pokpong.exchange.htcds.standard import entity
from pokpong.people.models import DocumentType, Person

Row = dict[str, str]

E164 = re.compile(r"^\+[1-9]\d{1,14}$")
DOCUMENT_PREFERENCE: list[str] = [  # prs_IdentityNumber: the national identity number first
    DocumentType.ID_CARD,
    DocumentType.PASSPORT,
    DocumentType.FAMILY_BOOK,
    DocumentType.BIRTH_CERTIFICATE,
    DocumentType.BORDER_PASS,
    DocumentType.OTHER,
]


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _local_day(moment: dt.datetime | None) -> str:
    return timezone.localdate(moment).isoformat() if moment else ""


def _multi(values: Iterable[str]) -> str:
    """A multi-select value: distinct, in first-seen order, `;`-separated."""
    return m.MULTISELECT_SEPARATOR.join(dict.fromkeys(v for v in values if v))


def _user_name(user: User | None) -> str:
    return (user.get_full_name() or user.username) if user else ""


def e164(phone: str) -> str:
    """A Lao number as E.164 (020 5555 1234 → +8562055551234); empty when it cannot be one."""
    digits = re.sub(r"[^\d+]", "", digits_to_ascii(phone))
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif digits.startswith("0"):
        digits = "+856" + digits[1:]
    return digits if E164.match(digits) else ""


# --- Organization -----------------------------------------------------------------------------


def organisation_row(org: Organisation) -> Row:
    allowed = entity("Organization").field("org_Type").values
    return {
        "key_Organisation": f"ORG-{org.pk}",
        "org_Name": org.name_en,
        "org_ShippingCity": org.district.name_en if org.district else "",
        "org_ShippingCountry": m.LAOS,
        "org_ShippingState": org.province.name_en if org.province else "",
        "org_Type": m.mapped_reference(
            m.ORGANISATION_TYPE, org.type.code, org.type.htcds_value, allowed
        ),
    }


# --- Person -----------------------------------------------------------------------------------


def _names(person: Person) -> tuple[str, str]:
    """Lao script when the record has it (the primary name, as on every page), else Latin."""
    if person.given_name_lo or person.family_name_lo:
        return person.given_name_lo, person.family_name_lo
    return person.given_name_latin, person.family_name_latin


def _identity_number(person: Person) -> str:
    documents = sorted(person.documents.all(), key=lambda d: DOCUMENT_PREFERENCE.index(d.type))
    return documents[0].number if documents else ""


def person_row(person: Person, facts: Facts) -> Row:
    first, second = _names(person)
    languages = [m.LANGUAGE.get(code, "") for code in person.languages]
    languages = [code for code in languages if code]
    deceased = any(
        c.closure_reason == ClosureReason.DECEASED for c in facts.cases_by_person[person.pk]
    )
    education = facts.education.get(person.pk, "")
    has_origin = person.origin_province is not None
    return {
        "key_Person": person.code,
        "prs_Salutation": m.SALUTATION.get(person.title, ""),
        "prs_FirstName": first,
        "prs_SecondName": second,
        "prs_Birthdate": person.birth_date,  # exact dates only (ISO); a year alone stays empty
        "prs_Gender": m.GENDER.get(person.sex, ""),
        "prs_Deceased": m.TRUE if deceased else m.FALSE,
        "prs_PrimaryLanguage": languages[0] if languages else "",
        "prs_SecondaryLanguage": languages[1] if len(languages) > 1 else "",
        "prs_HighestLevelOfEducation": m.EDUCATION.get(education, ""),
        "prs_Citizenship": person.nationality.alpha2 if person.nationality else "",
        "prs_IdentityNumber": _identity_number(person),
        "prs_MobilePhone": e164(person.phone),
        "prs_MailingCity": person.origin_district.name_en if person.origin_district else "",
        "prs_MailingCountry": m.LAOS if has_origin else "",
        "prs_MailingState": person.origin_province.name_en if person.origin_province else "",
        "prs_MailingStreet": person.origin_village,
    }


# --- Person - Victim Context ------------------------------------------------------------------


def _status(person: Person, facts: Facts) -> tuple[str, str]:
    """The formal identification decides; without one, a screening's "possible victim"."""
    identification = facts.identifications.get(person.pk)
    if identification is not None:
        return m.STATUS_BY_IDENTIFICATION[identification.decision], m.IDENTIFYING_ORGANISATION
    screening = facts.screenings.get(person.pk)
    status = m.STATUS_BY_SCREENING.get(screening.outcome, "") if screening else ""
    if not status or screening is None:
        return "", ""
    org_type = screening.organisation.type.code
    return status, m.DECISION_ORG_BY_ORGANISATION_TYPE.get(org_type, "Other")


def _form_codes(person: Person, cases: list[Case], facts: Facts) -> list[str]:
    forms = sorted(
        (f for case in cases for f in case.forms_of_trafficking.all()),
        key=lambda f: (f.sort_order, f.code),
    )
    return [f.code for f in forms] + facts.identification_forms.get(person.pk, [])


def _exploitation(codes: list[str], cases: list[Case]) -> str:
    allowed = entity("Person - Victim Context").field("vic_TypeOfExploitation").values
    own = {f.code: f.htcds_value for case in cases for f in case.forms_of_trafficking.all()}
    values = [m.mapped_reference(m.EXPLOITATION_BY_FORM, c, own.get(c, ""), allowed) for c in codes]
    return _multi(v or "Other" for v in values)


def _age_when_trafficked(person: Person, cases: list[Case]) -> str:
    began = [c.exploitation_began_on for c in cases if c.exploitation_began_on]
    age = person.age_on(min(began)) if began else None
    return str(age) if age is not None and age >= 0 else ""


def victim_row(person: Person, facts: Facts) -> Row:
    cases = facts.cases_by_person[person.pk]
    status, decided_by = _status(person, facts)
    codes = _form_codes(person, cases, facts)
    relationships = [c.recruiter_relationship for c in cases if c.recruiter_relationship]
    industries = [m.INDUSTRY_BY_FORM[c] for c in codes if c in m.INDUSTRY_BY_FORM]
    return {
        "key_Person": person.code,
        "vic_TraffickingStatus": status,
        "vic_TraffickingStatusDecisionMakingOrg": decided_by,
        # the latest case's (cases are in number order: the last is the newest)
        "vic_RelationshipToTrafficker": m.RELATIONSHIP.get(relationships[-1], "")
        if relationships
        else "",
        "vic_AgeWhenTrafficked": _age_when_trafficked(person, cases),
        "vic_MethodsOfControl": _multi(v for c in cases for v in c.means_of_control),
        "vic_TypeOfExploitation": _exploitation(codes, cases) if codes else "",
        "vic_ForcedLabourIndustry": industries[0] if industries else "",  # a single picklist
    }


# --- Case, Referral Details, Case Comment, Historic Trafficking Events ------------------------


def case_row(case: Case) -> Row:
    status = m.CASE_STATUS[case.status]
    if status == "Closed":
        status = m.CLOSED_STATUS_BY_REASON.get(case.closure_reason, status)
    return {
        "key_Case": case.number,
        "key_Person": case.person.code,
        "cas_Status": status,
        "cas_ReasonForCaseClosure": case.get_closure_reason_display()
        if case.closure_reason
        else "",
        "cas_CaseOwner": _user_name(case.caseworker),
    }


def referral_rows(facts: Facts) -> list[Row]:
    """Incoming (transfers from another office, potential cases from the hotline) and outgoing
    (referrals for a service), one row each, oldest first within each kind."""
    rows: list[Row] = []
    for transfer in facts.transfers:
        rows.append(
            {
                "key_Case": transfer.case.number,
                "cas_ReferringOrganisation": transfer.from_organisation.name_en,
                "cas_IncomingReferralDate": _local_day(transfer.answered_at),
                "cas_ReasonForIncomingReferral": m.TRANSFER_REASON,
                "cas_IncomingReferralDetails": "Case transferred from the office in "
                f"{transfer.from_province.name_en}",
            }
        )
    for call in facts.call_referrals:
        rows.append(
            {
                "key_Case": call.case.number if call.case else "",
                "cas_ReferringOrganisation": call.call.organisation.name_en,
                "cas_IncomingReferralDate": _local_day(call.responded_at),
                "cas_ReasonForIncomingReferral": "Other",
                "cas_IncomingReferralDetails": "Potential case reported to the hotline",
            }
        )
    for referral in facts.referrals:
        rows.append(
            {
                "key_Case": referral.case.number,
                "cas_ReferredOrganisation": referral.to_organisation.name_en,
                "cas_ReasonForOutgoingReferral": m.OUTGOING_REFERRAL_REASON,
                "cas_OutgoingReferralDate": _local_day(referral.created_at),
                "cas_OutgoingReferralDetails": f"{referral.service_type.name_en}; urgency: "
                f"{referral.get_urgency_display()}; status: {referral.get_status_display()}",
            }
        )
    return rows


def comment_rows(facts: Facts) -> list[Row]:
    return [{"key_Case": n.case.number, "cco_CaseComment": n.text} for n in facts.notes]


def event_rows(facts: Facts) -> list[Row]:
    """One exploitation event per case that records where or when."""
    rows: list[Row] = []
    for case in facts.cases:
        country = case.country_of_exploitation
        province = case.province_of_exploitation
        if not (country or province or case.exploitation_began_on):
            continue
        forms = ", ".join(f.name_en for f in case.forms_of_trafficking.all())
        ended = case.exploitation_ended_on
        rows.append(
            {
                "key_Case": case.number,
                "hte_Country": country.alpha2 if country else (m.LAOS if province else ""),
                "hte_State": province.name_en if province else "",
                "hte_Date": _iso(case.exploitation_began_on),
                "hte_Type": m.EXPLOITATION_EVENT,
                "hte_Description": "; ".join(
                    part for part in (forms, f"until {ended.isoformat()}" if ended else "") if part
                ),
            }
        )
    return rows


# --- Support Plan -----------------------------------------------------------------------------


def _plan_rows(plan: CasePlan) -> list[Row]:
    """An approved plan: one row per need its actions serve, one for the rest with its goals."""
    groups: dict[int | None, list[str]] = {}
    due: dict[int | None, list[dt.date]] = {}
    needs = {}
    for action in plan.actions.all():
        need = action.need if action.need and action.need.voided_at is None else None
        key = need.pk if need else None
        if need is not None:
            needs[key] = need
        groups.setdefault(key, []).append(f"{action.description} ({action.get_status_display()})")
        due.setdefault(key, []).append(action.due_on)
    rows: list[Row] = []
    for key, lines in groups.items():
        need = needs.get(key)
        rows.append(
            {
                "key_Case": plan.case.number,
                "spl_Objectives": need.description if need else plan.goals,
                "spl_ActionPlan": "\n".join(lines),
                "spl_PlannedEndDate": _iso(max(due[key])),
                "spl_Type": m.SUPPORT_BY_NEED_DOMAIN[need.domain] if need else "SocialCare",
            }
        )
    return rows


def support_rows(facts: Facts) -> list[Row]:
    rows = [row for plan in facts.plans for row in _plan_rows(plan)]
    allowed = entity("Support Plan").field("spl_Type").values
    for s in facts.services:
        own = s.service_type.htcds_value
        kind = m.mapped_reference(m.SUPPORT_BY_SERVICE, s.service_type.code, own, allowed)
        rows.append(
            {
                "key_Case": s.case.number,
                "spl_Objectives": s.service_type.name_en,
                "spl_ActionPlan": f"Provided by {s.provider.name_en} from "
                f"{s.started_on.isoformat()} ({s.get_outcome_display()})",
                "spl_ActualEndDate": _iso(s.ended_on),
                "spl_Type": kind or "SocialCare",
            }
        )
    rows += _livelihood_rows(facts)
    for w in facts.witness_support:
        by = f"By {w.legal_aid_by.name_en}" if w.legal_aid_by else "Legal aid"
        since = f" from {w.legal_aid_from.isoformat()}" if w.legal_aid_from else ""
        rows.append(
            {
                "key_Case": w.file.case.number,
                "spl_Objectives": "Legal aid to the victim as a witness",
                "spl_ActionPlan": by + since,
                "spl_Type": m.SUPPORT_LEGAL,
            }
        )
    return rows


def _livelihood_rows(facts: Facts) -> list[Row]:
    rows: list[Row] = []
    for t in facts.trainings:
        rows.append(
            {
                "key_Case": t.case.number,
                "spl_Objectives": f"Vocational training: {t.trade}",
                "spl_ActionPlan": f"Provided by {t.provider.name_en} from "
                f"{t.started_on.isoformat()} ({t.get_status_display()})",
                "spl_ActualEndDate": _iso(t.ended_on),
                "spl_Type": m.SUPPORT_LIVELIHOOD,
            }
        )
    for p in facts.placements:  # the sector, never the employer: where she works stays here
        rows.append(
            {
                "key_Case": p.case.number,
                "spl_Objectives": f"Job placement: {p.position}",
                "spl_ActionPlan": f"{p.employer.get_sector_display()}, from "
                f"{p.started_on.isoformat()} ({p.get_contract_type_display()})",
                "spl_Type": m.SUPPORT_LIVELIHOOD,
            }
        )
    for b in facts.businesses:
        rows.append(
            {
                "key_Case": b.case.number,
                "spl_Objectives": f"Business start-up: {b.get_business_type_display()}",
                "spl_ActionPlan": f"{b.get_kind_display()} worth {b.amount_lak} LAK given on "
                f"{b.given_on.isoformat()}",
                "spl_Type": m.SUPPORT_LIVELIHOOD,
            }
        )
    return rows


# --- Consent ----------------------------------------------------------------------------------


def consent_row(person: Person) -> Row:
    """Every person in the set has an active consent naming the recipient (the set's rule)."""
    return {"key_Person": person.code, "con_Consent": m.TRUE}
