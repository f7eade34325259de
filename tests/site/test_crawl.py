"""Every page that shows personal data writes an access entry naming the record it shows.

Behavioural, so a new page cannot escape it: every encrypted field of a whole demo world holds a
sentinel; each role's user crawls every page it can reach (links, htmx URLs, search forms filled
with a sentinel name, downloads), plainly and as htmx; wherever a body shows a sentinel, the same
request must have written a "view" entry naming that record or a record it belongs to.
"""

import json

import pytest
from django.urls import reverse

from pokpong.core.models import AuditAction, AuditEntry
from pokpong.desk.permissions_doc import PUBLIC, routes
from tests.site.world import NOT_FOLLOWED, Visit, World, crawl, world_build

pytestmark = pytest.mark.django_db

# Routes no crawl reaches with a GET: they only take POST (their forms are fuzzed elsewhere).
POST_ONLY = {
    "accounts:sign_out_everywhere",
    "accounts:user_mfa_reset",
    "accounts:user_password_reset",
    "accounts:user_role_add",
    "accounts:user_role_remove",
    "accounts:user_sessions_end",
    "accounts:user_unlock",
    "cases:action_void",
    "imports:start",
    "monitoring:indicator_target",
    "monitoring:indicator_value",
    "monitoring:programme_area",
    "cases:case_action_add",
    "cases:case_action_update",
    "cases:case_plan_goals",
    "cases:consent_withdraw",
    "cases:case_attachment_add",
    "cases:case_closure_approve",
    "cases:case_closure_request",
    "cases:case_need_add",
    "cases:case_note_add",
    "cases:case_plan_approve",
    "cases:case_plan_return",
    "cases:case_plan_submit",
    "cases:case_reopen",
    "cases:case_transition",
    "cases:transfer_accept",
    "cases:transfer_cancel",
    "cases:transfer_decline",
    "cases:need_void",
    "cases:screening_void",
    "desk:reference_delete",
    "desk:reference_toggle",
    "desk:set_language",
    "exchange:webhook_redeliver",
    "exchange:webhook_secret",
    "exchange:webhook_test",
    "people:duplicate_pair_merge",
    "people:duplicate_pair_not_same",
    "people:duplicate_review_start",
    "people:merge_undo",
    "referrals:follow_up_add",
    "referrals:follow_up_assign",
    "referrals:referral_accept",
    "referrals:referral_cancel",
    "referrals:referral_complete",
    "referrals:referral_decline",
    "prevention:activity_void",
    "prevention:assessment_void",
    "prevention:call_referral_decline",
    "prevention:call_void",
    "training:course_void",
    "training:session_void",
    "tokens:revoke",
}


def _start_urls() -> list[str]:
    starts = ["/"]
    for route in routes():
        if "<" not in route.pattern and route.access != PUBLIC:
            starts.append(reverse(route.name))
    return starts


def _search_terms(user) -> list[str]:
    from pokpong.people.selectors import person_list_for_user

    person = person_list_for_user(user=user).first() if user.organisation else None
    return [person.given_name_latin] if person is not None else []


def _named(visit: Visit) -> set[tuple[str, str]]:
    named = set()
    for entry in visit.entries:
        if entry.action == AuditAction.VIEW:
            named.add((entry.object_type, entry.object_id))
            if entry.parent_type:
                named.add((entry.parent_type, entry.parent_id))
    return named


def _unaudited(world: World, visit: Visit) -> list[str]:
    """The sentinels the page shows whose record no entry of this request names (what the
    request itself sent, a search term echoed in its box, is not a read)."""
    named = _named(visit)
    shown = set(world.pattern.findall(visit.body))
    return [s for s in shown if s not in visit.url and not world.sentinels[s] & named]


@pytest.fixture(scope="module")
def crawled(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built and crawled once for the module's tests, rolled back after them."""
    from django.db import transaction
    from django.test import Client, override_settings

    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock(), transaction.atomic():
        world = world_build()
        visits: list[Visit] = []
        client = Client()
        world.crawls = {}
        world.media = media
        for role, user in world.users.items():
            starts = _start_urls() + world.extra_urls
            found = crawl(client, user, start=starts, search_terms=_search_terms(user))
            visits += found.visits
            world.crawls[role] = (user, found)
        yield world, visits
        transaction.set_rollback(True)


def test_every_page_showing_personal_data_audits_the_records_it_shows(crawled):
    world, visits = crawled
    failures: dict[tuple[str, bool], str] = {}
    for visit in visits:
        missing = _unaudited(world, visit)
        if missing:
            record = sorted(world.sentinels[missing[0]])[0]
            key = (visit.route, visit.htmx)
            failures.setdefault(key, f"{visit.url} shows {record} (htmx={visit.htmx})")
    assert not failures, "pages that show personal data without auditing it:\n" + "\n".join(
        sorted(failures.values())
    )
    reached = {visit.route for visit in visits if visit.status == 200}
    never = {r.name for r in routes() if r.access != PUBLIC} - reached - POST_ONLY - NOT_FOLLOWED
    assert not never, f"the crawl never opened: {sorted(never)}"


def test_audit_entries_never_hold_the_personal_data_they_record(crawled):
    world, _visits = crawled
    for entry in AuditEntry.objects.all():
        text = json.dumps([entry.object_label, entry.changes, entry.extra], ensure_ascii=False)
        shown = [s for s in world.sentinels if s in text]
        assert not shown, (entry.sequence, entry.action, entry.object_type, shown)


# --- hostile input --------------------------------------------------------------------------

HOSTILE = [
    "abc",
    "99999999999999999999999",
    "-1",
    "\x00",
    "ລາວ" * 1000,
    "2026-13-45",
    '=HYPERLINK("http://x")',
    "",
    ["1", "abc", "99999999999999999999999"],
]
# Sent into each field alone (the others keep the page's own values), into every form of the
# other roles and into every query parameter: the sharpest ones.
SHARP = ["abc", "99999999999999999999999", "\x00", "2026-13-45", ["1", "abc"]]
# Query parameters the views read, sent to every page whatever its form shows.
KNOWN_PARAMS = [
    "q",
    "page",
    "birth_year",
    "province",
    "district",
    "status",
    "service_type",
    "since",
    "day",
    "form",
    "code",
    "inline",
    "given_name_latin",
    "given_name_lo",
    "sex",
    "date_from",
    "action",
    "object_id",
]
# Forms whose plain submission ends the session the crawl runs in.
NOT_SUBMITTED = {"accounts:sign_out_everywhere"}


def _send(client, method: str, url: str, data: dict):
    try:
        if method == "get":
            response = client.get(url.split("?")[0], data)
        else:
            response = client.post(url, data)
    except Exception as exc:  # noqa: BLE001  (any exception is a 500 the user would see)
        return 500, f"{type(exc).__name__}: {str(exc)[:120]}", False
    signed_out = response.status_code == 302 and "/account/" in response.get("Location", "")
    return response.status_code, "", signed_out


def _defaults(form) -> dict:
    return {
        name: values[0]
        for name, values in form.fields.items()
        if values and name != "csrfmiddlewaretoken"
    }


def _hostile_requests(crawled_by_role) -> list[tuple[str, str, str, str, dict]]:
    """(role, route, method, url, data) for every form and every GET page, bounded."""
    requests = []
    sharp_done, params_done = set(), set()
    for role, (_user, found) in crawled_by_role.items():
        for form in found.forms:
            if form.route in NOT_SUBMITTED or not form.fields:
                continue
            names = [n for n in form.fields if n != "csrfmiddlewaretoken"]
            first = (form.route, form.method) not in sharp_done
            for value in HOSTILE if first else SHARP:
                data = dict.fromkeys(names, value)
                requests.append((role, form.route, form.method, form.action, data))
            if not first:
                continue
            sharp_done.add((form.route, form.method))
            for name in names:
                for value in SHARP[:3]:
                    data = {**_defaults(form), name: value}
                    requests.append((role, form.route, form.method, form.action, data))
        for visit in found.visits:
            if visit.status != 200 or visit.htmx or visit.route in params_done:
                continue
            params_done.add(visit.route)
            for value in SHARP:
                data = dict.fromkeys(KNOWN_PARAMS, value)
                requests.append((role, visit.route, "get", visit.url, data))
    return requests


def test_no_hostile_value_in_any_form_or_query_parameter_answers_a_server_error(crawled, settings):
    from django.test import Client

    world, _visits = crawled
    settings.MEDIA_ROOT = world.media  # the world's attachments
    client = Client(raise_request_exception=True)
    failures: dict[tuple[str, str], str] = {}
    signed_in = None
    requests = _hostile_requests(world.crawls)
    for role, route, method, url, data in requests:
        if signed_in != role:
            client.force_login(world.users[role])
            signed_in = role
        status, error, signed_out = _send(client, method, url, data)
        if signed_out:  # the request ended the session (ending sessions is a form too)
            signed_in = None
        if status >= 500:
            sample = {k: (v if len(str(v)) < 30 else str(v)[:12] + "…") for k, v in data.items()}
            failures.setdefault((route, error), f"{role} {method} {url} {sample} → {error}")
    assert len(requests) > 500
    assert not failures, "server errors:\n" + "\n".join(sorted(failures.values()))
