"""The decisions demo: loads through the services, is idempotent and feeds both statistical
forms for the two previous years."""

import pytest
from django.utils import timezone

from awards.enums import AwardLevel, AwardMethod, DecisionStatus
from awards.models import AwardRecord, Decision
from awards.statistics import award_counts_for_year
from demo.awards_decisions import load_decision_demo
from demo.loader import load_demo

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def demo(settings, tmp_path):
    settings.DEMO_MODE = True
    settings.DEMO_PASSWORD = "Demo-pass-2024"
    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo()


def test_decision_demo_is_loaded_with_the_demo_and_idempotent(demo):
    # load_demo() ran it; a second run changes nothing
    assert (Decision.objects.count(), AwardRecord.objects.count()) == (9, 36)
    assert load_decision_demo() == 0

    year = timezone.localdate().year
    issued = Decision.objects.filter(status=DecisionStatus.ISSUED)
    assert {d.decided_on.year for d in issued} == {year - 2, year - 1}
    assert set(issued.values_list("level", flat=True)) == {AwardLevel.PROVINCE, AwardLevel.STATE}
    assert all(bool(d.file) == (d.level == AwardLevel.PROVINCE) for d in issued)
    draft = Decision.objects.get(status=DecisionStatus.DRAFT)
    assert draft.records.count() == 2
    assert set(AwardRecord.objects.values_list("method", flat=True)) == {
        AwardMethod.REGULAR,
        AwardMethod.THEMATIC,
        AwardMethod.AD_HOC,
    }
    records = AwardRecord.objects.filter(decision__status=DecisionStatus.ISSUED)
    assert set(records.values_list("subject_type", flat=True)) == {
        "collective",
        "individual",
        "household",
    }
    assert set(
        records.exclude(individual_category="").values_list("individual_category", flat=True)
    ) == {"provincial_leader", "department_leader", "entrepreneur", "other_manager", "frontline"}
    assert records.filter(is_enterprise=True).count() >= 2
    revoked = records.get(revoked_at__isnull=False)
    assert revoked.revoked_reason.startswith("Kết luận thanh tra")
    assert records.filter(org_unit__isnull=False).count() >= 5

    for form_year in (year - 2, year - 1):
        counts = award_counts_for_year(form_year)
        for form in ("0602", "0603"):
            assert sum(values.get("1", 0) for values in counts[form].values()) > 0, (
                form,
                form_year,
            )
