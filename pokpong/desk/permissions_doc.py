"""docs/permissions.md, generated from the policy and the URL configuration (never by hand).

`manage.py permissions_doc` writes it; a test fails when the file and the code disagree.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from pokpong.accounts.models import Role, ScopeLevel
from pokpong.accounts.policy import MFA_REQUIRED_ROLES, ROLE_CAPABILITIES, Capability

OUR_NAMESPACES = (
    "desk",
    "verify",
    "accounts",
    "people",
    "cases",
    "referrals",
    "prevention",
    "training",
    "justice",
    "livelihoods",
    "programme",
    "monitoring",
    "imports",
    "exchange",
    "tokens",
    "offline",
)
PUBLIC = "public"
SIGNED_IN = "signed_in"


@dataclass(frozen=True)
class Route:
    name: str  # namespaced URL name, e.g. "accounts:user_list"
    pattern: str
    access: str  # a Capability value, SIGNED_IN or PUBLIC


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and namespace in OUR_NAMESPACES and entry.name:
            callback = entry.callback
            if getattr(callback, "login_required", True) is False:
                access = PUBLIC
            else:
                access = getattr(callback, "required_capability", SIGNED_IN)
            yield Route(f"{namespace}:{entry.name}", prefix + str(entry.pattern), str(access))


def routes() -> list[Route]:
    return sorted(_walk(get_resolver().url_patterns), key=lambda r: r.name)


def roles_allowed(access: str) -> list[str]:
    if access in (PUBLIC, SIGNED_IN):
        return list(Role.values)
    wanted = set(access.removeprefix("any:").split(","))
    return [role for role in Role.values if wanted & ROLE_CAPABILITIES.get(role, frozenset())]


# Record-level rules that the capability table cannot show. Each line names the policy function
# that decides it, so the prose and the code are read side by side.
RECORD_RULES = """## Record-level rules

On top of the capability a page needs, the policy decides for each record:

### The office that holds a case or a person
- A case is held **whole** by the users whose scope for `view_cases` covers its province/district
  (`case_sections_for`); a person by those whose scope covers it, by the organisation that
  registered it, and by the office that holds one of its cases (`person_sections_for`).
- Changes are made by whoever holds the record whole and has the capability: edit the person
  (`can_edit_person`), screen (`can_screen_person`), record or withdraw consent
  (`can_record_consent_for`), record an identification (`can_record_identification_for`), open a
  case (`can_open_case_for`), manage the case (`can_manage_case`). The services check the same
  functions again, so a forged request is refused even where a page would not be shown.
- A case moves to another province's office: the holding office asks (`can_request_transfer`)
  and may withdraw its request while it waits (`can_cancel_transfer`); the receiving office's
  case workers and managers accept or decline (`can_answer_transfer`); both see the request
  (`can_view_transfer`). Accepted, the person's other open cases at the same office move too.
- Four eyes: a provincial manager approves a case plan that they neither wrote nor submitted, and
  a closure that they did not ask for (`can_approve_for`, `plan_is_by`).

### A referral receiver
An organisation to which a case was referred (a shelter, an NGO, a hospital, legal aid, the
police or social welfare office of another province) holds an access grant on the case and the
person while the referral is open; the grant ends when the referral is declined, completed or
cancelled, when the case is closed, when the consent is withdrawn, and, for a referral nobody
answered, at its answer deadline (`core/grants.py`). Through it the receiver sees the consented
part only; everything else answers 404:

| part | a receiver sees | a receiver may change |
|---|---|---|
| case number, the person's name, province, status, case worker, risk level | yes | no |
| forms of trafficking, exploitation, recruitment, means of control, risk reason | no | no |
| referrals of the case | its own referrals only | accept, decline, complete its own |
| services delivered | yes (provider named only if itself) | record its own, under its referral |
| notes | notes shared with referral partners, and its own organisation's | write notes |
| follow-up visits | the visits assigned to its organisation | record the visits assigned to it |
| vocational training | the trainings its organisation gives | record and update its own |
| assessment, jobs, retention checks, business, savings, income chart | no | no |
| return plan, needs, case plan, documents, history | no | no |
| person: code, names, sex, birth, nationality, ethnic group, origin district/province | yes | no |
| person: phone, village, other names, guardian, identity documents, arrival group | no | no |
| screenings, identifications, consents, who opened the record | no | none of them |
| workflow (status, closure, reopening), referring onwards, merging | no | no |

### Work and income (livelihoods)
- The livelihood part of a case (assessment with debts, trainings, jobs and their retention
  checks, business support, savings and loans, the income chart) is a section of the case: it is
  seen by whoever sees the case whole (`can_view_livelihoods`) and changed by the case's
  managers (`can_manage_livelihoods`). A referral receiver sees and records only the trainings
  its own organisation gives, under its own accepted referral (`can_record_training_as`,
  `trainings_visible_to`, `can_edit_training`).
- The employer directory is the case offices' tool (`can_use_employer_directory`: case workers
  and provincial managers); an entry is changed by the offices of its province
  (`can_edit_employer`). Employers have no account and never see a survivor's record.

### A hotline counsellor
- A person the hotline registers belongs to the hotline's organisation and to **no province**:
  no provincial office sees it (`registers_nationally`), only the hotline and national case
  scopes.
- Referring a potential case to the social welfare office of the province of origin grants that
  office the person and the call's summary until it answers or the answer deadline passes. When
  the office accepts, the record becomes the office's (organisation, province, district) and the
  case opens there; the hotline keeps its call but no longer sees the person or the case (only
  the case number).
- The duplicate check while registering shows only persons the counsellor may see and always
  ends with the same advice to ask the national secretariat; it is audited and limited to 30
  checks a minute.

### Administrators
- Administrators hold no capability to read cases or persons.
- No administrator reaches their own account from the administrators' screens (roles, password,
  two-factor, unlock, sessions): the same 404 as a missing user (`users_manageable_by`).
- A provincial (district) administrator manages only the users whose organisation **and every
  role** lie in their province (district): a user with a national role or a role elsewhere is out
  of reach. Roles are given only within the administrator's scope (`can_assign_in`).
- National reference lists (countries, forms of trafficking, service types, organisation types,
  ethnic groups) are edited by national administrators only; districts and villages by the
  administrators of their province (villages also of their district)
  (`can_manage_reference_list`, `can_save_reference_item`).
- Outbound webhooks belong to an organisation: the administrators whose scope covers it (as for
  its users) create, change, test and switch off its endpoints and read their delivery log;
  anyone else gets the same 404 as for a missing endpoint (`webhook_organisations_for`,
  `can_manage_webhook`, `webhooks_visible_to`). The payloads carry ids and statuses only.

### Corrections (edit, or void a record entered by mistake)
- Whoever may create a record corrects and voids it: an awareness activity or a risk assessment,
  its office's prevention staff in scope (`can_correct_prevention`); a hotline call, the hotline
  that took it (`can_correct_call`); a training session, the trainers of the organising office in
  scope (`can_correct_training`); a need or a plan action, whoever manages the case
  (`can_correct_plan`); a screening, whoever may screen the person (`can_void_screening`).
- A service given: whoever may record that very service (`can_correct_service`): the case's
  office, any; an organisation that accepted a referral of the case, only its own services
  under its own referrals, and it cannot hand one to another organisation.
- A course of the shared catalogue changes every session given of it, so (`can_edit_course`):
  national trainers, any course; other trainers, a course whose every session (voided ones too)
  lies in their scope, or, a course never given, one their own office added (a course added
  before the author was recorded: any trainer). A course is voided by the same people, and only
  once none of its sessions counts (void them first); it then leaves the catalogue and the
  choices, and its voided sessions still name it.

### Readers of the audit trail
- A national reader sees the whole trail. A province- (district-) scoped reader sees the entries
  made by people of organisations in their scope and the entries about the users and
  organisations of their scope (`audit_entries_visible_to`); system entries and entries by people
  from elsewhere are for national readers only. Reading the trail is itself recorded.

### Programme management and coordination
- The work plan and the committees (with their meetings and action items) lie in a province or
  are national: national holders of `manage_programme` keep all of them, a provincial manager
  those of the province only (`programme_records_visible_to`, `can_manage_programme_in`).
- The budget is the whole programme's: national holders of `manage_budget` only
  (`can_manage_budget`).
- The owner of an action item sees the meeting that gave it and records its follow-up, whatever
  the role (`can_follow_up_action`); nobody else without the committee in scope does.
- Meetings hold no personal data: attendees are counted by organisation and sex, never named.

### Indicators: catalogue, hand-entered values, targets
- The indicator catalogue (codes, names, rules, targets, the programme area) holds no personal
  data: every holder of `view_reports` reads it, and administrators of reference lists
  (`can_view_indicator_catalogue`).
- Values entered by hand (PS.5.2-23, population figures) and targets are national figures: entered
  by holders of `view_reports` of national scope only — the M&E officer and the national
  secretariat (`can_enter_indicator_values`, `can_set_indicator_targets`); every write is audited.
- The programme's target area (provinces flagged) is set by them and by national administrators
  of reference lists (`can_edit_programme_area`); districts are flagged in the districts list.

### Indicator reports and small numbers
- Indicator reports (Excel, PDF) are asked for by holders of `view_reports`: national ones for the
  country or any province, a provincial manager for the province only (`report_provinces_for`,
  `can_request_report`). A report is downloaded by its requester only; each download is audited.
- Counts from 1 to 4 (and the cells that would reveal them) are hidden in every aggregate unless
  the viewer holds `view_cases` over the whole scope (`sees_small_numbers`); the M&E officer and
  the national secretariat never see them. An internal report (all numbers) is for such a viewer
  only (docs/privacy.md, "Small numbers in aggregates").

### Exports (CTDC, DHIS2)
- The CTDC Global Dataset (anonymised rows, k-anonymous) and the DHIS2 indicator values
  (aggregates, small numbers left out) are asked for by holders of `export_anonymised` of national
  scope: the national secretariat and the M&E officer (`can_export_ctdc`, `can_export_dhis2`).
  An export is downloaded by its requester only, while the policy still allows it and until it
  expires; anyone else gets the 404 of a missing export. Asking, downloading and purging are
  audited.
- The DHIS2 codes of the provinces and indicators are kept by national administrators of the
  reference lists and national holders of `manage_indicators` (`can_manage_dhis2_mapping`).

### Case files for a partner (HTCDS export)
- The exports pages are open to whoever may ask for one kind of export (`can_use_exports`); each
  kind has its own rule. The HTCDS case file set is asked for by the offices that manage cases
  (`can_export_htcds`: case workers and provincial managers) over the persons and cases they hold
  whole within their scope for `manage_cases` (`persons_htcds_exportable_by`,
  `cases_htcds_exportable_by`); nothing reached through a referral. Of those, only persons whose
  active consent names the recipient organisation are in the set
  (`cases.services.persons_consenting_to_share`); each is audited as exported
  (docs/htcds-mapping.md).
"""


def render() -> str:
    with translation.override("en"):
        return _render()


def _render() -> str:
    roles = list(Role)
    lines = [
        "# Permissions",
        "",
        "Generated by `manage.py permissions_doc` from `pokpong/accounts/policy.py` and the URL",
        "configuration; a test fails when this file and the code disagree. Do not edit by hand.",
        "",
        "Deny by default: a page a role cannot reach answers **404**, the same as a missing page.",
        "Each role is held over a scope: national, one province or one district (see below).",
        "",
        "## Roles × capabilities",
        "",
        "| capability | " + " | ".join(str(r.label) for r in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for capability in Capability:
        marks = ["✔" if capability in ROLE_CAPABILITIES.get(r, ()) else "" for r in roles]
        lines.append(f"| {capability.label} (`{capability.value}`) | " + " | ".join(marks) + " |")
    mfa = ", ".join(str(Role(r).label) for r in Role if r in MFA_REQUIRED_ROLES)
    lines += [
        "",
        f"Two-factor authentication (TOTP) is required for: {mfa}.",
        "",
        "## Scopes",
        "",
        f"- `{ScopeLevel.NATIONAL}`: every province.",
        f"- `{ScopeLevel.PROVINCE}`: records whose province is the role's province.",
        f"- `{ScopeLevel.DISTRICT}`: records whose district is the role's district.",
        "- Beyond scope only through an explicit access grant to the user's organisation",
        "  (a referral or an escalation), with purpose and expiry; revoked or expired grants give",
        "  nothing. Administrators manage users and organisations of their own scope only and",
        "  never read case contents by virtue of being administrators.",
        "",
        *RECORD_RULES.splitlines(),
        "## Pages × roles",
        "",
        "| page | URL | needs | roles |",
        "|---|---|---|---|",
    ]
    for route in routes():
        allowed = roles_allowed(route.access)
        if route.access == PUBLIC:
            who = "everyone, signed in or not"
        elif route.access == SIGNED_IN:
            who = "every signed-in user"
        else:
            who = ", ".join(str(Role(r).label) for r in allowed)
        lines.append(f"| `{route.name}` | `/{route.pattern}` | `{route.access}` | {who} |")
    lines += [
        "",
        "Sign-in, two-factor and session pages come from django-allauth (`/account/…`):",
        "public before sign-in, otherwise for the signed-in user's own account only.",
        "",
    ]
    return "\n".join(lines)
