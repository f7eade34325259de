from pokpong.core.lao import lao_sort_key


def test_lao_alphabetical_order_with_prefix_vowels_sorted_by_their_consonant():
    names = ["ແສງ", "ສົມ", "ບຸນ", "ໄຊ", "ກອງ", "ອາລຸນ"]
    # ກ ຂ ຄ ງ ຈ ສ ຊ ຍ ດ ຕ ຖ ທ ນ ບ … ອ ຮ: ແສງ sorts under ສ, ໄຊ under ຊ.
    assert sorted(names, key=lao_sort_key) == ["ກອງ", "ສົມ", "ແສງ", "ໄຊ", "ບຸນ", "ອາລຸນ"]


def test_code_point_order_would_put_prefix_vowels_last():
    assert sorted(["ໄຊ", "ຫວານ"]) == ["ຫວານ", "ໄຊ"]
    assert sorted(["ໄຊ", "ຫວານ"], key=lao_sort_key) == ["ໄຊ", "ຫວານ"]


def test_lao_sorts_before_latin():
    assert sorted(["Noy", "ນ້ອຍ"], key=lao_sort_key) == ["ນ້ອຍ", "Noy"]
