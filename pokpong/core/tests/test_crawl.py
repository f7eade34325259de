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
from pokpong.core.permissions_doc import PUBLIC, routes
from pokpong.core.tests.world import NOT_FOLLOWED, Visit, World, crawl, world_build

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
    "cases:case_plan_submit",
    "cases:case_reopen",
    "cases:case_transition",
    "core:reference_delete",
    "core:reference_toggle",
    "core:set_language",
    "matching:merge_undo",
    "matching:pair_merge",
    "matching:pair_not_same",
    "matching:review_start",
    "referrals:follow_up_add",
    "referrals:referral_accept",
    "referrals:referral_cancel",
    "referrals:referral_complete",
    "referrals:referral_decline",
    "prevention:call_referral_decline",
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
def crawled(django_db_setup, django_db_blocker):
    """Built and crawled once for the module's tests, rolled back after them."""
    from django.db import transaction
    from django.test import Client

    with django_db_blocker.unblock(), transaction.atomic():
        world = world_build()
        visits: list[Visit] = []
        client = Client()
        for user in world.users.values():
            starts = _start_urls() + world.extra_urls
            found = crawl(client, user, start=starts, search_terms=_search_terms(user))
            visits += found.visits
        yield world, visits
        transaction.set_rollback(True)


def test_every_page_showing_personal_data_audits_the_records_it_shows(crawled):
    world, visits = crawled
    failures = {}
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
