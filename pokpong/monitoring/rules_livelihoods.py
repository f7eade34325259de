"""The rules of the economic-reintegration indicators (the records of `livelihoods`), registered
into the engine's `RULES` when this module is imported (monitoring's AppConfig.ready).

Each counts persons (kept persons, each once), by the person dimensions: sex, age group and band
(age at the event), province and district where the person is registered, nationality."""

from typing import Any

from django.db.models import QuerySet
from django.db.models.expressions import Combinable

from pokpong.cases.models import Case
from pokpong.livelihoods.selectors import (
    income_changes,
    statistics_retained,
    statistics_trainings_completed,
)
from pokpong.monitoring.periods import Period
from pokpong.monitoring.rules import (
    PERSON_DIMS,
    PERSON_SOURCES,
    PersonRule,
    _first_on,
    in_period,
    person_key,
    register,
)
from pokpong.people.selectors import statistics_persons


class SurvivorsTrainingCompleted(PersonRule):
    """Persons whose vocational training ended completed in the period (each person once)."""

    key = "survivors_training_completed"
    sources = (*PERSON_SOURCES, "livelihoods.VocationalTraining", "cases.Case")
    dimensions = PERSON_DIMS

    @staticmethod
    def trainings(period: Period) -> QuerySet[Any]:
        return statistics_trainings_completed().filter(in_period("ended_on", period))

    def persons(self, period: Period) -> QuerySet[Any]:
        keys = self.trainings(period).annotate(pid=person_key("case__person")).values("pid")
        return statistics_persons().filter(pk__in=keys)

    def event_on(self, period: Period) -> Combinable:
        return _first_on(self.trainings(period), "case__person", "ended_on")


class SurvivorsRetainedSixMonths(PersonRule):
    """Persons placed in a job and found still employed at its 6-month retention check, the
    check made in the period (each person once)."""

    key = "survivors_retained_6_months"
    sources = (
        *PERSON_SOURCES,
        "livelihoods.JobPlacement",
        "livelihoods.RetentionCheck",
        "cases.Case",
    )
    dimensions = PERSON_DIMS

    @staticmethod
    def checks(period: Period) -> QuerySet[Any]:
        return statistics_retained(month=6).filter(in_period("checked_on", period))

    def persons(self, period: Period) -> QuerySet[Any]:
        path = "placement__case__person"
        keys = self.checks(period).annotate(pid=person_key(path)).values("pid")
        return statistics_persons().filter(pk__in=keys)

    def event_on(self, period: Period) -> Combinable:
        return _first_on(self.checks(period), "placement__case__person", "checked_on")


class SurvivorsIncomeRose(PersonRule):
    """Persons whose monthly income six months after their return (the first visit with an
    income on or after the return + 6 months, up to 15 days early) is higher than their baseline
    (the first livelihood assessment's income), that visit made in the period.

    The change is computed per case in Python (`livelihoods.selectors.income_changes`: three
    queries whatever the number of cases); the persons are then counted in the database."""

    key = "survivors_income_rose"
    sources = (
        *PERSON_SOURCES,
        "livelihoods.LivelihoodAssessment",
        "referrals.FollowUpVisit",
        "referrals.ReturnPlan",
        "cases.Case",
    )
    dimensions = PERSON_DIMS

    @staticmethod
    def case_ids(period: Period) -> list[int]:
        return [
            c.case_id
            for c in income_changes()
            if c.rose and period.start <= c.measured_on <= period.end
        ]

    def persons(self, period: Period) -> QuerySet[Any]:
        cases = Case.objects.filter(pk__in=self.case_ids(period))
        return statistics_persons().filter(
            pk__in=cases.annotate(pid=person_key("person")).values("pid")
        )


register(SurvivorsTrainingCompleted())
register(SurvivorsRetainedSixMonths())
register(SurvivorsIncomeRose())
