from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from core.registry import MenuEntry, register_menu_entry  # noqa: PLC0415 -- app registry
        from reports import audit_actions  # noqa: F401, PLC0415 -- register on ready

        register_menu_entry(
            MenuEntry(
                key="reports",
                label=_("Reports"),
                url_name="reports:list",
                permission="reports.list_reports",
                section="reports",
                order=400,
            )
        )
