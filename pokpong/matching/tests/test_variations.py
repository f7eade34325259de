"""Issue 19: each Lao normalisation and Latin folding rule, alone and combined, gives the keys
of the plain spelling; hard negatives (siblings, another generation, cousins) stay apart."""

import pytest

from pokpong.matching.batch import Record, match
from pokpong.matching.normalise import (
    fold_latin,
    lao_key_text,
    name_forms,
    phonetic,
    romanise_lao,
)

ZWSP, ZWNJ = "\u200b", "\u200c"


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("ຄໍາຟອງ", "ຄຳຟອງ"),  # ຳ written as ໍ + າ
        ("ສີສຸຣາດ", "ສີສຸລາດ"),  # old orthography: ຣ for ລ
        ("ສຣີສຸລາດ", "ສີສຸລາດ"),  # etymological ສຣີ for ສີ
        ("ທັມມະວົງ", "ທຳມະວົງ"),  # old spelling ັມ for ຳ
        ("ໃຊຍະວົງ", "ໄຊຍະວົງ"),  # ໃ for ໄ
        ("ແກວມະນີ", "ແກ້ວມະນີ"),  # tone mark omitted
        ("ແກ່ວມະນີ", "ແກ້ວມະນີ"),  # tone mark changed
        (f"ສຸກ{ZWSP}ສະ{ZWNJ}ຫວັນ", "ສຸກສະຫວັນ"),  # zero-width characters
        ("ລັດສະຫມີ", "ລັດສະໝີ"),  # ຫມ for ໝ
        ("ບຸນເຫລືອ", "ບຸນເຫຼືອ"),  # ຫລ for ຫຼ
        ("ພົມມມະຈັນ", "ພົມມະຈັນ"),  # a letter typed twice
    ],
)
def test_lao_spellings_romanise_alike(variant, plain):
    assert phonetic(romanise_lao(variant)) == phonetic(romanise_lao(plain))
    assert name_forms(f"{variant} ບຸນມີ") == name_forms(f"{plain} ບຸນມີ")


@pytest.mark.parametrize(
    ("lao", "latin"),
    [("ໄພພູ", "Phaiphou"), ("ໄຊຊະນະ", "Xaixana"), ("ໄລລີ", "Laily"), ("ໃຈຈັນ", "Chaichanh")],
)
def test_a_consonant_repeated_after_ai_starts_the_next_syllable(lao, latin):
    # ໄ closes its syllable: the repeated consonant is the next one's initial, not a slip
    assert phonetic(romanise_lao(lao)) == phonetic(latin)


def test_lao_normalisation_runs_before_romanising():
    assert lao_key_text(f"ຄໍາ{ZWSP}ຟ້ອງ") == "ຄ\u0ecdາຟອງ"
    assert romanise_lao("ແສງອາລຸນ") == "saengalun"
    assert romanise_lao("ດວງເດືອນ") == "duangduean"
    assert romanise_lao("ປະເສີດ") == "pasoet"


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("Phonsavanh", "Ponsavanh"),  # ph → p
        ("Sithong", "Sitong"),  # th → t
        ("Xaysana", "Xaisana"),  # ai ↔ ay
        ("Phommachanh", "Phomachanh"),  # double consonant written single
        ("Souksavanh", "Souksavan"),  # final h
        ("Vongsavanh", "Wongsavanh"),  # v ↔ w
        ("Souksavanh", "Suksavanh"),  # ou ↔ u
        ("Xayavong", "Sayavong"),  # x ↔ s
        ("Somsack", "Somsak"),  # French -ck
        ("Souligna", "Souliya"),  # French gn for ຍ
        ("Douangdeuane", "Duangduean"),  # French eua, Thai uea
        ("Vieng", "Viang"),  # ie ↔ ia
        ("Paseuth", "Prasert"),  # French eu, Thai pr- and -er-
        ("Phornsavan", "Phonsavan"),  # Thai orn for ອ
        ("Phonesavanh", "Phonsavan"),  # French -ne inside a compound
        ("Srisoulath", "Sisoulath"),  # Thai/Pali Sri
        ("Kèo", "Kaew"),  # ແກ້ວ: BGN è, English aew
        ("Sǭmphǭn", "Somphone"),  # ALA-LC diacritics, French -ne
        ("Sængsulinyā", "Sengsouliya"),  # ALA-LC æ and ny, macrons
        ("Čanthalā", "Chanthala"),  # ALA-LC č
        ("PHOMMACHANH", "Phommachanh"),  # capitals
        ("Kwan", "Khouane"),  # ຂວັນ: a consonant + ວ
        ("Boonmee", "Bounmy"),  # Thai oo, ee
    ],
)
def test_latin_spellings_fold_to_one_key(variant, plain):
    assert phonetic(variant) == phonetic(plain)


def test_a_consonant_with_wo_before_its_vowel_reads_ua():
    assert phonetic(romanise_lao("ຂວັນ")) == phonetic("Khouane")
    assert phonetic(romanise_lao("ກວາງ")) == phonetic("Kouang")
    assert romanise_lao("ສະຫວັນ") == "savan"  # ຫວ is one initial, not ຫ + ວ


def test_lao_and_latin_meet():
    assert name_forms("ສຸກສະຫວັນ ພົມມະຈັນ") == name_forms("Souksavanh Phommachanh")
    assert name_forms("ຈັນທະລາ ສີສຸລາດ") == name_forms("Chanthala Sisoulath")
    assert name_forms("ພອນສະຫວັນ ແສງອາລຸນ") == name_forms("Phonesavanh Sengaloun")


def test_a_name_split_into_syllables_is_read_joined():
    forms = name_forms("Souk Savanh Phommachanh")
    assert ("suksavan", "pomasan") in forms
    assert name_forms("ສຸກ ສະຫວັນ ພົມມະຈັນ") == forms
    assert fold_latin("Sīhālāt") == "sihalat"


def test_a_missing_initial_vowel_sign_still_meets_in_a_block():
    from pokpong.matching.batch import candidate_pairs

    records = _records([("ວັນນະ ອິນທະລາດ", "", None, ""), ("ວັນນະ ອນທະລາດ", "", None, "")])
    assert list(candidate_pairs(records)) == [(0, 1)]


def _records(rows):
    return [
        Record(str(i), [name], sex, year, prov) for i, (name, sex, year, prov) in enumerate(rows)
    ]


def test_combined_variations_are_matched():
    rows = [
        ("ສຸກສະຫວັນ ພົມມະຈັນ", "female", 1990, "LA-SV"),
        # split + final h dropped + ph→p + swapped + capitals, no birth year, no province
        ("POMMACHAN Souk Savan", "female", None, ""),
        # ໍ+າ, ຣ for ລ, zero-width, a space inside, tone dropped
        (f"ຄໍາ ພອນ{ZWSP} ສີສຸຣາດ", "male", 1975, "LA-VT"),
        ("Khamphone Sisoulath", "male", 1975, "LA-VT"),
        ("Kham Phorn SRISULAT", "male", None, "LA-VT"),
    ]
    pairs = {(a, b) for a, b, _score in match(_records(rows))}
    assert pairs == {("0", "1"), ("2", "3"), ("2", "4"), ("3", "4")}


def test_hard_negatives_are_not_matched():
    rows = [
        ("Bounmy Sihalath", "male", 1980, "LA-VT"),
        ("Bounma Sihalath", "male", 1983, "LA-VT"),  # brother: a given name one syllable apart
        ("Bounmy Sihalath", "male", 2008, "LA-VT"),  # son of the same name, 28 years younger
        ("Somsack Sihalath", "male", 1981, "LA-VT"),  # cousin: same family name
        ("Manivanh Phommachanh", "female", 1995, "LA-SV"),
        ("Manichanh Phommachanh", "female", 1999, "LA-SV"),  # sister, four years younger
        ("ມະນີຈັນ ພົມມະຈັນ", "female", 1999, "LA-SV"),  # the sister again, in Lao
    ]
    pairs = {(a, b) for a, b, _score in match(_records(rows))}
    assert pairs == {("5", "6")}
