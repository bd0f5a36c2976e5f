from dataclasses import dataclass

from django.utils import timezone

from accounts.enums import Role
from accounts.models import RoleAssignment

_CACHE_ATTR = "_thidua_active_roles"


@dataclass(frozen=True)
class ActiveRole:
    role: str
    unit_id: int
    unit_name: str


def active_roles(user) -> list[ActiveRole]:
    """The user's roles in force today; one query per request, cached on the user object."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = [
            ActiveRole(role=a.role, unit_id=a.unit_id, unit_name=a.unit.name)
            for a in RoleAssignment.objects.active_on(timezone.localdate())
            .filter(user=user)
            .select_related("unit")
            .order_by("role", "unit__name")
        ]
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_active_roles(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def role_codes(user) -> set[str]:
    return {r.role for r in active_roles(user)}


def unit_ids(user, *roles: str) -> set[int]:
    """Units in which the user holds any of `roles` (any role if none given)."""
    return {r.unit_id for r in active_roles(user) if not roles or r.role in roles}


def role_labels(user) -> list[tuple[str, str]]:
    labels = dict(Role.choices)
    return [(str(labels[r.role]), r.unit_name) for r in active_roles(user)]


def role_assignments_for_admin():
    return RoleAssignment.objects.select_related("user", "unit")
