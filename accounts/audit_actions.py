from django.utils.translation import gettext_lazy as _

from core.audit import register_actions

SIGNED_IN = "accounts.user.signed_in"
SIGNED_OUT = "accounts.user.signed_out"
SIGN_IN_FAILED = "accounts.user.sign_in_failed"
ROLE_ASSIGNED = "accounts.role_assignment.created"
ROLE_CHANGED = "accounts.role_assignment.changed"
ROLE_ENDED = "accounts.role_assignment.ended"

register_actions(
    {
        SIGNED_IN: _("Signed in"),
        SIGNED_OUT: _("Signed out"),
        SIGN_IN_FAILED: _("Failed sign-in"),
        ROLE_ASSIGNED: _("Role assigned"),
        ROLE_CHANGED: _("Role assignment changed"),
        ROLE_ENDED: _("Role assignment ended"),
    }
)
