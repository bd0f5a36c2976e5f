from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from core.registry import (  # noqa: PLC0415 -- app registry
            MenuEntry,
            MenuSection,
            register_menu_entry,
            register_menu_section,
        )

        # Sections that group the apps' entries into drop-downs (see core.context_processors).
        for order, (key, label) in enumerate(
            (
                ("organisation", _("Organisation")),
                ("emulation", _("Emulation")),
                ("scoring", _("Scoring")),
                ("awards", _("Awards")),
                ("reports", _("Reports")),
                ("system", _("System")),
            )
        ):
            register_menu_section(MenuSection(key, label, order))
        register_menu_entry(MenuEntry("home", _("My work"), "core:home", order=0))
        register_menu_entry(
            MenuEntry(
                "audit",
                _("Audit log"),
                "core:audit-list",
                permission="core.view_audit_log",
                order=900,
                section="system",
            )
        )
        register_menu_entry(
            MenuEntry(
                "api",
                _("API"),
                "api-docs",
                permission="core.view_api_docs",
                order=950,
                section="system",
            )
        )
        register_menu_entry(
            MenuEntry(
                "admin",
                _("Administration"),
                "admin:index",
                staff_only=True,
                order=990,
                section="system",
            )
        )
