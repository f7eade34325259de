"""The computations bound to the records: one `Rule` per way of counting, registered by key.

An indicator of the catalogue names its rule in `Indicator.rule` (codes are data): the rules never
know indicator codes. Every number is a GROUP BY in the database (`.values(k).annotate(n=...)`),
the same on SQLite and PostgreSQL; no record is loaded into Python. What each rule counts, and
why, is written down in `docs/monitoring.md`.

Common ground of all rules:
- voided records never count (the default managers of `Voidable` models leave them out, and the
  rules filter `voided_at` where they reach a voidable model through a relation);
- a person merged into another counts once, as the kept person: persons are counted by
  `Coalesce(person.merged_into, person)`, and person-based rules read the kept persons only;
- the scope: one province (`Scope.province_id`), and the programme area (`Scope.area`): a record is
  in the target area when its province, or its district, is flagged `in_programme_area`.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    Count,
    DateField,
    DateTimeField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from pokpong.cases.selectors import statistics_cases, victim_identifications
from pokpong.justice.selectors import Measure, measure_source, statistics_witness_support
from pokpong.monitoring.models import VictimFirstDecision
from pokpong.monitoring.periods import Period
from pokpong.monitoring.results import Scope
from pokpong.people.selectors import statistics_persons
from pokpong.prevention.selectors import (
    statistics_awareness_activities,
    statistics_call_referrals,
)
from pokpong.programme.selectors import committees_with_meetings
from pokpong.referrals.selectors import (
    statistics_follow_ups,
    statistics_referrals,
    statistics_services,
)
from pokpong.training.selectors import statistics_enrolments, statistics_participants

UNKNOWN = "unknown"
CHILD_AGE = 18
HOTLINE = "hotline"  # support-type row of the hotline's potential-case referrals

# A breakdown as the rules return it: (category key or None for unknown, value) pairs.
Pairs = list[tuple[str | None, int]]


class ScopeError(ValueError):
    """A scope the engine cannot cut by."""


class RuleUnavailable(LookupError):
    """The records a rule reads are not there (an app not installed yet): the value is unknown."""


def scope_q(scope: Scope, province: str, district: str | None = None) -> Q:
    """The filter that keeps a model's records in `scope`, given the paths to its province and
    district (`person__province`, `case__district`, …)."""
    q = Q()
    if scope.province_id is not None:
        q &= Q(**{f"{province}_id": scope.province_id})
    if scope.area == "target":
        target = Q(**{f"{province}__in_programme_area": True})
        if district:
            target |= Q(**{f"{district}__in_programme_area": True})
        q &= target
    elif scope.area == "rest":
        q &= Q(**{f"{province}__isnull": True}) | Q(**{f"{province}__in_programme_area": False})
        if district:
            q &= Q(**{f"{district}__isnull": True}) | Q(**{f"{district}__in_programme_area": False})
    elif scope.area != "all":
        raise ScopeError(scope.area)
    return q


def day_bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    """The period as [start, end) aware datetimes in the site's time zone (for timestamps)."""
    zone = timezone.get_default_timezone()
    start = dt.datetime.combine(period.start, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return start, end


def in_period(path: str, period: Period) -> Q:
    return Q(**{f"{path}__gte": period.start, f"{path}__lte": period.end})


def stamped_in_period(path: str, period: Period) -> Q:
    start, end = day_bounds(period)
    return Q(**{f"{path}__gte": start, f"{path}__lt": end})


def person_key(path: str) -> Coalesce:
    """The person a record counts for: the kept person when its person was merged."""
    return Coalesce(F(f"{path}__merged_into"), F(path), output_field=BigIntegerField())


def pairs(qs: QuerySet[Any], key: Any, measure: Any) -> Pairs:
    """One GROUP BY: `key` (a path or an expression) → `measure`."""
    key_expr = F(key) if isinstance(key, str) else key
    rows = qs.values(k=key_expr).annotate(n=measure).values_list("k", "n").order_by()
    merged: dict[str | None, int] = {}
    for k, n in rows:
        label = None if k in (None, "") else str(k)
        merged[label] = merged.get(label, 0) + int(n or 0)
    return list(merged.items())


def person_pairs(records: QuerySet[Any], key: str, persons: QuerySet[Any]) -> Pairs:
    """A non-additive breakdown of persons by a value of their records (`records` annotated with
    `pid`): each value counts its distinct persons; "unknown" counts the persons none of whose
    records has a value."""
    known = records.exclude(**{f"{key}__isnull": True}).exclude(**{key: ""})
    found: Pairs = [
        (k, n) for k, n in pairs(known, key, Count("pid", distinct=True)) if k is not None
    ]
    with_value = known.aggregate(n=Count("pid", distinct=True))["n"] or 0
    found.append((None, persons.count() - with_value))
    return found


def add_pairs(*parts: Pairs) -> Pairs:
    merged: dict[str | None, int] = {}
    for part in parts:
        for k, n in part:
            merged[k] = merged.get(k, 0) + n
    return list(merged.items())


def age_expr(day: Combinable, birth_year: str = "birth_year") -> Combinable:
    """Age in whole years at `day`, from the year of birth (dates of birth are encrypted and the
    year is what most people know): the year of the day less the year of birth."""
    return ExtractYear(day) - F(birth_year)


AGE_BANDS = [
    ("0--8", 0, 8),
    ("9--17", 9, 17),
    ("18--20", 18, 20),
    ("21--23", 21, 23),
    ("24--26", 24, 26),
    ("27--29", 27, 29),
    ("30--38", 30, 38),
    ("39--47", 39, 47),
    ("48+", 48, 200),
]


def age_group_case(age: str = "age") -> Case:
    return Case(
        When(**{f"{age}__isnull": True}, then=Value(UNKNOWN)),
        When(**{f"{age}__lt": 0}, then=Value(UNKNOWN)),
        When(**{f"{age}__lt": CHILD_AGE}, then=Value("child")),
        default=Value("adult"),
        output_field=CharField(),
    )


def age_band_case(age: str = "age") -> Case:
    whens = [When(**{f"{age}__isnull": True}, then=Value(UNKNOWN))]
    whens.append(When(**{f"{age}__lt": 0}, then=Value(UNKNOWN)))
    for key, low, high in AGE_BANDS:
        whens.append(When(**{f"{age}__gte": low, f"{age}__lte": high}, then=Value(key)))
    return Case(*whens, default=Value(UNKNOWN), output_field=CharField())


def age_key(age: int | None, dim: str) -> str:
    """The group (`age_group`) or CTDC band (`age_band`) of an age, as `age_group_case` and
    `age_band_case` say in SQL."""
    if age is None or age < 0:
        return UNKNOWN
    if dim == "age_group":
        return "child" if age < CHILD_AGE else "adult"
    return next((key for key, low, high in AGE_BANDS if low <= age <= high), UNKNOWN)


def bucket_ages(found: Pairs, dim: str) -> Pairs:
    """Rows by age (as `pairs` returns them: the age as text, None unknown) into their group
    or band."""
    merged: dict[str | None, int] = {}
    for age, n in found:
        key = age_key(None if age is None else int(float(age)), dim)
        merged[key] = merged.get(key, 0) + n
    return list(merged.items())


@dataclass
class Counted:
    """What a rule found for one period and scope, before labels."""

    total: int
    breakdowns: dict[str, tuple[Pairs, bool]] = field(default_factory=dict)  # dim → rows, additive
    denominator: int | None = None


class Rule:
    """A way of counting. Subclasses say which source models they read (`sources`, as
    `app_label.ModelName`: a change to one of them invalidates the cached results) and which
    disaggregations they support."""

    key: str = ""
    sources: tuple[str, ...] = ()
    dimensions: tuple[str, ...] = ()
    has_denominator = False

    def total(self, period: Period, scope: Scope) -> int:
        raise NotImplementedError

    def breakdown(self, period: Period, scope: Scope, dim: str) -> tuple[Pairs, bool]:
        raise NotImplementedError

    def denominator(self, period: Period, scope: Scope) -> int | None:
        return None

    def count(self, period: Period, scope: Scope, dims: list[str]) -> Counted:
        result = Counted(total=self.total(period, scope))
        for dim in dims:
            result.breakdowns[dim] = self.breakdown(period, scope, dim)
        if self.has_denominator:
            result.denominator = self.denominator(period, scope)
        return result


RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    RULES[rule.key] = rule
    return rule


# --- persons ------------------------------------------------------------------------------------

PERSON_SOURCES = ("people.Person",)
PERSON_DIMS = ("sex", "age_group", "age_band", "province", "district", "origin_country")
PERSON_PATHS = {
    "sex": "sex",
    "province": "province__iso_code",
    "district": "district__code",
    "origin_country": "nationality__alpha2",
}


class PersonRule(Rule):
    """Counts persons (kept persons, each once) that some records of the period designate.

    Person dimensions (sex, age, province and district where the person is registered, country
    of nationality) split the persons themselves: additive. Other dimensions are read from the
    records and are additive only where a person has one value."""

    def persons(self, period: Period) -> QuerySet[Any]:
        raise NotImplementedError

    def event_on(self, period: Period) -> Combinable:
        """The day a person's age is taken at (default: the period's last day)."""
        return Value(period.end, output_field=DateField())

    def scoped(self, period: Period, scope: Scope) -> QuerySet[Any]:
        return self.persons(period).filter(scope_q(scope, "province", "district"))

    def total(self, period: Period, scope: Scope) -> int:
        return self.scoped(period, scope).count()

    def breakdown(self, period: Period, scope: Scope, dim: str) -> tuple[Pairs, bool]:
        qs = self.scoped(period, scope)
        if dim in ("age_group", "age_band"):
            # GROUP BY the age itself (a hundred rows at most), then the ages into their group
            # or band here: a CASE over the age would evaluate the day's subquery once per
            # branch and person.
            qs = qs.annotate(event_on=self.event_on(period)).annotate(age=age_expr(F("event_on")))
            return bucket_ages(pairs(qs, "age", Count("pk")), dim), True
        if dim in PERSON_PATHS:
            return pairs(qs, PERSON_PATHS[dim], Count("pk")), True
        return self.record_breakdown(period, scope, dim, qs)

    def record_breakdown(
        self, period: Period, scope: Scope, dim: str, persons: QuerySet[Any]
    ) -> tuple[Pairs, bool]:
        raise NotImplementedError(dim)


def _first_on(qs: QuerySet[Any], path: str, date_field: str, *, stamp: bool = False) -> Subquery:
    """The earliest `date_field` of `qs`'s records of the outer (kept) person: an age's day.

    The outer person is kept (not merged), so its records are those of the person itself and
    of the persons merged into it — `Coalesce(merged_into, person) = outer` written as a list
    of person ids found through the primary key and the `merged_into` index, so each person's
    first record is an index lookup rather than a pass over every record of the period."""
    own = statistics_persons().model.objects.filter(
        Q(pk=OuterRef(OuterRef("pk"))) | Q(merged_into=OuterRef(OuterRef("pk")))
    )
    return Subquery(
        qs.filter(**{f"{path}__in": own.values("pk")})
        .order_by(F(date_field).asc(nulls_last=True))
        .values(date_field)[:1],
        output_field=DateTimeField() if stamp else DateField(),
    )


class VictimsIdentified(PersonRule):
    """Persons formally identified as victims by the police with the decision in the period,
    new victims only: a person counts in the period of their first `victim` decision."""

    key = "victims_identified"
    sources = (
        *PERSON_SOURCES,
        "cases.Identification",
        "cases.Identification_forms_of_trafficking",
        "cases.Case",  # the country of exploitation
        "accounts.Organisation",  # the type of stakeholder who identified
    )
    dimensions = (
        *PERSON_DIMS,
        "stakeholder_type",
        "form",
        "exploitation_country",
    )

    @staticmethod
    def identifications() -> QuerySet[Any]:
        return victim_identifications()

    def new_victim_keys(self, period: Period) -> QuerySet[Any]:
        """The kept persons whose first victim decision falls in the period: a range of the
        maintained table (`monitoring.aggregates`), equal to a GROUP BY person of every victim
        identification with its earliest date in the period."""
        keys: QuerySet[Any] = VictimFirstDecision.objects.filter(
            first_on__gte=period.start, first_on__lte=period.end
        ).values("person_id")
        return keys

    def persons(self, period: Period) -> QuerySet[Any]:
        return statistics_persons().filter(pk__in=self.new_victim_keys(period))

    def event_on(self, period: Period) -> Combinable:
        return Subquery(
            VictimFirstDecision.objects.filter(person=OuterRef("pk")).values("first_on")[:1],
            output_field=DateField(),
        )

    def record_breakdown(
        self, period: Period, scope: Scope, dim: str, persons: QuerySet[Any]
    ) -> tuple[Pairs, bool]:
        if dim == "exploitation_country":
            cases = statistics_cases().annotate(pid=person_key("person"))
            cases = cases.filter(pid__in=persons.values("pk"))
            return person_pairs(cases, "country_of_exploitation__alpha2", persons), False
        records = (
            self.identifications()
            .filter(in_period("decided_on", period))
            .annotate(pid=person_key("person"))
            .filter(pid__in=persons.values("pk"))
        )
        path = {
            "stakeholder_type": "organisation__type__code",
            "form": "forms_of_trafficking__code",
        }
        return person_pairs(records, path[dim], persons), False


register(VictimsIdentified())


class VictimsReferred(PersonRule):
    """Persons with a referral made in the period: a case referral (not cancelled) or a hotline
    potential-case referral, each person once."""

    key = "victims_referred"
    sources = (
        *PERSON_SOURCES,
        "referrals.Referral",
        "prevention.CallReferral",
        "prevention.HotlineCall",
        "cases.Case",
        "cases.Case_forms_of_trafficking",
        "accounts.Organisation",
    )
    dimensions = (*PERSON_DIMS, "form", "support_type")

    @staticmethod
    def referrals(period: Period) -> QuerySet[Any]:
        return (
            statistics_referrals()
            .filter(stamped_in_period("created_at", period))
            .exclude(status="cancelled")
        )

    @staticmethod
    def call_referrals(period: Period) -> QuerySet[Any]:
        return statistics_call_referrals().filter(
            stamped_in_period("created_at", period), call__person__isnull=False
        )

    def persons(self, period: Period) -> QuerySet[Any]:
        by_case = self.referrals(period).annotate(pid=person_key("case__person")).values("pid")
        by_call = self.call_referrals(period).annotate(pid=person_key("call__person")).values("pid")
        # One list of ids (UNION), not two IN lists joined by OR: the persons are then found
        # through the primary key instead of a pass over every person. (No ORDER BY inside a
        # UNION: SQLite refuses it, and the order means nothing there.)
        ids = by_case.order_by().union(by_call.order_by())
        return statistics_persons().filter(pk__in=ids)

    def event_on(self, period: Period) -> Combinable:
        """The first referral of the period: a case referral, else the hotline's."""
        return Coalesce(
            _first_on(self.referrals(period), "case__person", "created_at", stamp=True),
            _first_on(self.call_referrals(period), "call__person", "created_at", stamp=True),
            output_field=DateTimeField(),
        )

    def record_breakdown(
        self, period: Period, scope: Scope, dim: str, persons: QuerySet[Any]
    ) -> tuple[Pairs, bool]:
        if dim == "form":
            cases = statistics_cases().annotate(pid=person_key("person"))
            cases = cases.filter(pid__in=persons.values("pk"))
            return person_pairs(cases, "forms_of_trafficking__code", persons), False
        by_case = self.referrals(period).annotate(pid=person_key("case__person"))
        by_case = by_case.filter(pid__in=persons.values("pk"))
        by_call = self.call_referrals(period).annotate(pid=person_key("call__person"))
        by_call = by_call.filter(pid__in=persons.values("pk"))
        hotline = by_call.aggregate(n=Count("pid", distinct=True))["n"] or 0
        rows = pairs(by_case, "service_type__code", Count("pid", distinct=True))
        if hotline:
            rows.append((HOTLINE, hotline))
        return rows, False


register(VictimsReferred())


class VictimsReceivingServices(PersonRule):
    """Identified victims (a `victim` decision on or before the period's last day) with a service
    based on needs (not one-off support) under way during the period: started on or before its
    last day and not ended before its first. Denominator: all identified victims so far."""

    key = "victims_receiving_services"
    sources = (
        *PERSON_SOURCES,
        "cases.Identification",
        "referrals.ServiceDelivery",
        "referrals.ServiceType",
        "cases.Case",
    )
    dimensions = (*PERSON_DIMS, "support_type")
    has_denominator = True

    @staticmethod
    def identified(period: Period) -> QuerySet[Any]:
        """Kept persons with a victim decision on or before the period's last day (their first
        one is: the maintained table)."""
        return VictimFirstDecision.objects.filter(first_on__lte=period.end).values("person_id")

    @staticmethod
    def services(period: Period) -> QuerySet[Any]:
        return (
            statistics_services()
            .filter(service_type__is_one_off=False, started_on__lte=period.end)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=period.start))
        )

    def persons(self, period: Period) -> QuerySet[Any]:
        served = self.services(period).annotate(pid=person_key("case__person")).values("pid")
        return statistics_persons().filter(pk__in=served).filter(pk__in=self.identified(period))

    def denominator(self, period: Period, scope: Scope) -> int | None:
        return (
            statistics_persons()
            .filter(pk__in=self.identified(period))
            .filter(scope_q(scope, "province", "district"))
            .count()
        )

    def record_breakdown(
        self, period: Period, scope: Scope, dim: str, persons: QuerySet[Any]
    ) -> tuple[Pairs, bool]:
        records = self.services(period).annotate(pid=person_key("case__person"))
        records = records.filter(pid__in=persons.values("pk"))
        return person_pairs(records, "service_type__code", persons), False


register(VictimsReceivingServices())


class SurvivorsFollowedUp(PersonRule):
    """Persons whose case had a follow-up visit done in the period (each person once)."""

    key = "survivors_followed_up"
    sources = (*PERSON_SOURCES, "referrals.FollowUpVisit", "cases.Case")
    dimensions = PERSON_DIMS

    @staticmethod
    def visits() -> QuerySet[Any]:
        return statistics_follow_ups()

    def persons(self, period: Period) -> QuerySet[Any]:
        visits = self.visits().filter(in_period("done_on", period))
        return statistics_persons().filter(
            pk__in=visits.annotate(pid=person_key("case__person")).values("pid")
        )

    def event_on(self, period: Period) -> Combinable:
        return _first_on(
            self.visits().filter(in_period("done_on", period)), "case__person", "done_on"
        )


register(SurvivorsFollowedUp())


# --- officials trained --------------------------------------------------------------------------


class OfficialsTrained(Rule):
    """Participants who attended (hours attended above zero; at least `min_hours` when set) a
    training session that began in the period and carries `flag`; each participant once."""

    sources = (
        "training.TrainingSession",
        "training.Enrolment",
        "training.Participant",
        "accounts.Organisation",
    )
    dimensions = ("sex", "province", "org_type")

    def __init__(self, key: str, flag: str, min_hours: int = 0) -> None:
        self.key = key
        self.flag = flag
        self.min_hours = min_hours

    def participants(self, period: Period, scope: Scope) -> QuerySet[Any]:
        enrolments = statistics_enrolments().filter(
            in_period("session__starts_on", period), **{f"session__{self.flag}": True}
        )
        if self.min_hours:
            enrolments = enrolments.filter(hours_attended__gte=self.min_hours)
        else:
            enrolments = enrolments.filter(hours_attended__gt=0)
        return statistics_participants().filter(
            scope_q(scope, "province"), pk__in=enrolments.values("participant")
        )

    def total(self, period: Period, scope: Scope) -> int:
        return self.participants(period, scope).count()

    def breakdown(self, period: Period, scope: Scope, dim: str) -> tuple[Pairs, bool]:
        path = {
            "sex": "sex",
            "province": "province__iso_code",
            "org_type": "organisation__type__code",
        }
        return pairs(self.participants(period, scope), path[dim], Count("pk")), True


register(OfficialsTrained("officials_trained_first_responders", "first_responders"))
register(OfficialsTrained("officials_trained_prevention", "prevention_actors"))
register(OfficialsTrained("persons_trained_gender", "gender_content", min_hours=3))


# --- people reached -----------------------------------------------------------------------------


class PeopleReached(Rule):
    """The girls, boys, women and men counted at awareness activities held in the period."""

    key = "people_reached"
    sources = ("prevention.AwarenessActivity",)
    dimensions = ("sex", "age_group", "province", "district", "activity_type")
    REACHED = F("girls") + F("boys") + F("women") + F("men")

    def activities(self, period: Period, scope: Scope) -> QuerySet[Any]:
        return statistics_awareness_activities().filter(
            in_period("held_on", period), scope_q(scope, "province", "district")
        )

    def total(self, period: Period, scope: Scope) -> int:
        total = self.activities(period, scope).aggregate(n=Sum(self.REACHED))["n"]
        return int(total or 0)

    def breakdown(self, period: Period, scope: Scope, dim: str) -> tuple[Pairs, bool]:
        qs = self.activities(period, scope)
        sums: dict[str, Any] | None = None
        if dim == "sex":
            sums = {"female": F("girls") + F("women"), "male": F("boys") + F("men")}
        elif dim == "age_group":
            sums = {"child": F("girls") + F("boys"), "adult": F("women") + F("men")}
        if sums is not None:
            found = qs.aggregate(**{k: Sum(v) for k, v in sums.items()})
            return [(k, int(found[k] or 0)) for k in sums], True
        path = {"province": "province__iso_code", "district": "district__code"}
        return pairs(qs, path.get(dim, "type"), Sum(self.REACHED)), True


register(PeopleReached())


# --- referrals ----------------------------------------------------------------------------------


class ReferralCount(Rule):
    """Referral records (not persons): case referrals and hotline potential-case referrals."""

    sources = (
        "referrals.Referral",
        "prevention.CallReferral",
        "prevention.HotlineCall",
        "cases.Case",
        "accounts.Organisation",
    )
    dimensions = ("support_type", "province", "org_type")

    def __init__(
        self,
        key: str,
        case_filter: Callable[[Period], Q],
        call_filter: Callable[[Period], Q] | None,
    ) -> None:
        self.key = key
        self.case_filter = case_filter
        self.call_filter = call_filter

    def parts(self, period: Period, scope: Scope) -> list[tuple[QuerySet[Any], str, str]]:
        """(records, path to their province, path to their support type or "")."""
        found: list[tuple[QuerySet[Any], str, str]] = [
            (
                statistics_referrals().filter(
                    self.case_filter(period), scope_q(scope, "case__province", "case__district")
                ),
                "case__province",
                "service_type__code",
            )
        ]
        if self.call_filter is not None:
            found.append(
                (
                    statistics_call_referrals().filter(
                        self.call_filter(period), scope_q(scope, "call__province")
                    ),
                    "call__province",
                    "",
                )
            )
        return found

    def total(self, period: Period, scope: Scope) -> int:
        return sum(qs.count() for qs, _p, _s in self.parts(period, scope))

    def breakdown(self, period: Period, scope: Scope, dim: str) -> tuple[Pairs, bool]:
        found: list[Pairs] = []
        for qs, province, support in self.parts(period, scope):
            if dim == "province":
                key: Any = f"{province}__iso_code"
            elif dim == "org_type":
                key = "to_organisation__type__code"
            else:
                key = support or Value(HOTLINE, output_field=CharField())
            found.append(pairs(qs, key, Count("pk")))
        return add_pairs(*found), True


register(
    ReferralCount(
        key="referrals_made",
        case_filter=lambda p: stamped_in_period("created_at", p) & ~Q(status="cancelled"),
        call_filter=lambda p: stamped_in_period("created_at", p),
    )
)
register(
    ReferralCount(
        key="referrals_accepted",
        case_filter=lambda p: (
            stamped_in_period("responded_at", p) & Q(status__in=["accepted", "completed"])
        ),
        call_filter=lambda p: stamped_in_period("responded_at", p) & Q(status="accepted"),
    )
)
register(
    ReferralCount(
        key="referrals_completed",
        case_filter=lambda p: stamped_in_period("closed_at", p) & Q(status="completed"),
        call_filter=None,
    )
)


# --- committees ---------------------------------------------------------------------------------


class ActiveCommittees(Rule):
    """Provincial and district committees with at least one meeting in the period (the
    programme app's `committees_with_meetings`)."""

    key = "active_committees"
    sources = ("programme.Committee", "programme.CommitteeMeeting")
    LOCAL_LEVELS = ("provincial", "district")
    dimensions = ("province",)

    def committees(self, period: Period, scope: Scope) -> QuerySet[Any]:
        committees: QuerySet[Any] = committees_with_meetings(period.start, period.end)
        return committees.filter(level__in=self.LOCAL_LEVELS).filter(
            scope_q(scope, "province", "district")
        )

    def total(self, period: Period, scope: Scope) -> int:
        return self.committees(period, scope).values("pk").distinct().count()

    def breakdown(self, period: Period, scope: Scope, dim: str) -> tuple[Pairs, bool]:
        found = pairs(
            self.committees(period, scope), "province__iso_code", Count("pk", distinct=True)
        )
        return found, True


register(ActiveCommittees())


# --- rates --------------------------------------------------------------------------------------


class VictimsPer100k(Rule):
    """Victims identified in the period (as `victims_identified`) per 100 000 population; the
    population is the indicator's hand-entered value for the period's year (see engine)."""

    key = "victims_per_100k"
    sources = VictimsIdentified.sources
    dimensions = ("sex", "age_band", "form")
    per = 100_000

    def total(self, period: Period, scope: Scope) -> int:
        return RULES["victims_identified"].total(period, scope)

    def breakdown(self, period: Period, scope: Scope, dim: str) -> tuple[Pairs, bool]:
        return RULES["victims_identified"].breakdown(period, scope, dim)


register(VictimsPer100k())


# --- justice (pokpong.justice: the annual national report) -------------------------------------


class JusticeCount(Rule):
    """Investigations, prosecutions, convictions and victims given legal aid, from the justice
    files (`justice.selectors.measure_source` says what each counts and by which date). By the
    case's province (additive) and its forms of trafficking (not additive: a case with two forms
    counts in both)."""

    sources = (
        "justice.JusticeFile",
        "justice.Verdict",
        "justice.WitnessSupport",
        "cases.Case",
        "cases.Case_forms_of_trafficking",
    )
    dimensions = ("province", "form")

    def __init__(self, key: str, measure: Measure) -> None:
        self.key = key
        self.measure = measure

    def records(self, period: Period, scope: Scope) -> tuple[QuerySet[Any], str, str]:
        source = measure_source(self.measure)
        case = source.case_path
        qs = source.queryset.filter(
            in_period(source.date_field, period),
            scope_q(scope, f"{case}__province", f"{case}__district"),
        )
        return qs, case, source.counted

    def total(self, period: Period, scope: Scope) -> int:
        qs, _case, counted = self.records(period, scope)
        return int(qs.aggregate(n=Count(counted, distinct=True))["n"] or 0)

    def breakdown(self, period: Period, scope: Scope, dim: str) -> tuple[Pairs, bool]:
        qs, case, counted = self.records(period, scope)
        if dim == "province":
            return pairs(qs, f"{case}__province__iso_code", Count(counted, distinct=True)), True
        forms = f"{case}__forms_of_trafficking__code"
        return pairs(qs, forms, Count(counted, distinct=True)), False


register(JusticeCount("justice_investigations", Measure.INVESTIGATIONS))
register(JusticeCount("justice_prosecutions", Measure.PROSECUTIONS))
register(JusticeCount("justice_convictions", Measure.CONVICTIONS))
register(JusticeCount("victims_legal_aid", Measure.LEGAL_AID))


class CompensationSum(Rule):
    """Compensation in LAK: awarded (by the date of the award) or paid (by the date of the last
    payment), summed over the justice files of the scope; by the case's province."""

    sources = ("justice.WitnessSupport", "justice.JusticeFile", "cases.Case")
    dimensions = ("province",)

    def __init__(self, key: str, amount: str, date_field: str) -> None:
        self.key, self.amount, self.date_field = key, amount, date_field

    def records(self, period: Period, scope: Scope) -> QuerySet[Any]:
        return statistics_witness_support().filter(
            in_period(self.date_field, period),
            scope_q(scope, "file__case__province", "file__case__district"),
            **{f"{self.amount}__isnull": False},
        )

    def total(self, period: Period, scope: Scope) -> int:
        return int(self.records(period, scope).aggregate(n=Sum(self.amount))["n"] or 0)

    def breakdown(self, period: Period, scope: Scope, dim: str) -> tuple[Pairs, bool]:
        province = "file__case__province__iso_code"
        return pairs(self.records(period, scope), province, Sum(self.amount)), True


register(CompensationSum("compensation_awarded", "compensation_awarded_lak", "awarded_on"))
register(CompensationSum("compensation_paid", "compensation_paid_lak", "paid_on"))
