"""A person with a whole case file (every part the HTCDS export reads), for the export's tests."""

import datetime as dt
import io
import zipfile
from csv import DictReader

from django.utils import timezone

from pokpong.accounts.models import Organisation, OrganisationType, User
from pokpong.accounts.tests.factories import OrganisationFactory
from pokpong.cases.models import (
    Case,
    FormOfTrafficking,
    IdentificationDecision,
    NeedDomain,
    NoteVisibility,
    PlanStatus,
    ScreeningOutcome,
)
from pokpong.cases.tests.factories import (
    CaseFactory,
    CaseNoteFactory,
    CasePlanFactory,
    CaseTransferFactory,
    ConsentFactory,
    IdentificationFactory,
    NeedFactory,
    PlanActionFactory,
    ScreeningFactory,
)
from pokpong.exchange.htcds.builder import htcds_case_file_set, htcds_scope_for, htcds_zip
from pokpong.justice.tests.factories import JusticeFileFactory, WitnessSupportFactory
from pokpong.livelihoods.models import EducationLevel
from pokpong.livelihoods.tests.factories import (
    BusinessSupportFactory,
    JobPlacementFactory,
    LivelihoodAssessmentFactory,
    VocationalTrainingFactory,
)
from pokpong.people.models import Person
from pokpong.people.tests.factories import IdentityDocumentFactory, PersonFactory
from pokpong.places.tests.factories import country, district, province
from pokpong.referrals.tests.factories import ReferralFactory, ServiceDeliveryFactory

Tables = dict[str, list[dict[str, str]]]


def partner_organisation() -> Organisation:
    return OrganisationFactory(
        name_lo="ອົງການສາກົນເພື່ອການເຄື່ອນຍ້າຍ",
        name_en="Partner for Migration (fictitious)",
        type=OrganisationType.objects.get(code="international"),
        province=None,
    )


def forms(*codes: str) -> list[FormOfTrafficking]:
    return list(FormOfTrafficking.objects.filter(code__in=codes))


def whole_case(*, office: User, partner: Organisation, **person_fields: object) -> Case:
    """A person of `office` with every part of a case, consenting to share with `partner`."""
    person = PersonFactory(
        registered_by=office,
        title="nang",
        birth_date="2001-03-04",
        birth_date_precision="exact",
        languages=["lo", "kjg", "th"],
        nationality=country("LA"),
        origin_province=province(),
        origin_district=district(),
        origin_village="ບ້ານໜອງບົວ",
        phone="020 5555 1234",
        **person_fields,
    )
    IdentityDocumentFactory(person=person, type="passport", number="P1234567")
    IdentityDocumentFactory(person=person, type="id_card", number="ID-0042")
    case = CaseFactory(
        person=person,
        country_of_exploitation=country("TH"),
        exploitation_began_on=dt.date(2024, 1, 10),
        exploitation_ended_on=dt.date(2024, 6, 1),
        recruiter_relationship="friend",
        means_of_control=["DebtBondage", "WithholdsDocuments"],
    )
    case.forms_of_trafficking.set(forms("forced_labour_fishing", "forced_criminality"))
    ScreeningFactory(person=person, outcome=ScreeningOutcome.POSSIBLE_VICTIM)
    identification = IdentificationFactory(person=person, decision=IdentificationDecision.VICTIM)
    identification.forms_of_trafficking.set(forms("sexual_exploitation"))
    referral = ReferralFactory(case=case, accepted=True, consent=False, grants=False)
    ConsentFactory(person=person, share_with=[partner, referral.to_organisation])
    CaseTransferFactory(case=case, status="accepted", answered_at=timezone.now())
    plan = CasePlanFactory(case=case, status=PlanStatus.APPROVED)
    need = NeedFactory(case=case, domain=NeedDomain.PSYCHOSOCIAL, description="Counselling")
    PlanActionFactory(plan=plan, need=need, description="Weekly counselling")
    PlanActionFactory(plan=plan, need=None, description="Visit the family")
    ServiceDeliveryFactory(case=case)
    LivelihoodAssessmentFactory(case=case, education_level=EducationLevel.LOWER_SECONDARY)
    VocationalTrainingFactory(case=case)
    JobPlacementFactory(case=case, employer__name="Secret Garment Factory")
    BusinessSupportFactory(case=case)
    WitnessSupportFactory(file=JusticeFileFactory(case=case), legal_aid_by=partner)
    CaseNoteFactory(case=case, visibility=NoteVisibility.REFERRAL_PARTNERS, text="Shared note")
    CaseNoteFactory(case=case, text="Confidential note")
    return case


def export(user: User, recipient: Organisation) -> Tables:
    """The file set `user` would get for `recipient`, read back from its zip as tables."""
    file_set = htcds_case_file_set(scope=htcds_scope_for(user=user), recipient=recipient)
    return read_zip(htcds_zip(file_set))


def read_zip(data: bytes) -> Tables:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: list(DictReader(io.StringIO(archive.read(name).decode("utf-8"))))
            for name in archive.namelist()
            if name.endswith(".csv")
        }


def persons_in(tables: Tables) -> set[str]:
    return {row["key_Person"] for row in tables["person.csv"]}


def codes(*persons: Person) -> set[str]:
    return {p.code for p in persons}
