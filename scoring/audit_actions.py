from django.utils.translation import gettext_lazy as _

from core.audit import register_actions

SET_CREATED = "scoring.criteria_set.created"
SET_CHANGED = "scoring.criteria_set.changed"
SET_COPIED = "scoring.criteria_set.copied"
SET_IMPORTED = "scoring.criteria_set.imported"
PHASES_SET = "scoring.criteria_set.phases_set"
BANDS_SET = "scoring.criteria_set.bands_set"
CRITERION_ADDED = "scoring.criterion.created"
CRITERION_CHANGED = "scoring.criterion.changed"
CRITERION_DELETED = "scoring.criterion.deleted"
LINE_CHANGED = "scoring.score_line.changed"
SHEET_STATUS_CHANGED = "scoring.score_sheet.status_changed"
EVIDENCE_ADDED = "scoring.evidence.created"
EVIDENCE_DELETED = "scoring.evidence.deleted"
RESULTS_LOCKED = "scoring.group_result.locked"
BALLOT_OPENED = "scoring.ballot.opened"
BALLOT_VOTED = "scoring.ballot.voted"
BALLOT_CLOSED = "scoring.ballot.closed"
BALLOT_DECIDED = "scoring.ballot.decided"

register_actions(
    {
        SET_CREATED: _("Criteria set created"),
        SET_CHANGED: _("Criteria set changed"),
        SET_COPIED: _("Criteria set copied from last year"),
        SET_IMPORTED: _("Criteria imported"),
        PHASES_SET: _("Scoring phases set"),
        BANDS_SET: _("Classification bands set"),
        CRITERION_ADDED: _("Criterion added"),
        CRITERION_CHANGED: _("Criterion changed"),
        CRITERION_DELETED: _("Criterion deleted"),
        LINE_CHANGED: _("Score changed"),
        SHEET_STATUS_CHANGED: _("Score sheet status changed"),
        EVIDENCE_ADDED: _("Evidence uploaded"),
        EVIDENCE_DELETED: _("Evidence deleted"),
        RESULTS_LOCKED: _("Results locked"),
        BALLOT_OPENED: _("Ballot opened"),
        BALLOT_VOTED: _("Unit voted"),
        BALLOT_CLOSED: _("Ballot round closed"),
        BALLOT_DECIDED: _("Decided by the head and deputy"),
    }
)
