"""Who may see and handle reports (decided here, documented in docs/adr for the lead):

- Province reports and the statistical forms: province-wide readers (leadership, Home
  Affairs emulation officers, council members, system administrators).
- A cluster/block report: province-wide readers; the group heads of the units that head or
  deputise that group in the report's year (drafts too); the staff of its member units in
  that year, but only once the report is final and rendered. Anyone else gets a 404.
- Requesting: emulation officers and system administrators any report; a group head the
  reports of the groups their unit heads or deputises (checked against the group).
- Editing the narrative and finalising: emulation officers and system administrators.
"""

import rules

from accounts.rules import is_emulation_officer, is_group_head, is_system_admin

can_manage_reports = is_emulation_officer | is_system_admin


@rules.predicate
def report_is_editable(user, run):
    return run is None or not run.is_final


rules.add_perm("reports.list_reports", rules.is_authenticated)
rules.add_perm("reports.request_report", can_manage_reports | is_group_head)
rules.add_perm("reports.manage_reports", can_manage_reports)
rules.add_perm("reports.change_reportrun", can_manage_reports & report_is_editable)
