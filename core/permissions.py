"""The one permission check every service and view makes (the rules predicates decide)."""

from django.core.exceptions import PermissionDenied


def require(actor, permission: str, obj=None) -> None:
    """Raise PermissionDenied unless `actor` holds `permission` (on `obj`, when given)."""
    if actor is None or not actor.has_perm(permission, obj):
        raise PermissionDenied


def require_perm(request, permission: str, obj=None) -> None:
    """The same check for the signed-in user of a request."""
    require(request.user, permission, obj)
