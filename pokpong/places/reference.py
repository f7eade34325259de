from django.utils.translation import gettext_lazy as _

from pokpong.core.reference import ReferenceList, register
from pokpong.places.models import Country, District, Village

register(
    ReferenceList(
        slug="districts",
        model=District,
        title=_("Districts"),
        fields=("code", "province", "name_lo", "name_en", "is_verified", "in_programme_area"),
        columns=("code", "name_lo", "name_en", "province", "is_verified", "in_programme_area"),
        help_text=_("The district list came from one third-party source: verify each entry."),
        lao_order_within="province__national_code",
        province_field="province",
    )
)
register(
    ReferenceList(
        slug="villages",
        model=Village,
        title=_("Villages"),
        fields=("district", "name_lo", "name_en"),
        columns=("name_lo", "name_en", "district"),
        lao_order_within="district__code",
        province_field="district__province",
        district_field="district",
    )
)
register(
    ReferenceList(
        slug="countries",
        model=Country,
        title=_("Countries"),
        fields=("alpha2", "alpha3", "name_en", "name_lo", "sort_order"),
        columns=("alpha2", "name_lo", "name_en", "sort_order"),
    )
)
