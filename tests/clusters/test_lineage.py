import datetime

import pytest
from django.utils import timezone

from clusters import selectors, services
from clusters.enums import LineageKind
from clusters.models import LineageEvent, UnitParentPeriod
from core.exceptions import DomainError
from core.models import AuditEntry
from tests.factories.clusters import OrgUnitFactory, UnitParentPeriodFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PHO_HIEN_OLD = {"11956", "11959", "11953", "11962", "11971", "11974"}


def _official(qs):
    return set(qs.values_list("official_code", flat=True))


def test_predecessors_of_pho_hien_are_its_six_old_units(reorganisation):
    pho_hien = reorganisation["new"]["11953"]

    result = selectors.predecessors_of(pho_hien, include_self=False)

    assert _official(result) == PHO_HIEN_OLD


def test_predecessors_of_includes_the_unit_itself_by_default(reorganisation):
    pho_hien = reorganisation["new"]["11953"]

    result = set(selectors.predecessors_of(pho_hien).values_list("code", flat=True))

    assert result == {f"{code}-2024" for code in PHO_HIEN_OLD} | {"11953"}


def test_split_old_commune_feeds_two_new_communes(reorganisation):
    ngoc_thanh = reorganisation["old"]["12322"]

    result = set(selectors.successors_of(ngoc_thanh).values_list("code", flat=True))

    assert result == {"11983", "12322"}
    assert ngoc_thanh.name == "Xã Ngọc Thanh"


def test_split_old_commune_is_a_partial_predecessor_of_both(reorganisation):
    ngoc_thanh = reorganisation["old"]["12322"]

    links = {
        (link.event.links.get(role="successor").unit.code, link.is_partial)
        for link in ngoc_thanh.lineage_links.select_related("event")
    }

    assert links == {("11983", True), ("12322", True)}


def test_lineage_is_followed_across_several_events(reorganisation):
    """An older merge (2019) into An Tảo reaches Phố Hiến through the 2025 event."""
    an_tao = reorganisation["old"]["11956"]
    older = OrgUnitFactory(code="OLD-1", name="Xã Cũ Một", valid_to=datetime.date(2019, 12, 31))
    services.record_lineage_event(
        kind=LineageKind.MERGE,
        effective_on=datetime.date(2020, 1, 1),
        predecessors=[older, an_tao],
        successors=[an_tao],
        actor=None,
    )

    predecessors = set(
        selectors.predecessors_of(reorganisation["new"]["11953"]).values_list("code", flat=True)
    )
    successors = set(selectors.successors_of(older).values_list("code", flat=True))

    assert "OLD-1" in predecessors
    assert len(predecessors) == 8
    assert successors == {"11956-2024", "11953"}


def test_whole_predecessors_end_the_day_before_and_split_ones_stay_open(reorganisation):
    old = reorganisation["old"]

    old["11956"].refresh_from_db()
    old["12322"].refresh_from_db()

    assert old["11956"].valid_to == datetime.date(2025, 6, 30)
    assert old["12322"].valid_to is None


def test_units_on_date_switches_at_the_merger(reorganisation):
    before = set(selectors.units_on(datetime.date(2025, 6, 30)).values_list("code", flat=True))
    after = set(selectors.units_on(datetime.date(2025, 7, 1)).values_list("code", flat=True))

    assert "11956-2024" in before
    assert "11953" not in before
    # Ngọc Thanh (12322) was only partly taken over, so it has no end date yet.
    assert after == {"11953", "11983", "12322", "12322-2024"}


def test_lineage_events_of_unit_lists_links(reorganisation):
    events = list(selectors.lineage_events_of(reorganisation["new"]["11953"]))

    assert len(events) == 1
    assert events[0].decision_ref == "Nghị quyết 1666/NQ-UBTVQH15 (Điều 1 khoản 94)"
    assert len(events[0].links.all()) == 7


def test_merge_of_a_single_unit_is_refused_and_writes_nothing():
    a, b = OrgUnitFactory(), OrgUnitFactory()

    with pytest.raises(DomainError) as excinfo:
        services.record_lineage_event(
            kind=LineageKind.MERGE,
            effective_on=datetime.date(2025, 7, 1),
            predecessors=[a],
            successors=[b],
            actor=None,
        )

    assert excinfo.value.code == "lineage_shape"
    assert LineageEvent.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_split_divides_one_unit_into_two():
    old, left, right = OrgUnitFactory(code="S"), OrgUnitFactory(code="L"), OrgUnitFactory(code="R")

    services.record_lineage_event(
        kind=LineageKind.SPLIT,
        effective_on=datetime.date(2024, 1, 1),
        predecessors=[old],
        successors=[left, right],
        actor=None,
    )

    assert set(selectors.successors_of(old).values_list("code", flat=True)) == {"L", "R"}
    assert set(selectors.predecessors_of(left).values_list("code", flat=True)) == {"S", "L"}


def test_rename_keeps_the_unit_and_records_old_and_new_name():
    unit = OrgUnitFactory(code="R1", name="Sở Lao động - Thương binh và Xã hội")

    event = services.rename_unit(
        unit,
        name="Sở Nội vụ",
        effective_on=datetime.date(2025, 3, 1),
        decision_ref="QĐ 01/QĐ-UBND",
        actor=None,
    )

    unit.refresh_from_db()
    assert unit.name == "Sở Nội vụ"
    assert (event.kind, event.old_name, event.new_name) == (
        LineageKind.RENAME,
        "Sở Lao động - Thương binh và Xã hội",
        "Sở Nội vụ",
    )
    assert list(selectors.predecessors_of(unit).values_list("code", flat=True)) == ["R1"]
    assert AuditEntry.objects.get().action == "clusters.orgunit.renamed"


def test_dated_parent_answers_for_each_day():
    district = OrgUnitFactory(code="325", name="Huyện Văn Lâm")
    province = OrgUnitFactory(code="33", name="Tỉnh Hưng Yên")
    commune = OrgUnitFactory(code="X", name="Xã X", parent=district)
    UnitParentPeriodFactory(unit=commune, parent=district)

    services.change_unit_parent(
        commune, parent=province, valid_from=datetime.date(2025, 7, 1), actor=None
    )

    commune.refresh_from_db()
    assert selectors.parent_on(commune, datetime.date(2025, 6, 30)) == district
    assert selectors.parent_on(commune, datetime.date(2025, 7, 1)) == province
    assert commune.parent == province
    assert list(selectors.children_on(district, datetime.date(2025, 6, 30))) == [commune]
    assert list(selectors.children_on(district, datetime.date(2025, 7, 1))) == []
    assert [(p.parent.code, p.valid_to) for p in selectors.parent_periods(commune)] == [
        ("325", datetime.date(2025, 6, 30)),
        ("33", None),
    ]


def test_future_parent_change_leaves_current_parent():
    district = OrgUnitFactory(code="D1")
    other = OrgUnitFactory(code="D2")
    unit = OrgUnitFactory(code="X", parent=district)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    services.change_unit_parent(unit, parent=other, valid_from=tomorrow, actor=None)

    unit.refresh_from_db()
    assert unit.parent == district
    assert UnitParentPeriod.objects.get(unit=unit).parent == other


def test_parent_cycle_is_refused():
    top = OrgUnitFactory(code="T")
    child = OrgUnitFactory(code="C", parent=top)

    with pytest.raises(DomainError) as excinfo:
        services.change_unit_parent(
            top, parent=child, valid_from=datetime.date(2025, 1, 1), actor=None
        )

    assert excinfo.value.code == "parent_cycle"
    assert UnitParentPeriod.objects.count() == 0


def test_children_on_falls_back_to_current_parent_without_periods():
    district = OrgUnitFactory(code="D")
    child = OrgUnitFactory(code="C1", parent=district)

    result = list(selectors.children_on(district, datetime.date(2025, 1, 1)))

    assert result == [child]
