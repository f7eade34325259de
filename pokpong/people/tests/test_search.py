"""Cross-script search and the duplicate check, through the blind index only."""

from dataclasses import replace

import pytest
from django.db import connection
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.people.models import PersonToken
from pokpong.people.search import person_matches, person_search
from pokpong.people.services import PersonDetails, person_register
from pokpong.places.models import Province

pytestmark = pytest.mark.django_db


def _register(user, **names):
    return person_register(user=user, details=PersonDetails(sex="female", birth_year=1998, **names))


@pytest.fixture
def souksavanh(caseworker):
    return _register(caseworker, given_name_lo="ສຸກສະຫວັນ", family_name_lo="ພົມມະຈັນ")


@pytest.fixture
def others(caseworker):
    return [
        _register(caseworker, given_name_latin="Bounmy", family_name_latin="Sihalath"),
        _register(caseworker, given_name_latin="Vilay", family_name_latin="Inthavong"),
        _register(caseworker, given_name_lo="ນ້ອຍ", family_name_lo="ແກ້ວມະນີ"),
    ]


@pytest.mark.parametrize(
    "query",
    [
        "Souksavanh Phommachanh",
        "Suksavan Phommachan",
        "Phommachan Souksavan",
        "souksavan",
        "ສຸກສະຫວັນ",
        "ພົມມະຈັນ ສຸກສະຫວັນ",
    ],
)
def test_a_lao_script_record_is_found_by_any_spelling_in_either_script(
    caseworker, souksavanh, others, query
):
    found = [m.person for m in person_search(user=caseworker, query=query)]
    assert found[0] == souksavanh


def test_different_people_are_not_returned(caseworker, souksavanh, others):
    found = [m.person for m in person_search(user=caseworker, query="Vilay Inthavong")]
    assert souksavanh not in found
    assert found[0] == others[1]


def test_the_token_table_holds_only_numbers(caseworker, souksavanh):
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM matching_persontoken")
        values = [row[0] for row in cursor.fetchall()]
    assert values
    assert all(isinstance(v, int) for v in values)
    assert PersonToken.objects.filter(person=souksavanh).count() > 5


def test_search_stays_within_scope(souksavanh):
    org = OrganisationFactory(province=Province.objects.get(iso_code="LA-CH"))
    far = UserFactory(organisation=org, roles=[Role.CASE_WORKER])
    assert person_matches(user=far, names=["Souksavanh Phommachanh"], facts={}) == []


def test_a_merged_record_is_not_a_match(caseworker, souksavanh):
    twin = _register(caseworker, given_name_latin="Souksavan", family_name_latin="Phommachan")
    twin.merged_into = souksavanh
    twin.save(update_fields=["merged_into"])
    found = [m.person for m in person_search(user=caseworker, query="Souksavan Phommachan")]
    assert found == [souksavanh]


def test_the_registration_form_warns_of_possible_duplicates(client, caseworker, souksavanh):
    client.force_login(caseworker)
    response = client.get(
        reverse("people:duplicate_check"),
        {"given_name_latin": "Souksavan", "family_name_latin": "Phommachan"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert souksavanh.code in html
    assert reverse("people:detail", args=[souksavanh.pk]) in html


def test_the_other_province_hint_reveals_no_personal_data(client, souksavanh):
    org = OrganisationFactory(province=Province.objects.get(iso_code="LA-CH"))
    far = UserFactory(organisation=org, roles=[Role.CASE_WORKER])
    client.force_login(far)
    response = client.get(
        reverse("people:duplicate_check"),
        {"given_name_latin": "Souksavanh", "family_name_latin": "Phommachanh"},
    )
    html = response.content.decode()
    assert souksavanh.code not in html
    assert "ສຸກສະຫວັນ" not in html


def test_the_person_list_searches_by_name(client, caseworker, souksavanh, others):
    client.force_login(caseworker)
    page = client.get(reverse("people:list"), {"q": "Suksavan"}).context["page"]
    assert next(iter(page)) == souksavanh


def test_changing_a_name_updates_the_index(caseworker, souksavanh):
    from pokpong.people.services import person_update

    person_update(
        user=caseworker,
        person=souksavanh,
        details=replace(PersonDetails.of(souksavanh), given_name_lo="ບົວພັນ"),
        expected_version=souksavanh.version,
    )
    found = [m.person for m in person_search(user=caseworker, query="Bouaphanh Phommachanh")]
    assert found[0] == souksavanh


def test_among_namesakes_the_one_born_about_then_comes_first(caseworker, monkeypatch):
    """The birth-year-band tokens rank a namesake born within two years above the others,
    even when the candidate list is too short to hold them all."""
    from pokpong.people import search as selectors

    namesakes = [
        person_register(
            user=caseworker,
            details=PersonDetails(
                given_name_latin="Souksavanh",
                family_name_latin="Phommachanh",
                sex="female",
                birth_year=year,
            ),
        )
        for year in (1970, 1976, 1982, 1988, 1994, 2000, 2006)
    ]
    monkeypatch.setattr(selectors, "CANDIDATES", 2)
    matches = person_matches(
        user=caseworker, names=["Suksavan Phommachan"], facts={"birth_year": 1995}, limit=2
    )
    assert matches[0].person == namesakes[4]  # 1994: within two years of 1995


def test_rare_tokens_are_chosen_within_a_budget_of_posting_rows(monkeypatch):
    from pokpong.people import search as selectors

    monkeypatch.setattr(selectors, "ROW_BUDGET", 100)
    df = {1: 5, 2: 40, 3: 50, 4: 60, 5: 70, 6: 30_000}
    # the four rarest always; then no more once 100 rows are reached; never a common token
    assert selectors.pick_rare(df) == [1, 2, 3, 4]
    assert selectors.pick_rare({1: 1, 2: 2, 3: 3}) == [1, 2, 3]
    assert selectors.pick_rare({9: 30_000, 8: 25_000}) == [8, 9]  # all common: the rarest


@pytest.mark.django_db(transaction=True)  # the command VACUUMs on PostgreSQL: no transaction
def test_rebuilding_the_index_gives_every_person_their_tokens_again(capsys):
    from django.apps import apps
    from django.core.management import call_command

    from pokpong.matching.keys import person_tokens
    from pokpong.people.models import TokenStat
    from tests.reference_data import load_reference_data

    load_reference_data(apps)  # an earlier transactional test may have flushed the lists
    caseworker = UserFactory(roles=[Role.CASE_WORKER])
    person = _register(caseworker, given_name_lo="ສຸກສະຫວັນ", family_name_lo="ພົມມະຈັນ")
    expected = person_tokens(person)
    PersonToken.objects.all().delete()
    TokenStat.objects.all().delete()
    call_command("rebuild_name_index")
    assert set(PersonToken.objects.values_list("token", flat=True)) == expected
    assert set(TokenStat.objects.values_list("persons", flat=True)) == {1}
    assert f"{len(expected)} tokens for 1 persons" in capsys.readouterr().out


def test_the_key_migration_recomputes_every_persons_tokens(caseworker):
    """Migration 0007 (issue 19's keys): stale tokens give way to the tokens of the new keys."""
    import importlib

    from pokpong.matching.keys import person_tokens
    from pokpong.people.models import TokenStat

    migration = importlib.import_module("pokpong.people.migrations.0007_name_index_keys_v2")
    one = _register(caseworker, given_name_lo="ສຸກສະຫວັນ", family_name_lo="ພົມມະຈັນ")
    two = _register(caseworker, given_name_latin="Bounmy", family_name_latin="Sihalath")
    PersonToken.objects.filter(person=one).delete()
    PersonToken.objects.create(person=one, token=1)  # as if built by older rules
    # the models as the migration sees them (historical: names decrypted by the same fields)
    from django.db import connection as db
    from django.db.migrations.loader import MigrationLoader

    state = MigrationLoader(db).project_state(("people", "0007_name_index_keys_v2"))
    migration.rebuild(state.apps, None)
    for person in (one, two):
        stored = set(PersonToken.objects.filter(person=person).values_list("token", flat=True))
        assert stored == person_tokens(person)
    assert not PersonToken.objects.filter(token=1).exists()
    assert set(TokenStat.objects.values_list("persons", flat=True)) == {1}


def test_migration_0008_recomputes_the_tokens_of_a_consonant_repeated_after_ai(caseworker):
    """Migration 0008: ໄພພູ was keyed "pai" (the repeated ພ folded as a slip); now "paipu", the
    key of Phaiphou, and the stored tokens follow."""
    import importlib

    from django.db.migrations.loader import MigrationLoader

    from pokpong.matching.keys import _hash, person_tokens

    migration = importlib.import_module("pokpong.people.migrations.0008_name_index_keys_v3")
    person = _register(caseworker, given_name_lo="ນ້ອຍ", family_name_lo="ໄພພູ")
    PersonToken.objects.filter(person=person).delete()
    PersonToken.objects.create(person=person, token=_hash("K:pai"))  # as keyed before
    state = MigrationLoader(connection).project_state(("people", "0008_name_index_keys_v3"))
    migration.rebuild(state.apps, None)
    stored = set(PersonToken.objects.filter(person=person).values_list("token", flat=True))
    assert stored == person_tokens(person)
    assert _hash("K:paipu") in stored
    assert _hash("K:pai") not in stored


@pytest.mark.parametrize(
    "query",
    [
        "Souk Savanh Phommachanh",  # a name split into syllables
        "SouksavanhPhommachanh",  # both names typed as one word
        "ສຸກ ສະຫວັນ ພົມມະຈັນ",  # a space inside the Lao given name
        "PHOMMACHANH Souk Savanh",  # swapped, family name in capitals, split
    ],
)
def test_split_and_joined_names_find_the_person(caseworker, souksavanh, others, query):
    found = [m.person for m in person_search(user=caseworker, query=query)]
    assert found[:1] == [souksavanh]


def test_a_lao_query_finds_a_person_registered_in_latin_without_birth_year(caseworker, others):
    person = person_register(
        user=caseworker,
        details=PersonDetails(sex="male", given_name_latin="Bounmy", family_name_latin="Sihalath"),
    )
    matches = person_matches(
        user=caseworker, names=["ບຸນມີ ສີຫາລາດ"], facts={"birth_year": None, "sex": "male"}
    )
    assert [m.person for m in matches][:1] == [person]
