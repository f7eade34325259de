"""The framework every resource stands on: tokens, errors, language, rate limits, schema."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from pokpong.accounts.models import Role
from pokpong.accounts.tests.factories import UserFactory
from pokpong.api.models import ApiToken, TokenAccess
from pokpong.api.services import api_token_revoke, token_hash
from pokpong.api.tests.factories import bearer, personal_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker():
    return UserFactory(username="noy", roles=[Role.CASE_WORKER])


def test_the_secret_is_kept_only_as_its_hash(worker):
    new = personal_token(worker)
    stored = ApiToken.objects.get(pk=new.token.pk)
    assert new.secret.startswith(f"pkp_{stored.prefix}_")
    assert stored.secret_hash == token_hash(new.secret)
    assert new.secret not in str(ApiToken.objects.filter(pk=stored.pk).values().get())


def test_a_token_reads_the_api_as_its_user_and_is_marked_used(client, worker):
    new = personal_token(worker)
    response = client.get(reverse("api:provinces_list"), **bearer(new))
    assert response.status_code == 200
    assert len(response.json()["results"]) == 18
    assert ApiToken.objects.get(pk=new.token.pk).last_used_at is not None


def test_without_credentials_the_api_answers_401_in_the_one_shape(client):
    response = client.get(reverse("api:provinces_list"))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("secret", ["pkp_nope_x", "garbage", "pkp__", "pkp_abc"])
def test_an_unknown_token_is_refused(client, worker, secret):
    personal_token(worker)
    response = client.get(reverse("api:provinces_list"), HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_a_wrong_secret_with_a_real_prefix_is_refused(client, worker):
    new = personal_token(worker)
    forged = new.secret[:-4] + ("AAAA" if not new.secret.endswith("AAAA") else "BBBB")
    response = client.get(reverse("api:provinces_list"), HTTP_AUTHORIZATION=f"Bearer {forged}")
    assert response.status_code == 401


def test_a_revoked_token_is_refused(client, worker):
    new = personal_token(worker)
    api_token_revoke(user=worker, token=new.token)
    assert client.get(reverse("api:provinces_list"), **bearer(new)).status_code == 401


def test_an_expired_token_is_refused(client, worker):
    new = personal_token(worker)
    ApiToken.objects.filter(pk=new.token.pk).update(
        expires_on=timezone.localdate() - dt.timedelta(days=1)
    )
    assert client.get(reverse("api:provinces_list"), **bearer(new)).status_code == 401


def test_a_token_of_a_deactivated_user_is_refused(client, worker):
    new = personal_token(worker)
    worker.is_active = False
    worker.save()
    assert client.get(reverse("api:provinces_list"), **bearer(new)).status_code == 401


def test_errors_are_in_lao_by_default_and_in_english_when_asked(client):
    lao = client.get(reverse("api:provinces_list"))
    english = client.get(reverse("api:provinces_list"), HTTP_ACCEPT_LANGUAGE="en")
    with translation.override("lo"):
        from django.utils.translation import gettext

        assert lao.json()["error"]["message"] == gettext("Sign in or send a token.")
    assert english.json()["error"]["message"] == "Sign in or send a token."
    assert lao["Content-Language"] == "lo"
    assert english["Content-Language"] == "en"


def test_a_token_gets_429_past_its_rate(client, worker):
    new = personal_token(worker)
    ApiToken.objects.filter(pk=new.token.pk).update(rate_per_minute=3)
    statuses = [client.get(reverse("api:choices"), **bearer(new)).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    last = client.get(reverse("api:choices"), **bearer(new))
    assert last.json()["error"]["code"] == "throttled"
    assert int(last["Retry-After"]) >= 1


def test_the_rate_is_counted_per_token(client, worker):
    first, second = personal_token(worker), personal_token(worker, name="phone")
    ApiToken.objects.filter(pk__in=[first.token.pk, second.token.pk]).update(rate_per_minute=1)
    assert client.get(reverse("api:choices"), **bearer(first)).status_code == 200
    assert client.get(reverse("api:choices"), **bearer(first)).status_code == 429
    assert client.get(reverse("api:choices"), **bearer(second)).status_code == 200


def test_the_default_rate_comes_from_the_settings(client, worker, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"api": "2/min"})
    new = personal_token(worker)
    codes = [client.get(reverse("api:choices"), **bearer(new)).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_a_read_only_token_cannot_write(client, worker):
    new = personal_token(worker, access=TokenAccess.READ)
    response = client.post(
        reverse("api:provinces_list"), {}, content_type="application/json", **bearer(new)
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "read_only_token"


def test_choices_are_labelled_in_the_callers_language(client, worker):
    new = personal_token(worker)
    english = client.get(reverse("api:choices"), HTTP_ACCEPT_LANGUAGE="en", **bearer(new)).json()
    assert {"value": "female", "label": "Female"} in english["sex"]
    lao = client.get(reverse("api:choices"), **bearer(new)).json()
    with translation.override("lo"):
        from pokpong.people.models import Sex

        assert {"value": "female", "label": str(Sex.FEMALE.label)} in lao["sex"]


def test_the_schema_is_served_to_a_token(client, worker):
    response = client.get(reverse("api:schema") + "?format=json", **bearer(personal_token(worker)))
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/provinces/" in schema["paths"]
    assert "Error" in schema["components"]["schemas"]


def test_the_documentation_page_is_for_signed_in_users_and_inlines_nothing(client, worker):
    assert client.get(reverse("api:docs")).status_code == 302
    client.force_login(worker)
    page = client.get(reverse("api:docs"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<style" not in html
    assert "<script>" not in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    script = client.get(reverse("api:docs") + "?script=")
    assert script["Content-Type"].startswith("application/javascript")


def test_an_unknown_path_under_the_api_answers_the_apis_404(client, worker):
    response = client.get("/api/persons/-1/", **bearer(personal_token(worker)))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
