from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClustersConfig(AppConfig):
    name = "clusters"
    verbose_name = _("Organisation")

    def ready(self):
        from clusters import audit_actions  # noqa: F401, PLC0415 -- register on ready
        from core.registry import MenuEntry, register_menu_entry  # noqa: PLC0415 -- app registry

        register_menu_entry(
            MenuEntry(
                key="units",
                label=_("Units"),
                url_name="clusters:unit-list",
                permission="clusters.view_orgunit",
                section="organisation",
                order=20,
            )
        )
        register_menu_entry(
            MenuEntry(
                key="groups",
                label=_("Clusters and blocks"),
                url_name="clusters:group-list",
                permission="clusters.list_emulationgroups",
                section="organisation",
                order=21,
            )
        )
