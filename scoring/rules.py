"""Who may do what in scoring, and when. The phase of the criteria set is part of every
write rule: the same predicates serve the pages, the API and the services.

Objects: criteria-set rules take a `CriteriaSet`; sheet rules take a `ScoreSheet`;
ballot rules take a `Ballot`; evidence rules take an `Evidence`.
"""

import rules

from accounts.enums import Role
from accounts.rules import (
    is_council_member,
    is_emulation_officer,
    is_officer_of_unit,
    is_province_wide_reader,
    is_system_admin,
)
from accounts.selectors import unit_ids as account_unit_ids
from clusters.rules import can_view_group
from scoring import selectors
from scoring.enums import BallotStatus, PhaseKind, SheetStatus


def _set_of(obj):
    if obj is None:
        return None
    return obj if obj._meta.model_name == "criteriaset" else obj.criteria_set


# --- objects and phases --------------------------------------------------------------------


@rules.predicate
def is_head_of_set(user, obj):
    criteria_set = _set_of(obj)
    return criteria_set is not None and selectors.is_head_of(user, criteria_set)


@rules.predicate
def is_head_or_deputy_of_set(user, obj):
    criteria_set = _set_of(obj)
    return criteria_set is not None and selectors.is_head_or_deputy_of(user, criteria_set)


@rules.predicate
def can_view_set_group(user, obj):
    criteria_set = _set_of(obj)
    return criteria_set is not None and can_view_group(user, criteria_set.group)


@rules.predicate
def criteria_are_editable(user, obj):
    criteria_set = _set_of(obj)
    return criteria_set is not None and not selectors.scoring_has_started(criteria_set)


@rules.predicate
def self_assessment_is_open(user, obj):
    criteria_set = _set_of(obj)
    return (
        criteria_set is not None
        and selectors.phase_is_open(criteria_set, PhaseKind.SELF_ASSESSMENT)
        and not selectors.is_locked(criteria_set)
    )


@rules.predicate
def head_scoring_is_open(user, obj):
    criteria_set = _set_of(obj)
    return (
        criteria_set is not None
        and selectors.phase_is_open(criteria_set, PhaseKind.HEAD_SCORING)
        and not selectors.is_locked(criteria_set)
    )


@rules.predicate
def council_adjustment_is_open(user, obj):
    criteria_set = _set_of(obj)
    return (
        criteria_set is not None
        and selectors.phase_is_open(criteria_set, PhaseKind.COUNCIL_ADJUSTMENT)
        and not selectors.is_locked(criteria_set)
    )


@rules.predicate
def results_are_locked(user, obj):
    criteria_set = _set_of(obj)
    return criteria_set is not None and selectors.result_of(criteria_set) is not None


@rules.predicate
def sheet_is_editable(user, sheet):
    return sheet is not None and sheet.status in (SheetStatus.OPEN, SheetStatus.RETURNED)


@rules.predicate
def sheet_is_submitted(user, sheet):
    return sheet is not None and sheet.status == SheetStatus.SELF_SUBMITTED


@rules.predicate
def ballot_is_open(user, ballot):
    return ballot is not None and ballot.status == BallotStatus.OPEN


@rules.predicate
def ballot_is_closed(user, ballot):
    return ballot is not None and ballot.status == BallotStatus.CLOSED


@rules.predicate
def leads_member_unit(user, ballot):
    if ballot is None:
        return False
    led = account_unit_ids(user, Role.UNIT_LEADER)
    return bool(led & selectors.member_unit_ids(ballot.criteria_set))


@rules.predicate
def can_see_evidence(user, evidence):
    if evidence is None:
        return False
    return (
        is_officer_of_unit(user, evidence.sheet)
        or selectors.is_head_or_deputy_of(user, evidence.sheet.criteria_set)
        or is_province_wide_reader(user)
    )


is_standing_office = is_emulation_officer | is_system_admin
is_adjuster = is_emulation_officer | is_council_member

can_view_set = is_province_wide_reader | is_head_or_deputy_of_set | can_view_set_group
can_manage_set = is_head_of_set | is_standing_office
can_view_sheet = is_officer_of_unit | is_head_or_deputy_of_set | is_province_wide_reader

rules.add_perm("scoring.list_criteriasets", rules.is_authenticated)
rules.add_perm("scoring.add_criteriaset", is_standing_office | is_head_of_set)
rules.add_perm("scoring.view_criteriaset", can_view_set)
rules.add_perm("scoring.change_criteriaset", can_manage_set & criteria_are_editable)
rules.add_perm("scoring.view_scoresheet", can_view_sheet)
rules.add_perm(
    "scoring.self_assess", is_officer_of_unit & self_assessment_is_open & sheet_is_editable
)
rules.add_perm(
    "scoring.return_sheet",
    is_head_of_set & sheet_is_submitted & (self_assessment_is_open | head_scoring_is_open),
)
rules.add_perm("scoring.score_as_head", is_head_or_deputy_of_set & head_scoring_is_open)
rules.add_perm("scoring.view_head_grid", is_head_or_deputy_of_set | is_province_wide_reader)
rules.add_perm("scoring.adjust_as_council", is_adjuster & council_adjustment_is_open)
rules.add_perm("scoring.view_results", can_view_set)
rules.add_perm("scoring.lock_results", is_standing_office & ~results_are_locked)
rules.add_perm("scoring.view_evidence", can_see_evidence)
rules.add_perm("scoring.open_ballot", is_head_of_set & results_are_locked)
rules.add_perm("scoring.view_ballot", can_view_set)
rules.add_perm("scoring.cast_ballot", leads_member_unit & ballot_is_open)
rules.add_perm("scoring.close_ballot", is_head_of_set & ballot_is_open)
rules.add_perm("scoring.decide_ballot", is_head_or_deputy_of_set & ballot_is_closed)
rules.add_perm("scoring.view_ballot_results", can_view_set & ballot_is_closed)


rules.add_perm("scoring.use_scoring", rules.is_authenticated)
