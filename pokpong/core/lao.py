"""Lao text helpers: digits and month names."""

from django.utils.translation import gettext_lazy as _

LAO_DIGITS = "໐໑໒໓໔໕໖໗໘໙"
_TO_ASCII = str.maketrans(LAO_DIGITS, "0123456789")

# The Lao month names, as written in ../shared/reference (also in the catalogue as Django's msgids).
LAO_MONTHS = (
    "ມັງກອນ",
    "ກຸມພາ",
    "ມີນາ",
    "ເມສາ",
    "ພຶດສະພາ",
    "ມິຖຸນາ",
    "ກໍລະກົດ",
    "ສິງຫາ",
    "ກັນຍາ",
    "ຕຸລາ",
    "ພະຈິກ",
    "ທັນວາ",
)

SEX_LABELS = {"female": _("Female"), "male": _("Male")}


def digits_to_ascii(text: str) -> str:
    """Lao digits ໐–໙ are accepted on input and stored as ASCII."""
    return text.translate(_TO_ASCII)
