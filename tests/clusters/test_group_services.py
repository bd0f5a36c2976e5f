import datetime

import pytest

from clusters import services
from clusters.enums import GroupLevel
from clusters.models import GroupMembership, GroupTerm
from core.exceptions import DomainError
from core.models import AuditEntry
from tests.factories.clusters import (
    EmulationGroupFactory,
    GroupMembershipFactory,
    OrgUnitFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_add_member_creates_membership_with_group_level_and_audit(block, outsider_unit):
    membership = services.add_member(block, unit=outsider_unit, year=2025, actor=None)

    assert (membership.level, membership.year) == (GroupLevel.PROVINCIAL, 2025)
    assert AuditEntry.objects.get().after == {
        "group": "HY-KHOI-TEST",
        "unit": "HY-Z",
        "year": 2025,
    }


def test_unit_cannot_join_two_groups_of_one_level_in_a_year(block):
    other = EmulationGroupFactory(code="HY-KHOI-OTHER", name="Khối khác")
    unit = block.units["member"]

    with pytest.raises(DomainError) as excinfo:
        services.add_member(other, unit=unit, year=2025, actor=None)

    assert excinfo.value.code == "one_group_per_level"
    assert excinfo.value.message == (
        "Sở C already belongs to Khối thi đua thử nghiệm in 2025; a unit belongs to at most "
        "one cluster/block of each level in a year."
    )
    assert GroupMembership.objects.filter(group=other).count() == 0
    assert AuditEntry.objects.count() == 0


def test_unit_may_join_groups_of_different_levels_in_one_year(block):
    sector = EmulationGroupFactory(code="NGANH", level=GroupLevel.SECTORAL)

    services.add_member(sector, unit=block.units["member"], year=2025, actor=None)

    assert GroupMembership.objects.filter(unit=block.units["member"], year=2025).count() == 2


def test_unit_that_no_longer_exists_cannot_join(block):
    gone = OrgUnitFactory(code="GONE", valid_to=datetime.date(2024, 12, 31))

    with pytest.raises(DomainError) as excinfo:
        services.add_member(block, unit=gone, year=2025, actor=None)

    assert excinfo.value.code == "unit_not_in_year"
    assert GroupMembership.objects.filter(unit=gone).count() == 0


def test_head_must_be_a_member_that_year(block, outsider_unit):
    with pytest.raises(DomainError) as excinfo:
        services.set_term(block, year=2025, head_unit=outsider_unit, actor=None)

    term = GroupTerm.objects.get(group=block, year=2025)
    assert excinfo.value.code == "head_not_member"
    assert term.head_unit == block.units["head"]
    assert AuditEntry.objects.count() == 0


def test_deputy_must_differ_from_head(block):
    head = block.units["member"]

    with pytest.raises(DomainError) as excinfo:
        services.set_term(block, year=2025, head_unit=head, deputy_unit=head, actor=None)

    assert excinfo.value.code == "deputy_is_head"


def test_deputy_must_be_a_member(block, outsider_unit):
    with pytest.raises(DomainError) as excinfo:
        services.set_term(
            block,
            year=2025,
            head_unit=block.units["member"],
            deputy_unit=outsider_unit,
            actor=None,
        )

    assert excinfo.value.code == "deputy_not_member"


def test_set_term_rotates_head_and_records_decision(block):
    term = services.set_term(
        block,
        year=2025,
        head_unit=block.units["member"],
        deputy_unit=block.units["head"],
        decision_ref="QĐ 12/QĐ-HĐTĐKT",
        actor=None,
    )

    assert (term.head_unit, term.deputy_unit, term.decision_ref) == (
        block.units["member"],
        block.units["head"],
        "QĐ 12/QĐ-HĐTĐKT",
    )
    assert GroupTerm.objects.filter(group=block).count() == 1
    assert AuditEntry.objects.get().before["head"] == "HY-A"


def test_head_cannot_be_removed_from_the_group(block):
    membership = GroupMembership.objects.get(group=block, unit=block.units["head"])

    with pytest.raises(DomainError) as excinfo:
        services.remove_member(membership, actor=None)

    assert excinfo.value.code == "member_is_head"
    assert GroupMembership.objects.filter(group=block, year=2025).count() == 3


def test_remove_member_deletes_and_audits(block):
    membership = GroupMembership.objects.get(group=block, unit=block.units["member"])

    services.remove_member(membership, actor=None)

    assert set(
        GroupMembership.objects.filter(group=block).values_list("unit__code", flat=True)
    ) == {"HY-A", "HY-B"}
    assert AuditEntry.objects.get().before == {
        "group": "HY-KHOI-TEST",
        "unit": "HY-C",
        "year": 2025,
    }


def test_level_of_group_with_members_cannot_change(block):
    with pytest.raises(DomainError) as excinfo:
        services.update_group(block, level=GroupLevel.SECTORAL, actor=None)

    block.refresh_from_db()
    assert excinfo.value.code == "level_locked"
    assert block.level == GroupLevel.PROVINCIAL


def test_copy_to_next_year_copies_members_and_term_and_skips_gone_units(block):
    gone = OrgUnitFactory(
        code="HY-GONE", name="Sở đã giải thể", valid_to=datetime.date(2025, 6, 30)
    )
    GroupMembershipFactory(group=block, unit=gone, year=2025)

    report = services.copy_groups_to_next_year(from_year=2025, actor=None)

    members_2026 = set(
        GroupMembership.objects.filter(group=block, year=2026).values_list("unit__code", flat=True)
    )
    term = GroupTerm.objects.get(group=block, year=2026)
    assert members_2026 == {"HY-A", "HY-B", "HY-C"}
    assert (term.head_unit.code, term.deputy_unit.code) == ("HY-A", "HY-B")
    assert (report.memberships_created, report.terms_created, report.already_there) == (3, 1, 0)
    assert [(s.group, s.unit, s.reason) for s in report.skipped] == [
        ("HY-KHOI-TEST", "HY-GONE", "the unit no longer exists in that year")
    ]
    assert AuditEntry.objects.get().action == "clusters.emulation_group.year_copied"


def test_copy_to_next_year_twice_adds_nothing(block):
    services.copy_groups_to_next_year(from_year=2025, actor=None)

    report = services.copy_groups_to_next_year(from_year=2025, actor=None)

    assert (report.memberships_created, report.terms_created, report.already_there) == (0, 0, 3)
    assert GroupMembership.objects.filter(year=2026).count() == 3


def test_copy_skips_head_that_no_longer_exists_and_reports_it(block):
    head = block.units["head"]
    head.valid_to = datetime.date(2025, 12, 31)
    head.save()

    report = services.copy_groups_to_next_year(from_year=2025, actor=None)

    assert GroupTerm.objects.filter(year=2026).count() == 0
    assert [(s.unit, s.reason) for s in report.skipped] == [
        ("HY-A", "the unit no longer exists in that year"),
        ("HY-A", "the head is not a member in the new year; no head was copied"),
    ]


def test_copy_skips_unit_already_in_another_group_of_the_level(block):
    other = EmulationGroupFactory(code="HY-KHOI-2026")
    GroupMembershipFactory(group=other, unit=block.units["member"], year=2026)

    report = services.copy_groups_to_next_year(from_year=2025, actor=None)

    assert [(s.unit, s.reason) for s in report.skipped] == [
        ("HY-C", "the unit already belongs to HY-KHOI-2026 that year")
    ]
    assert GroupMembership.objects.filter(group=block, year=2026).count() == 2


def test_copy_skips_groups_that_no_longer_run(block):
    block.valid_to = datetime.date(2025, 12, 31)
    block.save()

    report = services.copy_groups_to_next_year(from_year=2025, actor=None)

    assert report.memberships_created == 0
    assert {s.reason for s in report.skipped} == {"the cluster/block no longer runs"}


def test_integrity_error_from_the_database_becomes_a_clear_error(block, outsider_unit):
    """A row the pre-check cannot see (stored with another level) still trips a constraint;
    the service turns the IntegrityError into a domain error and writes nothing."""
    GroupMembershipFactory(group=block, unit=outsider_unit, year=2025, level=GroupLevel.SECTORAL)

    with pytest.raises(DomainError) as excinfo:
        services.add_member(block, unit=outsider_unit, year=2025, actor=None)

    assert excinfo.value.code == "one_group_per_level"
    assert excinfo.value.message == (
        "Sở Z (ngoài khối) already belongs to Khối thi đua thử nghiệm in 2025; a unit belongs "
        "to at most one cluster/block of each level in a year."
    )
    assert GroupMembership.objects.filter(unit=outsider_unit).count() == 1
    assert AuditEntry.objects.count() == 0
