"""The screening instrument: indicators of trafficking, asked as questions, never scored.

Modelled on the indicator checklists used in the region (Vera Institute's TVIT long and short
forms): the screener records what was found and decides; the system shows the indicators found
and never classifies a person from a number. For children, means of control are not required:
exploitation plus the act is enough.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


class Domain(models.TextChoices):
    MIGRATION = "migration", _("Migration and movement")
    RECRUITMENT = "recruitment", _("Recruitment")
    DECEPTION = "deception", _("Deception")
    EXPLOITATION = "exploitation", _("Exploitation")
    CONTROL = "control", _("Means of control")
    DOCUMENTS = "documents", _("Documents")
    DEBT = "debt", _("Debt")
    VIOLENCE = "violence", _("Violence and threats")
    AGE = "age", _("Age")


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Don't know")
    DECLINED = "declined", _("Declined to answer")


class FormVersion(models.TextChoices):
    SHORT = "short", _("Short form")
    LONG = "long", _("Long form")


@dataclass(frozen=True)
class Indicator:
    code: str
    domain: str
    question: StrOrPromise
    guidance: StrOrPromise
    in_short_form: bool
    htcds_control: str = ""  # the HTCDS vic_MethodsOfControl value, for means of control

    @property
    def domain_label(self) -> str:
        return str(Domain(self.domain).label)

    @property
    def is_means_of_control(self) -> bool:
        return self.domain in {Domain.CONTROL, Domain.DEBT, Domain.DOCUMENTS, Domain.VIOLENCE}


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "crossed_border",
        Domain.MIGRATION,
        _("Did you travel to another country or province for work or marriage?"),
        _("Ask where, when and with whom the person travelled."),
        True,
    ),
    Indicator(
        "moved_by_others",
        Domain.MIGRATION,
        _("Did someone else arrange or pay for your travel?"),
        _("Transport, documents or border crossing organised by another person."),
        True,
    ),
    Indicator(
        "recruited_by_broker",
        Domain.RECRUITMENT,
        _("Were you recruited by a broker, agent or someone you met recently?"),
        _("Includes relatives or friends who received money for the introduction."),
        True,
    ),
    Indicator(
        "recruited_online",
        Domain.RECRUITMENT,
        _("Were you recruited through social media or an online advertisement?"),
        _("Facebook, TikTok, Telegram, WeChat, LINE or similar."),
        False,
    ),
    Indicator(
        "job_different",
        Domain.DECEPTION,
        _("Was the work or the marriage different from what you were promised?"),
        _("Different type of work, pay, conditions, place or spouse."),
        True,
        "FalsePromises",
    ),
    Indicator(
        "pay_withheld",
        Domain.EXPLOITATION,
        _("Were you paid less than promised, late, or not at all?"),
        _("Wages kept by the employer, broker or spouse's family."),
        True,
        "TakesEarnings",
    ),
    Indicator(
        "excessive_hours",
        Domain.EXPLOITATION,
        _("Did you have to work very long hours or without rest days?"),
        _("For example more than 12 hours a day, or no day off."),
        False,
        "ExcessiveWorkingHours",
    ),
    Indicator(
        "forced_sex",
        Domain.EXPLOITATION,
        _("Were you made to provide sexual services or to marry against your will?"),
        _("Ask gently and privately; the person may decline to answer."),
        True,
        "SexualAbuse",
    ),
    Indicator(
        "forced_crime",
        Domain.EXPLOITATION,
        _("Were you made to commit crimes or online scams?"),
        _("Scam compounds, drug transport, theft or begging for others."),
        True,
    ),
    Indicator(
        "could_not_leave",
        Domain.CONTROL,
        _("Were you prevented from leaving the place of work or residence?"),
        _("Locked in, guarded or watched, or told they would be punished for leaving."),
        True,
        "PhysicalThreats",
    ),
    Indicator(
        "isolated",
        Domain.CONTROL,
        _("Were you kept from contacting your family or others?"),
        _("Phone taken away, no outside contact, not allowed to speak the language."),
        False,
        "PsychologicalAbuse",
    ),
    Indicator(
        "substances",
        Domain.CONTROL,
        _("Were you given drugs or alcohol to control you?"),
        _("Substances given to keep the person working or compliant."),
        False,
        "PsychoactiveSubstance",
    ),
    Indicator(
        "necessities_withheld",
        Domain.CONTROL,
        _("Were food, sleep or medical care withheld from you?"),
        _("Deprivation used as punishment or control."),
        False,
        "WithholdsNecessities",
    ),
    Indicator(
        "documents_taken",
        Domain.DOCUMENTS,
        _("Did someone else keep your passport or identity documents?"),
        _("Documents held by the employer, broker or spouse's family."),
        True,
        "WithholdsDocuments",
    ),
    Indicator(
        "debt",
        Domain.DEBT,
        _("Did you owe a debt that you had to work off?"),
        _("Recruitment fees, travel costs or 'bride price' deducted from pay."),
        True,
        "DebtBondage",
    ),
    Indicator(
        "threatened",
        Domain.VIOLENCE,
        _("Were you or your family threatened?"),
        _("Including threats of arrest or deportation."),
        True,
        "ThreatensChildrenFamily",
    ),
    Indicator(
        "physical_violence",
        Domain.VIOLENCE,
        _("Were you beaten or physically hurt?"),
        _("Note injuries for the medical referral; do not examine."),
        True,
        "PhysicalAbuse",
    ),
    Indicator(
        "under_18_at_recruitment",
        Domain.AGE,
        _("Were you under 18 when this began?"),
        _("For children, exploitation and the act are enough: means of control are not required."),
        True,
    ),
)

INDICATORS_BY_CODE = {indicator.code: indicator for indicator in INDICATORS}


def indicators_for(version: str) -> list[Indicator]:
    if version == FormVersion.SHORT:
        return [i for i in INDICATORS if i.in_short_form]
    return list(INDICATORS)


@dataclass(frozen=True)
class IndicatorSummary:
    """What the screener saw: indicators answered yes, by domain. Never a verdict."""

    found: list[Indicator]
    domains: list[str]
    means_of_control_found: bool
    exploitation_found: bool
    movement_found: bool
    is_child: bool

    @property
    def elements_present(self) -> bool:
        """Whether act, exploitation and (for adults) means are all indicated: a prompt to refer."""
        means_ok = self.is_child or self.means_of_control_found
        return self.movement_found and self.exploitation_found and means_ok


def summarise(answers: dict[str, str], *, is_child: bool) -> IndicatorSummary:
    found = [
        INDICATORS_BY_CODE[c]
        for c, a in answers.items()
        if a == Answer.YES and c in INDICATORS_BY_CODE
    ]
    domains = sorted({i.domain for i in found})
    return IndicatorSummary(
        found=found,
        domains=domains,
        means_of_control_found=any(i.is_means_of_control for i in found),
        exploitation_found=any(i.domain in {Domain.EXPLOITATION, Domain.DECEPTION} for i in found),
        movement_found=any(i.domain in {Domain.MIGRATION, Domain.RECRUITMENT} for i in found),
        is_child=is_child,
    )
