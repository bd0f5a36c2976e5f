"""Every change to the organisation: units, their parents and lineage, clusters and blocks.

Each service runs in one transaction, checks the domain rules, writes one audit entry and
returns what it changed. Permission checks are the caller's (views and API use the same
`clusters.manage_org` rule); services never see a request.
"""

import datetime
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusters import audit_actions
from clusters.enums import LineageKind, LineageRole, MemberRole
from clusters.importer import ImportKind, ImportPlan
from clusters.models import (
    EmulationGroup,
    GroupMembership,
    GroupTerm,
    LineageEvent,
    LineageLink,
    OrgUnit,
    UnitParentPeriod,
)
from core.audit import record_audit
from core.exceptions import DomainError


def _nfc(value: str | None) -> str:
    return unicodedata.normalize("NFC", value or "").strip()


def _day_before(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=1)


# --- units -------------------------------------------------------------------------------

UNIT_FIELDS = ("name", "short_name", "official_code", "unit_type", "valid_from", "valid_to")


@transaction.atomic
def create_unit(
    *,
    code: str,
    name: str,
    unit_type: str,
    actor,
    short_name: str = "",
    official_code: str = "",
    parent: OrgUnit | None = None,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> OrgUnit:
    """Create a unit; its first parent period starts when the unit does."""
    unit = OrgUnit(
        code=code,
        name=name,
        short_name=short_name,
        official_code=official_code,
        unit_type=unit_type,
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    unit.full_clean()
    unit.save()
    if parent is not None:
        UnitParentPeriod.objects.create(
            unit=unit, parent=parent, valid_from=valid_from, valid_to=valid_to
        )
    record_audit(audit_actions.UNIT_CREATED, actor=actor, target=unit, after=unit.as_audit_dict())
    return unit


@transaction.atomic
def update_unit(unit: OrgUnit, *, actor, **changes) -> OrgUnit:
    """Correct a unit's data (a typo, a missing date). The code never changes; a real change
    of name is `rename_unit` and a change of parent is `change_unit_parent`, which keep
    history."""
    unknown = set(changes) - set(UNIT_FIELDS)
    if unknown:
        raise TypeError(f"update_unit() cannot change {sorted(unknown)}")
    unit = OrgUnit.objects.select_for_update(of=("self",)).select_related("parent").get(pk=unit.pk)
    before = unit.as_audit_dict()
    for name, value in changes.items():
        setattr(unit, name, value)
    unit.full_clean()
    after = unit.as_audit_dict()
    if after == before:
        return unit
    unit.save()
    record_audit(audit_actions.UNIT_CHANGED, actor=actor, target=unit, before=before, after=after)
    return unit


@transaction.atomic
def edit_unit(
    unit: OrgUnit,
    *,
    actor,
    parent: OrgUnit | None,
    parent_from: datetime.date | None = None,
    **changes,
) -> OrgUnit:
    """The unit form's save: correct the data and, when the parent differs, move the unit
    under it from `parent_from`. All or nothing."""
    unit = update_unit(unit, actor=actor, **changes)
    if parent != unit.parent:
        if parent_from is None:
            raise DomainError(
                _("Enter the day the new parent takes over."), code="parent_from_required"
            )
        unit = change_unit_parent(unit, parent=parent, valid_from=parent_from, actor=actor)
    return unit


def _check_no_cycle(unit: OrgUnit, parent: OrgUnit) -> None:
    seen = {unit.pk}
    current = parent
    while current is not None:
        if current.pk in seen:
            raise DomainError(
                _("%(parent)s cannot be the parent of %(unit)s: it lies below it.")
                % {"parent": parent, "unit": unit},
                code="parent_cycle",
            )
        seen.add(current.pk)
        current = current.parent


@transaction.atomic
def change_unit_parent(
    unit: OrgUnit, *, parent: OrgUnit | None, valid_from: datetime.date, actor
) -> OrgUnit:
    """From `valid_from` the unit sits under `parent` (None: no parent). The running period
    ends the day before; `OrgUnit.parent` follows when the change is in force today."""
    unit = OrgUnit.objects.select_for_update(of=("self",)).select_related("parent").get(pk=unit.pk)
    if parent is not None:
        if parent.pk == unit.pk:
            raise DomainError(_("A unit cannot be its own parent."), code="own_parent")
        _check_no_cycle(unit, parent)
    periods = list(UnitParentPeriod.objects.select_for_update().filter(unit=unit))
    if any(p.valid_from is not None and p.valid_from >= valid_from for p in periods):
        raise DomainError(
            _("The unit already has a parent from %(date)s or later; change that period first.")
            % {"date": f"{valid_from:%d/%m/%Y}"},
            code="parent_period_overlap",
        )
    before = {
        "parent": unit.parent.code if unit.parent_id else None,
        "periods": [_period_dict(p) for p in periods],
    }
    for period in periods:
        if period.valid_to is None or period.valid_to >= valid_from:
            period.valid_to = _day_before(valid_from)
            period.full_clean()
            period.save(update_fields=["valid_to", "updated_at"])
    if parent is not None:
        UnitParentPeriod.objects.create(
            unit=unit, parent=parent, valid_from=valid_from, valid_to=unit.valid_to
        )
    if valid_from <= timezone.localdate():
        unit.parent = parent
        unit.save(update_fields=["parent", "updated_at"])
    record_audit(
        audit_actions.UNIT_PARENT_CHANGED,
        actor=actor,
        target=unit,
        before=before,
        after={
            "parent": parent.code if parent else None,
            "valid_from": valid_from.isoformat(),
        },
    )
    return unit


def _period_dict(period: UnitParentPeriod) -> dict:
    return {
        "parent_id": period.parent_id,
        "valid_from": period.valid_from.isoformat() if period.valid_from else None,
        "valid_to": period.valid_to.isoformat() if period.valid_to else None,
    }


@transaction.atomic
def rename_unit(
    unit: OrgUnit,
    *,
    name: str,
    effective_on: datetime.date,
    actor,
    short_name: str | None = None,
    decision_ref: str = "",
) -> LineageEvent:
    """A renamed unit stays the same unit (same code, same history); the rename is kept as a
    lineage event with the old and new names and the decision."""
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    new_name = _nfc(name)
    if not new_name:
        raise DomainError(_("Enter the new name."), code="name_required")
    if new_name == unit.name:
        raise DomainError(_("The new name is the same as the current one."), code="same_name")
    event = LineageEvent(
        kind=LineageKind.RENAME,
        effective_on=effective_on,
        decision_ref=_nfc(decision_ref),
        old_name=unit.name,
        new_name=new_name,
    )
    event.full_clean()
    event.save()
    LineageLink.objects.bulk_create(
        [
            LineageLink(event=event, unit=unit, role=LineageRole.PREDECESSOR),
            LineageLink(event=event, unit=unit, role=LineageRole.SUCCESSOR),
        ]
    )
    before = unit.as_audit_dict()
    unit.name = new_name
    if short_name is not None:
        unit.short_name = short_name
    unit.full_clean()
    unit.save()
    record_audit(
        audit_actions.UNIT_RENAMED,
        actor=actor,
        target=unit,
        before=before,
        after={**unit.as_audit_dict(), "event_id": event.pk, "decision_ref": event.decision_ref},
    )
    return event


@transaction.atomic
def record_lineage_event(
    *,
    kind: str,
    effective_on: datetime.date,
    predecessors: Sequence[OrgUnit],
    successors: Sequence[OrgUnit],
    actor,
    partial_predecessors: Iterable[OrgUnit] = (),
    decision_ref: str = "",
    note: str = "",
    close_predecessors: bool = False,
) -> LineageEvent:
    """Record a merge (several units → one), a split (one → several) or an establishment
    (→ new units) taking effect on `effective_on`.

    `partial_predecessors` are predecessors of which only a part went to the successors (a
    commune split between two new ones). With `close_predecessors`, whole predecessors that
    are still open end the day before. Renames go through `rename_unit`.
    """
    predecessors = list(dict.fromkeys(predecessors))
    successors = list(dict.fromkeys(successors))
    partial_ids = {u.pk for u in partial_predecessors}
    _check_lineage_shape(kind, predecessors, successors, partial_ids)
    event = LineageEvent(
        kind=kind, effective_on=effective_on, decision_ref=_nfc(decision_ref), note=_nfc(note)
    )
    event.full_clean()
    event.save()
    LineageLink.objects.bulk_create(
        [
            LineageLink(
                event=event,
                unit=unit,
                role=LineageRole.PREDECESSOR,
                is_partial=unit.pk in partial_ids,
            )
            for unit in predecessors
        ]
        + [LineageLink(event=event, unit=unit, role=LineageRole.SUCCESSOR) for unit in successors]
    )
    closed = []
    if close_predecessors:
        for unit in predecessors:
            if unit.pk in partial_ids or unit.valid_to is not None or unit in successors:
                continue
            unit.valid_to = _day_before(effective_on)
            unit.full_clean()
            unit.save(update_fields=["valid_to", "updated_at"])
            closed.append(unit.code)
    record_audit(
        audit_actions.LINEAGE_RECORDED,
        actor=actor,
        target=event,
        target_label=f"{event} – {', '.join(u.code for u in successors)}",
        after={
            "kind": kind,
            "effective_on": effective_on.isoformat(),
            "decision_ref": event.decision_ref,
            "predecessors": [u.code for u in predecessors],
            "partial": sorted(u.code for u in predecessors if u.pk in partial_ids),
            "successors": [u.code for u in successors],
            "closed": closed,
        },
    )
    return event


def _check_lineage_shape(kind, predecessors, successors, partial_ids) -> None:
    if kind == LineageKind.RENAME:
        raise DomainError(_("Record a rename from the unit's page."), code="use_rename")
    if kind not in LineageKind.values:
        raise DomainError(_("Unknown kind of event."), code="lineage_kind")
    if not successors:
        raise DomainError(_("Choose at least one successor unit."), code="lineage_shape")
    both = {u.pk for u in predecessors} & {u.pk for u in successors}
    # A merge may keep one of its units (Thái Bình went into Hưng Yên, which continues).
    if both and not (kind == LineageKind.MERGE and len(both) == 1):
        raise DomainError(
            _(
                "A unit cannot be both predecessor and successor in one event, except the "
                "one unit a merge keeps."
            ),
            code="lineage_shape",
        )
    if partial_ids - {u.pk for u in predecessors}:
        raise DomainError(
            _("Only a predecessor can be marked as partly taken over."), code="lineage_shape"
        )
    if kind == LineageKind.MERGE and (len(predecessors) < 2 or len(successors) != 1):
        raise DomainError(
            _("A merge joins two or more units into exactly one unit."), code="lineage_shape"
        )
    if kind == LineageKind.SPLIT and (len(predecessors) != 1 or len(successors) < 2):
        raise DomainError(
            _("A split divides exactly one unit into two or more units."), code="lineage_shape"
        )
    if kind == LineageKind.ESTABLISH and predecessors:
        raise DomainError(
            _(
                "An establishment creates units from none: leave predecessors empty, or record "
                "a merge or split."
            ),
            code="lineage_shape",
        )


# --- clusters and blocks -----------------------------------------------------------------

GROUP_FIELDS = ("name", "kind", "level", "description", "decision_ref", "valid_from", "valid_to")


@transaction.atomic
def create_group(
    *,
    code: str,
    name: str,
    kind: str,
    level: str,
    actor,
    description: str = "",
    decision_ref: str = "",
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> EmulationGroup:
    group = EmulationGroup(
        code=code,
        name=name,
        kind=kind,
        level=level,
        description=description,
        decision_ref=decision_ref,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    group.full_clean()
    group.save()
    record_audit(
        audit_actions.GROUP_CREATED, actor=actor, target=group, after=group.as_audit_dict()
    )
    return group


@transaction.atomic
def update_group(group: EmulationGroup, *, actor, **changes) -> EmulationGroup:
    """Change a group's data. Its level cannot change once it has members: each membership
    carries the level, and the one-group-per-level rule depends on it."""
    unknown = set(changes) - set(GROUP_FIELDS)
    if unknown:
        raise TypeError(f"update_group() cannot change {sorted(unknown)}")
    group = EmulationGroup.objects.select_for_update().get(pk=group.pk)
    before = group.as_audit_dict()
    if "level" in changes and changes["level"] != group.level and group.memberships.exists():
        raise DomainError(
            _("The level of a cluster/block with members cannot change."), code="level_locked"
        )
    for name, value in changes.items():
        setattr(group, name, value)
    group.full_clean()
    after = group.as_audit_dict()
    if after == before:
        return group
    group.save()
    record_audit(audit_actions.GROUP_CHANGED, actor=actor, target=group, before=before, after=after)
    return group


def _one_group_per_level_error(unit, year, other_group) -> DomainError:
    return DomainError(
        _(
            "%(unit)s already belongs to %(group)s in %(year)s; a unit belongs to at most one "
            "cluster/block of each level in a year."
        )
        % {"unit": unit, "group": other_group, "year": year},
        code="one_group_per_level",
    )


@transaction.atomic
def add_member(group: EmulationGroup, *, unit: OrgUnit, year: int, actor) -> GroupMembership:
    """Make `unit` a member of `group` for `year`."""
    if not unit.exists_in_year(year):
        raise DomainError(
            _("%(unit)s does not exist in %(year)s.") % {"unit": unit, "year": year},
            code="unit_not_in_year",
        )
    if not group.exists_in_year(year):
        raise DomainError(
            _("%(group)s does not run in %(year)s.") % {"group": group, "year": year},
            code="group_not_in_year",
        )
    existing = (
        GroupMembership.objects.filter(unit=unit, year=year, level=group.level)
        .select_related("group")
        .first()
    )
    if existing is not None:
        if existing.group_id == group.pk:
            raise DomainError(
                _("%(unit)s is already a member in %(year)s.") % {"unit": unit, "year": year},
                code="already_member",
            )
        raise _one_group_per_level_error(unit, year, existing.group)
    membership = GroupMembership(group=group, unit=unit, year=year, level=group.level)
    try:
        # The check above can race with another request; the constraint decides.
        with transaction.atomic():
            membership.save()
    except IntegrityError as exc:
        other = GroupMembership.objects.filter(unit=unit, year=year, level=group.level).first()
        raise _one_group_per_level_error(unit, year, other.group if other else group) from exc
    record_audit(
        audit_actions.MEMBER_ADDED,
        actor=actor,
        target=membership,
        after={"group": group.code, "unit": unit.code, "year": year},
    )
    return membership


@transaction.atomic
def remove_member(membership: GroupMembership, *, actor) -> None:
    """Take a unit out of a group for one year; not the year's head or deputy."""
    membership = GroupMembership.objects.select_related("group", "unit").get(pk=membership.pk)
    term = GroupTerm.objects.filter(group=membership.group, year=membership.year).first()
    if term is not None and membership.unit_id in (term.head_unit_id, term.deputy_unit_id):
        raise DomainError(
            _("%(unit)s is head or deputy of the cluster/block in %(year)s: name another first.")
            % {"unit": membership.unit, "year": membership.year},
            code="member_is_head",
        )
    data = {
        "group": membership.group.code,
        "unit": membership.unit.code,
        "year": membership.year,
    }
    label = str(membership)
    membership.delete()
    record_audit(
        audit_actions.MEMBER_REMOVED,
        actor=actor,
        target=membership.group,
        target_label=label,
        before=data,
    )


def check_term(
    group: EmulationGroup, *, year: int, head_unit: OrgUnit, deputy_unit: OrgUnit | None
) -> None:
    """The head and the deputy must be members that year, and differ."""
    member_ids = set(
        GroupMembership.objects.filter(group=group, year=year).values_list("unit_id", flat=True)
    )
    if head_unit.pk not in member_ids:
        raise DomainError(
            _("The head must be a member of the cluster/block in %(year)s.") % {"year": year},
            code="head_not_member",
        )
    if deputy_unit is not None:
        if deputy_unit.pk == head_unit.pk:
            raise DomainError(
                _("The deputy must be a different unit from the head."), code="deputy_is_head"
            )
        if deputy_unit.pk not in member_ids:
            raise DomainError(
                _("The deputy must be a member of the cluster/block in %(year)s.") % {"year": year},
                code="deputy_not_member",
            )


@transaction.atomic
def set_term(
    group: EmulationGroup,
    *,
    year: int,
    head_unit: OrgUnit,
    actor,
    deputy_unit: OrgUnit | None = None,
    decision_ref: str = "",
) -> GroupTerm:
    """Name the head and deputy of `group` for `year` (heads rotate yearly)."""
    check_term(group, year=year, head_unit=head_unit, deputy_unit=deputy_unit)
    term = GroupTerm.objects.select_for_update().filter(group=group, year=year).first()
    before = _term_dict(term) if term else None
    if term is None:
        term = GroupTerm(group=group, year=year)
    term.head_unit = head_unit
    term.deputy_unit = deputy_unit
    term.decision_ref = _nfc(decision_ref)
    term.full_clean()
    term.save()
    record_audit(
        audit_actions.TERM_SET, actor=actor, target=term, before=before, after=_term_dict(term)
    )
    return term


def _term_dict(term: GroupTerm) -> dict:
    return {
        "group": term.group.code,
        "year": term.year,
        "head": term.head_unit.code,
        "deputy": term.deputy_unit.code if term.deputy_unit_id else None,
        "decision_ref": term.decision_ref,
    }


@dataclass
class SkippedItem:
    group: str
    unit: str
    reason: str


@dataclass
class CopyReport:
    from_year: int
    to_year: int
    memberships_created: int = 0
    terms_created: int = 0
    already_there: int = 0
    skipped: list[SkippedItem] = field(default_factory=list)


@transaction.atomic
def copy_groups_to_next_year(
    *, from_year: int, actor, groups: Iterable[EmulationGroup] | None = None
) -> CopyReport:
    """Copy the memberships and head/deputy of `from_year` to the next year in one go.

    Skipped, and reported: units that no longer exist in the new year, units that already
    belong to another group of the same level then, groups that no longer run, and terms
    whose head or deputy was skipped or that already exist. Memberships already in place
    count as `already_there`, so running the copy twice changes nothing.
    """
    to_year = from_year + 1
    report = CopyReport(from_year=from_year, to_year=to_year)
    source = GroupMembership.objects.filter(year=from_year).select_related("group", "unit")
    if groups is not None:
        source = source.filter(group__in=list(groups))
    source = list(source.order_by("group__code", "unit__code"))
    taken = {
        (m.unit_id, m.level): m
        for m in GroupMembership.objects.filter(year=to_year).select_related("group")
    }
    new_members: list[GroupMembership] = []
    copied_groups: dict[int, EmulationGroup] = {}
    for m in source:
        group, unit = m.group, m.unit
        if not group.exists_in_year(to_year):
            report.skipped.append(
                SkippedItem(group.code, unit.code, _("the cluster/block no longer runs"))
            )
            continue
        copied_groups[group.pk] = group
        if not unit.exists_in_year(to_year):
            report.skipped.append(
                SkippedItem(group.code, unit.code, _("the unit no longer exists in that year"))
            )
            continue
        other = taken.get((unit.pk, m.level))
        if other is not None:
            if other.group_id == group.pk:
                report.already_there += 1
            else:
                report.skipped.append(
                    SkippedItem(
                        group.code,
                        unit.code,
                        _("the unit already belongs to %(group)s that year")
                        % {"group": other.group.code},
                    )
                )
            continue
        new_members.append(GroupMembership(group=group, unit=unit, year=to_year, level=m.level))
        taken[(unit.pk, m.level)] = new_members[-1]
    try:
        with transaction.atomic():
            GroupMembership.objects.bulk_create(new_members)
    except IntegrityError as exc:
        raise DomainError(
            _("Someone changed the memberships of %(year)s meanwhile; try again.")
            % {"year": to_year},
            code="one_group_per_level",
        ) from exc
    report.memberships_created = len(new_members)

    new_terms = _copy_terms(from_year, to_year, copied_groups, report)
    GroupTerm.objects.bulk_create(new_terms)
    report.terms_created = len(new_terms)
    record_audit(
        audit_actions.YEAR_COPIED,
        actor=actor,
        target_label=f"{from_year} → {to_year}",
        after={
            "from_year": from_year,
            "to_year": to_year,
            "memberships_created": report.memberships_created,
            "terms_created": report.terms_created,
            "already_there": report.already_there,
            "skipped": [
                {"group": s.group, "unit": s.unit, "reason": s.reason} for s in report.skipped
            ],
        },
    )
    return report


def _copy_terms(from_year, to_year, copied_groups, report) -> list[GroupTerm]:
    """Terms for the new year whose head (and deputy) are still members then."""
    members_now: dict[int, set[int]] = {}
    for group_id, unit_id in GroupMembership.objects.filter(
        year=to_year, group_id__in=list(copied_groups)
    ).values_list("group_id", "unit_id"):
        members_now.setdefault(group_id, set()).add(unit_id)
    existing_terms = set(
        GroupTerm.objects.filter(year=to_year, group_id__in=list(copied_groups)).values_list(
            "group_id", flat=True
        )
    )
    new_terms = []
    for term in GroupTerm.objects.filter(
        year=from_year, group_id__in=list(copied_groups)
    ).select_related("group", "head_unit", "deputy_unit"):
        if term.group_id in existing_terms:
            continue
        members = members_now.get(term.group_id, set())
        if term.head_unit_id not in members:
            report.skipped.append(
                SkippedItem(
                    term.group.code,
                    term.head_unit.code,
                    _("the head is not a member in the new year; no head was copied"),
                )
            )
            continue
        deputy = term.deputy_unit if term.deputy_unit_id in members else None
        if term.deputy_unit_id and deputy is None:
            report.skipped.append(
                SkippedItem(
                    term.group.code,
                    term.deputy_unit.code,
                    _("the deputy is not a member in the new year; no deputy was copied"),
                )
            )
        new_terms.append(
            GroupTerm(
                group=term.group,
                year=to_year,
                head_unit=term.head_unit,
                deputy_unit=deputy,
                decision_ref=term.decision_ref,
            )
        )
    return new_terms


# --- import ------------------------------------------------------------------------------


@dataclass
class ImportResult:
    kind: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    terms_set: int = 0


@transaction.atomic
def apply_import(plan: ImportPlan, *, actor, filename: str = "") -> ImportResult:
    """Write a checked plan: all rows or none. Re-importing the same file changes nothing
    (rows are matched by code). One audit entry records the counts."""
    if not plan.is_valid:
        raise DomainError(
            _("The file has errors; nothing was imported. Correct them and try again."),
            code="import_invalid",
        )
    result = ImportResult(kind=plan.kind)
    {
        ImportKind.UNITS: _import_units,
        ImportKind.GROUPS: _import_groups,
        ImportKind.MEMBERSHIPS: _import_memberships,
    }[plan.kind](plan.rows, result)
    record_audit(
        audit_actions.ORG_IMPORTED,
        actor=actor,
        target_label=filename or plan.kind,
        after={
            "kind": plan.kind,
            "file": filename,
            "rows": len(plan.rows),
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "terms_set": result.terms_set,
        },
    )
    return result


def _upsert_fields(obj, values: dict) -> bool:
    dirty = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            dirty = True
    return dirty


def _import_units(rows: list[dict], result: ImportResult) -> None:
    by_code = {u.code: u for u in OrgUnit.objects.filter(code__in=[r["code"] for r in rows])}
    touched: set[str] = set()
    for row in rows:
        values = {k: row[k] for k in UNIT_FIELDS}
        unit = by_code.get(row["code"])
        if unit is None:
            unit = OrgUnit(code=row["code"], **values)
            unit.full_clean()
            unit.save()
            by_code[unit.code] = unit
            result.created += 1
            touched.add(unit.code)
        elif _upsert_fields(unit, values):
            unit.full_clean()
            unit.save()
            result.updated += 1
            touched.add(unit.code)
    parents = {
        u.code: u
        for u in OrgUnit.objects.filter(
            code__in=[r["parent_code"] for r in rows if r["parent_code"]]
        )
    }
    today = timezone.localdate()
    for row in rows:
        unit = by_code[row["code"]]
        parent = parents.get(row["parent_code"]) if row["parent_code"] else None
        if unit.parent_id == (parent.pk if parent else None):
            continue
        if parent is not None:
            _check_no_cycle(unit, parent)
        _replace_parent_from_import(unit, parent, today)
        touched.add(unit.code)
    result.unchanged = len(rows) - len(touched)
    result.updated = len(touched) - result.created


def _replace_parent_from_import(unit: OrgUnit, parent: OrgUnit | None, today) -> None:
    """A new unit gets one period from its first day; an existing unit's parent changes
    from today (the file carries no date for the change)."""
    periods = list(UnitParentPeriod.objects.filter(unit=unit))
    if not periods:
        if parent is not None:
            UnitParentPeriod.objects.create(
                unit=unit, parent=parent, valid_from=unit.valid_from, valid_to=unit.valid_to
            )
    else:
        for period in periods:
            if period.valid_from is not None and period.valid_from >= today:
                period.delete()
            elif period.valid_to is None or period.valid_to >= today:
                period.valid_to = _day_before(today)
                period.save(update_fields=["valid_to", "updated_at"])
        if parent is not None:
            UnitParentPeriod.objects.create(
                unit=unit, parent=parent, valid_from=today, valid_to=unit.valid_to
            )
    unit.parent = parent
    unit.save(update_fields=["parent", "updated_at"])


def _import_groups(rows: list[dict], result: ImportResult) -> None:
    by_code = {g.code: g for g in EmulationGroup.objects.filter(code__in=[r["code"] for r in rows])}
    for row in rows:
        values = {k: row[k] for k in GROUP_FIELDS}
        group = by_code.get(row["code"])
        if group is None:
            group = EmulationGroup(code=row["code"], **values)
            group.full_clean()
            group.save()
            result.created += 1
        elif _upsert_fields(group, values):
            group.full_clean()
            group.save()
            result.updated += 1
        else:
            result.unchanged += 1


def _import_memberships(rows: list[dict], result: ImportResult) -> None:
    groups = {
        g.code: g for g in EmulationGroup.objects.filter(code__in={r["group_code"] for r in rows})
    }
    units = {u.code: u for u in OrgUnit.objects.filter(code__in={r["unit_code"] for r in rows})}
    existing = set(
        GroupMembership.objects.filter(
            group__in=list(groups.values()), year__in={r["year"] for r in rows}
        ).values_list("group_id", "unit_id", "year")
    )
    new = []
    for row in rows:
        group, unit = groups[row["group_code"]], units[row["unit_code"]]
        if (group.pk, unit.pk, row["year"]) in existing:
            result.unchanged += 1
            continue
        new.append(GroupMembership(group=group, unit=unit, year=row["year"], level=group.level))
        existing.add((group.pk, unit.pk, row["year"]))
    try:
        with transaction.atomic():
            GroupMembership.objects.bulk_create(new)
    except IntegrityError as exc:
        raise DomainError(
            _("A unit would belong to two clusters/blocks of one level in a year."),
            code="one_group_per_level",
        ) from exc
    result.created = len(new)

    heads: dict[tuple[str, int], dict] = {}
    for row in rows:
        if row["role"] in (MemberRole.HEAD, MemberRole.DEPUTY):
            entry = heads.setdefault((row["group_code"], row["year"]), {})
            entry[row["role"]] = units[row["unit_code"]]
            if row["decision_ref"]:
                entry["decision_ref"] = _nfc(row["decision_ref"])
    for (group_code, year), entry in heads.items():
        group = groups[group_code]
        head, deputy = entry[MemberRole.HEAD], entry.get(MemberRole.DEPUTY)
        check_term(group, year=year, head_unit=head, deputy_unit=deputy)
        term = GroupTerm.objects.filter(group=group, year=year).first() or GroupTerm(
            group=group, year=year
        )
        values = {
            "head_unit_id": head.pk,
            "deputy_unit_id": deputy.pk if deputy else None,
            "decision_ref": entry.get("decision_ref", term.decision_ref or ""),
        }
        if term.pk is None or _upsert_fields(term, values):
            _upsert_fields(term, values)
            term.full_clean()
            term.save()
            result.terms_set += 1
