"""The role matrix: every role × every predicate and permission in `accounts.rules`."""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts import rules as account_rules
from accounts.enums import Role
from tests.factories.accounts import RoleAssignmentFactory, UserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

VN = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = datetime.date(2025, 3, 15)
YESTERDAY = TODAY - datetime.timedelta(days=1)
TOMORROW = TODAY + datetime.timedelta(days=1)

ALL_ROLES = frozenset(Role)
UNIT_STAFF = frozenset({Role.UNIT_OFFICER, Role.UNIT_LEADER})
PROVINCE_WIDE = frozenset(
    {Role.EMULATION_OFFICER, Role.LEADERSHIP, Role.COUNCIL_MEMBER, Role.SYSTEM_ADMIN}
)

# predicate name -> the roles for which it holds (the user's roles are all in `unit`).
ROLE_PREDICATES = {
    "is_unit_officer": {Role.UNIT_OFFICER},
    "is_unit_leader": {Role.UNIT_LEADER},
    "is_group_head": {Role.GROUP_HEAD},
    "is_emulation_officer": {Role.EMULATION_OFFICER},
    "is_council_member": {Role.COUNCIL_MEMBER},
    "is_leadership": {Role.LEADERSHIP},
    "is_system_admin": {Role.SYSTEM_ADMIN},
    "is_unit_staff": UNIT_STAFF,
    "is_province_wide_reader": PROVINCE_WIDE,
}

# (predicate name, whose unit) -> the roles for which it holds.
OBJECT_PREDICATES = {
    ("belongs_to_unit", "own"): ALL_ROLES,
    ("belongs_to_unit", "other"): frozenset(),
    ("is_officer_of_unit", "own"): UNIT_STAFF,
    ("is_officer_of_unit", "other"): frozenset(),
    ("is_leader_of_unit", "own"): {Role.UNIT_LEADER},
    ("is_leader_of_unit", "other"): frozenset(),
    ("can_view_unit_data", "own"): ALL_ROLES,
    ("can_view_unit_data", "other"): PROVINCE_WIDE,
}

PERMISSIONS = {
    "core.view_audit_log": {Role.SYSTEM_ADMIN},
    "accounts.manage_roles": {Role.SYSTEM_ADMIN},
    "core.view_api_docs": {Role.SYSTEM_ADMIN, Role.EMULATION_OFFICER},
}


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime.datetime(2025, 3, 15, 9, 0, tzinfo=VN), tick=False)


def holder(unit, roles, *, valid_from=datetime.date(2024, 1, 1), valid_to=None, is_active=True):
    user = UserFactory(is_active=is_active)
    for role in roles:
        RoleAssignmentFactory(
            user=user, unit=unit, role=role, valid_from=valid_from, valid_to=valid_to
        )
    return user


def every_check(user, own_unit, other_unit):
    """Each predicate and permission, evaluated for `user`, by name."""
    results = {name: getattr(account_rules, name).test(user) for name in ROLE_PREDICATES}
    for name, whose in OBJECT_PREDICATES:
        target = own_unit if whose == "own" else other_unit
        results[f"{name}:{whose}"] = getattr(account_rules, name).test(user, target)
    for perm in PERMISSIONS:
        results[perm] = user.has_perm(perm)
    return results


def expected_checks(roles):
    expected = {name: bool(holders & roles) for name, holders in ROLE_PREDICATES.items()}
    for (name, whose), holders in OBJECT_PREDICATES.items():
        expected[f"{name}:{whose}"] = bool(holders & roles)
    for perm, holders in PERMISSIONS.items():
        expected[perm] = bool(holders & roles)
    return expected


@pytest.mark.parametrize("role", list(Role), ids=str)
@pytest.mark.parametrize("predicate_name", list(ROLE_PREDICATES))
def test_role_predicate_holds_only_for_its_roles(role, predicate_name, unit):
    user = holder(unit, [role])

    result = getattr(account_rules, predicate_name).test(user)

    assert result == (role in ROLE_PREDICATES[predicate_name])


@pytest.mark.parametrize("role", list(Role), ids=str)
@pytest.mark.parametrize(("predicate_name", "whose"), list(OBJECT_PREDICATES))
def test_object_predicate_on_unit_holds_only_for_its_roles(
    role, predicate_name, whose, unit, other_unit
):
    user = holder(unit, [role])
    target = unit if whose == "own" else other_unit

    result = getattr(account_rules, predicate_name).test(user, target)

    assert result == (role in OBJECT_PREDICATES[(predicate_name, whose)])


@pytest.mark.parametrize("role", list(Role), ids=str)
@pytest.mark.parametrize(("predicate_name", "whose"), list(OBJECT_PREDICATES))
def test_object_predicate_on_object_with_unit_id_holds_only_for_its_roles(
    role, predicate_name, whose, unit, other_unit
):
    user = holder(unit, [role])
    record = SimpleNamespace(unit_id=(unit if whose == "own" else other_unit).pk)

    result = getattr(account_rules, predicate_name).test(user, record)

    assert result == (role in OBJECT_PREDICATES[(predicate_name, whose)])


@pytest.mark.parametrize("role", list(Role), ids=str)
@pytest.mark.parametrize("perm", list(PERMISSIONS))
def test_permission_granted_only_to_its_roles(role, perm, unit):
    user = holder(unit, [role])

    result = user.has_perm(perm)

    assert result == (role in PERMISSIONS[perm])


@pytest.mark.parametrize("predicate_name", sorted({name for name, _ in OBJECT_PREDICATES}))
def test_object_predicate_without_unit_is_false(predicate_name, unit):
    user = holder(unit, list(Role))

    result = getattr(account_rules, predicate_name).test(user, SimpleNamespace())

    # can_view_unit_data still lets province-wide readers through; the unit test alone fails.
    assert result == (predicate_name == "can_view_unit_data")


@pytest.mark.parametrize(
    ("validity", "counts"),
    [
        ({}, True),
        ({"valid_to": TODAY}, True),
        ({"valid_from": TODAY}, True),
        ({"valid_from": datetime.date(2024, 1, 1), "valid_to": YESTERDAY}, False),
        ({"valid_from": TOMORROW}, False),
        ({"valid_from": TOMORROW, "valid_to": datetime.date(2025, 12, 31)}, False),
    ],
    ids=["open_ended", "ends_today", "starts_today", "expired", "future", "future_bounded"],
)
def test_rules_count_assignment_only_while_in_force(validity, counts, unit, other_unit):
    user = holder(unit, list(Role), **validity)

    results = every_check(user, unit, other_unit)

    assert results == expected_checks(ALL_ROLES if counts else frozenset())


def test_rules_refuse_everything_to_inactive_user(unit, other_unit):
    user = holder(unit, list(Role), is_active=False)

    results = every_check(user, unit, other_unit)

    assert results == expected_checks(frozenset())


def test_rules_refuse_everything_to_anonymous_user(unit, other_unit):
    results = every_check(AnonymousUser(), unit, other_unit)

    assert results == expected_checks(frozenset())


def test_rules_grant_nothing_to_user_without_roles(unit, other_unit):
    user = UserFactory()

    results = every_check(user, unit, other_unit)

    assert results == expected_checks(frozenset())


def test_rules_use_vietnam_date_just_after_local_midnight(time_machine, unit):
    # 17:30 UTC on 14/03 is 00:30 on 15/03 in Hưng Yên: a role starting 15/03 is in force.
    time_machine.move_to(datetime.datetime(2025, 3, 14, 17, 30, tzinfo=datetime.UTC), tick=False)
    starts_today = holder(unit, [Role.UNIT_OFFICER], valid_from=TODAY)
    ended_yesterday = holder(unit, [Role.UNIT_OFFICER], valid_to=YESTERDAY)

    results = (
        account_rules.is_unit_officer.test(starts_today),
        account_rules.is_unit_officer.test(ended_yesterday),
    )

    assert results == (True, False)


def test_rules_read_roles_once_per_user_object(unit, other_unit, django_assert_num_queries):
    user = holder(unit, [Role.UNIT_LEADER, Role.EMULATION_OFFICER])

    with django_assert_num_queries(1):
        results = [
            account_rules.is_unit_leader.test(user),
            account_rules.is_province_wide_reader.test(user),
            account_rules.is_system_admin.test(user),
            account_rules.is_leader_of_unit.test(user, unit),
            account_rules.can_view_unit_data.test(user, other_unit),
        ]

    assert results == [True, True, False, True, True]


def test_rules_role_in_other_unit_gives_no_unit_rights_here(unit, other_unit):
    user = holder(other_unit, [Role.UNIT_LEADER])

    results = (
        account_rules.belongs_to_unit.test(user, unit),
        account_rules.is_officer_of_unit.test(user, unit),
        account_rules.is_leader_of_unit.test(user, unit),
        account_rules.can_view_unit_data.test(user, unit),
        account_rules.is_leader_of_unit.test(user, other_unit),
    )

    assert results == (False, False, False, False, True)
