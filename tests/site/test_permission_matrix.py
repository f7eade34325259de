"""Every page × every role: allowed where the policy says, the same 404 everywhere else.

The routes come from the URL configuration itself, so a new page cannot escape this test.
"""

from pathlib import Path

import pytest
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.policy import MFA_REQUIRED_ROLES
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.desk.permissions_doc import PUBLIC, SIGNED_IN, render, roles_allowed, routes
from pokpong.places.models import District, Province

pytestmark = pytest.mark.django_db

ROUTES = routes()
# Pages about records: each test gives them a person, a case and what hangs on them.
PERSON_ROUTES = ("people:", "cases:", "referrals:", "training:", "prevention:call_")


@pytest.fixture
def objects():
    target = UserFactory(username="target", roles=[Role.CASE_WORKER])
    return {
        "slug": "districts",
        "district": District.objects.get(code="1301"),
        "target": target,
        "assignment": target.role_assignments.get(),
        "organisation": OrganisationFactory(),
    }


def _person_records(owner) -> dict:
    """A person held by the owner's own organisation, with a screening, a consent, a group."""
    import datetime as dt

    from pokpong.cases import attachments
    from pokpong.cases.models import Attachment, Case, CasePlan, Consent, PlanAction, Screening
    from pokpong.people.models import ArrivalGroup, Person
    from pokpong.places.models import Country

    org = owner.organisation
    province = org.province or Province.objects.get(iso_code="LA-SV")
    group = ArrivalGroup.objects.create(
        arrived_on=dt.date(2026, 11, 1),
        border_point="Friendship Bridge",
        returned_from=Country.objects.get(alpha2="TH"),
        organisation=org,
        province=province,
        created_by=owner,
    )
    person = Person.objects.create(
        given_name_latin="Noy",
        sex="female",
        organisation=org,
        province=province,
        registered_by=owner,
        arrival_group=group,
    )
    screening = Screening.objects.create(
        person=person,
        form_version="short",
        screened_on=dt.date(2026, 11, 2),
        answers={},
        outcome="not_indicated",
        is_child=False,
        screened_by=owner,
        organisation=org,
    )
    consent = Consent.objects.create(
        person=person,
        for_services=True,
        for_statistics=True,
        for_photo=False,
        given_by="self",
        given_on=dt.date(2026, 11, 2),
        method="signed_form",
        recorded_by=owner,
        organisation=org,
    )
    case = Case.objects.create(
        number=f"SV-2026-{person.pk:05d}",
        province=province,
        person=person,
        organisation=org,
        came_to_light="hotline",
        opened_by=owner,
    )
    plan = CasePlan.objects.create(case=case, goals="Safe return")
    action = PlanAction.objects.create(
        plan=plan,
        description="Family tracing",
        responsible_organisation=org,
        due_on=dt.date(2026, 12, 1),
    )
    stored = attachments.store(b"\x89PNG\r\n\x1a\n" + b"0" * 32)
    attachment = Attachment.objects.create(
        case=case,
        title="Photo",
        filename="photo.png",
        content_type=stored.content_type,
        size=stored.size,
        sha256=stored.sha256,
        storage_name=stored.storage_name,
        uploaded_by=owner,
        organisation=org,
    )
    return {
        "person": person,
        "group": group,
        "screening": screening,
        "consent": consent,
        "case": case,
        "action": action,
        "attachment": attachment,
        **_referral_records(owner, case),
    }


def _referral_records(owner, case) -> dict:
    """A referral of the case to the owner's own organisation, a follow-up, a directory entry."""
    import datetime as dt

    from django.utils import timezone

    from pokpong.referrals.models import FollowUpVisit, Referral, ServiceOffer, ServiceType

    org = owner.organisation or case.organisation
    service = ServiceType.objects.get(code="shelter")
    referral = Referral.objects.create(
        case=case,
        from_organisation=case.organisation,
        to_organisation=org,
        service_type=service,
        requested_by=owner,
        respond_by=timezone.now(),
        status="accepted",
    )
    offer = (
        ServiceOffer.objects.create(organisation=org, service_type=service)
        if (owner.organisation)
        else None
    )
    # assigned to the receiver: a partner records the visits assigned to it
    visit = FollowUpVisit.objects.create(
        case=case, due_on=dt.date(2026, 12, 1), assigned_organisation=owner.organisation
    )
    if org is not None:  # the referral shares the case with its receiver
        from django.contrib.contenttypes.models import ContentType

        from pokpong.core.models import AccessGrant

        AccessGrant.objects.create(
            grantee_organisation=org,
            content_type=ContentType.objects.get_for_model(case),
            object_id=str(case.pk),
            purpose="referral",
            granted_by=owner,
        )
    from pokpong.core.crypto import encrypt
    from pokpong.people.models import DuplicatePair, DuplicateReview, Merge, Person

    twin = Person.objects.create(
        given_name_latin="Noi",
        sex="female",
        organisation=case.organisation,
        province=case.province,
        registered_by=owner,
    )
    review = DuplicateReview.objects.create(requested_by=owner, status="done")
    pair = DuplicatePair.objects.create(
        review=review, person_a=case.person, person_b=twin, score=90.0
    )
    merge = Merge.objects.create(
        kept=case.person, merged=twin, merged_by=owner, kept_before={"encrypted": encrypt("{}")}
    )
    from pokpong.training.models import Course, Enrolment, Participant, TrainingSession

    course = Course.objects.create(
        name_lo="ການລະບຸຕົວ", name_en="Identification", topic="identification", hours=8
    )
    session = TrainingSession.objects.create(
        course=course,
        starts_on=dt.date(2026, 11, 1),
        ends_on=dt.date(2026, 11, 2),
        hours=8,
        venue="Hall",
        province=case.province,
        organisation=case.organisation,
        created_by=owner,
    )
    participant = Participant.objects.create(
        full_name="Noy",
        sex="female",
        age_group="25_39",
        organisation=case.organisation,
        province=case.province,
    )
    enrolment = Enrolment.objects.create(session=session, participant=participant, hours_attended=8)
    from pokpong.prevention.models import CallReferral, HotlineCall

    call = HotlineCall.objects.create(
        received_at=timezone.now(),
        channel="phone_1362",
        caller_type="family",
        topic="missing_person",
        outcome="potential_case",
        organisation=org,
        taken_by=owner,
        person=case.person,
    )
    call_referral = CallReferral.objects.create(
        call=call, to_organisation=org, requested_by=owner, respond_by=timezone.now()
    )
    return {
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
    }


def _url(name: str, objects: dict) -> str:
    kwargs: dict = {}
    if name.startswith(PERSON_ROUTES) and "person" not in objects:
        objects.update(_person_records(objects["target"]))
    if name.startswith("desk:reference_") and name != "desk:reference_index":
        kwargs["slug"] = objects["slug"]
        if name in {"desk:reference_edit", "desk:reference_toggle", "desk:reference_delete"}:
            kwargs["pk"] = objects["district"].pk
    elif name.startswith("accounts:user_") and name not in {
        "accounts:user_list",
        "accounts:user_create",
    }:
        kwargs["pk"] = objects["target"].pk
        if name == "accounts:user_role_remove":
            kwargs["assignment_pk"] = objects["assignment"].pk
    elif name == "accounts:organisation_edit":
        kwargs["pk"] = objects["organisation"].pk
    elif name in {"people:detail", "people:edit"}:
        kwargs["pk"] = objects["person"].pk
    elif name == "people:group_detail":
        kwargs["pk"] = objects["group"].pk
    elif name in {"cases:screening_new", "cases:identification_new", "cases:consent_new"}:
        kwargs["person_pk"] = objects["person"].pk
    elif name == "cases:screening_detail":
        kwargs["pk"] = objects["screening"].pk
    elif name == "cases:consent_withdraw":
        kwargs["pk"] = objects["consent"].pk
    elif name == "cases:case_open":
        kwargs["person_pk"] = objects["person"].pk
    elif name == "cases:case_action_update":
        kwargs["pk"] = objects["action"].pk
    elif name in {"cases:attachment_view", "cases:attachment_file"}:
        kwargs["pk"] = objects["attachment"].pk
    elif name in {
        "referrals:referral_new",
        "referrals:service_new",
        "referrals:return_plan",
        "referrals:follow_up_add",
    }:
        kwargs["case_pk"] = objects["case"].pk
    elif name.startswith("referrals:referral_") and name != "referrals:referral_new":
        kwargs["pk"] = objects["referral"].pk
    elif name in {"referrals:follow_up", "referrals:follow_up_assign"}:
        kwargs["pk"] = objects["visit"].pk
    elif name == "referrals:offer_edit":
        if objects.get("offer") is None:
            return reverse("referrals:offer_create")
        kwargs["pk"] = objects["offer"].pk
    elif name in {
        "people:duplicate_pair",
        "people:duplicate_pair_not_same",
        "people:duplicate_pair_merge",
    }:
        kwargs["pk"] = objects["pair"].pk
    elif name in {"training:session_detail", "training:session_import", "training:attendance"}:
        kwargs["pk"] = objects["session"].pk
    elif name in {
        "training:certificate",
        "training:certificate_revoke",
        "training:follow_up",
        "training:scores",
    }:
        kwargs["pk"] = objects["enrolment"].pk
    elif name == "training:participant_detail":
        kwargs["pk"] = objects["participant"].pk
    elif name == "prevention:call_refer":
        kwargs["pk"] = objects["call"].pk
    elif name.startswith("prevention:call_referral"):
        kwargs["pk"] = objects["call_referral"].pk
    elif name == "people:merge_undo":
        kwargs["pk"] = objects["merge"].pk
    elif name.startswith("cases:case_") and name != "cases:case_list":
        kwargs["pk"] = objects["case"].pk
    return reverse(name, kwargs=kwargs)


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
