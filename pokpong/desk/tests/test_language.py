"""Lao first, English second: per user, remembered, and Django's own messages in Lao."""

import datetime as dt

import pytest
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation

from pokpong.core.forms import LaoCharField, LaoDateField, LaoIntegerField

pytestmark = pytest.mark.django_db


def test_the_login_page_is_in_lao_by_default_whatever_the_browser_asks(client):
    response = client.get(reverse("account_login"), headers={"accept-language": "en-US,en"})
    html = response.content.decode()
    assert '<html lang="lo">' in html
    assert "ເຂົ້າສູ່ລະບົບ" in html  # "Sign in"
    assert response.headers["Content-Language"] == "lo"


def test_an_anonymous_visitor_can_switch_to_english_and_it_is_remembered(client):
    response = client.post(
        reverse("desk:set_language"), {"language": "en", "next": reverse("account_login")}
    )
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get(reverse("account_login")).content.decode()
    assert '<html lang="en">' in html
    assert "Sign in" in html


def test_a_users_choice_is_saved_on_the_user_and_follows_them_to_a_new_device(client, caseworker):
    client.force_login(caseworker)
    client.post(reverse("desk:set_language"), {"language": "en", "next": "/"})
    caseworker.refresh_from_db()
    assert caseworker.preferred_language == "en"

    other_device = type(client)()
    other_device.force_login(caseworker)
    assert '<html lang="en">' in other_device.get(reverse("desk:home")).content.decode()


def test_an_unknown_language_is_ignored(client, caseworker):
    client.force_login(caseworker)
    client.post(reverse("desk:set_language"), {"language": "fr", "next": "/"})
    caseworker.refresh_from_db()
    assert caseworker.preferred_language == "lo"


def test_the_language_switch_never_redirects_to_another_site(client):
    response = client.post(
        reverse("desk:set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response.url == "/"


def test_dates_read_in_lao_with_lao_month_names():
    with translation.override("lo"):
        assert formats.date_format(dt.date(2026, 11, 25)) == "25 ພະຈິກ 2026"
        assert formats.date_format(dt.date(2026, 1, 5), "SHORT_DATE_FORMAT") == "05/01/2026"
    with translation.override("en"):
        assert formats.date_format(dt.date(2026, 11, 25)) == "25 November 2026"


def test_lao_digits_and_day_first_dates_are_accepted_on_input():
    class Form(forms.Form):
        born_on = LaoDateField()
        children = LaoIntegerField()
        phone = LaoCharField()

    with translation.override("lo"):
        form = Form({"born_on": "໒໕/໑໑/໒໐໐໓", "children": "໓", "phone": "໐໒໐ ໕໕໕໕ ໑໒໓໔"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "born_on": dt.date(2003, 11, 25),
        "children": 3,
        "phone": "020 5555 1234",
    }


def test_dates_use_the_native_picker_with_an_iso_value_and_still_accept_typed_dates():
    class Form(forms.Form):
        held_on = LaoDateField()

    with translation.override("lo"):
        html = str(Form(initial={"held_on": dt.date(2026, 11, 5)})["held_on"])
        assert 'type="date"' in html and 'value="2026-11-05"' in html
        for typed in ("2026-11-05", "05/11/2026", "໐໕/໑໑/໒໐໒໖", "໒໐໒໖-໑໑-໐໕"):
            form = Form({"held_on": typed})
            assert form.is_valid(), (typed, form.errors)
            assert form.cleaned_data["held_on"] == dt.date(2026, 11, 5)


def test_a_model_forms_dates_use_the_native_picker():
    from pokpong.core.forms import ModelForm
    from pokpong.training.models import TrainingSession

    class SessionDates(ModelForm[TrainingSession]):
        class Meta:
            model = TrainingSession
            fields = ("starts_on",)

    assert isinstance(SessionDates().fields["starts_on"], LaoDateField)
    assert 'type="date"' in str(SessionDates()["starts_on"])


def test_djangos_own_validation_messages_are_in_lao():
    class Form(forms.Form):
        name = forms.CharField()
        born_on = forms.DateField()

    with translation.override("lo"):
        form = Form({"born_on": "not a date"})
        assert not form.is_valid()
        required = str(form.errors["name"][0])
        invalid_date = str(form.errors["born_on"][0])
    assert required != "This field is required."
    assert any("\u0e80" <= ch <= "\u0eff" for ch in required)
    assert invalid_date != "Enter a valid date."


def test_a_rejected_login_says_why_in_lao_and_keeps_the_username(client, caseworker):
    response = client.post(
        reverse("account_login"), {"login": "caseworker", "password": "wrong password here"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="caseworker"' in html
    assert "not correct" not in html
    assert "ບໍ່ຖືກຕ້ອງ" in html
    assert 'role="alert"' in html
