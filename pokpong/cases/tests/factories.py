import factory

from pokpong.cases.models import Case
from pokpong.core.tests.model_factory import ModelFactory


class CaseFactory(ModelFactory[Case]):
    """A case of `person`, held by the person's office (pass person=...)."""

    class Meta:
        model = Case

    number = factory.Sequence(lambda n: f"SV-2026-{n + 1:05d}")
    province = factory.LazyAttribute(lambda o: o.person.province)
    organisation = factory.LazyAttribute(lambda o: o.person.organisation)
    opened_by = factory.LazyAttribute(lambda o: o.person.registered_by)
    caseworker = factory.LazyAttribute(lambda o: o.person.registered_by)
    came_to_light = "returnee_screening"
