"""Programme management (work plan, budget) and coordination (committees, meetings, actions).

Nothing here is personal data: partners are organisations, attendees are counts by sex, and an
action item's owner is a user of the system.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from pokpong.accounts.models import Organisation
from pokpong.core.models import TimeStampedModel
from pokpong.places.models import District, Province

FISCAL_YEAR_START_MONTH = 10  # the donor's fiscal year begins on 1 October
QUARTER_START_MONTHS = (1, 4, 7, 10)


class Component(models.TextChoices):
    """The programme's components (its results framework)."""

    CAPACITY = "1", _("1. Capacity of officials")
    VULNERABILITY = "2", _("2. Lower vulnerability")
    VICTIM_ASSISTANCE = "3", _("3. Victim assistance")
    COORDINATION = "4", _("4. M&E and coordination")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_WAY = "under_way", _("Under way")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")
    CANCELLED = "cancelled", _("Cancelled")


CLOSED_STATUSES = (ActivityStatus.DONE, ActivityStatus.CANCELLED)


class WorkPlanActivity(TimeStampedModel):
    """One activity of the work plan: what, which component, where, who, when."""

    title = models.CharField(_("activity"), max_length=300)
    component = models.CharField(_("component"), max_length=2, choices=Component)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
        help_text=_("Empty for a national activity."),
    )
    partner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible partner"),
    )
    planned_start_on = models.DateField(_("planned start"))
    planned_end_on = models.DateField(_("planned end"))
    actual_start_on = models.DateField(_("actual start"), null=True, blank=True)
    actual_end_on = models.DateField(_("actual end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActivityStatus, default=ActivityStatus.PLANNED
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["component", "planned_start_on", "pk"]
        verbose_name = _("work plan activity")
        verbose_name_plural = _("work plan activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end_on__gte=F("planned_start_on")),
                name="activity_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(actual_end_on__isnull=True)
                | (Q(actual_start_on__isnull=False) & Q(actual_end_on__gte=F("actual_start_on"))),
                name="activity_actual_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def district_id(self) -> int | None:
        """Work plan activities lie in a province at most (for the policy's place protocol)."""
        return None

    def is_overdue_on(self, today: dt.date) -> bool:
        """The planned end has passed and the activity is neither done nor cancelled."""
        return self.planned_end_on < today and self.status not in CLOSED_STATUSES

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        if (
            self.planned_start_on
            and self.planned_end_on
            and self.planned_end_on < self.planned_start_on
        ):
            errors["planned_end_on"] = _("The planned end cannot be before the planned start.")
        if self.actual_end_on and not self.actual_start_on:
            errors["actual_start_on"] = _("Give the actual start of an activity that has ended.")
        elif self.actual_end_on and self.actual_end_on < self.actual_start_on:  # type: ignore[operator]
            errors["actual_end_on"] = _("The actual end cannot be before the actual start.")
        if self.status == ActivityStatus.DONE and not self.actual_end_on:
            errors["actual_end_on"] = _("Give the actual end of an activity that is done.")
        if errors:
            raise ValidationError(errors)


def quarter_start(day: dt.date) -> dt.date:
    """The first day of the calendar quarter `day` lies in."""
    return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def fiscal_year_of(day: dt.date) -> int:
    """The donor's fiscal year (October–September), named after the year it ends in."""
    return day.year + 1 if day.month >= FISCAL_YEAR_START_MONTH else day.year


def fiscal_quarter_of(day: dt.date) -> int:
    return (day.month - FISCAL_YEAR_START_MONTH) % 12 // 3 + 1


def fiscal_quarter_starts(fiscal_year: int) -> list[dt.date]:
    """The first days of the four quarters of a fiscal year, in order."""
    first = dt.date(fiscal_year - 1, FISCAL_YEAR_START_MONTH, 1)
    return [
        first,
        dt.date(fiscal_year, 1, 1),
        dt.date(fiscal_year, 4, 1),
        dt.date(fiscal_year, 7, 1),
    ]


class BudgetLine(TimeStampedModel):
    """Budget and expenditure of one component in one quarter, in kip, with the rate used."""

    component = models.CharField(_("component"), max_length=2, choices=Component)
    quarter_start_on = models.DateField(
        _("quarter"), help_text=_("The first day of the quarter (1 January, April, July, October).")
    )
    budget_lak = models.BigIntegerField(_("budget (LAK)"))
    spent_lak = models.BigIntegerField(_("spent (LAK)"), default=0)
    lak_per_usd = models.DecimalField(
        _("exchange rate (LAK per USD)"), max_digits=10, decimal_places=2
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["quarter_start_on", "component"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(
                fields=["component", "quarter_start_on"], name="budget_line_once_a_quarter"
            ),
            models.CheckConstraint(condition=Q(budget_lak__gte=0), name="budget_not_negative"),
            models.CheckConstraint(condition=Q(spent_lak__gte=0), name="spent_not_negative"),
            models.CheckConstraint(condition=Q(lak_per_usd__gt=0), name="rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_component_display()} {self.quarter_code}"

    @property
    def quarter_code(self) -> str:
        """The fiscal quarter's code, e.g. FY2027Q1 for October–December 2026."""
        day = self.quarter_start_on
        return f"FY{fiscal_year_of(day)}Q{fiscal_quarter_of(day)}"

    @property
    def budget_usd(self) -> Decimal:
        return (Decimal(self.budget_lak) / self.lak_per_usd).quantize(Decimal("1"))

    @property
    def spent_usd(self) -> Decimal:
        return (Decimal(self.spent_lak) / self.lak_per_usd).quantize(Decimal("1"))

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        day = self.quarter_start_on
        if day and (day.day != 1 or day.month not in QUARTER_START_MONTHS):
            errors["quarter_start_on"] = _("A quarter begins on 1 January, April, July or October.")
        if self.budget_lak is not None and self.budget_lak < 0:
            errors["budget_lak"] = _("An amount cannot be negative.")
        if self.spent_lak is not None and self.spent_lak < 0:
            errors["spent_lak"] = _("An amount cannot be negative.")
        if self.lak_per_usd is not None and self.lak_per_usd <= 0:
            errors["lak_per_usd"] = _("The exchange rate must be more than zero.")
        if errors:
            raise ValidationError(errors)


class CommitteeLevel(models.TextChoices):
    NATIONAL_STEERING = "national_steering", _("National steering committee")
    NATIONAL_SECRETARIAT = "national_secretariat", _("National secretariat")
    PROVINCIAL = "provincial", _("Provincial committee")
    DISTRICT = "district", _("District committee")


NATIONAL_LEVELS = (CommitteeLevel.NATIONAL_STEERING, CommitteeLevel.NATIONAL_SECRETARIAT)


class Committee(TimeStampedModel):
    """An anti-trafficking committee: national (steering committee, its secretariat), of a
    province or of a district."""

    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=25, choices=CommitteeLevel)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["level", "province__national_code", "district__code", "name"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(level__in=["national_steering", "national_secretariat"])
                    & Q(province__isnull=True)
                    & Q(district__isnull=True)
                )
                | (Q(level="provincial") & Q(province__isnull=False) & Q(district__isnull=True))
                | (Q(level="district") & Q(province__isnull=False) & Q(district__isnull=False)),
                name="committee_place_matches_level",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        if self.level in NATIONAL_LEVELS and (self.province_id or self.district_id):
            errors["province"] = _("A national committee has no province or district.")
        if self.level == CommitteeLevel.PROVINCIAL:
            if not self.province_id:
                errors["province"] = _("Choose the committee's province.")
            if self.district_id:
                errors["district"] = _("A provincial committee has no district.")
        if self.level == CommitteeLevel.DISTRICT and not self.district_id:
            errors["district"] = _("Choose the committee's district.")
        district = self.district if self.district_id else None
        if district and self.province_id and district.province_id != self.province_id:
            errors["district"] = _("The district is not in the province.")
        if errors:
            raise ValidationError(errors)


class CommitteeMeeting(TimeStampedModel):
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("committee")
    )
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")

    def __str__(self) -> str:
        return f"{self.committee} {self.held_on.isoformat()}"


class MeetingAttendance(models.Model):
    """How many women and men of one organisation attended (counts, never names)."""

    meeting = models.ForeignKey(
        CommitteeMeeting, on_delete=models.CASCADE, related_name="attendance"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    women = models.PositiveSmallIntegerField(_("women"), default=0)
    men = models.PositiveSmallIntegerField(_("men"), default=0)

    class Meta:
        ordering = ["organisation__name_en"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"], name="attendance_once_per_organisation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.women + self.men}"

    @property
    def total(self) -> int:
        return self.women + self.men


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class ActionItem(TimeStampedModel):
    """Something a meeting decided that someone must do by a date."""

    meeting = models.ForeignKey(
        CommitteeMeeting,
        on_delete=models.PROTECT,
        related_name="actions",
        verbose_name=_("meeting"),
    )
    description = models.TextField(_("action"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible"),
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus, default=ActionStatus.OPEN
    )
    follow_up = models.TextField(_("follow-up"), blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="done", done_on__isnull=False)
                | (~Q(status="done") & Q(done_on__isnull=True)),
                name="action_done_on_when_done",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    def is_overdue_on(self, today: dt.date) -> bool:
        return self.status == ActionStatus.OPEN and self.due_on < today

    @property
    def committee_province_id(self) -> int | None:
        """Where the committee that decided the action sits (for the access policy)."""
        return self.meeting.committee.province_id

    def clean(self) -> None:
        if self.status == ActionStatus.DONE and not self.done_on:
            raise ValidationError({"done_on": _("Give the date the action was done.")})
        if self.status != ActionStatus.DONE and self.done_on:
            raise ValidationError({"done_on": _("Only a done action has a date done.")})
