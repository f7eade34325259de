"""The demo's justice files: one at every stage, suspects named in Lao and Latin script."""

import pytest
from django.db import connection

from pokpong.demo.seed import demo_seed
from pokpong.justice.models import JusticeFile, Suspect, Verdict, WitnessSupport

pytestmark = pytest.mark.django_db


def test_the_demo_holds_a_justice_file_at_every_stage():
    demo_seed(seed=1, persons=40)
    files = JusticeFile.objects.all()
    assert files.count() == 5
    assert files.filter(complaint_filed_on__isnull=False, investigation_status="not_started")
    assert files.filter(investigation_status="investigating", case__province__iso_code="LA-VT")
    assert {v.outcome for v in Verdict.objects.all()} == {"convicted", "acquitted"}
    paid = WitnessSupport.objects.get(compensation_awarded_lak__isnull=False)
    assert (paid.compensation_awarded_lak, paid.compensation_paid_lak) == (30_000_000, 12_000_000)
    names = [s.name for s in Suspect.objects.all()]
    assert any("ສົມສັກ" in n and "Somsak" in n for n in names)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM justice_suspect")
        assert not any("Somsak" in row[0] for row in cursor.fetchall())
