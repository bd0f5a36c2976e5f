from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Movements, registrations and pledges")

    def ready(self):
        from campaigns import audit_actions, work  # noqa: F401, PLC0415 -- registers on ready
        from core.registry import (  # noqa: PLC0415 -- app registry
            MenuEntry,
            register_menu_entry,
            register_work_provider,
        )

        entries = (
            ("movements", _("Movements"), "campaigns:movement-list", "campaigns.view_movement"),
            (
                "registrations",
                _("Registrations"),
                "campaigns:registration-list",
                "campaigns.list_registrations",
            ),
            ("pledges", _("Pledges"), "campaigns:pledge-list", "campaigns.list_pledges"),
            (
                "registration-windows",
                _("Deadlines"),
                "campaigns:window-list",
                "campaigns.manage_registration_window",
            ),
        )
        for order, (key, label, url_name, permission) in enumerate(entries, start=200):
            register_menu_entry(
                MenuEntry(
                    key, label, url_name, permission=permission, order=order, section="emulation"
                )
            )
        register_work_provider(work.unit_registration_work)
        register_work_provider(work.officer_registration_work)
        register_work_provider(work.leader_pledge_work)
