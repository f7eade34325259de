"""Persons (possible victims), their names and aliases, documents, and arrival groups.

Names, contacts, identity numbers, exact birth dates and addresses below district are encrypted
(`EncryptedTextField`); birth year, sex, province and nationality stay in clear for statistics.
Field names follow IOM's HTCDS v2 where it has the concept (see docs/data-model.md).
"""

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pokpong.core.crypto import EncryptedTextField
from pokpong.core.models import ReferenceItem, TimeStampedModel
from pokpong.places.models import Country, District, Province

CHILD_AGE = 18


class Title(models.TextChoices):
    NONE = "", _("(none)")
    THAO = "thao", _("Mr")
    NANG = "nang", _("Ms")
    THAN = "than", _("Mr (formal)")
    THAN_NANG = "than_nang", _("Ms (formal)")


class Sex(models.TextChoices):
    """HTCDS prs_Gender: Feminine, Masculine, …, NonSpecifiedUnknown."""

    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class BirthDatePrecision(models.TextChoices):
    EXACT = "exact", _("Exact date")
    YEAR = "year", _("Year only")
    ESTIMATED = "estimated", _("Estimated from age")


class Language(models.TextChoices):
    LAO = "lo", _("Lao")
    THAI = "th", _("Thai")
    HMONG = "hmn", _("Hmong")
    KHMU = "kjg", _("Khmu")
    VIETNAMESE = "vi", _("Vietnamese")
    CHINESE = "zh", _("Chinese")
    KHMER = "km", _("Khmer")
    BURMESE = "my", _("Burmese")
    ENGLISH = "en", _("English")
    OTHER = "other", _("Other")


class GuardianRelationship(models.TextChoices):
    NONE = "", _("(none)")
    MOTHER = "mother", _("Mother")
    FATHER = "father", _("Father")
    GRANDPARENT = "grandparent", _("Grandparent")
    SIBLING = "sibling", _("Sibling")
    OTHER_RELATIVE = "other_relative", _("Other relative")
    LEGAL_GUARDIAN = "legal_guardian", _("Legal guardian")
    SOCIAL_WORKER = "social_worker", _("Social worker")


class EthnicGroup(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("ethnic group")
        verbose_name_plural = _("ethnic groups")


class ArrivalGroup(TimeStampedModel):
    """Returnees arriving together: one shared arrival record, then each person quickly."""

    arrived_on = models.DateField(_("arrival date"))
    border_point = models.CharField(_("border point or transit centre"), max_length=200)
    returned_from = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("returned from")
    )
    escorting_agency = models.CharField(_("escorting agency"), max_length=200, blank=True)
    expected_count = models.PositiveIntegerField(
        _("number of persons expected"), null=True, blank=True
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    province = models.ForeignKey(Province, on_delete=models.PROTECT, verbose_name=_("province"))
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("district")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-arrived_on", "-pk"]
        verbose_name = _("arrival group")
        verbose_name_plural = _("arrival groups")

    def __str__(self) -> str:
        return f"{self.arrived_on:%d/%m/%Y} · {self.border_point}"

    @property
    def audit_label(self) -> str:
        return f"arrival {self.pk}"


def new_person_code() -> str:
    """A short reference that reveals nothing (not a sequence, not a name)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "P-" + "".join(secrets.choice(alphabet) for _ in range(8))


def unused_person_code() -> str:
    """A new code no person holds yet (two alike among a million are likely enough to check)."""
    while True:
        code = new_person_code()
        if not Person.objects.filter(code=code).exists():
            return code


class Person(TimeStampedModel):
    code = models.CharField(
        _("reference"), max_length=12, unique=True, default=new_person_code, editable=False
    )
    title = models.CharField(_("title"), max_length=12, choices=Title, blank=True)
    # prs_FirstName / prs_SecondName in both scripts, all encrypted.
    given_name_lo = EncryptedTextField(_("given name (Lao script)"), blank=True)
    family_name_lo = EncryptedTextField(_("family name (Lao script)"), blank=True)
    given_name_latin = EncryptedTextField(_("given name (Latin script)"), blank=True)
    family_name_latin = EncryptedTextField(_("family name (Latin script)"), blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex)
    birth_date = EncryptedTextField(_("date of birth"), blank=True)  # ISO date, exact only
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    birth_date_precision = models.CharField(
        _("precision of the birth date"),
        max_length=10,
        choices=BirthDatePrecision,
        blank=True,
    )
    nationality = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nationality"),
    )
    ethnic_group = models.ForeignKey(
        EthnicGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ethnic group"),
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    origin_province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province of origin"),
    )
    origin_district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district of origin"),
    )
    origin_village = EncryptedTextField(_("village of origin"), blank=True)
    phone = EncryptedTextField(_("phone"), blank=True)
    guardian_name = EncryptedTextField(_("guardian's name"), blank=True)
    guardian_relationship = models.CharField(
        _("guardian's relationship"),
        max_length=20,
        choices=GuardianRelationship,
        blank=True,
    )
    guardian_phone = EncryptedTextField(_("guardian's phone"), blank=True)
    arrival_group = models.ForeignKey(
        ArrivalGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="persons",
        verbose_name=_("arrival group"),
    )
    # Who holds the record: scope follows the registering office's province and district.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    # Empty while a national service (the hotline) holds the person: no province's scope
    # covers it until the office of a province takes it on.
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
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("merged into"),
        help_text=_("Set when this record was merged into another; it is then hidden."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)  # optimistic locking (edit, merge, undo)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        indexes = [
            models.Index(fields=["province", "-created_at"], name="person_province_idx"),
            # the person list (keyset pages, newest first): national, and a province's
            # (scanned in this order, the scope filter keeps one row in ~17)
            models.Index(
                fields=["-created_at", "-id"],
                condition=Q(merged_into__isnull=True),
                name="person_list_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True)
                | Q(birth_year__gte=1900, birth_year__lte=2100),
                name="person_birth_year_plausible",
            ),
            models.CheckConstraint(
                condition=Q(district__isnull=True) | Q(province__isnull=False),
                name="person_district_needs_province",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def audit_label(self) -> str:
        return self.code

    @property
    def display_name(self) -> str:
        """Given name first, as Lao people are addressed; Lao script when known."""
        lao = " ".join(p for p in (self.given_name_lo, self.family_name_lo) if p)
        latin = " ".join(p for p in (self.given_name_latin, self.family_name_latin) if p)
        return lao or latin or self.code

    @property
    def latin_name(self) -> str:
        return " ".join(p for p in (self.given_name_latin, self.family_name_latin) if p)

    def age_on(self, day: dt.date) -> int | None:
        if self.birth_date:
            born = dt.date.fromisoformat(self.birth_date)
            return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
        if self.birth_year:
            return day.year - self.birth_year
        return None

    def is_child_on(self, day: dt.date) -> bool:
        """Under 18 on that day. Unknown age counts as a child: the protective assumption."""
        age = self.age_on(day)
        return age is None or age < CHILD_AGE


class Script(models.TextChoices):
    LAO = "lao", _("Lao script")
    LATIN = "latin", _("Latin script")


class PersonAlias(models.Model):
    """Other spellings and names the person is known by (any number, either script)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    script = models.CharField(_("script"), max_length=5, choices=Script)
    given_name = EncryptedTextField(_("given name"), blank=True)
    family_name = EncryptedTextField(_("family name"), blank=True)

    class Meta:
        verbose_name = _("other name")
        verbose_name_plural = _("other names")

    def __str__(self) -> str:
        return f"{self.person_id}:{self.script}"

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p)


class DocumentType(models.TextChoices):
    ID_CARD = "id_card", _("Identity card")
    PASSPORT = "passport", _("Passport")
    FAMILY_BOOK = "family_book", _("Family book")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
    BORDER_PASS = "border_pass", _("Border pass")
    OTHER = "other", _("Other document")


class IdentityDocument(models.Model):
    """prs_IdentityNumber, with the kind of document and who issued it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    type = models.CharField(_("document"), max_length=20, choices=DocumentType)
    number = EncryptedTextField(_("number"))
    issuing_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )

    class Meta:
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")

    def __str__(self) -> str:
        return f"{self.person_id}:{self.type}"


def unused_person_codes(count: int) -> list[str]:
    """`count` new codes, distinct, that no person holds yet (one query a thousand)."""
    codes: dict[str, None] = {}  # in the order drawn: the codes reveal no order of creation
    while len(codes) < count:
        drawn = [new_person_code() for _ in range(min(count - len(codes), 1000))]
        wanted = [code for code in dict.fromkeys(drawn) if code not in codes]
        taken = set(Person.objects.filter(code__in=wanted).values_list("code", flat=True))
        codes.update((code, None) for code in wanted if code not in taken)
    return list(codes)[:count]
