import factory

from pokpong.accounts.models import Organisation, OrganisationType, Role, User
from pokpong.accounts.services import role_assign
from pokpong.core.tests.model_factory import ModelFactory
from pokpong.places.models import Province


class OrganisationFactory(ModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name_lo = factory.Sequence(lambda n: f"ຫ້ອງການທົດສອບ {n}")
    name_en = factory.Sequence(lambda n: f"Test office {n}")
    type = factory.LazyFunction(lambda: OrganisationType.objects.get(code="social_welfare"))
    province = factory.LazyFunction(lambda: Province.objects.get(iso_code="LA-SV"))


def _assign_roles(user: User, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
    """`roles=[Role.CASE_WORKER]`: each assigned over the organisation's province."""
    for role in extracted or []:
        province = user.organisation.province if user.organisation else None
        national = role in {Role.ADMINISTRATOR, Role.NATIONAL_SECRETARIAT, Role.ME_OFFICER}
        role_assign(user=user, role=role, province=None if national else province)


class UserFactory(ModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Bounmy"
    last_name = "Phommachanh"
    display_name_lo = "ບຸນມີ ພົມມະຈັນ"
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.django.Password("correct horse battery staple")

    roles = factory.PostGeneration(_assign_roles)


TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def with_totp(user: User, secret: str = TEST_TOTP_SECRET) -> User:
    """Give the user an authenticator app, as managers and administrators must have."""
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, secret)
    return user


def totp_code(secret: str = TEST_TOTP_SECRET) -> str:
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    code: str = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    return code  # allauth is untyped
