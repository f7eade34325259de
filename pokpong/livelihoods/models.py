"""Economic reintegration of a survivor: what she knows and owes, the training she follows, the
job she is placed in (and whether she keeps it), the small business she starts, her savings and
loans. Income over time is read from the assessment (baseline) and the follow-up visits."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from pokpong.core.crypto import EncryptedTextField
from pokpong.core.models import TimeStampedModel, Voidable

# Money is whole kip (no subunit in use); the largest sum a form accepts.
MAX_LAK = 2_000_000_000
RETENTION_MONTHS = (3, 6, 12)


class EducationLevel(models.TextChoices):
    NONE = "none", _("No schooling")
    PRIMARY = "primary", _("Primary school")
    LOWER_SECONDARY = "lower_secondary", _("Lower secondary school")
    UPPER_SECONDARY = "upper_secondary", _("Upper secondary school")
    VOCATIONAL = "vocational", _("Vocational school")
    HIGHER = "higher", _("College or university")


class Creditor(models.TextChoices):
    """To whom a debt is owed: a debt to a broker or an employer is a common means of control."""

    NONE = "none", _("No debt")
    FAMILY = "family", _("Family or friends")
    BROKER = "broker", _("Broker or recruiter")
    EMPLOYER = "employer", _("Employer abroad")
    MONEYLENDER = "moneylender", _("Moneylender")
    BANK = "bank", _("Bank, microfinance or village fund")
    OTHER = "other", _("Other")


class LivelihoodAssessment(Voidable, TimeStampedModel):
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="livelihood_assessments",
        verbose_name=_("case"),
    )
    assessed_on = models.DateField(_("assessed on"))
    education_level = models.CharField(
        _("education"), max_length=20, choices=EducationLevel, blank=True
    )
    skills = EncryptedTextField(_("skills"), blank=True)
    work_history = EncryptedTextField(_("work history"), blank=True)
    interests = EncryptedTextField(_("interests"), blank=True)
    household = EncryptedTextField(_("household situation"), blank=True)
    debt_lak = models.PositiveBigIntegerField(_("debts (LAK)"), null=True, blank=True)
    creditor = models.CharField(_("debt owed to"), max_length=12, choices=Creditor, blank=True)
    baseline_income_lak = models.PositiveBigIntegerField(
        _("monthly income now (LAK)"), null=True, blank=True
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        verbose_name = _("livelihood assessment")
        verbose_name_plural = _("livelihood assessments")

    def __str__(self) -> str:
        return f"livelihood assessment {self.pk}"

    @property
    def audit_label(self) -> str:
        return f"livelihood assessment {self.pk} of {self.case_id}"


class TrainingStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    COMPLETED = "completed", _("Completed")
    DROPPED_OUT = "dropped_out", _("Dropped out")


class VocationalTraining(Voidable, TimeStampedModel):
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="vocational_trainings",
        verbose_name=_("case"),
    )
    provider = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("training given by"),
    )
    # The referral through which the provider gives it (a receiver always records through one).
    referral = models.ForeignKey(
        "referrals.Referral",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referral"),
    )
    trade = models.CharField(_("trade"), max_length=200)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=TrainingStatus, default=TrainingStatus.ENROLLED
    )
    dropout_reason = EncryptedTextField(_("why she or he dropped out"), blank=True)
    has_certificate = models.BooleanField(_("certificate obtained"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("vocational training")
        verbose_name_plural = _("vocational trainings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="training_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"training {self.pk}"

    @property
    def audit_label(self) -> str:
        return f"training {self.pk} of {self.case_id}"


class Sector(models.TextChoices):
    AGRICULTURE = "agriculture", _("Agriculture")
    FACTORY = "factory", _("Factory or garment")
    CONSTRUCTION = "construction", _("Construction")
    HOSPITALITY = "hospitality", _("Hotel, restaurant or tourism")
    TRADE = "trade", _("Shop or trade")
    SERVICES = "services", _("Services (beauty, repair, cleaning)")
    HANDICRAFT = "handicraft", _("Handicraft or weaving")
    OTHER = "other", _("Other")


class Employer(TimeStampedModel):
    """The programme's directory of employers and partners. No survivor's data hangs on it for
    the employer to see: employers have no account; case workers keep the directory."""

    name = models.CharField(_("company"), max_length=200)
    sector = models.CharField(_("sector"), max_length=14, choices=Sector)
    province = models.ForeignKey(
        "places.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    has_agreement = models.BooleanField(_("agreement with the programme"), default=False)
    agreement_on = models.DateField(_("agreement signed on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        constraints = [
            models.CheckConstraint(
                condition=Q(has_agreement=True) | Q(agreement_on__isnull=True),
                name="employer_agreement_date_needs_agreement",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_label(self) -> str:
        return f"employer {self.pk}"


class ContractType(models.TextChoices):
    PERMANENT = "permanent", _("Permanent contract")
    FIXED_TERM = "fixed_term", _("Fixed-term contract")
    PROBATION = "probation", _("Probation")
    DAILY = "daily", _("Daily or casual work")
    VERBAL = "verbal", _("No written contract")


class JobPlacement(Voidable, TimeStampedModel):
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="job_placements",
        verbose_name=_("case"),
    )
    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="placements", verbose_name=_("employer")
    )
    position = models.CharField(_("position"), max_length=200)
    started_on = models.DateField(_("started on"))
    wage_lak = models.PositiveBigIntegerField(_("wage (LAK a month)"))
    contract_type = models.CharField(_("contract"), max_length=12, choices=ContractType)
    has_social_security = models.BooleanField(_("social security"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("job placement")
        verbose_name_plural = _("job placements")

    def __str__(self) -> str:
        return f"job placement {self.pk}"

    @property
    def audit_label(self) -> str:
        return f"job placement {self.pk} of {self.case_id}"


class RetentionCheck(TimeStampedModel):
    """Is she still in the job 3, 6 and 12 months after she started? Scheduled with the
    placement; the case worker records each check."""

    placement = models.ForeignKey(
        JobPlacement, on_delete=models.CASCADE, related_name="checks", verbose_name=_("job")
    )
    month = models.PositiveSmallIntegerField(_("months after the start"))
    due_on = models.DateField(_("due on"))
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    still_employed = models.BooleanField(_("still employed"), null=True, blank=True)
    wage_lak = models.PositiveBigIntegerField(_("wage (LAK a month)"), null=True, blank=True)
    leaving_reason = EncryptedTextField(_("why she or he left"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("retention check")
        verbose_name_plural = _("retention checks")
        constraints = [
            models.UniqueConstraint(fields=["placement", "month"], name="retention_check_once"),
        ]
        indexes = [models.Index(fields=["checked_on", "due_on"], name="retention_due_idx")]

    def __str__(self) -> str:
        return f"retention check {self.pk}"

    @property
    def audit_label(self) -> str:
        return f"retention check {self.pk} of placement {self.placement_id}"


class SupportKind(models.TextChoices):
    CASH = "cash", _("Cash")
    IN_KIND = "in_kind", _("In kind")
    BOTH = "both", _("Cash and in kind")


class BusinessType(models.TextChoices):
    SHOP = "shop", _("Small shop")
    FOOD = "food", _("Food stall or restaurant")
    LIVESTOCK = "livestock", _("Livestock (pigs, chickens, fish)")
    FARMING = "farming", _("Farming or gardening")
    TAILORING = "tailoring", _("Tailoring or weaving")
    BEAUTY = "beauty", _("Hair and beauty")
    REPAIR = "repair", _("Repair (motorbikes, phones)")
    OTHER = "other", _("Other")


class BusinessSupport(Voidable, TimeStampedModel):
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="business_supports",
        verbose_name=_("case"),
    )
    business_type = models.CharField(_("business"), max_length=12, choices=BusinessType)
    kind = models.CharField(_("support given"), max_length=8, choices=SupportKind)
    amount_lak = models.PositiveBigIntegerField(_("value (LAK)"))
    what = models.CharField(_("what was given"), max_length=300)
    given_on = models.DateField(_("given on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("business start-up support")
        verbose_name_plural = _("business start-up support")

    def __str__(self) -> str:
        return f"business support {self.pk}"

    @property
    def audit_label(self) -> str:
        return f"business support {self.pk} of {self.case_id}"


class BusinessStatus(models.TextChoices):
    RUNNING = "running", _("Running well")
    STRUGGLING = "struggling", _("Struggling")
    CLOSED = "closed", _("Closed")


class BusinessCheck(TimeStampedModel):
    business = models.ForeignKey(
        BusinessSupport, on_delete=models.CASCADE, related_name="checks", verbose_name=_("business")
    )
    checked_on = models.DateField(_("checked on"))
    status = models.CharField(_("status"), max_length=10, choices=BusinessStatus)
    monthly_income_lak = models.PositiveBigIntegerField(
        _("income from the business (LAK a month)"), null=True, blank=True
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-checked_on", "-pk"]
        verbose_name = _("business check")
        verbose_name_plural = _("business checks")

    def __str__(self) -> str:
        return f"business check {self.pk}"

    @property
    def audit_label(self) -> str:
        return f"business check {self.pk} of {self.business_id}"


class FinanceKind(models.TextChoices):
    SAVINGS_GROUP = "savings_group", _("Savings group")
    VILLAGE_FUND = "village_fund", _("Village fund")
    MICROFINANCE = "microfinance", _("Microfinance institution")
    BANK = "bank", _("Bank account")


class FinancialInclusion(Voidable, TimeStampedModel):
    """Membership of a savings group or a microfinance institution, and a loan taken there."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="financial_inclusions",
        verbose_name=_("case"),
    )
    kind = models.CharField(_("kind"), max_length=14, choices=FinanceKind)
    institution = models.CharField(_("group or institution"), max_length=200)
    joined_on = models.DateField(_("member since"))
    loan_lak = models.PositiveBigIntegerField(_("loan taken (LAK)"), null=True, blank=True)
    loan_purpose = models.CharField(_("loan for"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-joined_on", "-pk"]
        verbose_name = _("savings or loan")
        verbose_name_plural = _("savings and loans")

    def __str__(self) -> str:
        return f"financial inclusion {self.pk}"

    @property
    def audit_label(self) -> str:
        return f"financial inclusion {self.pk} of {self.case_id}"
