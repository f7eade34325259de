"""Arrival groups on a phone: their list, quick add without duplicates, no sex chosen for you."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext, ngettext, override

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory
from pokpong.people.models import Person
from pokpong.people.tests.factories import ArrivalGroupFactory, PersonFactory
from pokpong.places.models import Province

pytestmark = pytest.mark.django_db
NOY = {"given_name_lo": "ນ້ອຍ", "family_name_lo": "ແກ້ວມະນີ", "sex": "female", "birth_year": "1999"}


def _lo(text: str) -> str:
    with override("lo"):
        return gettext(text)


def _add(client, group, **extra):
    return client.post(reverse("people:group_detail", args=[group.pk]), {**NOY, **extra})


def test_a_quick_add_leads_back_to_an_empty_form(client, caseworker):
    group = ArrivalGroupFactory(created_by=caseworker)
    client.force_login(caseworker)
    response = _add(client, group, phone="020 5555 1234")
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert 'value="ນ້ອຍ"' not in page
    assert "020 5555 1234" not in page
    assert '<option value="" selected>' in page  # no sex chosen beforehand


def test_a_second_tap_with_the_same_person_is_refused_until_confirmed(client, caseworker):
    group = ArrivalGroupFactory(created_by=caseworker)
    client.force_login(caseworker)
    _add(client, group)
    again = _add(client, group)
    assert again.status_code == 200
    assert group.persons.count() == 1
    page = again.content.decode()
    repeat = Person.objects.get()
    errors = page[page.index('class="form-errors"') :]
    assert repeat.code in errors[: errors.index("</div>")]  # "… was already added to this group"
    assert 'name="add_anyway"' in page
    assert _add(client, group, add_anyway="on").status_code == 302
    assert group.persons.count() == 2


def test_quick_add_warns_of_a_possible_existing_record_like_the_full_form(client, caseworker):
    client.force_login(caseworker)
    client.post(reverse("people:register"), NOY)  # registered earlier, one by one
    group = ArrivalGroupFactory(created_by=caseworker)
    response = _add(client, group)
    assert response.status_code == 200
    assert escape(_lo("Possible existing records")) in response.content.decode()
    assert not group.persons.exists()


def test_quick_add_without_a_sex_asks_for_it(client, caseworker):
    group = ArrivalGroupFactory(created_by=caseworker)
    client.force_login(caseworker)
    response = _add(client, group, sex="")
    assert escape(_lo("Choose the person's sex.")) in response.content.decode()
    assert not group.persons.exists()


def test_full_registration_without_a_sex_asks_for_it(client, caseworker):
    client.force_login(caseworker)
    response = client.post(reverse("people:register"), {"given_name_lo": "ນ້ອຍ"})
    assert escape(_lo("Choose the person's sex.")) in response.content.decode()
    assert '<option value="" selected>' in response.content.decode()
    assert not Person.objects.exists()


def test_the_group_list_shows_the_users_groups_newest_first_with_counts(client, caseworker):
    import datetime as dt

    old = ArrivalGroupFactory(created_by=caseworker, arrived_on=dt.date(2026, 10, 1))
    new = ArrivalGroupFactory(created_by=caseworker, arrived_on=dt.date(2026, 11, 2))
    PersonFactory.create_batch(2, registered_by=caseworker, arrival_group=new)
    org = OrganisationFactory(province=Province.objects.get(iso_code="LA-CH"))
    other = UserFactory(organisation=org, roles=[Role.CASE_WORKER])
    hidden = ArrivalGroupFactory(created_by=other, border_point="Vangtao")
    client.force_login(caseworker)
    page = client.get(reverse("people:group_list")).content.decode()
    new_at = page.index(reverse("people:group_detail", args=[new.pk]))
    assert new_at < page.index(reverse("people:group_detail", args=[old.pk]))
    with override("lo"):
        count = ngettext("%(count)s person registered", "%(count)s persons registered", 2)
    assert f"{count % {'count': 2}} / 12" in page
    assert reverse("people:group_detail", args=[hidden.pk]) not in page
    assert reverse("people:group_list") in client.get(reverse("people:list")).content.decode()


def test_the_edit_forms_duplicate_check_leaves_out_the_person_being_changed(client, caseworker):
    client.force_login(caseworker)
    client.post(reverse("people:register"), NOY)
    client.post(reverse("people:register"), {**NOY, "add_anyway": "on"})  # a namesake
    person, namesake = Person.objects.order_by("pk")
    edit = client.get(reverse("people:edit", args=[person.pk])).content.decode()
    assert f"?editing={person.pk}" in edit
    check = {**NOY, "editing": person.pk}
    html = client.get(reverse("people:duplicate_check"), check).content.decode()
    assert person.code not in html
    assert namesake.code in html
