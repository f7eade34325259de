"""The articles of the 2015 law seeded into the editable list (each to be verified by a lawyer)."""

from typing import Any

# (code, article, Lao, English): labels to check against the published text of the law.
LAW_ARTICLES = (
    (
        "ath-2015-art-2",
        "2",
        "ມາດຕາ 2 ການຄ້າມະນຸດ (ຄວາມໝາຍ)",
        "Article 2 Trafficking in persons (definition)",
    ),
    (
        "ath-2015-art-14",
        "14",
        "ມາດຕາ 14 ການຄ້າເດັກ",
        "Article 14 Trafficking in children",
    ),
    (
        "ath-2015-art-89",
        "89",
        "ມາດຕາ 89 ມາດຕະການທາງອາຍາ",
        "Article 89 Criminal penalties",
    ),
    (
        "ath-2015-art-90",
        "90",
        "ມາດຕາ 90 ການຊົດໃຊ້ຄ່າເສຍຫາຍ",
        "Article 90 Compensation for damage",
    ),
)


def load_law_articles(apps: Any, schema_editor: Any) -> None:
    model = apps.get_model("justice", "LawArticle")
    for order, (code, article, name_lo, name_en) in enumerate(LAW_ARTICLES):
        model.objects.update_or_create(
            code=code,
            defaults={
                "article": article,
                "name_lo": name_lo,
                "name_en": name_en,
                "needs_verification": True,
                "sort_order": (order + 1) * 10,
            },
        )
