"""Reads of the organisation: units (on a date, with their lineage), clusters and blocks.

Other apps read organisation data only through these functions.
"""

import datetime

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404

from accounts import selectors as account_selectors
from accounts.enums import Role
from accounts.rules import is_province_wide_reader
from clusters.enums import LineageRole
from clusters.models import (
    EmulationGroup,
    GroupMembership,
    GroupTerm,
    LineageEvent,
    LineageLink,
    OrgUnit,
    UnitParentPeriod,
)

# --- units -------------------------------------------------------------------------------


def units() -> QuerySet[OrgUnit]:
    return OrgUnit.objects.select_related("parent").order_by("name", "code")


def _active_on_q(day: datetime.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day}), Q(
        **{f"{prefix}valid_to__isnull": True}
    ) | Q(**{f"{prefix}valid_to__gte": day})


def units_on(day: datetime.date) -> QuerySet[OrgUnit]:
    """Units that exist on `day`."""
    return units().filter(*_active_on_q(day))


def units_in_year(year: int) -> QuerySet[OrgUnit]:
    """Units that exist on at least one day of `year`."""
    return units().filter(
        Q(valid_from__isnull=True) | Q(valid_from__year__lte=year),
        Q(valid_to__isnull=True) | Q(valid_to__year__gte=year),
    )


def get_unit(pk) -> OrgUnit:
    """Every signed-in user may read units, so fetching needs no authorisation."""
    unit = units().filter(pk=pk).first()
    if unit is None:
        raise Http404
    return unit


def units_by_code(codes) -> dict[str, OrgUnit]:
    return {u.code: u for u in OrgUnit.objects.filter(code__in=set(codes))}


def _lineage_ids_sql(*, backwards: bool) -> str:
    """One recursive query over the lineage graph: from a unit to every predecessor
    (`backwards`) or successor, across any number of events. UNION (not UNION ALL) stops at
    units already reached, so a rename (same unit on both sides) or a cycle ends the walk."""
    table = LineageLink._meta.db_table
    src, dst = (
        (LineageRole.SUCCESSOR, LineageRole.PREDECESSOR)
        if backwards
        else (LineageRole.PREDECESSOR, LineageRole.SUCCESSOR)
    )
    # Only table and enum names are formatted in; the unit id is a query parameter.
    return (
        "WITH RECURSIVE edges(src, dst) AS ("  # noqa: S608
        f" SELECT a.unit_id, b.unit_id FROM {table} a"
        f" JOIN {table} b ON b.event_id = a.event_id"
        f" WHERE a.role = '{src.value}' AND b.role = '{dst.value}' AND a.unit_id <> b.unit_id"
        "), walk(id) AS ("
        " SELECT CAST(%s AS BIGINT)"
        " UNION SELECT edges.dst FROM edges JOIN walk ON edges.src = walk.id"
        ") SELECT id FROM walk"
    )


def predecessors_of(unit: OrgUnit | int, *, include_self: bool = True) -> QuerySet[OrgUnit]:
    """This unit and every unit it came from, transitively (merges, splits, renames)."""
    unit_id = unit.pk if isinstance(unit, OrgUnit) else int(unit)
    ids = RawSQL(_lineage_ids_sql(backwards=True), (unit_id,))  # noqa: S611 -- id is a parameter
    qs = units().filter(pk__in=ids)
    return qs if include_self else qs.exclude(pk=unit_id)


def successors_of(unit: OrgUnit | int, *, include_self: bool = False) -> QuerySet[OrgUnit]:
    """Every unit that this unit became or went into, transitively."""
    unit_id = unit.pk if isinstance(unit, OrgUnit) else int(unit)
    ids = RawSQL(_lineage_ids_sql(backwards=False), (unit_id,))  # noqa: S611 -- id is a parameter
    qs = units().filter(pk__in=ids)
    return qs if include_self else qs.exclude(pk=unit_id)


def lineage_events_of(unit: OrgUnit) -> QuerySet[LineageEvent]:
    """Events the unit took part in, with every link and unit loaded."""
    return (
        LineageEvent.objects.filter(links__unit=unit)
        .distinct()
        .prefetch_related(
            Prefetch(
                "links", queryset=LineageLink.objects.select_related("unit").order_by("unit__name")
            )
        )
        .order_by("-effective_on", "-id")
    )


def parent_periods(unit: OrgUnit) -> QuerySet[UnitParentPeriod]:
    return (
        UnitParentPeriod.objects.filter(unit=unit)
        .select_related("parent")
        .order_by(F("valid_from").asc(nulls_first=True))
    )


def parent_on(unit: OrgUnit, day: datetime.date) -> OrgUnit | None:
    period = (
        UnitParentPeriod.objects.filter(unit=unit)
        .filter(*_active_on_q(day))
        .select_related("parent")
        .first()
    )
    return period.parent if period else None


def children_on(parent: OrgUnit, day: datetime.date) -> QuerySet[OrgUnit]:
    """Units whose parent on `day` was `parent` (by the dated parent periods)."""
    periods = UnitParentPeriod.objects.filter(parent=parent).filter(*_active_on_q(day))
    # Units without any dated parent (made outside the services) count by their current parent.
    undated = OrgUnit.objects.filter(parent=parent, parent_periods__isnull=True)
    return units_on(day).filter(
        Q(pk__in=periods.values("unit_id")) | Q(pk__in=undated.values("pk"))
    )


# --- clusters and blocks -----------------------------------------------------------------


def groups() -> QuerySet[EmulationGroup]:
    return EmulationGroup.objects.order_by("kind", "name", "code")


def groups_with_counts(year: int) -> QuerySet[EmulationGroup]:
    """Groups with `member_count` for `year`."""
    return groups().annotate(
        member_count=Count("memberships", filter=Q(memberships__year=year), distinct=True)
    )


def groups_for_user(user) -> QuerySet[EmulationGroup]:
    """Province-wide readers see every group; others the groups their units belong to or
    head (in any year)."""
    if is_province_wide_reader(user):
        return groups()
    unit_ids = account_selectors.unit_ids(user)
    head_unit_ids = account_selectors.unit_ids(user, Role.GROUP_HEAD)
    if not unit_ids:
        return groups().none()
    return groups().filter(
        Q(pk__in=GroupMembership.objects.filter(unit_id__in=unit_ids).values("group_id"))
        | Q(
            pk__in=GroupTerm.objects.filter(
                Q(head_unit_id__in=head_unit_ids) | Q(deputy_unit_id__in=head_unit_ids)
            ).values("group_id")
        )
    )


def get_group_for_user(user, pk) -> EmulationGroup:
    """Fetch and authorise in one call: a group the user may not see does not exist."""
    group = groups_for_user(user).filter(pk=pk).first()
    if group is None:
        raise Http404
    return group


def group_members(group: EmulationGroup, year: int) -> QuerySet[GroupMembership]:
    return (
        GroupMembership.objects.filter(group=group, year=year)
        .select_related("unit")
        .order_by("unit__name")
    )


def group_term(group: EmulationGroup, year: int) -> GroupTerm | None:
    return (
        GroupTerm.objects.filter(group=group, year=year)
        .select_related("head_unit", "deputy_unit")
        .first()
    )


def terms_for_year(year: int) -> QuerySet[GroupTerm]:
    return GroupTerm.objects.filter(year=year).select_related("group", "head_unit", "deputy_unit")


def group_years(group: EmulationGroup) -> list[int]:
    years = set(group.memberships.values_list("year", flat=True)) | set(
        group.terms.values_list("year", flat=True)
    )
    return sorted(years, reverse=True)


def memberships_of_unit(unit: OrgUnit) -> QuerySet[GroupMembership]:
    return (
        GroupMembership.objects.filter(unit=unit)
        .select_related("group")
        .order_by("-year", "group__name")
    )


def memberships(year: int | None = None) -> QuerySet[GroupMembership]:
    qs = GroupMembership.objects.select_related("group", "unit").order_by(
        "year", "group__code", "unit__code"
    )
    return qs if year is None else qs.filter(year=year)


def group_of_unit(unit: OrgUnit, *, year: int, level: str) -> EmulationGroup | None:
    membership = (
        GroupMembership.objects.filter(unit=unit, year=year, level=level)
        .select_related("group")
        .first()
    )
    return membership.group if membership else None
