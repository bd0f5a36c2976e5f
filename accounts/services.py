import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit_actions
from accounts.models import RoleAssignment, User
from accounts.selectors import forget_active_roles
from core.audit import record_audit
from core.exceptions import DomainError


@transaction.atomic
def assign_role(
    user: User,
    *,
    unit,
    role: str,
    actor,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> RoleAssignment:
    assignment = RoleAssignment(
        user=user,
        unit=unit,
        role=role,
        valid_from=valid_from or timezone.localdate(),
        valid_to=valid_to,
    )
    assignment.full_clean()
    assignment.save()
    record_audit(
        audit_actions.ROLE_ASSIGNED,
        actor=actor,
        target=assignment,
        after=assignment.as_audit_dict(),
    )
    forget_active_roles(user)
    return assignment


@transaction.atomic
def change_role_assignment(
    assignment: RoleAssignment,
    *,
    actor,
    valid_from: datetime.date,
    valid_to: datetime.date | None,
) -> RoleAssignment:
    before = RoleAssignment.objects.select_for_update().get(pk=assignment.pk).as_audit_dict()
    assignment.valid_from = valid_from
    assignment.valid_to = valid_to
    assignment.full_clean()
    assignment.save(update_fields=["valid_from", "valid_to", "updated_at"])
    record_audit(
        audit_actions.ROLE_CHANGED,
        actor=actor,
        target=assignment,
        before=before,
        after=assignment.as_audit_dict(),
    )
    forget_active_roles(assignment.user)
    return assignment


@transaction.atomic
def end_role_assignment(
    assignment: RoleAssignment, *, actor, on: datetime.date | None = None
) -> RoleAssignment:
    """End a role on `on` (today by default): the user keeps it up to and including that day."""
    end = on or timezone.localdate()
    stored = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    if end < stored.valid_from:
        raise DomainError(_("A role cannot end before it starts."), code="invalid_range")
    if stored.valid_to is not None and end > stored.valid_to:
        # Ending must never extend (or revive) a role; a longer term is a change of dates.
        raise DomainError(
            _("This role already ends before that date; change its dates instead."),
            code="already_ended",
        )
    before = stored.as_audit_dict()
    assignment.valid_from = stored.valid_from
    assignment.valid_to = end
    assignment.save(update_fields=["valid_to", "updated_at"])
    record_audit(
        audit_actions.ROLE_ENDED,
        actor=actor,
        target=assignment,
        before=before,
        after=assignment.as_audit_dict(),
    )
    forget_active_roles(assignment.user)
    return assignment
