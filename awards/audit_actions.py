from django.utils.translation import gettext_lazy as _

from core.audit import register_actions

AWARD_TYPE_CREATED = "awards.award_type.created"
AWARD_TYPE_CHANGED = "awards.award_type.changed"
REQUIRED_DOCUMENT_CHANGED = "awards.required_document.changed"
BASE_SALARY_CHANGED = "awards.base_salary.changed"
DEADLINE_CHANGED = "awards.submission_deadline.changed"
PROPOSAL_CREATED = "awards.proposal.created"
PROPOSAL_CHANGED = "awards.proposal.changed"
PROPOSAL_SUBMITTED = "awards.proposal.submitted"
PROPOSAL_RECEIVED = "awards.proposal.received"
PROPOSAL_RETURNED = "awards.proposal.returned"
PROPOSAL_APPRAISED = "awards.proposal.appraised"
PROPOSAL_REJECTED = "awards.proposal.rejected"
PROPOSAL_DECIDED = "awards.proposal.decided"
NOMINEE_ADDED = "awards.nominee.created"
NOMINEE_CHANGED = "awards.nominee.changed"
NOMINEE_REMOVED = "awards.nominee.deleted"
NOMINEE_APPRAISED = "awards.nominee.appraised"
DOCUMENT_UPLOADED = "awards.document.uploaded"
DOCUMENT_REMOVED = "awards.document.deleted"
DECISION_CREATED = "awards.decision.created"
DECISION_CHANGED = "awards.decision.changed"
DECISION_ISSUED = "awards.decision.issued"
RECORD_ADDED = "awards.award_record.created"
RECORD_REMOVED = "awards.award_record.deleted"
RECORD_REVOKED = "awards.award_record.revoked"

PROPOSAL_STATUS_ACTIONS = {
    "submitted": PROPOSAL_SUBMITTED,
    "under_appraisal": PROPOSAL_RECEIVED,
    "returned": PROPOSAL_RETURNED,
    "appraised": PROPOSAL_APPRAISED,
    "rejected": PROPOSAL_REJECTED,
    "decided": PROPOSAL_DECIDED,
}

register_actions(
    {
        AWARD_TYPE_CREATED: _("Award type created"),
        AWARD_TYPE_CHANGED: _("Award type changed"),
        REQUIRED_DOCUMENT_CHANGED: _("Required documents changed"),
        BASE_SALARY_CHANGED: _("Base salary changed"),
        DEADLINE_CHANGED: _("Dossier deadline changed"),
        PROPOSAL_CREATED: _("Award proposal created"),
        PROPOSAL_CHANGED: _("Award proposal changed"),
        PROPOSAL_SUBMITTED: _("Award proposal submitted"),
        PROPOSAL_RECEIVED: _("Award proposal received for appraisal"),
        PROPOSAL_RETURNED: _("Award proposal returned"),
        PROPOSAL_APPRAISED: _("Award proposal appraised"),
        PROPOSAL_REJECTED: _("Award proposal rejected"),
        PROPOSAL_DECIDED: _("Award proposal decided"),
        NOMINEE_ADDED: _("Nominee added"),
        NOMINEE_CHANGED: _("Nominee changed"),
        NOMINEE_REMOVED: _("Nominee removed"),
        NOMINEE_APPRAISED: _("Nominee appraised"),
        DOCUMENT_UPLOADED: _("Dossier document uploaded"),
        DOCUMENT_REMOVED: _("Dossier document removed"),
        DECISION_CREATED: _("Award decision drafted"),
        DECISION_CHANGED: _("Award decision changed"),
        DECISION_ISSUED: _("Award decision issued"),
        RECORD_ADDED: _("Award line added to a decision"),
        RECORD_REMOVED: _("Award line removed from a draft decision"),
        RECORD_REVOKED: _("Award revoked"),
    }
)

# Catalogue: an award type that nothing uses yet may be deleted (a used one is deactivated).
AWARD_TYPE_DELETED = "awards.award_type.deleted"
register_actions({AWARD_TYPE_DELETED: _("Award type deleted")})
