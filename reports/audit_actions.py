from django.utils.translation import gettext_lazy as _

from core.audit import register_actions

REPORT_REQUESTED = "reports.report_run.requested"
REPORT_EDITED = "reports.report_run.edited"
REPORT_FINALISED = "reports.report_run.finalised"

register_actions(
    {
        REPORT_REQUESTED: _("Report requested"),
        REPORT_EDITED: _("Report narrative edited"),
        REPORT_FINALISED: _("Report finalised"),
    }
)
