"""Reads of criteria sets, sheets, results and ballots. Views, the API and `My work` use
these; each returns data with its relations loaded so that pages cost a fixed number of
queries whatever the number of units and criteria."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts import selectors as account_selectors
from accounts.enums import Role
from accounts.rules import is_province_wide_reader
from clusters import selectors as cluster_selectors
from clusters.models import GroupMembership, GroupTerm, OrgUnit
from core import selectors as core_selectors
from core.models import AuditEntry
from scoring.enums import CriterionCategory, PhaseKind, SheetStatus, Stage
from scoring.models import (
    Ballot,
    BallotCandidate,
    BallotParticipation,
    BallotRoundResult,
    CriteriaSet,
    Criterion,
    Evidence,
    GroupResult,
    Phase,
    ScoreLine,
    ScoreSheet,
)

_HEAD_CACHE = "_thidua_scoring_headed"


# --- who heads what ------------------------------------------------------------------------


def headed_pairs(user) -> dict[tuple[int, int], str]:
    """(group_id, year) -> "head" | "deputy" for the terms whose head or deputy unit is one
    where the user holds the group-head role. One query per request, cached on the user."""
    cached = getattr(user, _HEAD_CACHE, None)
    if cached is not None:
        return cached
    unit_ids = account_selectors.unit_ids(user, Role.GROUP_HEAD)
    pairs: dict[tuple[int, int], str] = {}
    if unit_ids:
        for term in GroupTerm.objects.filter(
            Q(head_unit_id__in=unit_ids) | Q(deputy_unit_id__in=unit_ids)
        ).only("group_id", "year", "head_unit_id", "deputy_unit_id"):
            key = (term.group_id, term.year)
            if term.head_unit_id in unit_ids:
                pairs[key] = "head"
            else:
                pairs.setdefault(key, "deputy")
    if user is not None and user.is_authenticated:
        setattr(user, _HEAD_CACHE, pairs)
    return pairs


def is_head_of(user, criteria_set: CriteriaSet) -> bool:
    return headed_pairs(user).get((criteria_set.group_id, criteria_set.year)) == "head"


def is_head_or_deputy_of(user, criteria_set: CriteriaSet) -> bool:
    return (criteria_set.group_id, criteria_set.year) in headed_pairs(user)


def head_scorable_unit_ids(user, criteria_set: CriteriaSet) -> set[int]:
    """Units whose cells this user may score at the head stage. Nobody scores a unit in
    which they hold a role (conflict of interest): the head scores every other member,
    and the deputy scores the head's unit."""
    role = headed_pairs(user).get((criteria_set.group_id, criteria_set.year))
    if role is None:
        return set()
    own = account_selectors.unit_ids(user)
    members = member_unit_ids(criteria_set)
    if role == "head":
        return members - own
    term = cluster_selectors.group_term(criteria_set.group, criteria_set.year)
    return ({term.head_unit_id} & members) - own if term else set()


# --- criteria sets and phases --------------------------------------------------------------


def criteria_sets() -> QuerySet[CriteriaSet]:
    return (
        CriteriaSet.objects.select_related("group")
        .prefetch_related("phases")
        .order_by("-year", "group__name", "period")
    )


def visible_criteria_sets(user) -> QuerySet[CriteriaSet]:
    """Province-wide readers see all; others the sets of groups they belong to or head."""
    if is_province_wide_reader(user):
        return criteria_sets()
    unit_ids = account_selectors.unit_ids(user)
    headed = list(headed_pairs(user))
    if not unit_ids and not headed:
        return criteria_sets().none()
    condition = Q(
        pk__in=CriteriaSet.objects.filter(
            group__memberships__unit_id__in=unit_ids,
            group__memberships__year=F("year"),
        ).values("pk")
    )
    for group_id, year in headed:
        condition |= Q(group_id=group_id, year=year)
    return criteria_sets().filter(condition)


def get_criteria_set_for_user(user, pk) -> CriteriaSet:
    criteria_set = visible_criteria_sets(user).filter(pk=pk).first()
    if criteria_set is None:
        raise Http404
    return criteria_set


def phase_of(criteria_set: CriteriaSet, kind: str) -> Phase | None:
    # `phases` is prefetched by `criteria_sets()`; reading .all() costs nothing then.
    return next((p for p in criteria_set.phases.all() if p.kind == kind), None)


def phase_is_open(criteria_set: CriteriaSet, kind: str, day: datetime.date | None = None) -> bool:
    phase = phase_of(criteria_set, kind)
    return phase is not None and phase.covers(day or timezone.localdate())


def current_phases(criteria_set: CriteriaSet, day: datetime.date | None = None) -> list[Phase]:
    day = day or timezone.localdate()
    return [p for p in criteria_set.phases.all() if p.covers(day)]


def scoring_has_started(criteria_set: CriteriaSet, day: datetime.date | None = None) -> bool:
    """The criteria are frozen once the first phase has begun."""
    day = day or timezone.localdate()
    return any(p.starts_on <= day for p in criteria_set.phases.all())


def is_locked(criteria_set: CriteriaSet, day: datetime.date | None = None) -> bool:
    return GroupResult.objects.filter(criteria_set=criteria_set).exists() or phase_is_open(
        criteria_set, PhaseKind.LOCKED, day
    )


def criteria_of(criteria_set: CriteriaSet) -> list[Criterion]:
    """Every node in tree order (parents before children, by position)."""
    nodes = list(
        Criterion.objects.filter(criteria_set=criteria_set)
        .select_related("movement")
        .order_by("position", "id")
    )
    return tree_order(nodes)


def tree_order(nodes: list[Criterion]) -> list[Criterion]:
    children: dict[int | None, list[Criterion]] = defaultdict(list)
    for node in nodes:
        children[node.parent_id].append(node)
    ordered: list[Criterion] = []

    def walk(parent_id, depth):
        for node in sorted(children.get(parent_id, []), key=lambda n: (n.position, n.pk or 0)):
            node.depth = depth
            node.is_leaf = not children.get(node.pk)
            ordered.append(node)
            walk(node.pk, depth + 1)

    walk(None, 0)
    return ordered


def leaves(nodes: list[Criterion]) -> list[Criterion]:
    return [n for n in nodes if n.is_leaf]


def member_units(criteria_set: CriteriaSet) -> list[OrgUnit]:
    return [m.unit for m in cluster_selectors.group_members(criteria_set.group, criteria_set.year)]


def member_unit_ids(criteria_set: CriteriaSet) -> set[int]:
    return set(
        GroupMembership.objects.filter(
            group_id=criteria_set.group_id, year=criteria_set.year
        ).values_list("unit_id", flat=True)
    )


# --- sheets and lines ----------------------------------------------------------------------


def sheets_of(criteria_set: CriteriaSet) -> dict[int, ScoreSheet]:
    return {
        s.unit_id: s
        for s in ScoreSheet.objects.filter(criteria_set=criteria_set).select_related("unit")
    }


def lines_of(criteria_set: CriteriaSet) -> dict[tuple[int, int, str], ScoreLine]:
    """(unit_id, criterion_id, stage) -> line."""
    return {
        (line.sheet.unit_id, line.criterion_id, line.stage): line
        for line in ScoreLine.objects.filter(sheet__criteria_set=criteria_set)
        .select_related("sheet", "updated_by")
        .order_by()
    }


def sheet_for_unit(criteria_set: CriteriaSet, unit_id: int) -> ScoreSheet | None:
    return (
        ScoreSheet.objects.filter(criteria_set=criteria_set, unit_id=unit_id)
        .select_related("unit", "criteria_set__group")
        .first()
    )


def evidence_of(criteria_set: CriteriaSet, unit_id: int | None = None) -> QuerySet[Evidence]:
    qs = Evidence.objects.filter(sheet__criteria_set=criteria_set).select_related(
        "sheet", "criterion"
    )
    return qs if unit_id is None else qs.filter(sheet__unit_id=unit_id)


def get_evidence(pk) -> Evidence:
    evidence = (
        Evidence.objects.filter(pk=pk)
        .select_related("sheet__criteria_set__group", "sheet__unit")
        .first()
    )
    if evidence is None:
        raise Http404
    return evidence


# --- totals --------------------------------------------------------------------------------


@dataclass
class Totals:
    criteria: Decimal = Decimal(0)
    bonus: Decimal = Decimal(0)
    penalty: Decimal = Decimal(0)
    scored: int = 0
    by_group: dict[str, Decimal] = field(default_factory=dict)

    @property
    def total(self) -> Decimal:
        return self.criteria + self.bonus - self.penalty


def compute_totals(
    criteria_set: CriteriaSet, nodes: list[Criterion], values: dict[int, Decimal | None]
) -> Totals:
    """total = Σ criteria (each capped at its maximum, each parent capped at its own)
    + bonus (capped by the set) − penalty (capped by the set). `values` maps leaf ids to
    points; a missing value counts for nothing and is not "scored"."""
    children: dict[int | None, list[Criterion]] = defaultdict(list)
    for node in nodes:
        children[node.parent_id].append(node)
    totals = Totals()

    def subtotal(node: Criterion) -> Decimal:
        if not children.get(node.pk):
            value = values.get(node.pk)
            if value is None:
                return Decimal(0)
            totals.scored += 1
            return min(max(value, Decimal(0)), node.max_points)
        return min(sum((subtotal(c) for c in children[node.pk]), Decimal(0)), node.max_points)

    for root in children.get(None, []):
        amount = subtotal(root)
        totals.by_group[root.code] = amount
        if root.category == CriterionCategory.BONUS:
            totals.bonus += amount
        elif root.category == CriterionCategory.PENALTY:
            totals.penalty += amount
        else:
            totals.criteria += amount
    totals.bonus = min(totals.bonus, criteria_set.bonus_cap)
    totals.penalty = min(totals.penalty, criteria_set.penalty_cap)
    return totals


def effective_values(
    lines: dict[tuple[int, int, str], ScoreLine], unit_id: int, leaf_ids, *, upto: str
) -> dict[int, Decimal | None]:
    """The value that counts for each leaf: council over head over (only if `upto` is self)
    the self-score."""
    stages = {
        Stage.SELF: [Stage.SELF],
        Stage.HEAD: [Stage.COUNCIL, Stage.HEAD],
        Stage.COUNCIL: [Stage.COUNCIL, Stage.HEAD],
    }[upto]
    result: dict[int, Decimal | None] = {}
    for leaf_id in leaf_ids:
        result[leaf_id] = None
        for stage in stages:
            line = lines.get((unit_id, leaf_id, stage))
            if line is not None and line.value is not None:
                result[leaf_id] = line.value
                break
    return result


# --- results, explanation, ballots ---------------------------------------------------------


def result_of(criteria_set: CriteriaSet) -> GroupResult | None:
    return GroupResult.objects.filter(criteria_set=criteria_set).select_related("locked_by").first()


def audit_of_lines(line_ids) -> QuerySet[AuditEntry]:
    from django.contrib.contenttypes.models import ContentType  # noqa: PLC0415 -- leaf

    return (
        core_selectors.audit_entries()
        .filter(
            target_type=ContentType.objects.get_for_model(ScoreLine),
            target_id__in=[str(i) for i in line_ids],
        )
        .order_by("occurred_at", "id")
    )


def ballots_of(criteria_set: CriteriaSet) -> QuerySet[Ballot]:
    return Ballot.objects.filter(criteria_set=criteria_set).order_by("-opened_at")


def get_ballot_for_user(user, pk) -> Ballot:
    ballot = (
        Ballot.objects.filter(pk=pk, criteria_set__in=visible_criteria_sets(user))
        .select_related("criteria_set__group")
        .first()
    )
    if ballot is None:
        raise Http404
    return ballot


def candidates_of(ballot: Ballot) -> list[BallotCandidate]:
    return list(ballot.candidates.select_related("unit").order_by("rank", "unit__name"))


def participations_of(ballot: Ballot, round_number: int | None = None):
    qs = BallotParticipation.objects.filter(ballot=ballot).select_related("unit")
    if round_number is not None:
        qs = qs.filter(round=round_number)
    return qs.order_by("round", "unit__name")


def round_results_of(ballot: Ballot):
    return (
        BallotRoundResult.objects.filter(ballot=ballot)
        .select_related("candidate__unit")
        .order_by("round", "candidate__rank")
    )


def open_sheet_statuses() -> frozenset[str]:
    return frozenset({SheetStatus.OPEN, SheetStatus.RETURNED})


def acclaimed_candidates(year: int | None = None) -> QuerySet[BallotCandidate]:
    """Units acclaimed by a group's ballot (or by its head and deputy after two rounds):
    the candidates for the provincial flag and certificates that `awards` reads."""
    qs = BallotCandidate.objects.filter(is_acclaimed=True).select_related(
        "unit", "ballot__criteria_set__group"
    )
    if year is not None:
        qs = qs.filter(ballot__criteria_set__year=year)
    return qs.order_by("ballot__criteria_set__group__name", "rank")
