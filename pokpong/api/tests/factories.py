import datetime as dt

import factory
from django.utils import timezone

from pokpong.accounts.tests.factories import UserFactory
from pokpong.api.models import ApiToken, TokenAccess, TokenKind
from pokpong.api.services import NewToken, api_token_create_personal
from pokpong.core.tests.model_factory import ModelFactory


class ApiTokenFactory(ModelFactory[ApiToken]):
    """A personal token row (its secret unknown: use `personal_token` to call the API)."""

    class Meta:
        model = ApiToken

    name = factory.Sequence(lambda n: f"tablet {n}")
    kind = TokenKind.PERSONAL
    user = factory.SubFactory(UserFactory)
    organisation = factory.LazyAttribute(lambda o: o.user.organisation)
    created_by = factory.LazyAttribute(lambda o: o.user)
    access = TokenAccess.READ
    prefix = factory.Sequence(lambda n: f"test{n:04d}")
    secret_hash = "0" * 64
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))


def personal_token(user, *, access: str = TokenAccess.READ_WRITE, name: str = "tablet") -> NewToken:
    return api_token_create_personal(
        user=user,
        name=name,
        access=access,
        expires_on=timezone.localdate() + dt.timedelta(days=30),
    )


def bearer(new: NewToken) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {new.secret}"}
