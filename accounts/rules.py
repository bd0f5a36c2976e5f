"""Role predicates that every app builds on.

Each predicate looks at the user's role assignments in force today (one query per request,
see `accounts.selectors.active_roles`). Object predicates take anything that is an `OrgUnit`
or carries a `unit_id`, so later apps can reuse them for their own objects.
"""

import rules

from accounts import selectors
from accounts.enums import Role


def has_role(*roles: str):
    name = "has_role:" + "|".join(roles)

    @rules.predicate(name=name)
    def predicate(user):
        return bool(selectors.role_codes(user) & set(roles))

    return predicate


is_unit_officer = has_role(Role.UNIT_OFFICER)
is_unit_leader = has_role(Role.UNIT_LEADER)
is_group_head = has_role(Role.GROUP_HEAD)
is_emulation_officer = has_role(Role.EMULATION_OFFICER)
is_council_member = has_role(Role.COUNCIL_MEMBER)
is_leadership = has_role(Role.LEADERSHIP)
is_system_admin = has_role(Role.SYSTEM_ADMIN)

is_unit_staff = is_unit_officer | is_unit_leader
is_province_wide_reader = is_emulation_officer | is_leadership | is_council_member | is_system_admin


def _unit_id_of(obj):
    # accounts sits below clusters (docs/adr/0002): recognise an OrgUnit without importing it.
    if getattr(getattr(obj, "_meta", None), "label_lower", "") == "clusters.orgunit":
        return obj.pk
    return getattr(obj, "unit_id", None)


@rules.predicate
def belongs_to_unit(user, obj):
    """The user holds any role in the object's unit."""
    unit_id = _unit_id_of(obj)
    return unit_id is not None and unit_id in selectors.unit_ids(user)


@rules.predicate
def is_officer_of_unit(user, obj):
    unit_id = _unit_id_of(obj)
    return unit_id is not None and unit_id in selectors.unit_ids(
        user, Role.UNIT_OFFICER, Role.UNIT_LEADER
    )


@rules.predicate
def is_leader_of_unit(user, obj):
    unit_id = _unit_id_of(obj)
    return unit_id is not None and unit_id in selectors.unit_ids(user, Role.UNIT_LEADER)


can_view_unit_data = is_province_wide_reader | belongs_to_unit

rules.add_perm("core.view_audit_log", is_system_admin)
rules.add_perm("accounts.manage_roles", is_system_admin)
rules.add_perm("core.view_api_docs", is_system_admin | is_emulation_officer)
