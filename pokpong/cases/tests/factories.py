import factory

from pokpong.cases.models import Case


class CaseFactory(factory.django.DjangoModelFactory):
    """A case of `person`, held by the person's office (pass person=...)."""

    class Meta:
        model = Case

    number = factory.Sequence(lambda n: f"SV-2026-{n + 1:05d}")
    province = factory.LazyAttribute(lambda o: o.person.province)
    organisation = factory.LazyAttribute(lambda o: o.person.organisation)
    opened_by = factory.LazyAttribute(lambda o: o.person.registered_by)
    caseworker = factory.LazyAttribute(lambda o: o.person.registered_by)
    came_to_light = "returnee_screening"
