"""Reading the figures costs a fixed number of queries, whatever the size of the province."""

import pytest

from clusters.enums import GroupKind, GroupLevel, UnitType
from clusters.models import EmulationGroup, GroupMembership, OrgUnit
from reports import data

pytestmark = pytest.mark.integration


def _extra_groups(count: int) -> None:
    for g in range(count):
        group = EmulationGroup.objects.create(
            code=f"X{g}", name=f"Cụm thêm {g}", kind=GroupKind.CLUSTER, level=GroupLevel.PROVINCIAL
        )
        for u in range(3):
            unit = OrgUnit.objects.create(
                code=f"X{g}-{u}", name=f"Xã thêm {g}-{u}", unit_type=UnitType.COMMUNE
            )
            GroupMembership.objects.create(group=group, unit=unit, year=2025, level=group.level)


@pytest.mark.parametrize("extra", [1, 3])
def test_province_figures_take_a_fixed_number_of_queries(
    extra, province, django_assert_num_queries
):
    _extra_groups(extra)

    with django_assert_num_queries(22):
        figures = data.province_review_data(2025, "year")

    assert figures["totals"]["groups"] == 2 + extra
    assert figures["totals"]["members"] == 5 + 3 * extra


def test_group_figures_take_a_fixed_number_of_queries(province, django_assert_num_queries):
    with django_assert_num_queries(7):
        figures = data.group_review_data(province.block, 2025, "year")

    assert [(m["name"], m["role"]) for m in figures["members"]] == [
        ("Sở Nội vụ", "head"),
        ("Sở Tài chính", "member"),
        ("Sở Y tế", "member"),
    ]
