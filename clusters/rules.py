"""Who may read and change the organisation.

- Every signed-in user may read units (who the units are is not secret).
- Home Affairs emulation officers and system administrators manage units, lineage, clusters
  and blocks, and import/export them.
- A group is visible to province-wide readers, to the staff of its member units (any year)
  and to the head/deputy units' group heads.
"""

import rules
from django.db.models import Q

from accounts import selectors as account_selectors
from accounts.enums import Role
from accounts.rules import is_emulation_officer, is_province_wide_reader, is_system_admin

can_manage_org = is_emulation_officer | is_system_admin


@rules.predicate
def heads_group(user, group):
    """The user is a group head in a unit that heads or deputises `group` in some year."""
    if group is None:
        return False
    unit_ids = account_selectors.unit_ids(user, Role.GROUP_HEAD)
    if not unit_ids:
        return False
    return group.terms.filter(
        Q(head_unit_id__in=unit_ids) | Q(deputy_unit_id__in=unit_ids)
    ).exists()


@rules.predicate
def belongs_to_member_unit(user, group):
    """The user holds a role in a unit that is a member of `group` in some year."""
    if group is None:
        return False
    unit_ids = account_selectors.unit_ids(user)
    return bool(unit_ids) and group.memberships.filter(unit_id__in=unit_ids).exists()


can_view_group = is_province_wide_reader | heads_group | belongs_to_member_unit

rules.add_perm("clusters.view_orgunit", rules.is_authenticated)
rules.add_perm("clusters.view_emulationgroup", rules.is_authenticated & can_view_group)
rules.add_perm("clusters.list_emulationgroups", rules.is_authenticated)
rules.add_perm("clusters.manage_org", can_manage_org)
