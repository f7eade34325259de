"""What a case file set is made of, read in bulk: a fixed number of queries, however many
persons (the rows are then built in memory, `rows.py`)."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import Prefetch, QuerySet

from pokpong.accounts.models import Organisation
from pokpong.cases.models import (
    Case,
    CaseNote,
    CasePlan,
    CaseTransfer,
    Identification,
    NoteVisibility,
    PlanAction,
    PlanStatus,
    Screening,
    TransferStatus,
)
from pokpong.cases.services import persons_consenting_to_share
from pokpong.justice.models import WitnessSupport
from pokpong.livelihoods.models import (
    BusinessSupport,
    JobPlacement,
    LivelihoodAssessment,
    VocationalTraining,
)
from pokpong.people.models import Person
from pokpong.prevention.models import CallReferral, CallReferralStatus
from pokpong.referrals.models import Referral, ReferralStatus, ServiceDelivery


@dataclass(frozen=True)
class HtcdsScope:
    """What the requester may export (the access policy's querysets); the consent rule is the
    export's own and is applied on top, for the recipient."""

    persons: QuerySet[Person]
    cases: QuerySet[Case]
    witness_support: QuerySet[WitnessSupport]


@dataclass
class Facts:
    persons: list[Person]
    cases: list[Case]
    identifications: dict[int, Identification] = field(default_factory=dict)  # latest
    screenings: dict[int, Screening] = field(default_factory=dict)  # latest, by person
    identification_forms: dict[int, list[str]] = field(default_factory=dict)  # person → codes
    education: dict[int, str] = field(default_factory=dict)  # person → latest level
    referrals: list[Referral] = field(default_factory=list)
    transfers: list[CaseTransfer] = field(default_factory=list)
    call_referrals: list[CallReferral] = field(default_factory=list)
    plans: list[CasePlan] = field(default_factory=list)
    services: list[ServiceDelivery] = field(default_factory=list)
    trainings: list[VocationalTraining] = field(default_factory=list)
    placements: list[JobPlacement] = field(default_factory=list)
    businesses: list[BusinessSupport] = field(default_factory=list)
    witness_support: list[WitnessSupport] = field(default_factory=list)
    notes: list[CaseNote] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    cases_by_person: dict[int, list[Case]] = field(default_factory=lambda: defaultdict(list))


_R = TypeVar("_R", Identification, Screening)
Ids = QuerySet[Any, Any]  # a subquery of primary keys


def _latest_by_person(records: QuerySet[_R]) -> dict[int, _R]:
    """Records ordered oldest first: the last one of each person wins."""
    return {r.person_id: r for r in records}


def facts_read(*, scope: HtcdsScope, recipient: Organisation) -> Facts:
    """Everything the file set shows, for the persons in scope whose consent names `recipient`."""
    consenting = persons_consenting_to_share(scope.persons, organisation=recipient)
    persons = list(
        consenting.select_related("nationality", "origin_province", "origin_district")
        .prefetch_related("documents")
        .order_by("code")
    )
    in_set = consenting.values("pk")
    cases_qs = scope.cases.filter(person__in=in_set)
    case_ids = cases_qs.values("pk")
    facts = Facts(
        persons=persons,
        cases=list(
            cases_qs.select_related(
                "person",
                "caseworker",
                "organisation",
                "country_of_exploitation",
                "province_of_exploitation",
            )
            .prefetch_related("forms_of_trafficking")
            .order_by("number")
        ),
    )
    for case in facts.cases:
        facts.cases_by_person[case.person_id].append(case)
    _read_person_facts(facts, in_set, case_ids)
    _read_case_facts(facts, case_ids, scope)
    facts.organisations = _organisations(facts, recipient)
    return facts


def _read_person_facts(facts: Facts, in_set: Ids, case_ids: Ids) -> None:
    identifications = Identification.objects.filter(person__in=in_set).order_by("decided_on", "pk")
    facts.identifications = _latest_by_person(
        identifications.prefetch_related("forms_of_trafficking")
    )
    facts.identification_forms = {
        person_id: [f.code for f in ident.forms_of_trafficking.all()]
        for person_id, ident in facts.identifications.items()
    }
    facts.screenings = _latest_by_person(
        Screening.objects.filter(person__in=in_set)
        .select_related("organisation__type")
        .order_by("screened_on", "pk")
    )
    levels = (
        LivelihoodAssessment.objects.filter(case__in=case_ids)
        .exclude(education_level="")
        .order_by("assessed_on", "pk")
        .values_list("case__person_id", "education_level")
    )
    facts.education = dict(levels)


def _read_case_facts(facts: Facts, case_ids: Ids, scope: HtcdsScope) -> None:
    gone = (ReferralStatus.DECLINED, ReferralStatus.CANCELLED)
    facts.referrals = list(
        Referral.objects.filter(case__in=case_ids)
        .exclude(status__in=gone)
        .select_related("case", "to_organisation", "service_type")
        .order_by("created_at", "pk")
    )
    facts.transfers = list(
        CaseTransfer.objects.filter(case__in=case_ids, status=TransferStatus.ACCEPTED)
        .select_related("case", "from_organisation", "from_province")
        .order_by("answered_at", "pk")
    )
    facts.call_referrals = list(
        CallReferral.objects.filter(case__in=case_ids, status=CallReferralStatus.ACCEPTED)
        .select_related("case", "call__organisation")
        .order_by("responded_at", "pk")
    )
    actions = PlanAction.objects.select_related("need").order_by("due_on", "pk")
    facts.plans = list(
        CasePlan.objects.filter(case__in=case_ids, status=PlanStatus.APPROVED)
        .select_related("case")
        .prefetch_related(Prefetch("actions", queryset=actions))
        .order_by("case__number")
    )
    facts.services = list(
        ServiceDelivery.objects.filter(case__in=case_ids)
        .select_related("case", "service_type", "provider")
        .order_by("started_on", "pk")
    )
    facts.trainings = list(
        VocationalTraining.objects.filter(case__in=case_ids)
        .select_related("case", "provider")
        .order_by("started_on", "pk")
    )
    facts.placements = list(
        JobPlacement.objects.filter(case__in=case_ids)
        .select_related("case", "employer")
        .order_by("started_on", "pk")
    )
    facts.businesses = list(
        BusinessSupport.objects.filter(case__in=case_ids)
        .select_related("case")
        .order_by("given_on", "pk")
    )
    facts.witness_support = list(
        scope.witness_support.filter(file__case__in=case_ids, has_legal_aid=True)
        .select_related("file__case", "legal_aid_by")
        .order_by("legal_aid_from", "pk")
    )
    facts.notes = list(  # what the author shared beyond their office; confidential ones stay
        CaseNote.objects.filter(case__in=case_ids, visibility=NoteVisibility.REFERRAL_PARTNERS)
        .select_related("case")
        .order_by("created_at", "pk")
    )


def _organisations(facts: Facts, recipient: Organisation) -> list[Organisation]:
    """The organisations the files name (by org_Name), the recipient first."""
    ids = {recipient.pk}
    ids |= {c.organisation_id for c in facts.cases}
    ids |= {r.to_organisation_id for r in facts.referrals}
    ids |= {t.from_organisation_id for t in facts.transfers}
    ids |= {r.call.organisation_id for r in facts.call_referrals}
    ids |= {s.provider_id for s in facts.services}
    ids |= {t.provider_id for t in facts.trainings}
    ids |= {w.legal_aid_by_id for w in facts.witness_support if w.legal_aid_by_id}
    found = Organisation.objects.filter(pk__in=ids).select_related("type", "province", "district")
    return sorted(found, key=lambda o: (o.pk != recipient.pk, o.name_en, o.pk))
