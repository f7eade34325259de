"""Reads of API tokens, scoped to the user by the access policy (the same 404 otherwise)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from pokpong.accounts.models import User
from pokpong.accounts.policy import api_tokens_manageable_by
from pokpong.api.models import ApiToken, TokenKind


def token_list_for_user(*, user: User) -> QuerySet[ApiToken]:
    tokens = ApiToken.objects.select_related("organisation", "user", "created_by")
    return api_tokens_manageable_by(user, tokens)


def personal_tokens_for_user(*, user: User) -> QuerySet[ApiToken]:
    return token_list_for_user(user=user).filter(kind=TokenKind.PERSONAL)


def integration_tokens_for_user(*, user: User) -> QuerySet[ApiToken]:
    return token_list_for_user(user=user).filter(kind=TokenKind.INTEGRATION)


def token_get_for_user(*, user: User, pk: int) -> ApiToken:
    return get_object_or_404(token_list_for_user(user=user), pk=pk)
