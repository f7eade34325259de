"""generate_scale: the national-scale generator at small N, on whichever database the suite runs."""

import io
from collections import Counter

import pytest
from allauth.mfa.utils import is_mfa_enabled
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from pokpong.accounts.models import Role, User
from pokpong.accounts.policy import MFA_REQUIRED_ROLES
from pokpong.cases.models import Case, CaseNumberCounter, Consent, Identification, Screening
from pokpong.core.audit import audit_chain_problems
from pokpong.core.models import AuditEntry
from pokpong.demo.scale.generate import generate, person_code
from pokpong.demo.scale.setup import BENCH_PASSWORD, TARGET
from pokpong.justice.models import JusticeFile
from pokpong.livelihoods.models import LivelihoodAssessment
from pokpong.matching.keys import person_tokens
from pokpong.people.models import Person, PersonToken, TokenStat
from pokpong.people.search import person_search
from pokpong.prevention.models import AwarenessActivity, HotlineCall
from pokpong.referrals.models import FollowUpVisit, Referral, ReturnPlan, ServiceDelivery
from pokpong.training.models import Enrolment, TrainingSession

pytestmark = pytest.mark.django_db

N = 200


def _quiet(_line: str) -> None:
    pass


@pytest.fixture
def generated() -> None:
    generate(persons=N, seed=7, batch=80, say=_quiet)  # three chunks


def _snapshot() -> list[tuple[object, ...]]:
    persons = [
        (
            p.code,
            p.given_name_lo,
            p.family_name_lo,
            p.given_name_latin,
            p.family_name_latin,
            p.birth_year,
            p.sex,
            p.province.iso_code,
            p.district_id,
            p.registered_by.username,
            p.created_at,
        )
        for p in Person.objects.select_related("province", "registered_by").order_by("code")
    ]
    cases = list(
        Case.objects.order_by("number").values_list(
            "number", "status", "person__code", "caseworker__username", "closed_on"
        )
    )
    counts = [
        m.objects.count()
        for m in (Screening, Consent, Identification, Referral, FollowUpVisit, PersonToken)
    ]
    return [*persons, *cases, tuple(counts)]


def _named() -> Person:
    """A generated person with both names in both scripts (encrypted: chosen in Python)."""
    return next(
        p
        for p in Person.objects.order_by("pk")
        if p.given_name_lo and p.family_name_lo and p.given_name_latin and p.family_name_latin
    )


def test_counts_and_proportions(generated: None) -> None:
    assert Person.objects.count() == N
    cases = Case.objects.count()
    assert 0.2 * N < cases < 0.6 * N
    assert 0.6 * N < Screening.objects.count() < 0.9 * N
    assert 0.2 * N < Consent.objects.count() < 0.7 * N
    assert Identification.objects.exists()
    assert Referral.objects.exists() and ServiceDelivery.objects.exists()
    assert ReturnPlan.objects.exists() and FollowUpVisit.objects.exists()
    assert LivelihoodAssessment.objects.exists() and JusticeFile.objects.exists()
    assert HotlineCall.objects.count() == N // 20
    assert AwarenessActivity.objects.exists()
    assert TrainingSession.objects.exists() and Enrolment.objects.exists()
    # most persons in the four target provinces, the rest spread over the country
    by_province = Counter(Person.objects.values_list("province__iso_code", flat=True))
    in_target = sum(by_province[iso] for iso in TARGET)
    assert 0.55 * N < in_target < 0.85 * N
    assert len(by_province) > 6
    # places consistent: the district is in the province, the case's the person's
    for person in Person.objects.select_related("district", "origin_district")[:50]:
        assert person.district.province_id == person.province_id
        assert person.origin_district.province_id == person.origin_province_id
    for case in Case.objects.select_related("person", "district")[:50]:
        assert case.district.province_id == case.province_id == case.person.province_id
        assert (case.status == "closed") == (case.closed_on is not None)
    # several years
    years = {d.year for d in Person.objects.values_list("created_at", flat=True)}
    assert len(years) >= 5
    # the case numbers' counters are ahead of every number given
    for counter in CaseNumberCounter.objects.select_related("province"):
        prefix = f"{counter.province.short_code}-{counter.year}-"
        assert Case.objects.filter(number__startswith=prefix).count() <= counter.last


def test_same_seed_same_data() -> None:
    with transaction.atomic():
        generate(persons=60, seed=3, batch=25, say=_quiet)
        first = _snapshot()
        transaction.set_rollback(True)
    with transaction.atomic():
        generate(persons=60, seed=3, batch=25, say=_quiet)
        second = _snapshot()
        transaction.set_rollback(True)
    generate(persons=60, seed=4, batch=25, say=_quiet)
    assert first == second
    assert _snapshot() != first


def test_names_decrypt_and_tokens_are_the_index_own(generated: None) -> None:
    person = _named()
    assert person.given_name_latin.isalpha() and person.given_name_latin[0].isupper()
    assert all("\u0e80" <= ch <= "\u0eff" for ch in person.given_name_lo)
    for person in Person.objects.prefetch_related("aliases")[:40]:
        stored = set(PersonToken.objects.filter(person=person).values_list("token", flat=True))
        assert stored == person_tokens(person)
    token = PersonToken.objects.values_list("token", flat=True).first()
    assert TokenStat.objects.get(token=token).persons == (
        PersonToken.objects.filter(token=token).count()
    )


def test_search_finds_a_generated_person_in_both_scripts(generated: None) -> None:
    worker = User.objects.get(username="bench.case_worker.national")
    person = _named()
    latin = f"{person.given_name_latin} {person.family_name_latin}"
    lao = f"{person.given_name_lo} {person.family_name_lo}"
    for query in (latin, lao):
        found = [m.person.pk for m in person_search(user=worker, query=query, limit=50)]
        assert person.pk in found, query


def test_audit_chain_verifies(generated: None) -> None:
    problems, head = audit_chain_problems()
    assert problems == []
    assert head is not None and head.sequence == AuditEntry.objects.count()
    assert AuditEntry.objects.filter(object_type="people.person", action="create").count() == N
    out = io.StringIO()
    call_command("audit_verify", stdout=out)
    assert "OK" in out.getvalue()


def test_pages_of_a_generated_case_answer_for_its_case_worker(generated: None, client) -> None:
    worker = User.objects.get(username="bench.case_worker.SV")
    case = Case.objects.filter(caseworker=worker).select_related("person").first()
    assert case is not None, "the provincial case worker has a caseload"
    client.force_login(worker)
    assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 200
    assert client.get(reverse("people:detail", args=[case.person_id])).status_code == 200


def test_bench_users_exist_with_scope(generated: None) -> None:
    expected: dict[str, tuple[str, str | None]] = {
        "bench.me_officer.national": (Role.ME_OFFICER, None),
        "bench.national_secretariat.national": (Role.NATIONAL_SECRETARIAT, None),
        "bench.case_worker.national": (Role.CASE_WORKER, None),
    }
    for short in ("VT", "SV", "CH", "SL"):
        expected[f"bench.case_worker.{short}"] = (Role.CASE_WORKER, short)
        expected[f"bench.provincial_manager.{short}"] = (Role.PROVINCIAL_MANAGER, short)
        expected[f"bench.police_officer.{short}"] = (Role.POLICE_OFFICER, short)
    for username, (role, short) in expected.items():
        user = User.objects.get(username=username)
        assignment = user.role_assignments.get()
        assert assignment.role == role
        assert (assignment.province.short_code if assignment.province else None) == short
        if role == Role.CASE_WORKER and short:
            assert Case.objects.filter(caseworker=user).exists()
        assert is_mfa_enabled(user, ["totp"]) == (role in MFA_REQUIRED_ROLES)
    manager = User.objects.get(username="bench.provincial_manager.VT")
    assert manager.check_password(BENCH_PASSWORD)


def test_refused_when_persons_exist_and_in_production(generated: None, settings) -> None:
    with pytest.raises(CommandError, match="already holds persons"):
        call_command("generate_scale", "--persons", "5", stdout=io.StringIO())
    out = io.StringIO()
    call_command("generate_scale", "--persons", "30", "--append", "--seed", "9", stdout=out)
    assert Person.objects.count() == N + 30
    assert "bench.case_worker.VT" in out.getvalue()
    assert audit_chain_problems()[0] == []
    assert len(set(Person.objects.values_list("code", flat=True))) == N + 30
    settings.ALLOW_DEMO_DATA = False
    with pytest.raises(CommandError, match="refused"):
        call_command("generate_scale", "--persons", "5", "--append", stdout=io.StringIO())


def test_person_codes_never_repeat() -> None:
    codes = {person_code(n, 20) for n in range(1, 50_001)}
    assert len(codes) == 50_000
