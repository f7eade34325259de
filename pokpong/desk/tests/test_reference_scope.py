"""Reference lists by scope: national lists for national administrators only; a provincial
administrator edits the districts and villages of their own province, nothing else."""

import pytest
from django.urls import reverse

from pokpong.accounts.models import Role
from pokpong.accounts.services import role_assign
from pokpong.accounts.tests.factories import OrganisationFactory, UserFactory, with_totp
from pokpong.places.models import Country, District, Province, Village

pytestmark = pytest.mark.django_db
NATIONAL_LISTS = [
    "countries",
    "forms-of-trafficking",
    "service-types",
    "organisation-types",
    "ethnic-groups",
]


@pytest.fixture
def sv_admin():
    province = Province.objects.get(iso_code="LA-SV")
    admin = UserFactory(username="admin.sv", organisation=OrganisationFactory(province=province))
    role_assign(user=admin, role=Role.ADMINISTRATOR, province=province)
    return with_totp(admin)


def _district(iso: str) -> District:
    return District.objects.filter(province__iso_code=iso).order_by("code").first()


@pytest.mark.parametrize("slug", NATIONAL_LISTS)
def test_a_provincial_administrator_cannot_open_or_change_a_national_list(client, sv_admin, slug):
    client.force_login(sv_admin)
    assert client.get(reverse("desk:reference_list", args=[slug])).status_code == 404
    assert client.get(reverse("desk:reference_create", args=[slug])).status_code == 404
    if slug == "countries":
        country = Country.objects.get(alpha2="TH")
        url = reverse("desk:reference_toggle", args=[slug, country.pk])
        assert client.post(url).status_code == 404
        country.refresh_from_db()
        assert country.is_active


def test_the_index_offers_a_provincial_administrator_only_the_lists_of_places(client, sv_admin):
    client.force_login(sv_admin)
    html = client.get(reverse("desk:reference_index")).content.decode()
    assert reverse("desk:reference_list", args=["districts"]) in html
    assert reverse("desk:reference_list", args=["villages"]) in html
    for slug in NATIONAL_LISTS:
        assert reverse("desk:reference_list", args=[slug]) not in html


def test_a_provincial_administrator_sees_and_edits_only_the_districts_of_their_province(
    client, sv_admin
):
    own, other = _district("LA-SV"), _district("LA-CH")
    client.force_login(sv_admin)
    page = client.get(reverse("desk:reference_list", args=["districts"]))
    shown = set(page.context["page"].object_list)
    assert own in shown
    assert other not in shown
    url = reverse("desk:reference_edit", args=["districts", other.pk])
    assert client.get(url).status_code == 404
    toggle = reverse("desk:reference_toggle", args=["districts", other.pk])
    assert client.post(toggle).status_code == 404
    other.refresh_from_db()
    assert other.is_active
    assert client.get(reverse("desk:reference_edit", args=["districts", own.pk])).status_code == 200


def test_a_provincial_administrator_cannot_move_or_add_a_place_into_another_province(
    client, sv_admin
):
    champasak = Province.objects.get(iso_code="LA-CH")
    own = _district("LA-SV")
    client.force_login(sv_admin)
    data = {
        "code": own.code,
        "province": champasak.pk,
        "name_lo": own.name_lo,
        "name_en": own.name_en,
    }
    response = client.post(reverse("desk:reference_edit", args=["districts", own.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    own.refresh_from_db()
    assert own.province.iso_code == "LA-SV"
    village = {"district": _district("LA-CH").pk, "name_lo": "ບ້ານທົດລອງ", "name_en": "Thodlong"}
    client.post(reverse("desk:reference_create", args=["villages"]), village)
    assert not Village.objects.filter(name_en="Thodlong").exists()
    village["district"] = own.pk
    client.post(reverse("desk:reference_create", args=["villages"]), village)
    assert Village.objects.filter(name_en="Thodlong", district=own).exists()


def test_a_national_administrator_edits_every_list(client, administrator):
    client.force_login(administrator)
    for slug in [*NATIONAL_LISTS, "districts", "villages"]:
        assert client.get(reverse("desk:reference_list", args=[slug])).status_code == 200


def test_a_provincial_administrator_is_offered_only_the_places_of_their_province(client, sv_admin):
    client.force_login(sv_admin)
    form = client.get(reverse("desk:reference_create", args=["villages"])).context["form"]
    provinces = {d.province.iso_code for d in form.fields["district"].queryset}
    assert provinces == {"LA-SV"}
    form = client.get(reverse("desk:reference_create", args=["districts"])).context["form"]
    assert [p.iso_code for p in form.fields["province"].queryset] == ["LA-SV"]
