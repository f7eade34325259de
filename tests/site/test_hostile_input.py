"""Hostile values get a form error, never a server error (the whole site is fuzzed in
test_crawl.py; these are the known cases, quick to run and to read)."""

import importlib
import inspect

import pytest
from django import forms
from django.apps import apps
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.core import forms as core_forms
from pokpong.places.models import Province

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"


@pytest.mark.parametrize("value", [HUGE, f"-{HUGE}", "abc", "\x00", "1.5", "໑໒໓໔໕໖໗໘໙໐໑໒໓໔໕໖໗໘໙໐"])
def test_a_choice_of_records_refuses_an_impossible_id_with_a_form_error(value):
    single = core_forms.ModelChoiceField(queryset=Province.objects.all())
    several = core_forms.ModelMultipleChoiceField(queryset=Province.objects.all())
    with pytest.raises(forms.ValidationError):
        single.clean(value)
    with pytest.raises(forms.ValidationError):
        several.clean([value])


def test_a_choice_of_records_still_takes_an_id_in_lao_digits():
    province = Province.objects.order_by("pk").first()
    lao = str(province.pk).translate(str.maketrans("0123456789", "໐໑໒໓໔໕໖໗໘໙"))
    assert (
        core_forms.ModelMultipleChoiceField(queryset=Province.objects.all())
        .clean([str(province.pk)])
        .get()
        == province
    )
    assert core_forms.ModelChoiceField(queryset=Province.objects.all()).clean(lao) == province


def _project_forms() -> list[type[forms.Form | forms.ModelForm]]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("pokpong."):
            continue
        for module_name in ("forms", "forms_case", "forms_audit"):
            try:
                module = importlib.import_module(f"{config.name}.{module_name}")
            except ModuleNotFoundError:
                continue
            found += [
                cls
                for _name, cls in inspect.getmembers(module, inspect.isclass)
                if issubclass(cls, forms.Form | forms.ModelForm)
                and cls.__module__ == module.__name__
            ]
    return found


def test_every_choice_of_records_in_the_project_refuses_impossible_ids():
    plain = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in _project_forms()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.ModelChoiceField)
        and not isinstance(field, core_forms.ModelChoiceField | core_forms.ModelMultipleChoiceField)
    ]
    assert len(_project_forms()) > 20
    assert not plain, "use pokpong.core.forms.ModelChoiceField / ModelForm: " + ", ".join(plain)


@pytest.mark.parametrize("year", ["abc", HUGE, "-1", "\x00", "2026-13-45"])
def test_the_duplicate_check_ignores_a_birth_year_that_is_not_one(client, caseworker, year):
    client.force_login(caseworker)
    response = client.get(
        reverse("people:duplicate_check"), {"given_name_latin": "Noy", "birth_year": year}
    )
    assert response.status_code == 200


def test_the_service_directory_refuses_a_province_id_beyond_the_database_range(client):
    staff = UserFactory(roles=[Role.SERVICE_PROVIDER])
    from pokpong.referrals.models import ServiceType

    client.force_login(staff)
    response = client.post(
        reverse("referrals:offer_create"),
        {
            "service_type": ServiceType.objects.get(code="shelter").pk,
            "provinces": [HUGE, "abc"],
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["provinces"]


@pytest.mark.parametrize("query", ["\x00", "ລາວ" * 1000, '=HYPERLINK("http://x")'])
def test_a_hostile_search_lists_nothing_instead_of_failing(client, caseworker, query):
    client.force_login(caseworker)
    assert client.get(reverse("people:list"), {"q": query}).status_code == 200


def test_the_user_search_ignores_a_nul_character_instead_of_sending_it_to_the_database(
    client, administrator
):
    client.force_login(administrator)
    response = client.get(reverse("accounts:user_list"), {"q": "ad\x00min"})
    assert response.status_code == 200
    assert response.context["query"] == ""
