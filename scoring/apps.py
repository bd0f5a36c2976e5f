from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "scoring"
    verbose_name = _("Scoring")

    def ready(self):
        from core.registry import (  # noqa: PLC0415 -- app registry
            MenuEntry,
            register_menu_entry,
            register_work_provider,
        )
        from scoring import audit_actions, work  # noqa: F401, PLC0415 -- registers on ready

        register_menu_entry(
            MenuEntry(
                key="scoring",
                label=_("Scoring"),
                url_name="scoring:set-list",
                permission="scoring.use_scoring",
                order=300,
                section="scoring",
            )
        )
        register_work_provider(work.self_assessment_work)
        register_work_provider(work.head_scoring_work)
