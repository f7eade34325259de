import datetime as dt

import factory

from pokpong.accounts.models import Organisation
from pokpong.accounts.tests.factories import OrganisationFactory
from pokpong.cases import attachments
from pokpong.cases.models import (
    Attachment,
    Case,
    CaseNote,
    CasePlan,
    CaseTransfer,
    Consent,
    ConsentGiver,
    ConsentMethod,
    CtdcExploitFlag,
    FormOfTrafficking,
    Identification,
    IdentificationBasis,
    IdentificationDecision,
    Need,
    NeedDomain,
    NoteVisibility,
    PlanAction,
    Screening,
    ScreeningOutcome,
)
from pokpong.cases.screening import Answer, FormVersion
from pokpong.core.tests.model_factory import ModelFactory
from pokpong.people.tests.factories import PersonFactory
from pokpong.places.models import Province

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 32


class FormOfTraffickingFactory(ModelFactory[FormOfTrafficking]):
    """A new entry of the forms of trafficking list (the seeded ones are there already)."""

    class Meta:
        model = FormOfTrafficking

    code = factory.Sequence(lambda n: f"test-form-{n}")
    name_lo = factory.Sequence(lambda n: f"ການບັງຄັບອອກແຮງງານ {n}")
    name_en = factory.Sequence(lambda n: f"Forced labour (test {n})")
    ctdc_flag = CtdcExploitFlag.FORCED_LABOUR


class ScreeningFactory(ModelFactory[Screening]):
    """A short-form screening by the office that holds the person."""

    class Meta:
        model = Screening

    person = factory.SubFactory(PersonFactory)
    form_version = FormVersion.SHORT
    screened_on = dt.date(2026, 11, 2)
    location = "Savannakhet transit centre"
    answers = factory.LazyFunction(lambda: {"crossed_border": Answer.YES})
    outcome = ScreeningOutcome.NOT_INDICATED
    is_child = False
    screened_by = factory.LazyAttribute(lambda o: o.person.registered_by)
    organisation = factory.LazyAttribute(lambda o: o.person.organisation)


class IdentificationFactory(ModelFactory[Identification]):
    class Meta:
        model = Identification

    person = factory.SubFactory(PersonFactory)
    decision = IdentificationDecision.VICTIM
    decided_on = dt.date(2026, 11, 3)
    police_unit = "Savannakhet anti-trafficking unit"
    reference = factory.Sequence(lambda n: f"ATU-{n + 1:04d}/2026")
    basis = IdentificationBasis.WRITTEN_WORD
    recorded_by = factory.LazyAttribute(lambda o: o.person.registered_by)
    organisation = factory.LazyAttribute(lambda o: o.person.organisation)


def _share_with(
    consent: Consent, create: bool, extracted: list[Organisation] | None, **kwargs: object
) -> None:
    if create and extracted:
        consent.share_with.set(extracted)


class ConsentFactory(ModelFactory[Consent]):
    """The person's own signed consent to services and statistics, recorded by their office.

    `share_with=[organisation, ...]` names the organisations the case may be shared with.
    """

    class Meta:
        model = Consent
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    for_services = True
    for_statistics = True
    for_photo = False
    given_by = ConsentGiver.SELF
    given_on = dt.date(2026, 11, 2)
    method = ConsentMethod.SIGNED_FORM
    recorded_by = factory.LazyAttribute(lambda o: o.person.registered_by)
    organisation = factory.LazyAttribute(lambda o: o.person.organisation)

    share_with = factory.PostGeneration(_share_with)


class CaseFactory(ModelFactory[Case]):
    """A case of `person`, held by the person's office, numbered in the person's province."""

    class Meta:
        model = Case

    person = factory.SubFactory(PersonFactory)
    number = factory.LazyAttributeSequence(lambda o, n: f"{o.province.short_code}-2026-{n + 1:05d}")
    province = factory.LazyAttribute(lambda o: o.person.province)
    organisation = factory.LazyAttribute(lambda o: o.person.organisation)
    opened_by = factory.LazyAttribute(lambda o: o.person.registered_by)
    caseworker = factory.LazyAttribute(lambda o: o.person.registered_by)
    came_to_light = "returnee_screening"


class NeedFactory(ModelFactory[Need]):
    class Meta:
        model = Need

    case = factory.SubFactory(CaseFactory)
    domain = NeedDomain.HEALTH
    description = "ກວດສຸຂະພາບ / Health check"
    assessed_by = factory.LazyAttribute(lambda o: o.case.opened_by)


class CasePlanFactory(ModelFactory[CasePlan]):
    class Meta:
        model = CasePlan

    case = factory.SubFactory(CaseFactory)
    goals = "ກັບຄືນຫາຄອບຄົວຢ່າງປອດໄພ / Safe return to the family"


class PlanActionFactory(ModelFactory[PlanAction]):
    """An action of the case's plan, carried out by the case's office."""

    class Meta:
        model = PlanAction

    plan = factory.SubFactory(CasePlanFactory)
    description = "ຊອກຫາຄອບຄົວ / Family tracing"
    responsible_organisation = factory.LazyAttribute(lambda o: o.plan.case.organisation)
    due_on = dt.date(2026, 12, 1)


class CaseNoteFactory(ModelFactory[CaseNote]):
    """A confidential note of the case's office (visibility: its own organisation)."""

    class Meta:
        model = CaseNote

    case = factory.SubFactory(CaseFactory)
    author = factory.LazyAttribute(lambda o: o.case.opened_by)
    organisation = factory.LazyAttribute(lambda o: o.author.organisation)
    visibility = NoteVisibility.OWN_ORGANISATION
    text = "ໂທຫາແມ່ແລ້ວ / Called the mother"


class AttachmentFactory(ModelFactory[Attachment]):
    """A photo of the case, its bytes stored encrypted under MEDIA_ROOT (pass data=... for
    other bytes: a PDF, a JPEG)."""

    class Meta:
        model = Attachment

    class Params:
        data = PNG
        stored = factory.LazyAttribute(lambda o: attachments.store(o.data))

    case = factory.SubFactory(CaseFactory)
    title = "ຮູບຖ່າຍ / Photo"
    filename = "photo.png"
    content_type = factory.LazyAttribute(lambda o: o.stored.content_type)
    size = factory.LazyAttribute(lambda o: o.stored.size)
    sha256 = factory.LazyAttribute(lambda o: o.stored.sha256)
    storage_name = factory.LazyAttribute(lambda o: o.stored.storage_name)
    uploaded_by = factory.LazyAttribute(lambda o: o.case.opened_by)
    organisation = factory.LazyAttribute(lambda o: o.case.organisation)


def _province(iso_code: str) -> Province:
    return Province.objects.get(iso_code=iso_code)


class CaseTransferFactory(ModelFactory[CaseTransfer]):
    """A waiting request to move the case to another province's office (Luang Prabang's)."""

    class Meta:
        model = CaseTransfer

    case = factory.SubFactory(CaseFactory)
    from_organisation = factory.LazyAttribute(lambda o: o.case.organisation)
    from_province = factory.LazyAttribute(lambda o: o.case.province)
    to_organisation = factory.SubFactory(
        OrganisationFactory,
        province=factory.LazyFunction(lambda: Province.objects.get(iso_code="LA-LP")),
    )
    reason = "ກັບບ້ານ / Moves home"
    requested_by = factory.LazyAttribute(lambda o: o.case.opened_by)
