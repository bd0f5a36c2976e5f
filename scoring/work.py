"""Items for the "My work" home page; each provider costs a bounded number of queries."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.enums import Role
from accounts.selectors import unit_ids
from clusters.models import GroupMembership
from core.registry import WorkItem
from scoring import selectors
from scoring.enums import PhaseKind, SheetStatus, Stage
from scoring.models import CriteriaSet, Phase, ScoreLine, ScoreSheet


def self_assessment_work(user) -> list[WorkItem]:
    """Unit staff: open self-assessments not yet submitted (3 queries)."""
    own = unit_ids(user, Role.UNIT_OFFICER, Role.UNIT_LEADER)
    if not own:
        return []
    today = timezone.localdate()
    phases = list(
        Phase.objects.filter(
            kind=PhaseKind.SELF_ASSESSMENT, starts_on__lte=today, ends_on__gte=today
        ).select_related("criteria_set__group")
    )
    if not phases:
        return []
    memberships = set(
        GroupMembership.objects.filter(unit_id__in=own).values_list("group_id", "year", "unit_id")
    )
    done = set(
        ScoreSheet.objects.filter(
            criteria_set__in=[p.criteria_set_id for p in phases],
            unit_id__in=own,
            status__in=[SheetStatus.SELF_SUBMITTED, SheetStatus.LOCKED],
        ).values_list("criteria_set_id", "unit_id")
    )
    items = []
    for phase in phases:
        cs = phase.criteria_set
        for group_id, year, unit_id in sorted(memberships):
            if (group_id, year) != (cs.group_id, cs.year) or (cs.pk, unit_id) in done:
                continue
            items.append(
                WorkItem(
                    title=_("Self-assessment for %(year)s open until %(date)s")
                    % {"year": cs.year, "date": phase.ends_on.strftime("%d/%m/%Y")},
                    url=reverse("scoring:self-assessment", args=[cs.pk, unit_id]),
                    detail=cs.title,
                    tags=("scoring",),
                )
            )
    return items


def head_scoring_work(user) -> list[WorkItem]:
    """Group heads: cells left to score in sets whose head-scoring phase is open (4 queries)."""
    headed = [k for k, v in selectors.headed_pairs(user).items() if v == "head"]
    if not headed:
        return []
    today = timezone.localdate()
    condition = Q()
    for group_id, year in headed:
        condition |= Q(group_id=group_id, year=year)
    sets = list(
        CriteriaSet.objects.filter(
            condition,
            phases__kind=PhaseKind.HEAD_SCORING,
            phases__starts_on__lte=today,
            phases__ends_on__gte=today,
        ).annotate(
            leaf_count=Count("criteria", filter=Q(criteria__children__isnull=True), distinct=True)
        )
    )
    if not sets:
        return []
    members = {}
    for group_id, year in GroupMembership.objects.filter(
        group_id__in=[s.group_id for s in sets]
    ).values_list("group_id", "year"):
        members[(group_id, year)] = members.get((group_id, year), 0) + 1
    scored = dict(
        ScoreLine.objects.filter(
            sheet__criteria_set__in=sets, stage=Stage.HEAD, value__isnull=False
        )
        .values_list("sheet__criteria_set_id")
        .annotate(n=Count("id"))
    )
    items = []
    for cs in sets:
        left = cs.leaf_count * members.get((cs.group_id, cs.year), 0) - scored.get(cs.pk, 0)
        if left <= 0:
            continue
        items.append(
            WorkItem(
                title=ngettext(
                    "%(count)s cell left to score", "%(count)s cells left to score", left
                )
                % {"count": left},
                url=reverse("scoring:grid", args=[cs.pk]),
                detail=cs.title,
                count=left,
                tags=("scoring",),
            )
        )
    return items
