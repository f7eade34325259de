"""The base of the project's test factories: `UserFactory(...)` is typed as the User it creates.

factory_boy types `create()` and `build()` by the model (`DjangoModelFactory[User]`), but calling
the factory class itself goes through its metaclass, which the type checker does not follow.
"""

from typing import TYPE_CHECKING, Any, TypeVar

import factory
from django.db import models

_M = TypeVar("_M", bound=models.Model)


class ModelFactory(factory.django.DjangoModelFactory[_M]):
    class Meta:
        abstract = True

    if TYPE_CHECKING:
        # What the metaclass's __call__ returns (the default strategy: create).
        def __new__(cls, *args: Any, **kwargs: Any) -> _M: ...  # type: ignore[misc]
