import datetime

import pytest

from clusters import selectors
from clusters.models import EmulationGroup, GroupMembership, GroupTerm, LineageEvent, OrgUnit
from core.models import AuditEntry
from demo.loader import load_demo

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def demo_mode(settings):
    settings.DEMO_MODE = True
    settings.DEMO_PASSWORD = "Demo-pass-2024"
    return settings


def test_load_demo_twice_changes_no_organisation_data(demo_mode):
    load_demo()
    counts = (
        OrgUnit.objects.count(),
        LineageEvent.objects.count(),
        EmulationGroup.objects.count(),
        GroupMembership.objects.count(),
        GroupTerm.objects.count(),
        AuditEntry.objects.count(),
    )

    changed = load_demo()

    assert changed == 0
    assert (
        OrgUnit.objects.count(),
        LineageEvent.objects.count(),
        EmulationGroup.objects.count(),
        GroupMembership.objects.count(),
        GroupTerm.objects.count(),
        AuditEntry.objects.count(),
    ) == counts


def test_load_demo_district_block_2024_is_headed_by_hung_yen_city(demo_mode):
    load_demo()

    block = EmulationGroup.objects.get(code="HY-KHOI-HUYEN")
    term = GroupTerm.objects.get(group=block, year=2024)
    members = set(block.memberships.filter(year=2024).values_list("unit__code", flat=True))

    assert block.name == "Khối thi đua các huyện, thành phố"
    assert term.head_unit.code == "323"
    assert members == {"323", "325", "326", "327", "328", "329", "330", "331", "332", "333"}


def test_load_demo_has_104_communes_on_merger_day_in_clusters_of_8_to_11(demo_mode):
    load_demo()

    on_day = selectors.units_on(datetime.date(2025, 7, 1)).filter(unit_type__in=["commune", "ward"])
    clusters = EmulationGroup.objects.filter(kind="cluster")
    sizes = sorted(c.memberships.filter(year=2025).count() for c in clusters)

    assert on_day.count() == 104
    assert on_day.filter(unit_type="ward").count() == 11
    assert sum(sizes) == 104
    assert sizes[0] >= 8
    assert sizes[-1] <= 11
    assert GroupTerm.objects.filter(group__in=clusters, year=2025).count() == 11
    assert GroupTerm.objects.filter(group__in=clusters, year=2026).count() == 11


def test_load_demo_links_pho_hien_to_its_six_old_units(demo_mode):
    load_demo()

    pho_hien = OrgUnit.objects.get(code="11953")
    old = set(
        selectors.predecessors_of(pho_hien, include_self=False).values_list(
            "official_code", flat=True
        )
    )

    assert pho_hien.name == "Phường Phố Hiến"
    assert old == {"11956", "11959", "11953", "11962", "11971", "11974"}
    assert OrgUnit.objects.get(code="11956-2024").parent.code == "323"
    assert OrgUnit.objects.get(code="11956-2024").name == "Phường An Tảo (TP Hưng Yên)"
