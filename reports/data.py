"""What a report says, read from the lower apps into plain JSON-ready dicts.

The result is stored on the run (`ReportRun.data`) and hashed into its `inputs_hash`: asking
for the same report on the same data returns the same run, and a final report can always be
rendered again from exactly the figures it was signed with. Only reads happen here.

Each function costs a fixed number of queries, whatever the number of groups and units.
"""

import datetime
import re
from collections import Counter, defaultdict

from campaigns import selectors as campaign_selectors
from campaigns.enums import PledgeStatus, RegistrationStatus
from clusters import selectors as cluster_selectors
from clusters.enums import GroupKind
from clusters.models import EmulationGroup
from reports import sources
from reports.enums import ReportKind, ReportPeriod

# Reporting period of the E&C statistical forms (TT 02/2023): 01/12 of the previous year to
# 30/11 of the reporting year (forms.md §1.1).


def form_period(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year - 1, 12, 1), datetime.date(year, 11, 30)


def review_period(year: int, period: str) -> tuple[datetime.date, datetime.date]:
    """Which award decisions a review counts: the year-end review uses the reporting period
    of the statistical forms (so its tables agree with the 0602/0603 it attaches); the
    half-year review counts the decisions dated from 01/01 to 30/06."""
    if period == ReportPeriod.FIRST_HALF:
        return datetime.date(year, 1, 1), datetime.date(year, 6, 30)
    return form_period(year)


def period_end(year: int, period: str) -> datetime.date:
    if period == ReportPeriod.FIRST_HALF:
        return datetime.date(year, 6, 30)
    return datetime.date(year, 12, 31)


def _movement_years(movement) -> tuple[int | None, int | None]:
    start = movement.start_date.year if movement.start_date else movement.start_year
    end = movement.end_date.year if movement.end_date else movement.end_year
    return start, end


def _movement_runs_in(movement, year: int) -> bool:
    start, end = _movement_years(movement)
    if start is None and end is None:
        return False
    return (start is None or start <= year) and (end is None or end >= year)


def _movement_row(movement) -> dict:
    return {
        "id": movement.pk,
        "name": movement.name,
        "launcher_level": movement.launcher_level,
        "kind": movement.kind,
        "period": movement.period_label,
        "launch_document": movement.launch_document,
    }


def movements_running_in(year: int) -> list[dict]:
    return [
        _movement_row(m)
        for m in campaign_selectors.movements().order_by("launcher_level", "name", "pk")
        if _movement_runs_in(m, year)
    ]


# ---------------------------------------------------------------- one cluster or block


def group_review_data(group: EmulationGroup, year: int, period: str) -> dict:
    term = cluster_selectors.group_term(group, year)
    members = list(cluster_selectors.group_members(group, year))
    unit_ids = [m.unit_id for m in members]
    registrations = {
        r.unit_id: r
        for r in campaign_selectors.registrations().filter(
            unit_id__in=unit_ids, year=year, movement__isnull=True
        )
    }
    head_id = term.head_unit_id if term else None
    deputy_id = term.deputy_unit_id if term else None
    rows = []
    statuses: Counter = Counter()
    late = 0
    for membership in members:
        unit = membership.unit
        registration = registrations.get(unit.pk)
        role = "head" if unit.pk == head_id else "deputy" if unit.pk == deputy_id else "member"
        row = {"code": unit.code, "name": unit.name, "role": role, "registration": None}
        if registration is not None:
            statuses[registration.status] += 1
            late += int(registration.is_late)
            row["registration"] = {
                "status": registration.status,
                "titles": list(registration.collective_titles),
                "individuals": registration.individual_count,
                "is_late": registration.is_late,
            }
        rows.append(row)
    pledge = (
        campaign_selectors.pledges()
        .filter(group=group, year=year)
        .prefetch_related("items")
        .first()
    )
    pledge_data = None
    if pledge is not None:
        pledge_data = {
            "title": pledge.title,
            "status": pledge.status,
            "signed": pledge.signature_count,
            "items": [item.text for item in pledge.items.all()],
        }
    return {
        "group": {"id": group.pk, "code": group.code, "name": group.name, "kind": group.kind},
        "year": year,
        "period": period,
        "term": (
            {
                "head": term.head_unit.name,
                "deputy": term.deputy_unit.name if term.deputy_unit_id else "",
                "decision_ref": term.decision_ref,
            }
            if term
            else None
        ),
        "members": rows,
        "registrations": {
            "units": len(rows),
            "by_status": {code: statuses.get(code, 0) for code in RegistrationStatus.values},
            "none": len(rows) - sum(statuses.values()),
            "late": late,
        },
        "pledge": pledge_data,
        "scoring": sources.scoring_result(group, year, period),
        "proposals": sources.group_proposals(group, year),
    }


# ---------------------------------------------------------------- the whole province


def _group_figures(year: int, groups: list[EmulationGroup]) -> dict[int, dict]:
    blocks, _total = campaign_selectors.registration_summary(year=year, groups=groups)
    return {
        block.group.pk: {
            "members": block.unit_count,
            "registered": block.registered_count,
            "approved": block.by_status.get(RegistrationStatus.APPROVED, 0),
            "late": block.late_count,
        }
        for block in blocks
    }


def _totals(figures: dict[int, dict], pledges: dict[int, dict], group_count: int) -> dict:
    members = sum(f["members"] for f in figures.values())
    approved = sum(f["approved"] for f in figures.values())
    return {
        "groups": group_count,
        "members": members,
        "registered": sum(f["registered"] for f in figures.values()),
        "approved": approved,
        "late": sum(f["late"] for f in figures.values()),
        "approved_percent": _percent(approved, members),
        "pledges_in_force": sum(
            1 for p in pledges.values() if p["status"] in (PledgeStatus.IN_FORCE, "closed")
        ),
    }


def _natural(text: str) -> list:
    """ "Cụm thi đua số 2" before "Cụm thi đua số 10"."""
    return [
        (0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text)
    ]


def _percent(part: int, whole: int) -> str:
    if not whole:
        return "0"
    return f"{part * 100 / whole:.1f}".replace(".", ",")


def province_review_data(year: int, period: str) -> dict:
    previous = year - 1
    current_groups = list(campaign_selectors.groups_for_year(year))
    previous_groups = list(campaign_selectors.groups_for_year(previous))
    all_groups = {g.pk: g for g in [*current_groups, *previous_groups]}
    # Clusters (of localities) first, then blocks (of agencies), each in natural order.
    ordered = sorted(
        all_groups.values(),
        key=lambda g: (g.kind != GroupKind.CLUSTER, _natural(g.name), g.code),
    )
    now = _group_figures(year, current_groups)
    before = _group_figures(previous, previous_groups)
    heads = {t.group_id: t.head_unit.name for t in cluster_selectors.terms_for_year(year)}
    acclaimed = sources.acclaimed_by_group(year)
    pledges: dict[int, dict[int, dict]] = defaultdict(dict)
    for pledge in campaign_selectors.pledges().filter(year__in=[year, previous]):
        pledges[pledge.year][pledge.group_id] = {
            "status": pledge.status,
            "signed": pledge.signature_count,
        }
    empty = {"members": 0, "registered": 0, "approved": 0, "late": 0}
    awards = _award_figures(year, period)
    no_awards = {"collective": 0, "household": 0, "individual": 0, "total": 0}
    rows = []
    for group in ordered:
        pledge = pledges[year].get(group.pk)
        rows.append(
            {
                "code": group.code,
                "name": group.name,
                "kind": group.kind,
                "head": heads.get(group.pk, ""),
                "now": now.get(group.pk, empty),
                "before": before.get(group.pk, empty),
                "pledge_status": pledge["status"] if pledge else None,
                "pledge_signed": pledge["signed"] if pledge else 0,
                "acclaimed": acclaimed.get(group.pk, []),
                "awards_now": awards["now"]["by_group"].get(str(group.pk), no_awards),
                "awards_before": awards["before"]["by_group"].get(str(group.pk), no_awards),
            }
        )
    return {
        "year": year,
        "period": period,
        "groups": rows,
        "totals": _totals(now, pledges[year], len(current_groups)),
        "previous": _totals(before, pledges[previous], len(previous_groups)),
        "movements": movements_running_in(year),
        "awards": awards,
    }


def _award_figures(year: int, period: str) -> dict:
    """Section I.3 of the province review: this year's awards and the year before's over the
    same window, and the dossiers received in each."""
    start, end = review_period(year, period)
    before_start, before_end = review_period(year - 1, period)
    return {
        "now": sources.award_breakdown(start, end, group_year=year),
        "before": sources.award_breakdown(before_start, before_end, group_year=year - 1),
        "dossiers": sources.proposal_figures(start, end),
        "dossiers_before": sources.proposal_figures(before_start, before_end),
    }


# ---------------------------------------------------------------- statistical forms

DURATION_BUCKETS = ("under_1", "1", "1_to_3", "3_to_5", "5_plus")


def _duration_bucket(movement) -> str | None:
    """Months between start and end (dates if known, else whole years). A movement whose
    period is not known cannot be put in a duration row (forms.md §5 point 5 on the limits)."""
    if movement.start_date and movement.end_date:
        months = (movement.end_date.year - movement.start_date.year) * 12 + (
            movement.end_date.month - movement.start_date.month
        )
        months += 1 if movement.end_date.day >= movement.start_date.day else 0
    else:
        start, end = _movement_years(movement)
        if start is None or end is None:
            return None
        months = (end - start + 1) * 12
    if months < 12:
        return "under_1"
    if months == 12:
        return "1"
    if months < 36:
        return "1_to_3"
    if months < 60:
        return "3_to_5"
    return "5_plus"


def _launched_in(movement, start: datetime.date, end: datetime.date, year: int) -> bool:
    """Counted when its launch falls in the reporting period (the vendor counts by the launch
    decision's date); without a launch date, by its start date, then by its first year."""
    day = movement.launched_on or movement.start_date
    if day is not None:
        return start <= day <= end
    return movement.start_year == year


# Launcher → the form's column (2 central, 3 ministry/province, 4 agency) and scope row.
LAUNCHER_COLUMN = {"prime_minister": 2, "province": 3, "department": 4, "cluster": 4}
LAUNCHER_SCOPE_ROW = {"prime_minister": "02", "province": "03", "cluster": "04", "department": "05"}
DURATION_ROW = dict(zip(DURATION_BUCKETS, ("06", "07", "08", "09", "10"), strict=True))
METHOD_ROW = {"thematic": "11", "regular": "12"}


def form_0601_data(year: int) -> dict:
    start, end = form_period(year)
    cells: dict[str, dict[int, int]] = defaultdict(lambda: dict.fromkeys((1, 2, 3, 4), 0))
    unknown_duration = []
    counted = []
    for movement in campaign_selectors.movements().order_by("name", "pk"):
        if not _launched_in(movement, start, end, year):
            continue
        column = LAUNCHER_COLUMN.get(movement.launcher_level)
        if column is None:
            continue
        counted.append(_movement_row(movement))
        rows = ["01", LAUNCHER_SCOPE_ROW[movement.launcher_level], METHOD_ROW[movement.kind]]
        bucket = _duration_bucket(movement)
        if bucket is None:
            unknown_duration.append(movement.name)
        else:
            rows.append(DURATION_ROW[bucket])
        for row in rows:
            cells[row][1] += 1
            cells[row][column] += 1
    return {
        "year": year,
        "period": [start.isoformat(), end.isoformat()],
        "cells": {row: {str(col): n for col, n in values.items()} for row, values in cells.items()},
        "movements": counted,
        "unknown_duration": unknown_duration,
    }


def form_awards_data(year: int) -> dict:
    start, end = form_period(year)
    return {
        "year": year,
        "period": [start.isoformat(), end.isoformat()],
        "awards": sources.award_counts(start, end),
    }


def gather(kind: str, *, year: int, group: EmulationGroup | None = None) -> dict:
    period = ReportKind.period_of(kind)
    if kind in ReportKind.GROUP_KINDS:
        return group_review_data(group, year, period)
    if kind in (ReportKind.PROVINCE_PRELIMINARY, ReportKind.PROVINCE_FINAL):
        return province_review_data(year, period)
    if kind == ReportKind.FORM_0601:
        return form_0601_data(year)
    return form_awards_data(year)
