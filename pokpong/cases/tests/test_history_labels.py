"""The case history and the audit trail show labels in the reader's language, local times."""

import pytest
from django.utils import translation

from pokpong.core.audit_lines import change_lines, detail_lines
from pokpong.core.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


def _entry(object_type: str, changes: dict, extra: dict | None = None) -> AuditEntry:
    return AuditEntry(
        action=AuditAction.UPDATE, object_type=object_type, changes=changes, extra=extra or {}
    )


def _lines(entry: AuditEntry) -> dict[str, str]:
    return dict(change_lines([entry])[0])


def test_codes_in_lists_and_many_to_many_changes_are_shown_as_their_labels():
    entry = _entry(
        "cases.case",
        {
            "means_of_control": [["FalsePromises"], ["FalsePromises", "DebtBondage"]],
            "forms_of_trafficking": [None, ["forced_labour_hospitality"]],
            "risk_level": ["medium", "high"],
        },
    )
    with translation.override("en"):
        lines = _lines(entry)
    assert lines["Means of control"] == "False promises → False promises, Debt bondage"
    assert lines["Forms of trafficking"] == "— → Forced labour – hospitality"
    assert lines["Risk level"] == "Medium → High"
    with translation.override("lo"):
        text = " ".join(_lines(entry).values())
    assert "FalsePromises" not in text and "forced_labour_hospitality" not in text
    assert "ແຮງງານບັງຄັບ" in text


def test_screening_answers_name_the_question_and_the_answer():
    entry = _entry("cases.screening", {"answers": [None, {"job_different": "yes"}]})
    with translation.override("en"):
        text = _lines(entry)["Answers"]
    assert text == "— → Was the work or the marriage different from what you were promised?: Yes"


def test_times_are_local_without_fractions_of_seconds(settings):
    settings.TIME_ZONE = "Asia/Vientiane"
    entry = _entry(
        "training.certificate",
        {"revoked_at": [None, "2026-11-28 07:04:05.123456+00:00"]},
        extra={"attendance_day": "2026-11-17", "present": 3, "step": "closed"},
    )
    with translation.override("lo"):
        changed = _lines(entry)
        details = dict(detail_lines(entry))
    text = " ".join(changed.values())
    assert "14:04" in text and "07:04" not in text and ".123456" not in text
    assert details["attendance_day"] == "17/11/2026"
    assert details["present"] == "3" and details["step"] == "closed"
