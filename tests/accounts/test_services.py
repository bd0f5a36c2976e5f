import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from accounts import rules as account_rules
from accounts import services
from accounts.enums import Role
from accounts.models import RoleAssignment, User
from core.exceptions import DomainError
from core.models import AuditEntry
from tests.factories.accounts import RoleAssignmentFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TODAY = datetime.date(2025, 3, 15)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(
        datetime.datetime(2025, 3, 15, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False
    )


@pytest.fixture
def member(db):
    return UserFactory(username="tran.thi.binh", full_name="Trần Thị Bình")


@pytest.fixture
def assignment(member, unit):
    return RoleAssignmentFactory(
        user=member, unit=unit, role=Role.UNIT_OFFICER, valid_from=datetime.date(2025, 1, 1)
    )


def audit_rows():
    return list(
        AuditEntry.objects.order_by("id").values_list(
            "action", "actor_id", "actor_label", "target_type", "target_id", "before", "after"
        )
    )


def assignment_rows():
    return list(
        RoleAssignment.objects.order_by("id").values_list(
            "user_id", "unit_id", "role", "valid_from", "valid_to"
        )
    )


def test_assign_role_writes_assignment_and_one_audit_entry(member, unit, system_admin):
    assignment = services.assign_role(
        member,
        unit=unit,
        role=Role.UNIT_LEADER,
        actor=system_admin,
        valid_from=datetime.date(2025, 4, 1),
        valid_to=datetime.date(2025, 12, 31),
    )

    stored = RoleAssignment.objects.get(pk=assignment.pk)
    assert (stored.user, stored.unit, stored.role, stored.valid_from, stored.valid_to) == (
        member,
        unit,
        Role.UNIT_LEADER,
        datetime.date(2025, 4, 1),
        datetime.date(2025, 12, 31),
    )
    assert audit_rows() == [
        (
            "accounts.role_assignment.created",
            system_admin.pk,
            system_admin.username,
            ContentType.objects.get_for_model(RoleAssignment).pk,
            str(assignment.pk),
            None,
            {
                "user": "tran.thi.binh",
                "unit": "HY-TEST-A",
                "role": "unit_leader",
                "valid_from": "2025-04-01",
                "valid_to": "2025-12-31",
            },
        )
    ]
    assert AuditEntry.objects.get().target_label == str(assignment)


def test_assign_role_starts_today_by_default(member, unit, system_admin):
    assignment = services.assign_role(member, unit=unit, role=Role.UNIT_OFFICER, actor=system_admin)

    assert (assignment.valid_from, assignment.valid_to) == (TODAY, None)
    assert AuditEntry.objects.get().after == {
        "user": "tran.thi.binh",
        "unit": "HY-TEST-A",
        "role": "unit_officer",
        "valid_from": "2025-03-15",
        "valid_to": None,
    }


def test_assign_role_refreshes_roles_cached_on_user(member, unit, system_admin):
    before = account_rules.is_unit_leader.test(member)

    services.assign_role(member, unit=unit, role=Role.UNIT_LEADER, actor=system_admin)

    assert (before, account_rules.is_unit_leader.test(member)) == (False, True)


def test_assign_role_with_end_before_start_raises_and_writes_nothing(member, unit, system_admin):
    rows_before = assignment_rows()

    with pytest.raises(ValidationError) as excinfo:
        services.assign_role(
            member,
            unit=unit,
            role=Role.UNIT_OFFICER,
            actor=system_admin,
            valid_from=datetime.date(2025, 6, 1),
            valid_to=datetime.date(2025, 5, 31),
        )

    assert list(excinfo.value.error_dict) == ["__all__"]
    assert assignment_rows() == rows_before
    assert RoleAssignment.objects.filter(user=member).count() == 0
    assert audit_rows() == []


def test_assign_role_twice_from_same_day_raises_and_writes_nothing(
    assignment, member, unit, system_admin
):
    rows_before = assignment_rows()

    with pytest.raises(ValidationError) as excinfo:
        services.assign_role(
            member,
            unit=unit,
            role=Role.UNIT_OFFICER,
            actor=system_admin,
            valid_from=datetime.date(2025, 1, 1),
        )

    assert list(excinfo.value.error_dict) == ["__all__"]
    assert assignment_rows() == rows_before
    assert audit_rows() == []


def test_assign_role_with_unknown_role_raises_and_writes_nothing(member, unit, system_admin):
    rows_before = assignment_rows()

    with pytest.raises(ValidationError) as excinfo:
        services.assign_role(member, unit=unit, role="chairman", actor=system_admin)

    assert list(excinfo.value.error_dict) == ["role"]
    assert assignment_rows() == rows_before
    assert audit_rows() == []


def test_change_role_assignment_updates_dates_and_audits_before_and_after(assignment, system_admin):
    services.change_role_assignment(
        assignment,
        actor=system_admin,
        valid_from=datetime.date(2025, 2, 1),
        valid_to=datetime.date(2025, 9, 30),
    )

    assignment.refresh_from_db()
    assert (assignment.valid_from, assignment.valid_to) == (
        datetime.date(2025, 2, 1),
        datetime.date(2025, 9, 30),
    )
    assert audit_rows() == [
        (
            "accounts.role_assignment.changed",
            system_admin.pk,
            system_admin.username,
            ContentType.objects.get_for_model(RoleAssignment).pk,
            str(assignment.pk),
            {
                "user": "tran.thi.binh",
                "unit": "HY-TEST-A",
                "role": "unit_officer",
                "valid_from": "2025-01-01",
                "valid_to": None,
            },
            {
                "user": "tran.thi.binh",
                "unit": "HY-TEST-A",
                "role": "unit_officer",
                "valid_from": "2025-02-01",
                "valid_to": "2025-09-30",
            },
        )
    ]


def test_change_role_assignment_reads_before_from_database(assignment, system_admin):
    # An object edited in memory (as the admin form does) must not fake the "before" values.
    assignment.valid_to = datetime.date(2025, 6, 30)

    services.change_role_assignment(
        assignment,
        actor=system_admin,
        valid_from=datetime.date(2025, 1, 1),
        valid_to=datetime.date(2025, 6, 30),
    )

    assert AuditEntry.objects.get().before["valid_to"] is None


def test_change_role_assignment_with_end_before_start_raises_and_writes_nothing(
    assignment, system_admin
):
    rows_before = assignment_rows()

    with pytest.raises(ValidationError) as excinfo:
        services.change_role_assignment(
            assignment,
            actor=system_admin,
            valid_from=datetime.date(2025, 6, 1),
            valid_to=datetime.date(2025, 1, 31),
        )

    assert list(excinfo.value.error_dict) == ["__all__"]
    assert assignment_rows() == rows_before
    assert audit_rows() == []


def test_end_role_assignment_ends_today_by_default_and_audits(assignment, system_admin):
    services.end_role_assignment(assignment, actor=system_admin)

    assignment.refresh_from_db()
    assert assignment.valid_to == TODAY
    assert audit_rows() == [
        (
            "accounts.role_assignment.ended",
            system_admin.pk,
            system_admin.username,
            ContentType.objects.get_for_model(RoleAssignment).pk,
            str(assignment.pk),
            {
                "user": "tran.thi.binh",
                "unit": "HY-TEST-A",
                "role": "unit_officer",
                "valid_from": "2025-01-01",
                "valid_to": None,
            },
            {
                "user": "tran.thi.binh",
                "unit": "HY-TEST-A",
                "role": "unit_officer",
                "valid_from": "2025-01-01",
                "valid_to": "2025-03-15",
            },
        )
    ]


def test_end_role_assignment_keeps_role_through_end_day_only(
    time_machine, assignment, member, system_admin
):
    services.end_role_assignment(assignment, actor=system_admin, on=TODAY)
    on_end_day = account_rules.is_unit_officer.test(User.objects.get(pk=member.pk))
    time_machine.move_to(
        datetime.datetime(2025, 3, 16, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False
    )

    day_after = account_rules.is_unit_officer.test(User.objects.get(pk=member.pk))

    assert (on_end_day, day_after) == (True, False)


def test_end_role_assignment_on_given_day(assignment, system_admin):
    services.end_role_assignment(assignment, actor=system_admin, on=datetime.date(2025, 1, 1))

    assignment.refresh_from_db()
    assert assignment.valid_to == datetime.date(2025, 1, 1)
    assert AuditEntry.objects.get().after["valid_to"] == "2025-01-01"


def test_end_role_assignment_before_start_raises_domain_error_and_writes_nothing(
    assignment, system_admin
):
    rows_before = assignment_rows()

    with pytest.raises(DomainError) as excinfo:
        services.end_role_assignment(assignment, actor=system_admin, on=datetime.date(2024, 12, 31))

    assert excinfo.value.code == "invalid_range"
    assert assignment_rows() == rows_before
    assert audit_rows() == []


def test_end_role_assignment_shortens_a_later_end(member, unit, system_admin):
    assignment = RoleAssignmentFactory(
        user=member,
        unit=unit,
        role=Role.UNIT_LEADER,
        valid_from=datetime.date(2025, 1, 1),
        valid_to=datetime.date(2025, 12, 31),
    )

    services.end_role_assignment(assignment, actor=system_admin, on=datetime.date(2025, 6, 30))

    assignment.refresh_from_db()
    assert assignment.valid_to == datetime.date(2025, 6, 30)
    entry = AuditEntry.objects.get()
    assert (entry.before["valid_to"], entry.after["valid_to"]) == ("2025-12-31", "2025-06-30")


def test_end_role_assignment_already_ended_refuses_to_revive_it(member, unit, system_admin):
    assignment = RoleAssignmentFactory(
        user=member,
        unit=unit,
        role=Role.UNIT_LEADER,
        valid_from=datetime.date(2024, 1, 1),
        valid_to=datetime.date(2024, 12, 31),
    )
    rows_before = assignment_rows()

    with pytest.raises(DomainError) as excinfo:
        services.end_role_assignment(assignment, actor=system_admin)

    assert excinfo.value.code == "already_ended"
    assert assignment_rows() == rows_before
    assert audit_rows() == []


def test_end_role_assignment_reads_before_from_database(assignment, system_admin):
    assignment.valid_from = datetime.date(2020, 1, 1)  # edited in memory, never saved

    services.end_role_assignment(assignment, actor=system_admin)

    entry = AuditEntry.objects.get()
    assert (entry.before["valid_from"], entry.after["valid_from"]) == ("2025-01-01", "2025-01-01")
