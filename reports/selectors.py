"""Reads of the reports app: which runs a user may see, fetched and authorised in one call."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from accounts.enums import Role
from accounts.rules import is_province_wide_reader
from accounts.selectors import unit_ids
from clusters import selectors as cluster_selectors
from clusters.models import EmulationGroup, GroupMembership, GroupTerm
from reports.enums import ReportScope, ReportStatus
from reports.models import ReportRun
from reports.rules import can_manage_reports


def runs() -> QuerySet[ReportRun]:
    return ReportRun.objects.select_related("group", "requested_by").order_by(
        "-year", "-created_at", "-id"
    )


def _headed_groups_q(user) -> Q | None:
    heads = unit_ids(user, Role.GROUP_HEAD)
    if not heads:
        return None
    return Q(
        Exists(
            GroupTerm.objects.filter(group_id=OuterRef("group_id"), year=OuterRef("year")).filter(
                Q(head_unit_id__in=heads) | Q(deputy_unit_id__in=heads)
            )
        )
    )


def visible_runs(user, queryset: QuerySet[ReportRun] | None = None) -> QuerySet[ReportRun]:
    queryset = runs() if queryset is None else queryset
    if is_province_wide_reader(user):
        return queryset
    own = unit_ids(user)
    if not own:
        return queryset.none()
    member_of_group = Exists(
        GroupMembership.objects.filter(
            group_id=OuterRef("group_id"), year=OuterRef("year"), unit_id__in=own
        )
    )
    condition = Q(member_of_group, is_final=True, status=ReportStatus.DONE)
    headed = _headed_groups_q(user)
    if headed is not None:
        condition |= headed
    return queryset.filter(scope=ReportScope.GROUP).filter(condition)


def get_run_for_user(user, pk) -> ReportRun:
    """A run the user may not see does not exist (404, never 403)."""
    run = visible_runs(user).filter(pk=pk).first()
    if run is None:
        raise Http404
    return run


def requestable_groups(user, year: int) -> QuerySet[EmulationGroup]:
    """Groups whose reports the user may ask for in `year`."""
    if can_manage_reports(user):
        return cluster_selectors.groups()
    heads = unit_ids(user, Role.GROUP_HEAD)
    return (
        cluster_selectors.groups()
        .filter(
            Q(terms__year=year)
            & (Q(terms__head_unit_id__in=heads) | Q(terms__deputy_unit_id__in=heads))
        )
        .distinct()
    )
