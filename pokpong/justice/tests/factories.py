import datetime as dt

import factory
from django.utils import timezone

from pokpong.cases.tests.factories import CaseFactory
from pokpong.core.tests.model_factory import ModelFactory
from pokpong.justice.models import (
    Charge,
    Hearing,
    HearingKind,
    InvestigationStatus,
    JusticeFile,
    LawArticle,
    Suspect,
    SuspectRole,
    Verdict,
    VerdictOutcome,
    WitnessSupport,
)


def law_article(code: str = "ath-2015-art-2") -> LawArticle:
    return LawArticle.objects.get(code=code)


class JusticeFileFactory(ModelFactory[JusticeFile]):
    """The justice file of a case of the case's own office, opened by the case's opener."""

    class Meta:
        model = JusticeFile

    case = factory.SubFactory(CaseFactory)
    created_by = factory.LazyAttribute(lambda o: o.case.opened_by)
    complaint_filed_on = dt.date(2026, 10, 1)
    complaint_place = "ກອງບັນຊາການຕຳຫຼວດແຂວງສະຫວັນນະເຂດ"
    investigation_status = InvestigationStatus.INVESTIGATING
    investigation_opened_on = dt.date(2026, 10, 5)


class SuspectFactory(ModelFactory[Suspect]):
    class Meta:
        model = Suspect

    file = factory.SubFactory(JusticeFileFactory)
    name = "ທ້າວ ສົມພອນ ແກ້ວມະນີ (Somphone Keomany)"
    role = SuspectRole.RECRUITER
    is_arrested = True


class ChargeFactory(ModelFactory[Charge]):
    class Meta:
        model = Charge

    file = factory.SubFactory(JusticeFileFactory)
    article = factory.LazyFunction(law_article)
    charged_on = dt.date(2026, 10, 20)


class HearingFactory(ModelFactory[Hearing]):
    class Meta:
        model = Hearing

    file = factory.SubFactory(JusticeFileFactory)
    court = "ສານປະຊາຊົນແຂວງສະຫວັນນະເຂດ"
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=3))
    kind = HearingKind.TRIAL


class VerdictFactory(ModelFactory[Verdict]):
    class Meta:
        model = Verdict

    file = factory.SubFactory(JusticeFileFactory)
    decided_on = dt.date(2026, 11, 10)
    court = "ສານປະຊາຊົນແຂວງສະຫວັນນະເຂດ"
    outcome = VerdictOutcome.CONVICTED
    prison_years = 5


class WitnessSupportFactory(ModelFactory[WitnessSupport]):
    class Meta:
        model = WitnessSupport

    file = factory.SubFactory(JusticeFileFactory)
    has_legal_aid = True
    legal_aid_from = dt.date(2026, 10, 10)
