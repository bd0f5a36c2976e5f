from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Awards")

    def ready(self):
        from awards import audit_actions, rules  # noqa: F401, PLC0415 -- registers on ready

        # ---- dossiers (helper "dossiers")
        from awards import work as proposal_work  # noqa: PLC0415 -- app registry
        from core.registry import (  # noqa: PLC0415 -- app registry
            MenuEntry,
            register_menu_entry,
            register_work_provider,
        )

        register_menu_entry(
            MenuEntry(
                "award-proposals",
                _("Award dossiers"),
                "awards:proposal-list",
                permission="awards.list_proposals",
                order=300,
                section="awards",
            )
        )
        register_work_provider(proposal_work.unit_proposal_work)
        register_work_provider(proposal_work.officer_proposal_work)
        # ---- end of dossiers

        # ---- catalogue (helper "catalogue")
        from core.registry import MenuEntry, register_menu_entry  # noqa: PLC0415 -- app registry

        for catalogue_order, (key, label, url_name, permission) in enumerate(
            (
                (
                    "award-catalogue",
                    _("Award catalogue"),
                    "awards:award-type-list",
                    "awards.view_catalogue",
                ),
                (
                    "base-salary",
                    _("Base salary"),
                    "awards:base-salary-list",
                    "awards.manage_catalogue",
                ),
                (
                    "dossier-deadlines",
                    _("Dossier deadlines"),
                    "awards:deadline-list",
                    "awards.manage_catalogue",
                ),
            ),
            start=340,
        ):
            register_menu_entry(
                MenuEntry(
                    key,
                    label,
                    url_name,
                    permission=permission,
                    order=catalogue_order,
                    section="awards",
                )
            )
        # ---- end of catalogue

        # ---- decisions and award records (helper "decisions")
        from core.registry import MenuEntry, register_menu_entry  # noqa: PLC0415 -- app registry

        register_menu_entry(
            MenuEntry(
                "award-decisions",
                _("Award decisions"),
                "awards:decision-list",
                permission="awards.list_decisions",
                order=320,
                section="awards",
            )
        )
        register_menu_entry(
            MenuEntry(
                "award-records",
                _("Award records"),
                "awards:record-list",
                permission="awards.list_award_records",
                order=321,
                section="awards",
            )
        )
        # ---- end of decisions and award records
