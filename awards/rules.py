"""Who may do what with award dossiers, decisions and the catalogue.

Object predicates take the proposal, nominee, document, decision or record itself (each carries a
`unit_id`: the proposing unit, or for a record the awarded unit). Pages, the API and the services
check these same permissions; the services also check the state of the object.
"""

import rules

from accounts.rules import (
    belongs_to_unit,
    is_emulation_officer,
    is_group_head,
    is_officer_of_unit,
    is_province_wide_reader,
    is_system_admin,
    is_unit_staff,
)
from awards.enums import DecisionStatus, ProposalStatus


@rules.predicate
def proposal_is_editable(user, proposal):
    proposal = getattr(proposal, "proposal", proposal)
    return proposal is not None and proposal.status in ProposalStatus.EDITABLE


@rules.predicate
def decision_is_issued(user, decision):
    return decision is not None and decision.status == DecisionStatus.ISSUED


# Dossiers: a unit sees and edits its own; Home Affairs and leadership see all.
rules.add_perm("awards.list_proposals", is_unit_staff | is_group_head | is_province_wide_reader)
rules.add_perm("awards.add_proposal", is_unit_staff | is_group_head)
rules.add_perm("awards.view_proposal", is_province_wide_reader | belongs_to_unit)
rules.add_perm("awards.change_proposal", is_officer_of_unit & proposal_is_editable)
rules.add_perm("awards.submit_proposal", is_officer_of_unit & proposal_is_editable)
rules.add_perm("awards.appraise_proposal", is_emulation_officer)
rules.add_perm("awards.view_proposal_document", is_province_wide_reader | belongs_to_unit)

# Decisions: drafted and issued by Home Affairs; issued ones readable province-wide.
rules.add_perm("awards.list_decisions", is_province_wide_reader)
rules.add_perm("awards.manage_decision", is_emulation_officer)
rules.add_perm(
    "awards.view_decision", is_emulation_officer | (is_province_wide_reader & decision_is_issued)
)

# Award records: the history; a unit sees the awards of its own people and collectives.
rules.add_perm("awards.list_award_records", is_unit_staff | is_province_wide_reader)
rules.add_perm("awards.view_award_record", is_province_wide_reader | belongs_to_unit)
rules.add_perm("awards.revoke_award_record", is_emulation_officer)

# Catalogue, required documents, base salary and deadlines: rules as data.
rules.add_perm("awards.view_catalogue", rules.is_authenticated)
rules.add_perm("awards.manage_catalogue", is_emulation_officer | is_system_admin)


# ---------------------------------------------------------------- dossiers (added by "dossiers")
@rules.predicate
def heads_group_of_proposal(user, obj):
    """A cluster/block proposal may be prepared by whoever holds the group-head role in the
    proposing (head) unit, as well as by that unit's officers."""
    from accounts.enums import Role  # noqa: PLC0415 -- keep the header of this file untouched
    from accounts.selectors import unit_ids  # noqa: PLC0415

    proposal = getattr(obj, "proposal", obj)
    return (
        proposal is not None
        and proposal.group_id is not None
        and proposal.unit_id in unit_ids(user, Role.GROUP_HEAD)
    )


rules.set_perm(
    "awards.change_proposal", (is_officer_of_unit | heads_group_of_proposal) & proposal_is_editable
)
rules.set_perm(
    "awards.submit_proposal", (is_officer_of_unit | heads_group_of_proposal) & proposal_is_editable
)

# Who prepares a dossier whatever its state: its unit's officers and the group head. The
# services tell them, rather than refuse, when the dossier is no longer editable.
rules.add_perm("awards.prepare_proposal", is_officer_of_unit | heads_group_of_proposal)
