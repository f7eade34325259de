"""Every page × every role: allowed where the policy says, the same 404 everywhere else; and every
page about one record answers the same 404 to the staff of another office (another province).

The routes come from the URL configuration itself, so a new page cannot escape this test.
"""

import json
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from pokpong.accounts.models import Role
from pokpong.accounts.policy import (
    CASE_SECTIONS,
    MFA_REQUIRED_ROLES,
    can_import_cases,
    can_view_livelihoods,
    case_sections_for,
    follow_ups_visible_to,
    person_sections_for,
    trainings_visible_to,
)
from pokpong.accounts.services import role_assign
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.api.tests.factories import ApiTokenFactory, bearer, personal_token
from pokpong.cases.selectors import case_list_for_user
from pokpong.cases.tests.factories import (
    AttachmentFactory,
    CaseFactory,
    CaseTransferFactory,
    ConsentFactory,
    NeedFactory,
    PlanActionFactory,
    ScreeningFactory,
)
from pokpong.core.reference import reference_lists
from pokpong.desk.permissions_doc import PUBLIC, SIGNED_IN, render, roles_allowed, routes
from pokpong.exchange.registry import export_kinds_for
from pokpong.exchange.tests.factories import ExportRequestFactory, WebhookDeliveryFactory
from pokpong.imports.models import ImportJob
from pokpong.justice.tests.factories import HearingFactory, JusticeFileFactory, SuspectFactory
from pokpong.livelihoods.models import VocationalTraining
from pokpong.livelihoods.tests.factories import (
    BusinessSupportFactory,
    EmployerFactory,
    FinancialInclusionFactory,
    JobPlacementFactory,
    LivelihoodAssessmentFactory,
    RetentionCheckFactory,
    VocationalTrainingFactory,
)
from pokpong.monitoring.tests.factories import ReportRequestFactory
from pokpong.offline.models import OfflineSubmission, SubmissionStatus
from pokpong.people.selectors import person_list_for_user
from pokpong.people.tests.factories import (
    AccessGrantFactory,
    ArrivalGroupFactory,
    DuplicatePairFactory,
    DuplicateReviewFactory,
    MergeFactory,
    PersonFactory,
)
from pokpong.places.models import District, Province
from pokpong.places.tests.factories import CHAMPASAK, VillageFactory, district, province
from pokpong.prevention.selectors import activity_list_for_user, call_list_for_user
from pokpong.prevention.tests.factories import (
    AwarenessActivityFactory,
    CallReferralFactory,
    HotlineCallFactory,
    RiskAssessmentFactory,
)
from pokpong.programme.tests.factories import (
    ActionItemFactory,
    CommitteeFactory,
    CommitteeMeetingFactory,
    WorkPlanActivityFactory,
)
from pokpong.referrals.models import ReferralStatus
from pokpong.referrals.tests.factories import (
    FollowUpVisitFactory,
    ReferralFactory,
    ServiceDeliveryFactory,
    ServiceOfferFactory,
)
from pokpong.training.selectors import session_list_for_user
from pokpong.training.tests.factories import (
    CourseFactory,
    EnrolmentFactory,
    ParticipantFactory,
    TrainingSessionFactory,
)

pytestmark = pytest.mark.django_db

ROUTES = routes()
# Pages about records: each test gives them a person, a case and what hangs on them.
PERSON_ROUTES = (
    "people:",
    "cases:",
    "referrals:",
    "training:",
    "prevention:call_",
    "prevention:activity_",
    "prevention:assessment_",
    "justice:",
    "livelihoods:",
    "programme:",
    "monitoring:report_download",
    "exchange:export_download",
    "imports:",
    "tokens:",
    "offline:conflict_resolve",
)

# The record each URL keyword of a page about one record is given, by route: the builder of the
# records below, the pages of the matrix and the "another office" rung all read this one table.
# A page that takes a record and is missing here fails test_every_page_about_a_record_is_known.
ROUTE_RECORDS: dict[str, dict[str, str]] = {
    "accounts:organisation_edit": {"pk": "organisation"},
    "accounts:user_detail": {"pk": "target"},
    "accounts:user_mfa_reset": {"pk": "target"},
    "accounts:user_password_reset": {"pk": "target"},
    "accounts:user_role_add": {"pk": "target"},
    "accounts:user_role_remove": {"pk": "target", "assignment_pk": "assignment"},
    "accounts:user_sessions_end": {"pk": "target"},
    "accounts:user_unlock": {"pk": "target"},
    "cases:attachment_file": {"pk": "attachment"},
    "cases:attachment_view": {"pk": "attachment"},
    "cases:action_edit": {"pk": "action"},
    "cases:action_void": {"pk": "action"},
    "cases:case_action_add": {"pk": "case"},
    "cases:case_action_update": {"pk": "action"},
    "cases:case_attachment_add": {"pk": "case"},
    "cases:case_closure_approve": {"pk": "case"},
    "cases:case_closure_request": {"pk": "case"},
    "cases:case_detail": {"pk": "case"},
    "cases:case_edit": {"pk": "case"},
    "cases:case_need_add": {"pk": "case"},
    "cases:need_edit": {"pk": "need"},
    "cases:need_void": {"pk": "need"},
    "cases:case_note_add": {"pk": "case"},
    "cases:case_open": {"person_pk": "person"},
    "cases:case_plan_approve": {"pk": "case"},
    "cases:case_plan_return": {"pk": "case"},
    "cases:case_plan_goals": {"pk": "case"},
    "cases:case_plan_submit": {"pk": "case"},
    "cases:case_reopen": {"pk": "case"},
    "cases:case_summary_pdf": {"pk": "case"},
    "cases:case_transfer": {"pk": "case"},
    "cases:case_transition": {"pk": "case"},
    "cases:consent_new": {"person_pk": "person"},
    "cases:consent_form_pdf": {"person_pk": "person"},
    "cases:consent_withdraw": {"pk": "consent"},
    "cases:identification_new": {"person_pk": "person"},
    "cases:screening_detail": {"pk": "screening"},
    "cases:screening_void": {"pk": "screening"},
    "cases:screening_new": {"person_pk": "person"},
    "cases:screening_pdf": {"pk": "screening"},
    "cases:transfer_accept": {"pk": "transfer"},
    "cases:transfer_cancel": {"pk": "transfer"},
    "cases:transfer_decline": {"pk": "transfer"},
    "cases:transfer_detail": {"pk": "transfer"},
    "desk:reference_delete": {"pk": "item"},
    "exchange:webhook_detail": {"pk": "webhook"},
    "exchange:webhook_edit": {"pk": "webhook"},
    "exchange:webhook_redeliver": {"pk": "webhook_delivery"},
    "exchange:webhook_secret": {"pk": "webhook"},
    "exchange:webhook_test": {"pk": "webhook"},
    "desk:reference_edit": {"pk": "item"},
    "desk:reference_toggle": {"pk": "item"},
    "imports:detail": {"pk": "import_job"},
    "imports:errors": {"pk": "import_job"},
    "imports:start": {"pk": "import_job"},
    "justice:charge_add": {"case_pk": "case"},
    "justice:file_detail": {"case_pk": "case"},
    "justice:file_edit": {"case_pk": "case"},
    "justice:hearing_add": {"case_pk": "case"},
    "justice:hearing_edit": {"pk": "hearing"},
    "justice:suspect_add": {"case_pk": "case"},
    "justice:suspect_edit": {"pk": "suspect"},
    "justice:verdict_add": {"case_pk": "case"},
    "justice:witness_edit": {"case_pk": "case"},
    "people:detail": {"pk": "person"},
    "people:duplicate_pair": {"pk": "pair"},
    "people:duplicate_pair_merge": {"pk": "pair"},
    "people:duplicate_pair_not_same": {"pk": "pair"},
    "people:edit": {"pk": "person"},
    "people:group_detail": {"pk": "group"},
    "people:merge_undo": {"pk": "merge"},
    "livelihoods:assessment_new": {"case_pk": "case"},
    "livelihoods:assessment_void": {"pk": "livelihood_assessment"},
    "livelihoods:business_check": {"pk": "business"},
    "livelihoods:business_new": {"case_pk": "case"},
    "livelihoods:business_void": {"pk": "business"},
    "livelihoods:case": {"case_pk": "case"},
    "livelihoods:employer_edit": {"pk": "employer"},
    "livelihoods:finance_new": {"case_pk": "case"},
    "livelihoods:finance_void": {"pk": "finance"},
    "livelihoods:placement_new": {"case_pk": "case"},
    "livelihoods:placement_void": {"pk": "placement"},
    "livelihoods:retention_check": {"pk": "retention_check"},
    "livelihoods:training_edit": {"pk": "vocational_training"},
    "livelihoods:training_new": {"case_pk": "case"},
    "livelihoods:training_void": {"pk": "vocational_training"},
    "prevention:activity_edit": {"pk": "activity"},
    "prevention:activity_void": {"pk": "activity"},
    "prevention:assessment_edit": {"pk": "assessment"},
    "prevention:assessment_void": {"pk": "assessment"},
    "prevention:call_detail": {"pk": "call"},
    "prevention:call_edit": {"pk": "call"},
    "prevention:call_void": {"pk": "call"},
    "prevention:call_refer": {"pk": "call"},
    "prevention:call_referral": {"pk": "call_referral"},
    "prevention:call_referral_decline": {"pk": "call_referral"},
    "programme:action_follow_up": {"pk": "committee_action"},
    "programme:action_new": {"pk": "meeting"},
    "programme:activity_edit": {"pk": "work_activity"},
    "programme:committee_detail": {"pk": "committee"},
    "programme:committee_edit": {"pk": "committee"},
    "programme:meeting_detail": {"pk": "meeting"},
    "programme:meeting_edit": {"pk": "meeting"},
    "programme:meeting_new": {"pk": "committee"},
    "referrals:follow_up": {"pk": "visit"},
    "referrals:follow_up_add": {"case_pk": "case"},
    "referrals:follow_up_assign": {"pk": "visit"},
    "referrals:offer_edit": {"pk": "offer"},
    "referrals:service_edit": {"pk": "service"},
    "referrals:service_void": {"pk": "service"},
    "referrals:referral_accept": {"pk": "referral"},
    "referrals:referral_cancel": {"pk": "referral"},
    "referrals:referral_complete": {"pk": "referral"},
    "referrals:referral_decline": {"pk": "referral"},
    "referrals:referral_detail": {"pk": "referral"},
    "referrals:referral_letter_pdf": {"pk": "referral"},
    "referrals:referral_new": {"case_pk": "case"},
    "referrals:return_plan": {"case_pk": "case"},
    "referrals:service_new": {"case_pk": "case"},
    "training:attendance": {"pk": "session"},
    "training:course_edit": {"pk": "course"},
    "training:course_void": {"pk": "course"},
    "training:session_edit": {"pk": "session"},
    "training:session_void": {"pk": "session"},
    "training:certificate": {"pk": "enrolment"},
    "training:certificate_revoke": {"pk": "enrolment"},
    "training:follow_up": {"pk": "enrolment"},
    "training:participant_detail": {"pk": "participant"},
    "training:scores": {"pk": "enrolment"},
    "training:session_detail": {"pk": "session"},
    "training:session_import": {"pk": "session"},
    "tokens:revoke": {"pk": "api_token"},
    "offline:conflict_resolve": {"pk": "offline_conflict"},
}
# An indicator report is its requester's (checked once monitoring joins the matrix's namespaces).
if any(route.name == "monitoring:report_download" for route in ROUTES):
    ROUTE_RECORDS["monitoring:report_download"] = {"pk": "report"}
# An export is its requester's alone (exchange.services.export_download_get).
ROUTE_RECORDS["exchange:export_download"] = {"pk": "export"}
# URL keywords that name no record: the slug of a reference list (the list pages themselves).
# a reference list; an indicator of the catalogue (no office's); a kind of export (registry)
NOT_RECORDS = {"slug", "code", "kind"}


def _keywords(route) -> set[str]:
    return set(re.findall(r"<(?:\w+:)?(\w+)>", route.pattern))


def _record_keywords(route) -> set[str]:
    return _keywords(route) - NOT_RECORDS


RECORD_ROUTES = [route for route in ROUTES if _record_keywords(route)]


@pytest.fixture
def objects():
    target = UserFactory(username="target", roles=[Role.CASE_WORKER])
    item = District.objects.get(code="1301")
    organisation = OrganisationFactory()
    return {
        "slug": "districts",
        "item": item,
        "district": item,
        "target": target,
        "assignment": target.role_assignments.get(),
        "organisation": organisation,
        **_webhook_records(organisation),
    }


def _webhook_records(organisation) -> dict:
    """A webhook endpoint of the organisation and a delivery it logged."""
    delivery = WebhookDeliveryFactory(endpoint__organisation=organisation)
    return {"webhook": delivery.endpoint, "webhook_delivery": delivery}


def _person_records(owner) -> dict:
    """Records of every kind held by the owner's own organisation, made by the owner: a person
    (with a screening, a consent, an arrival group) and its case with a plan action and a
    document; a referral of it accepted by the owner's organisation, a follow-up visit assigned
    to it and the grant the referral gave; a duplicate pair and a merge, a training session
    with an enrolment, a hotline call referred to the owner's organisation."""
    org = owner.organisation
    held = {"organisation": org, "province": org.province or province(), "registered_by": owner}
    group = ArrivalGroupFactory(created_by=owner, organisation=org, province=held["province"])
    person = PersonFactory(given_name_latin="Noy", arrival_group=group, **held)
    screening = ScreeningFactory(person=person)
    consent = ConsentFactory(person=person)
    case = CaseFactory(person=person, came_to_light="hotline")
    action = PlanActionFactory(plan__case=case)
    need = NeedFactory(case=case)
    service = ServiceDeliveryFactory(case=case)
    attachment = AttachmentFactory(case=case)
    justice = JusticeFileFactory(case=case)
    # asked of the owner's own organisation (as the office of another province would be)
    transfer = CaseTransferFactory(case=case, to_organisation=org)
    # accepted by the owner's own organisation, with the grant a referral gives its receiver
    referral = ReferralFactory(
        case=case,
        to_organisation=org,
        status=ReferralStatus.ACCEPTED,
        consent=False,
        grants=False,
    )
    AccessGrantFactory(record=case, grantee_organisation=org, granted_by=owner)
    offer = ServiceOfferFactory(organisation=org)
    visit = FollowUpVisitFactory(case=case, assigned_organisation=org)
    twin = PersonFactory(given_name_latin="Noi", **held)
    review = DuplicateReviewFactory(requested_by=owner)
    pair = DuplicatePairFactory(review=review, person_a=person, person_b=twin)
    merged = PersonFactory(given_name_latin="Noy", family_name_latin="Phommachan", **held)
    merge = MergeFactory(kept=person, merged=merged, merged_by=owner)
    course = CourseFactory(hours=8)
    session = TrainingSessionFactory(
        course=course, created_by=owner, organisation=org, province=case.province
    )
    placed = {"organisation": org, "province": case.province}
    activity = AwarenessActivityFactory(recorded_by=owner, **placed)
    assessment = RiskAssessmentFactory(assessed_by=owner, **placed)
    participant = ParticipantFactory(organisation=org, province=case.province)
    enrolment = EnrolmentFactory(session=session, participant=participant)
    call = HotlineCallFactory(taken_by=owner, organisation=org, person=person, potential_case=True)
    call_referral = CallReferralFactory(
        call=call, to_organisation=org, respond_by=timezone.now(), grants=False
    )
    report = ReportRequestFactory(requested_by=owner)
    kinds = export_kinds_for(owner)  # an export of a kind the owner may still ask for
    export = ExportRequestFactory(requested_by=owner, kind=kinds[0].code if kinds else "ctdc")
    # an import checked and waiting for the owner's decision (of a kind the owner imports)
    import_job = ImportJob.objects.create(
        kind="persons_cases" if can_import_cases(owner) else "activities",
        requested_by=owner,
        filename="sheet.csv",
        status="checked",
    )
    api_token = ApiTokenFactory(user=owner)  # the owner's personal API token
    # a follow-up visit made offline by the owner and kept beside the recorded one (a conflict)
    offline_conflict = OfflineSubmission.objects.create(
        client_id=uuid.uuid4(),
        user=owner,
        kind="follow_up",
        status=SubmissionStatus.CONFLICT,
        visit=visit,
        payload=json.dumps({"done_on": "2026-11-21", "wellbeing": "good"}),
    )
    # the livelihood part of the case; a training given by the owner's organisation itself
    placement = JobPlacementFactory(
        case=case, employer=EmployerFactory(province=case.province), recorded_by=owner
    )
    livelihoods = {
        "livelihood_assessment": LivelihoodAssessmentFactory(case=case, assessed_by=owner),
        "vocational_training": VocationalTrainingFactory(case=case, provider=org),
        "placement": placement,
        "employer": placement.employer,
        "retention_check": RetentionCheckFactory(placement=placement),
        "business": BusinessSupportFactory(case=case, recorded_by=owner),
        "finance": FinancialInclusionFactory(case=case, recorded_by=owner),
    }
    # the committee of the owner's province, a meeting of it that gave the owner an action
    committee = CommitteeFactory(province=case.province)
    meeting = CommitteeMeetingFactory(committee=committee, recorded_by=owner)
    committee_action = ActionItemFactory(meeting=meeting, owner=owner)
    work_activity = WorkPlanActivityFactory(province=case.province, partner=org)
    return {
        **livelihoods,
        "committee": committee,
        "meeting": meeting,
        "committee_action": committee_action,
        "work_activity": work_activity,
        "person": person,
        "report": report,
        "export": export,
        "import_job": import_job,
        "api_token": api_token,
        "offline_conflict": offline_conflict,
        "group": group,
        "screening": screening,
        "consent": consent,
        "case": case,
        "action": action,
        "need": need,
        "service": service,
        "course": course,
        "activity": activity,
        "assessment": assessment,
        "attachment": attachment,
        "transfer": transfer,
        "call": call,
        "call_referral": call_referral,
        "referral": referral,
        "offer": offer,
        "visit": visit,
        "pair": pair,
        "merge": merge,
        "session": session,
        "participant": participant,
        "enrolment": enrolment,
        "suspect": SuspectFactory(file=justice),
        "hearing": HearingFactory(file=justice),
    }


def _url(name: str, objects: dict) -> str:
    kwargs: dict = {}
    if name.startswith(PERSON_ROUTES) and "person" not in objects:
        objects.update(_person_records(objects["target"]))
    if name == "referrals:offer_edit" and objects.get("offer") is None:
        return reverse("referrals:offer_create")
    for keyword, record in ROUTE_RECORDS.get(name, {}).items():
        kwargs[keyword] = objects[record].pk
    if "slug" in _keywords(ROUTE_BY_NAME[name]):
        kwargs["slug"] = objects["slug"]
    if "code" in _keywords(ROUTE_BY_NAME[name]):
        kwargs["code"] = "PS.5.2-23"
    if "kind" in _keywords(ROUTE_BY_NAME[name]):
        kwargs["kind"] = objects.get("kind", "ctdc")
    return reverse(name, kwargs=kwargs)


ROUTE_BY_NAME = {route.name: route for route in ROUTES}


def _request(client, name: str, url: str):
    """GET, or POST for the pages that only take POST (they answer GET with 405)."""
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(
            url, {"language": "en", "role": Role.TRAINER, "withdrawn_on": "01/11/2026"}
        )
    return response


def _member(role: str):
    national = role in {Role.ADMINISTRATOR, Role.NATIONAL_SECRETARIAT, Role.ME_OFFICER}
    user = UserFactory(
        username=f"member-{role}",
        organisation=OrganisationFactory(
            province=None if national else Province.objects.get(iso_code="LA-SV")
        ),
        roles=[role],
    )
    return with_totp(user) if role in MFA_REQUIRED_ROLES else user


def test_every_page_is_in_the_matrix_and_the_doc_is_current():
    assert len(ROUTES) >= 20
    doc = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
    assert doc.read_text(encoding="utf-8") == render(), "run: manage.py permissions_doc"


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_anonymous_visitors_reach_only_public_pages(client, objects, route):
    response = _request(client, route.name, _url(route.name, objects))
    if route.access == PUBLIC:
        assert response.status_code in {200, 302}
        assert not response.headers.get("Location", "").startswith(reverse("account_login"))
    else:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_each_role_reaches_exactly_what_the_policy_allows(client, objects, role, route):
    member = _member(role)
    if route.name.startswith(PERSON_ROUTES):
        objects.update(_person_records(member))  # records of the member's own office
    kinds = export_kinds_for(member)  # each kind of export has its own rule: one they may ask
    objects["kind"] = kinds[0].code if kinds else "ctdc"
    client.force_login(member)
    response = _request(client, route.name, _url(route.name, objects))
    if role in roles_allowed(route.access):
        assert response.status_code in {200, 302}, response.status_code
        if route.access not in (PUBLIC, SIGNED_IN) and response.status_code == 302:
            assert not response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_a_user_without_any_role_reaches_only_the_pages_for_everyone(
    client, objects, outsider, route
):
    client.force_login(outsider)
    response = _request(client, route.name, _url(route.name, objects))
    if route.access in (PUBLIC, SIGNED_IN):
        assert response.status_code in {200, 302}
    else:
        assert response.status_code == 404


# --- Another office's record of the same kind: the same 404 as a missing one ------------------
# A user holding the page's role over Savannakhet asks for records of every kind held by an
# office of Champasak (built as that office's own staff reach them, by the same _person_records
# the matrix uses): every page about one record answers exactly the 404 of a record that does not
# exist, for GET and for POST. Every role is given over the province here: a role held
# nationally covers every province by definition (the matrix above checks what it reaches).

# Reference lists that belong to no office: one list for the whole country, edited by national
# administrators only (policy.can_manage_reference_list). Their entries are not in the rung.
NATIONAL_LISTS = {
    "countries": "ISO 3166 countries: one list for the whole country",
    "ethnic-groups": "the officially recognised ethnic groups of Laos: national",
    "forms-of-trafficking": "the forms of the 2015 law, mapped to CTDC: national",
    "law-articles": "the articles of the 2015 anti-trafficking law: national",
    "organisation-types": "kinds of organisation, for every province alike: national",
    "service-types": "the services of the referral mechanism, for every province alike: national",
}
# Reference lists whose entries belong to a province: the entry of Champasak the rung asks for.
PROVINCIAL_LISTS = ("districts", "villages")
MISSING = 2_147_483_647  # an id no record has
POST_DATA = {"language": "en", "role": Role.TRAINER, "withdrawn_on": "01/11/2026"}


def _other_office_records(slug: str) -> dict:
    """Records of every kind held by an office of Champasak, made by its own case worker."""
    champasak = province(CHAMPASAK)
    office = OrganisationFactory(province=champasak, name_en="Champasak social welfare")
    owner = UserFactory(username="champasak", organisation=office, roles=[Role.CASE_WORKER])
    records = _person_records(owner)
    items = {
        "districts": district(CHAMPASAK),
        "villages": VillageFactory(district=district(CHAMPASAK)),
    }
    records.update(
        target=owner,
        assignment=owner.role_assignments.get(),
        organisation=office,
        slug=slug,
        item=items.get(slug),
        **_webhook_records(office),
    )
    return records


def _savannakhet_member(role: str):
    """A user of an office of Savannakhet holding the role over Savannakhet only."""
    savannakhet = province()
    user = UserFactory(
        username=f"savannakhet-{role}", organisation=OrganisationFactory(province=savannakhet)
    )
    role_assign(user=user, role=role, province=savannakhet)
    return with_totp(user) if role in MFA_REQUIRED_ROLES else user


def _missing_url(name: str, records: dict) -> str:
    route = ROUTE_BY_NAME[name]
    kwargs: dict = dict.fromkeys(_record_keywords(route), MISSING)
    if "slug" in _keywords(route):
        kwargs["slug"] = records["slug"]
    if "code" in _keywords(route):
        kwargs["code"] = "PS.5.2-23"
    return reverse(name, kwargs=kwargs)


def _normalised(body: bytes, url: str) -> str:
    """The page without what differs between any two requests: the CSRF token, the own URL."""
    text = body.decode("utf-8").replace(url, "<url>")
    text = re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]+', r"\1…", text)
    return re.sub(r'("X-CSRFToken": ")[^"]+', r"\1…", text)


def _other_office_cases() -> list:
    cases = []
    for route in RECORD_ROUTES:
        slugs = PROVINCIAL_LISTS if "slug" in _keywords(route) else ("",)
        roles = list(roles_allowed(route.access)) if route.name in ROUTE_RECORDS else [""]
        for slug in slugs:
            for role in roles:
                label = "-".join(p for p in (route.name, slug, role) if p)
                cases.append(pytest.param(route.name, slug, role, id=label))
    return cases


def test_every_page_about_a_record_is_known_to_the_matrix_and_the_rung():
    unknown = [
        f"{route.name} (/{route.pattern})"
        for route in RECORD_ROUTES
        if set(ROUTE_RECORDS.get(route.name, {})) != _record_keywords(route)
    ]
    assert not unknown, (
        "pages about a record that ROUTE_RECORDS (test_permission_matrix.py) does not know: "
        "say which record each URL keyword takes, so that the other office's record is tried: "
        + ", ".join(unknown)
    )
    assert not set(ROUTE_RECORDS) - set(ROUTE_BY_NAME), "ROUTE_RECORDS names pages that are gone"
    lists = {ref.slug for ref in reference_lists()}
    assert lists == set(NATIONAL_LISTS) | set(PROVINCIAL_LISTS), (
        "a reference list is neither national (NATIONAL_LISTS, with the reason) nor provincial"
        " (PROVINCIAL_LISTS, tried by the rung)"
    )


@pytest.mark.parametrize(("name", "slug", "role"), _other_office_cases())
def test_another_office_record_of_the_same_kind_answers_the_same_404(client, name, slug, role):
    if name not in ROUTE_RECORDS:
        pytest.fail(f"{name} takes a record that ROUTE_RECORDS does not know: add it there")
    records = _other_office_records(slug)
    member = _savannakhet_member(role)
    client.force_login(member)
    url, missing = _url(name, records), _missing_url(name, records)
    statuses = set()
    for method in ("get", "post"):
        send = getattr(client, method)
        got = send(url, POST_DATA) if method == "post" else send(url)
        absent = send(missing, POST_DATA) if method == "post" else send(missing)
        where = f"{method.upper()} {url} by a {role} of Savannakhet (a record of Champasak)"
        assert got.status_code == absent.status_code, (
            f"{where} answers {got.status_code}, a missing record {absent.status_code}"
        )
        if got.status_code == 404:
            assert _normalised(got.content, url) == _normalised(absent.content, missing), where
        statuses.add(got.status_code)
    assert 404 in statuses and statuses <= {404, 405}, (name, statuses)


# --- The API: a token reaches exactly what its user reaches on the pages ----------------------
# Each role's personal token asks the API for the records of the member's own office (built by
# _person_records, as the matrix above) and for a record of another office; the answers must be
# those of the pages: the same records, the same 404s, the same consented part for a receiver.

# API route → (the page that shows the same record, the record's key in _person_records)
API_PAGES = {
    "api:persons_detail": ("people:detail", "person"),
    "api:cases_detail": ("cases:case_detail", "case"),
    "api:screenings_detail": ("cases:screening_detail", "screening"),
    "api:referrals_detail": ("referrals:referral_detail", "referral"),
    "api:training-sessions_detail": ("training:session_detail", "session"),
    "api:training-participants_detail": ("training:participant_detail", "participant"),
    "api:hotline-calls_detail": ("prevention:call_detail", "call"),
}
# API route → (the record's key, the case page's list that shows it: its records for the user)
API_CASE_PARTS: dict[str, tuple[str, Callable[..., QuerySet[Any]]]] = {
    "api:services_detail": ("service", lambda user, case: case.services.all()),
    "api:follow-ups_detail": (
        "visit",
        lambda user, case: follow_ups_visible_to(user, case, case.follow_ups.all()),
    ),
}
# API route → the section of the person page that shows the record (no page of its own)
API_PERSON_SECTIONS = {"api:consents_detail": "consents"}
# API route → the record's key: a part of the case's livelihood page (the office's part)
API_LIVELIHOODS = {
    "api:livelihood-assessments_detail": "livelihood_assessment",
    "api:job-placements_detail": "placement",
    "api:business-supports_detail": "business",
    "api:financial-inclusions_detail": "finance",
}
# API list → (the list page, the selector that page lists)
API_LISTS: dict[str, tuple[str, Callable[..., QuerySet[Any]]]] = {
    "api:persons_list": ("people:list", person_list_for_user),
    "api:cases_list": ("cases:case_list", case_list_for_user),
    "api:training-sessions_list": ("training:session_list", session_list_for_user),
    "api:prevention-activities_list": (
        "prevention:activity_list",
        lambda user: activity_list_for_user(user=user, filters={}),
    ),
    "api:hotline-calls_list": ("prevention:call_list", call_list_for_user),
}


def _api_ids(client, name: str, token) -> set[int]:
    ids, url = set(), reverse(name) + "?page_size=200"
    while url:
        page = client.get(url, **bearer(token)).json()
        ids |= {row["id"] for row in page["results"]}
        url = page["next"]
    return ids


@pytest.mark.parametrize("role", Role.values)
def test_a_token_reaches_through_the_api_exactly_what_its_user_reaches_on_the_pages(client, role):
    member = _member(role)
    records = _person_records(member)
    token = personal_token(member, access="read")
    client.force_login(member)
    for api_name, (page_name, key) in API_PAGES.items():
        pk = records[key].pk
        page = client.get(reverse(page_name, kwargs={"pk": pk}))
        api = client.get(reverse(api_name, kwargs={"pk": pk}), **bearer(token))
        assert page.status_code in {200, 404} and api.status_code in {200, 404}
        assert api.status_code == page.status_code, (api_name, page.status_code)
    person = records["person"]
    sections = person_sections_for(member, person)
    for api_name, section in API_PERSON_SECTIONS.items():
        key = api_name.removeprefix("api:").removesuffix("s_detail")
        api = client.get(reverse(api_name, kwargs={"pk": records[key].pk}), **bearer(token))
        assert api.status_code == (200 if section in sections else 404), api_name
    shown = client.get(reverse("api:persons_detail", kwargs={"pk": person.pk}), **bearer(token))
    if shown.status_code == 200:  # the consented part for a receiver, all for the office
        assert ("phone" in shown.json()) == ("contact" in sections)
    case = records["case"]
    sections = case_sections_for(member, case)
    for api_name, (key, shown_on_page) in API_CASE_PARTS.items():
        pk = records[key].pk
        on_page = bool(sections) and shown_on_page(member, case).filter(pk=pk).exists()
        api = client.get(reverse(api_name, kwargs={"pk": pk}), **bearer(token))
        assert api.status_code == (200 if on_page else 404), api_name
    livelihood_page = client.get(reverse("livelihoods:case", kwargs={"case_pk": case.pk}))
    whole = livelihood_page.status_code == 200 and can_view_livelihoods(member, case)
    for api_name, key in API_LIVELIHOODS.items():
        api = client.get(reverse(api_name, kwargs={"pk": records[key].pk}), **bearer(token))
        assert api.status_code == (200 if whole else 404), api_name
    training = records["vocational_training"]
    given = trainings_visible_to(member, case, VocationalTraining.objects.filter(pk=training.pk))
    api = client.get(
        reverse("api:vocational-trainings_detail", kwargs={"pk": training.pk}), **bearer(token)
    )
    on_page = livelihood_page.status_code == 200 and given.exists()
    assert api.status_code == (200 if on_page else 404), "api:vocational-trainings_detail"
    plan = records["action"].plan  # on the case page: the office's part only
    api = client.get(reverse("api:case-plans_detail", kwargs={"pk": plan.pk}), **bearer(token))
    assert api.status_code == (200 if sections == CASE_SECTIONS else 404), "api:case-plans_detail"
    file = records["suspect"].file
    page = client.get(reverse("justice:file_detail", kwargs={"case_pk": file.case_id}))
    api = client.get(reverse("api:justice-files_detail", kwargs={"pk": file.pk}), **bearer(token))
    assert api.status_code == page.status_code, ("api:justice-files_detail", page.status_code)
    dashboard = client.get(reverse("monitoring:dashboard"))
    values = client.get(reverse("api:indicator_values"), **bearer(token))
    assert values.status_code == dashboard.status_code, ("indicator values", dashboard.status_code)
    for api_name, (page_name, selector) in API_LISTS.items():
        page = client.get(reverse(page_name))
        api = client.get(reverse(api_name), **bearer(token))
        assert api.status_code == page.status_code, (api_name, page.status_code)
        if api.status_code == 200:
            expected = set(selector(user=member).values_list("pk", flat=True))
            assert _api_ids(client, api_name, token) == expected


@pytest.mark.parametrize("role", Role.values)
def test_through_the_api_another_offices_record_answers_the_same_404(client, role):
    records = _other_office_records("")
    token = personal_token(_savannakhet_member(role), access="read")
    keyed = {name: records[key] for name, (_page, key) in API_PAGES.items()}
    keyed |= {name: records[key] for name, (key, _shown) in API_CASE_PARTS.items()}
    keyed |= {name: records[key] for name, key in API_LIVELIHOODS.items()}
    keyed["api:vocational-trainings_detail"] = records["vocational_training"]
    keyed["api:justice-files_detail"] = records["suspect"].file
    keyed["api:case-plans_detail"] = records["action"].plan
    for api_name, record in keyed.items():
        got = client.get(reverse(api_name, kwargs={"pk": record.pk}), **bearer(token))
        absent = client.get(reverse(api_name, kwargs={"pk": MISSING}), **bearer(token))
        assert got.status_code == absent.status_code == 404, api_name
        assert got.json() == absent.json()
