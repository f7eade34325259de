"""Factories of the livelihood records: a survivor's case of the Savannakhet office."""

import datetime as dt

import factory

from pokpong.cases.tests.factories import CaseFactory
from pokpong.core.tests.model_factory import ModelFactory
from pokpong.livelihoods.models import (
    BusinessCheck,
    BusinessStatus,
    BusinessSupport,
    BusinessType,
    ContractType,
    Creditor,
    EducationLevel,
    Employer,
    FinanceKind,
    FinancialInclusion,
    JobPlacement,
    LivelihoodAssessment,
    RetentionCheck,
    Sector,
    SupportKind,
    TrainingStatus,
    VocationalTraining,
)
from pokpong.places.models import Province


class LivelihoodAssessmentFactory(ModelFactory[LivelihoodAssessment]):
    class Meta:
        model = LivelihoodAssessment

    case = factory.SubFactory(CaseFactory)
    assessed_on = dt.date(2026, 5, 4)
    education_level = EducationLevel.PRIMARY
    skills = "ຫຍິບເຄື່ອງ / Sewing"
    interests = "ຢາກເປີດຮ້ານຕັດຫຍິບ / Would like a tailoring shop"
    debt_lak = 3_000_000
    creditor = Creditor.BROKER
    baseline_income_lak = 500_000
    assessed_by = factory.LazyAttribute(lambda o: o.case.opened_by)


class VocationalTrainingFactory(ModelFactory[VocationalTraining]):
    class Meta:
        model = VocationalTraining

    case = factory.SubFactory(CaseFactory)
    provider = factory.LazyAttribute(lambda o: o.case.organisation)
    trade = "ຕັດຫຍິບ / Tailoring"
    started_on = dt.date(2026, 5, 11)
    status = TrainingStatus.ENROLLED
    recorded_by = factory.LazyAttribute(lambda o: o.case.opened_by)


class EmployerFactory(ModelFactory[Employer]):
    class Meta:
        model = Employer

    name = factory.Sequence(lambda n: f"ໂຮງງານຕັດຫຍິບ ສະຫວັນ {n}")
    sector = Sector.FACTORY
    province = factory.LazyFunction(lambda: Province.objects.get(iso_code="LA-SV"))
    contact_person = "ທ່ານ ນາງ ພອນ ແກ້ວມະນີ"
    phone = "020 5555 1234"
    has_agreement = True
    agreement_on = dt.date(2026, 1, 15)


class JobPlacementFactory(ModelFactory[JobPlacement]):
    """A placement only (no retention checks: `job_placement_record` schedules them)."""

    class Meta:
        model = JobPlacement

    case = factory.SubFactory(CaseFactory)
    employer = factory.SubFactory(EmployerFactory)
    position = "ຊ່າງຫຍິບ / Sewing operator"
    started_on = dt.date(2026, 6, 1)
    wage_lak = 1_800_000
    contract_type = ContractType.FIXED_TERM
    has_social_security = True
    recorded_by = factory.LazyAttribute(lambda o: o.case.opened_by)


class RetentionCheckFactory(ModelFactory[RetentionCheck]):
    class Meta:
        model = RetentionCheck

    placement = factory.SubFactory(JobPlacementFactory)
    month = 3
    due_on = dt.date(2026, 9, 1)


class BusinessSupportFactory(ModelFactory[BusinessSupport]):
    class Meta:
        model = BusinessSupport

    case = factory.SubFactory(CaseFactory)
    business_type = BusinessType.FOOD
    kind = SupportKind.IN_KIND
    amount_lak = 4_000_000
    what = "ຕູ້ເຢັນ ແລະ ເຕົາແກັສ / A fridge and a gas stove"
    given_on = dt.date(2026, 7, 1)
    recorded_by = factory.LazyAttribute(lambda o: o.case.opened_by)


class BusinessCheckFactory(ModelFactory[BusinessCheck]):
    class Meta:
        model = BusinessCheck

    business = factory.SubFactory(BusinessSupportFactory)
    checked_on = dt.date(2026, 10, 1)
    status = BusinessStatus.RUNNING
    monthly_income_lak = 1_200_000
    checked_by = factory.LazyAttribute(lambda o: o.business.recorded_by)


class FinancialInclusionFactory(ModelFactory[FinancialInclusion]):
    class Meta:
        model = FinancialInclusion

    case = factory.SubFactory(CaseFactory)
    kind = FinanceKind.SAVINGS_GROUP
    institution = "ກຸ່ມເງິນຝາກປະຢັດ ບ້ານນາໂພ / Ban Napho savings group"
    joined_on = dt.date(2026, 8, 1)
    recorded_by = factory.LazyAttribute(lambda o: o.case.opened_by)
