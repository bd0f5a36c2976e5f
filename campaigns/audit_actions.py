from django.utils.translation import gettext_lazy as _

from core.audit import register_actions

MOVEMENT_CREATED = "campaigns.movement.created"
MOVEMENT_CHANGED = "campaigns.movement.changed"
MOVEMENT_STATUS_CHANGED = "campaigns.movement.status_changed"
PARTICIPANT_ADDED = "campaigns.movement_participation.created"
PARTICIPANT_REMOVED = "campaigns.movement_participation.deleted"
WINDOW_CREATED = "campaigns.registration_window.created"
WINDOW_CHANGED = "campaigns.registration_window.changed"
EXTENSION_GRANTED = "campaigns.registration_extension.granted"
EXTENSION_CHANGED = "campaigns.registration_extension.changed"
REGISTRATION_CREATED = "campaigns.registration.created"
REGISTRATION_CHANGED = "campaigns.registration.changed"
REGISTRATION_SENT = "campaigns.registration.sent"
REGISTRATION_APPROVED = "campaigns.registration.approved"
REGISTRATION_RETURNED = "campaigns.registration.returned"
REGISTRATION_REOPENED = "campaigns.registration.reopened"
PLEDGE_CREATED = "campaigns.pledge.created"
PLEDGE_CHANGED = "campaigns.pledge.changed"
PLEDGE_CIRCULATED = "campaigns.pledge.circulated"
PLEDGE_CONFIRMED = "campaigns.pledge.confirmed"
PLEDGE_IN_FORCE = "campaigns.pledge.in_force"
PLEDGE_CLOSED = "campaigns.pledge.closed"

REGISTRATION_STATUS_ACTIONS = {
    "sent": REGISTRATION_SENT,
    "approved": REGISTRATION_APPROVED,
    "returned": REGISTRATION_RETURNED,
    "draft": REGISTRATION_REOPENED,
}
PLEDGE_STATUS_ACTIONS = {
    "circulated": PLEDGE_CIRCULATED,
    "in_force": PLEDGE_IN_FORCE,
    "closed": PLEDGE_CLOSED,
}

register_actions(
    {
        MOVEMENT_CREATED: _("Movement created"),
        MOVEMENT_CHANGED: _("Movement changed"),
        MOVEMENT_STATUS_CHANGED: _("Movement status changed"),
        PARTICIPANT_ADDED: _("Unit joined a movement"),
        PARTICIPANT_REMOVED: _("Unit removed from a movement"),
        WINDOW_CREATED: _("Registration window created"),
        WINDOW_CHANGED: _("Registration window changed"),
        EXTENSION_GRANTED: _("Registration deadline extended"),
        EXTENSION_CHANGED: _("Registration deadline extension changed"),
        REGISTRATION_CREATED: _("Emulation registration created"),
        REGISTRATION_CHANGED: _("Emulation registration changed"),
        REGISTRATION_SENT: _("Emulation registration sent"),
        REGISTRATION_APPROVED: _("Emulation registration approved"),
        REGISTRATION_RETURNED: _("Emulation registration returned"),
        REGISTRATION_REOPENED: _("Emulation registration reopened for editing"),
        PLEDGE_CREATED: _("Emulation pledge drafted"),
        PLEDGE_CHANGED: _("Emulation pledge changed"),
        PLEDGE_CIRCULATED: _("Emulation pledge circulated"),
        PLEDGE_CONFIRMED: _("Emulation pledge confirmed by a member"),
        PLEDGE_IN_FORCE: _("Emulation pledge in force"),
        PLEDGE_CLOSED: _("Emulation pledge closed"),
    }
)
