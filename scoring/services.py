"""Every write in scoring. Each service checks the permission (phase included) through the
same `rules` the pages use, writes in one transaction and records an audit entry."""

import datetime
import hashlib
import json
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.enums import Role
from accounts.selectors import unit_ids as account_unit_ids
from clusters.models import EmulationGroup, OrgUnit
from core.audit import record_audit
from core.exceptions import DomainError
from core.permissions import require as _require
from core.uploads import check_upload
from scoring import audit_actions, selectors
from scoring.enums import (
    BallotOutcome,
    BallotStatus,
    CriterionCategory,
    CriterionType,
    PhaseKind,
    SheetStatus,
    Stage,
    TieBreak,
)
from scoring.models import (
    Ballot,
    BallotCandidate,
    BallotChoice,
    BallotParticipation,
    BallotRoundResult,
    ClassificationBand,
    CriteriaSet,
    Criterion,
    Evidence,
    GroupResult,
    Phase,
    ScoreLine,
    ScoreSheet,
)

TWO_PLACES = Decimal("0.01")
DEFAULT_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


class StaleVersionError(DomainError):
    code = "stale_version"

    def __init__(self, message, *, current_value, current_version, changed_by=""):
        super().__init__(message)
        self.current_value = current_value
        self.current_version = current_version
        self.changed_by = changed_by


class ReasonRequiredError(DomainError):
    code = "reason_required"


def _fmt(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(TWO_PLACES))


def parse_points(raw) -> Decimal | None:
    """'7,5', '7.5', 7.5 -> Decimal('7.50'); '' and None -> None. Raises ValueError."""
    if raw is None:
        return None
    if isinstance(raw, Decimal):
        return raw.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    text = str(raw).strip().replace(" ", "").replace(",", ".")
    if text == "":
        return None
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite():
        raise ValueError(text)
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


# --- criteria sets -------------------------------------------------------------------------


@transaction.atomic
def create_criteria_set(
    group: EmulationGroup,
    *,
    year: int,
    period: str,
    title: str,
    bonus_cap: Decimal = Decimal(0),
    penalty_cap: Decimal = Decimal(0),
    discrepancy_margin: Decimal = Decimal(0),
    tie_break: Sequence[str] = (),
    actor,
) -> CriteriaSet:
    criteria_set = CriteriaSet(
        group=group,
        year=year,
        period=period,
        title=title.strip(),
        bonus_cap=bonus_cap,
        penalty_cap=penalty_cap,
        discrepancy_margin=discrepancy_margin,
        tie_break=list(tie_break),
    )
    _require(actor, "scoring.add_criteriaset", criteria_set)
    _check_tie_break(criteria_set.tie_break)
    criteria_set.full_clean()
    criteria_set.save()
    record_audit(
        audit_actions.SET_CREATED,
        actor=actor,
        target=criteria_set,
        after=criteria_set.as_audit_dict(),
    )
    return criteria_set


def _check_tie_break(keys: Iterable[str]) -> None:
    allowed = set(TieBreak.values)
    unknown = [k for k in keys if k not in allowed]
    if unknown:
        raise ValidationError(
            {"tie_break": _("Unknown tie-break keys: %(keys)s") % {"keys": ", ".join(unknown)}}
        )


@transaction.atomic
def update_criteria_set(criteria_set: CriteriaSet, *, actor, **changes) -> CriteriaSet:
    """Title, caps, margin and tie-break order; only before scoring starts."""
    _require(actor, "scoring.change_criteriaset", criteria_set)
    before = criteria_set.as_audit_dict()
    allowed = {"title", "bonus_cap", "penalty_cap", "discrepancy_margin", "tie_break"}
    for name, value in changes.items():
        if name not in allowed:
            raise TypeError(name)
        setattr(criteria_set, name, list(value) if name == "tie_break" else value)
    _check_tie_break(criteria_set.tie_break)
    criteria_set.full_clean()
    criteria_set.save()
    record_audit(
        audit_actions.SET_CHANGED,
        actor=actor,
        target=criteria_set,
        before=before,
        after=criteria_set.as_audit_dict(),
    )
    return criteria_set


@transaction.atomic
def set_phases(
    criteria_set: CriteriaSet,
    *,
    phases: Mapping[str, tuple[datetime.date, datetime.date | None]],
    actor,
) -> list[Phase]:
    """Replace the phase dates. Phases must follow each other without overlapping, in the
    order self-assessment, head scoring, council adjustment, locked. Dates stay editable by
    the head and the standing office until the results are locked."""
    if not (
        selectors.is_head_of(actor, criteria_set)
        or actor.has_perm("scoring.lock_results", criteria_set)
    ) or selectors.result_of(criteria_set):
        raise PermissionDenied
    ordered = [k for k in PhaseKind.values if k in phases]
    previous_end = None
    for kind in ordered:
        start, end = phases[kind]
        if kind == PhaseKind.LOCKED:
            end = None
        if end is not None and end < start:
            raise ValidationError(_("A phase cannot end before it starts."))
        if previous_end is not None and start <= previous_end:
            raise ValidationError(_("Phases must follow each other without overlapping."))
        previous_end = end if end is not None else start
    before = {p.kind: _phase_dict(p) for p in criteria_set.phases.all()}
    criteria_set.phases.all().delete()
    created = [
        Phase.objects.create(
            criteria_set=criteria_set,
            kind=kind,
            starts_on=phases[kind][0],
            ends_on=None if kind == PhaseKind.LOCKED else phases[kind][1],
        )
        for kind in ordered
    ]
    record_audit(
        audit_actions.PHASES_SET,
        actor=actor,
        target=criteria_set,
        before=before,
        after={p.kind: _phase_dict(p) for p in created},
    )
    if hasattr(criteria_set, "_prefetched_objects_cache"):
        criteria_set._prefetched_objects_cache.pop("phases", None)
    return created


def _phase_dict(phase: Phase) -> dict:
    return {
        "starts_on": phase.starts_on.isoformat(),
        "ends_on": phase.ends_on.isoformat() if phase.ends_on else None,
    }


@transaction.atomic
def set_bands(
    criteria_set: CriteriaSet, *, bands: Sequence[tuple[str, Decimal]], actor
) -> list[ClassificationBand]:
    _require(actor, "scoring.change_criteriaset", criteria_set)
    minimums = [m for _label, m in bands]
    if len(set(minimums)) != len(minimums):
        raise ValidationError(_("Two classification bands cannot have the same minimum."))
    before = [(b.label, str(b.min_total)) for b in criteria_set.bands.all()]
    criteria_set.bands.all().delete()
    created = [
        ClassificationBand.objects.create(criteria_set=criteria_set, label=label, min_total=m)
        for label, m in bands
    ]
    record_audit(
        audit_actions.BANDS_SET,
        actor=actor,
        target=criteria_set,
        before={"bands": before},
        after={"bands": [(b.label, str(b.min_total)) for b in created]},
    )
    return created


def check_tree(criteria_set: CriteriaSet, nodes: Sequence[Criterion]) -> list[str]:
    """Problems of a tree: children's maxima over their parent's, graded levels outside
    0..max, quantitative criteria without a positive target, caps above the maximum."""
    errors = []
    children: dict[int | str | None, list[Criterion]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    for node in nodes:
        kids = children.get(node.pk, [])
        total = sum((k.max_points for k in kids), Decimal(0))
        if kids and total > node.max_points:
            errors.append(
                _("%(code)s: the children's maxima add up to %(total)s, more than %(max)s.")
                % {"code": node.code, "total": _fmt(total), "max": _fmt(node.max_points)}
            )
        errors.extend(_check_node(node))
    return errors


def _check_node(node: Criterion) -> list[str]:
    errors = []
    if node.criterion_type == CriterionType.GRADED:
        try:
            levels = [parse_points(v) for v in node.levels or []]
        except ValueError:
            levels = [None]
        if not levels or any(v is None or v < 0 or v > node.max_points for v in levels):
            errors.append(
                _("%(code)s: graded levels must be numbers between 0 and %(max)s.")
                % {"code": node.code, "max": _fmt(node.max_points)}
            )
    if node.criterion_type == CriterionType.QUANTITATIVE and not (node.target and node.target > 0):
        errors.append(
            _("%(code)s: a quantitative criterion needs a target above 0.") % {"code": node.code}
        )
    if node.cap is not None and (node.cap < 0 or node.cap > node.max_points):
        errors.append(
            _("%(code)s: the cap must be between 0 and %(max)s.")
            % {"code": node.code, "max": _fmt(node.max_points)}
        )
    return errors


@transaction.atomic
def add_criterion(
    criteria_set: CriteriaSet, *, parent: Criterion | None = None, actor, **fields
) -> Criterion:
    _require(actor, "scoring.change_criteriaset", criteria_set)
    if parent is not None and parent.criteria_set_id != criteria_set.pk:
        raise ValidationError(_("The parent belongs to another criteria set."))
    criterion = Criterion(criteria_set=criteria_set, parent=parent, **fields)
    if not criterion.position:
        criterion.position = criteria_set.criteria.count() + 1
    if parent is not None and parent.category != criterion.category:
        criterion.category = parent.category
    criterion.full_clean()
    nodes = [*criteria_set.criteria.all(), criterion]
    criterion.pk = "new"
    errors = check_tree(criteria_set, nodes)
    criterion.pk = None
    if errors:
        raise ValidationError(errors)
    criterion.save()
    record_audit(
        audit_actions.CRITERION_ADDED,
        actor=actor,
        target=criterion,
        after=criterion.as_audit_dict(),
    )
    return criterion


@transaction.atomic
def delete_criterion(criterion: Criterion, *, actor) -> None:
    criteria_set = criterion.criteria_set
    _require(actor, "scoring.change_criteriaset", criteria_set)
    before = criterion.as_audit_dict()
    record_audit(audit_actions.CRITERION_DELETED, actor=actor, target=criteria_set, before=before)
    criterion.delete()


@transaction.atomic
def copy_criteria_set(
    source: CriteriaSet, *, year: int, period: str | None = None, actor
) -> CriteriaSet:
    """A new set for `year` with the same tree, caps, margin, tie-breaks and bands; phases
    are not copied (they are dates of the new year)."""
    target = create_criteria_set(
        source.group,
        year=year,
        period=period or source.period,
        title=source.title,
        bonus_cap=source.bonus_cap,
        penalty_cap=source.penalty_cap,
        discrepancy_margin=source.discrepancy_margin,
        tie_break=source.tie_break,
        actor=actor,
    )
    new_ids: dict[int, Criterion] = {}
    for node in selectors.criteria_of(source):
        copy = Criterion(
            criteria_set=target,
            parent=new_ids.get(node.parent_id),
            position=node.position,
            code=node.code,
            text=node.text,
            max_points=node.max_points,
            criterion_type=node.criterion_type,
            category=node.category,
            levels=node.levels,
            target=node.target,
            cap=node.cap,
            evidence_required=node.evidence_required,
            movement_id=node.movement_id,
        )
        copy.save()
        new_ids[node.pk] = copy
    for band in source.bands.all():
        ClassificationBand.objects.create(
            criteria_set=target, label=band.label, min_total=band.min_total
        )
    record_audit(
        audit_actions.SET_COPIED,
        actor=actor,
        target=target,
        before={"source": source.pk, "year": source.year},
        after={"criteria": len(new_ids)},
    )
    return target


@dataclass
class ImportReport:
    errors: list[str] = field(default_factory=list)
    created: int = 0
    dry_run: bool = True

    @property
    def is_valid(self) -> bool:
        return not self.errors


def _row_to_node(criteria_set, row, number, by_code, position) -> Criterion | str:  # noqa: PLR0911 -- one early return per row error
    """A criterion built from one import row, or the row's error message."""
    code = str(row.get("code") or "").strip()
    if not code:
        return _("the code is missing.")
    if code in by_code:
        return _("code %(code)s appears twice.") % {"code": code}
    parent_code = str(row.get("parent_code") or "").strip()
    parent = by_code.get(parent_code) if parent_code else None
    if parent_code and parent is None:
        return _("parent %(parent)s must appear on an earlier row.") % {"parent": parent_code}
    try:
        max_points = parse_points(row.get("max_points"))
        target = parse_points(row.get("target"))
        cap = parse_points(row.get("cap"))
        levels = [
            str(parse_points(v)) for v in str(row.get("levels") or "").split(";") if v.strip()
        ]
    except ValueError:
        return _("points must be numbers.")
    if max_points is None or max_points < 0:
        return _("the maximum points must be a number of 0 or more.")
    kind = str(row.get("type") or CriterionType.FIXED).strip()
    category = str(row.get("category") or "").strip() or CriterionCategory.NORMAL
    if kind not in CriterionType.values:
        return _("unknown type %(value)s.") % {"value": kind}
    if category not in CriterionCategory.values:
        return _("unknown category %(value)s.") % {"value": category}
    text = str(row.get("text") or "").strip()
    if not text:
        return _("the text is missing.")
    node = Criterion(
        criteria_set=criteria_set,
        position=position,
        code=code,
        text=text,
        max_points=max_points,
        criterion_type=kind,
        category=parent.category if parent else category,
        levels=levels,
        target=target,
        cap=cap,
        evidence_required=str(row.get("evidence_required") or "").strip().lower()
        in {"1", "x", "yes", "true", "có", "co"},
    )
    # Temporary keys let `check_tree` see the tree before anything is saved.
    node.pk = f"row{number}"
    node.parent_id = parent.pk if parent else None
    return node


@transaction.atomic
def import_criteria(
    criteria_set: CriteriaSet, *, rows: Sequence[Mapping], dry_run: bool, actor
) -> ImportReport:
    """Replace the whole tree by `rows` (from `scoring.xlsx.read_criteria_rows`). Nothing is
    written unless every row is valid and `dry_run` is false."""
    _require(actor, "scoring.change_criteriaset", criteria_set)
    report = ImportReport(dry_run=dry_run)
    nodes: list[Criterion] = []
    by_code: dict[str, Criterion] = {}
    for number, row in enumerate(rows, start=2):
        result = _row_to_node(criteria_set, row, row.get("_row", number), by_code, len(nodes) + 1)
        if isinstance(result, Criterion):
            by_code[result.code] = result
            nodes.append(result)
        else:
            report.errors.append(_("Row %(row)s: ") % {"row": row.get("_row", number)} + result)
    if not nodes and not report.errors:
        report.errors.append(_("The file has no criteria."))
    report.errors.extend(check_tree(criteria_set, nodes))
    if report.errors or dry_run:
        return report
    before = {"criteria": criteria_set.criteria.count()}
    criteria_set.criteria.all().delete()
    saved: dict[str, Criterion] = {}
    for node in nodes:
        temp_key, temp_parent = node.pk, node.parent_id
        node.pk = None
        node.parent = saved.get(temp_parent) if temp_parent else None
        node.save()
        saved[temp_key] = node
    report.created = len(nodes)
    record_audit(
        audit_actions.SET_IMPORTED,
        actor=actor,
        target=criteria_set,
        before=before,
        after={"criteria": report.created},
    )
    return report


# --- sheets, lines and evidence ------------------------------------------------------------


def _sheet(criteria_set: CriteriaSet, unit_id: int) -> ScoreSheet:
    sheet, _created = ScoreSheet.objects.get_or_create(criteria_set=criteria_set, unit_id=unit_id)
    return sheet


def _leaf_of(criteria_set: CriteriaSet, criterion: Criterion) -> None:
    if criterion.criteria_set_id != criteria_set.pk or criterion.children.exists():
        raise DomainError(_("Only criteria without sub-criteria are scored."), code="not_a_leaf")


def check_value(criterion: Criterion, value: Decimal | None) -> None:
    if value is None:
        return
    if value < 0 or value > criterion.max_points:
        raise DomainError(
            _("%(code)s: the score must be between 0 and %(max)s.")
            % {"code": criterion.code, "max": _fmt(criterion.max_points)},
            code="out_of_range",
        )
    if criterion.criterion_type == CriterionType.GRADED and criterion.levels:
        allowed = {parse_points(v) for v in criterion.levels}
        if value not in allowed:
            raise DomainError(
                _("%(code)s: the score must be one of %(levels)s.")
                % {
                    "code": criterion.code,
                    "levels": ", ".join(_fmt(v) for v in sorted(allowed)),
                },
                code="not_a_level",
            )


def points_for_achievement(criterion: Criterion, achieved: Decimal) -> Decimal:
    """Quantitative criteria: achieved / target × maximum, not above the cap (or maximum)."""
    if not criterion.target:
        raise DomainError(_("This criterion has no target."), code="no_target")
    ceiling = criterion.cap if criterion.cap is not None else criterion.max_points
    points = max(achieved, Decimal(0)) / criterion.target * criterion.max_points
    return min(points, ceiling).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _write_line(
    sheet: ScoreSheet,
    criterion: Criterion,
    stage: str,
    *,
    value: Decimal | None,
    version: int | None,
    actor,
    comment: str | None = None,
    reason: str = "",
    achieved: Decimal | None = None,
) -> ScoreLine:
    line, _created = ScoreLine.objects.get_or_create(sheet=sheet, criterion=criterion, stage=stage)
    line = (
        ScoreLine.objects.select_for_update(of=("self",))
        .select_related("updated_by")
        .get(pk=line.pk)
    )
    if version is not None and version != line.version:
        raise StaleVersionError(
            _(
                "Someone else changed this score (now %(value)s, by %(user)s) after you "
                "opened the page. Your value was not saved: check it and save it again."
            )
            % {
                "value": _fmt(line.value) if line.value is not None else "—",
                "user": line.updated_by.get_full_name() if line.updated_by else "—",
            },
            current_value=line.value,
            current_version=line.version,
            changed_by=line.updated_by.get_full_name() if line.updated_by else "",
        )
    new_comment = line.comment if comment is None else comment.strip()
    if (
        line.value == value
        and line.comment == new_comment
        and line.achieved == achieved
        and (line.version > 0 or value is None)
    ):
        return line
    before = line.as_audit_dict()
    line.value = value
    line.achieved = achieved
    line.comment = new_comment
    line.reason = reason.strip()
    line.version += 1
    line.updated_by = actor
    line.save()
    record_audit(
        audit_actions.LINE_CHANGED,
        actor=actor,
        target=line,
        target_label=f"{sheet.unit} · {criterion.code} · {stage}",
        before=before,
        after=line.as_audit_dict(),
    )
    return line


@transaction.atomic
def save_self_score(
    criteria_set: CriteriaSet,
    *,
    unit_id: int,
    criterion: Criterion,
    value=None,
    achieved=None,
    comment: str | None = None,
    version: int | None = None,
    actor,
) -> ScoreLine:
    """The unit's own value for one criterion (autosaved field by field)."""
    sheet = _sheet(criteria_set, unit_id)
    _require(actor, "scoring.self_assess", sheet)
    _leaf_of(criteria_set, criterion)
    try:
        points = parse_points(value)
        achieved_value = parse_points(achieved)
    except ValueError as exc:
        raise DomainError(_("Enter a number."), code="not_a_number") from exc
    if achieved_value is not None and criterion.criterion_type == CriterionType.QUANTITATIVE:
        points = points_for_achievement(criterion, achieved_value)
    check_value(criterion, points)
    return _write_line(
        sheet,
        criterion,
        Stage.SELF,
        value=points,
        achieved=achieved_value,
        comment=comment,
        version=version,
        actor=actor,
    )


def missing_for_submission(sheet: ScoreSheet) -> list[str]:
    """Leaf codes without a self-score, or without evidence where evidence is required."""
    nodes = selectors.criteria_of(sheet.criteria_set)
    values = {line.criterion_id: line.value for line in sheet.lines.filter(stage=Stage.SELF)}
    with_evidence = set(sheet.evidence.values_list("criterion_id", flat=True))
    missing = []
    for leaf in selectors.leaves(nodes):
        if values.get(leaf.pk) is None or (leaf.evidence_required and leaf.pk not in with_evidence):
            missing.append(leaf.code)
    return missing


@transaction.atomic
def set_sheet_status(sheet: ScoreSheet, new_status: str, *, actor, reason: str = "") -> ScoreSheet:
    """The one transition service of a score sheet."""
    sheet = ScoreSheet.objects.select_for_update().select_related("criteria_set").get(pk=sheet.pk)
    if new_status not in SheetStatus.ALLOWED[sheet.status]:
        raise DomainError(
            _("A sheet that is %(status)s cannot become %(new)s.")
            % {"status": sheet.get_status_display(), "new": SheetStatus(new_status).label},
            code="bad_transition",
        )
    before = {"status": sheet.status}
    if new_status == SheetStatus.SELF_SUBMITTED:
        _require(actor, "scoring.self_assess", sheet)
        missing = missing_for_submission(sheet)
        if missing:
            raise DomainError(
                _("Score every criterion and attach the required evidence first: %(codes)s.")
                % {"codes": ", ".join(missing)},
                code="incomplete",
            )
        sheet.submitted_at = timezone.now()
        sheet.return_reason = ""
    elif new_status == SheetStatus.RETURNED:
        _require(actor, "scoring.return_sheet", sheet)
        if not reason.strip():
            raise ReasonRequiredError(_("Say why the sheet is returned."))
        sheet.return_reason = reason.strip()
    elif new_status == SheetStatus.LOCKED and not actor.has_perm(
        "scoring.lock_results", sheet.criteria_set
    ):
        raise PermissionDenied
    sheet.status = new_status
    sheet.save()
    record_audit(
        audit_actions.SHEET_STATUS_CHANGED,
        actor=actor,
        target=sheet,
        before=before,
        after={"status": new_status, "reason": reason.strip()},
    )
    return sheet


def submit_self_assessment(sheet: ScoreSheet, *, actor) -> ScoreSheet:
    return set_sheet_status(sheet, SheetStatus.SELF_SUBMITTED, actor=actor)


def return_sheet(sheet: ScoreSheet, *, reason: str, actor) -> ScoreSheet:
    return set_sheet_status(sheet, SheetStatus.RETURNED, actor=actor, reason=reason)


def evidence_max_bytes() -> int:
    return getattr(settings, "SCORING_EVIDENCE_MAX_BYTES", DEFAULT_EVIDENCE_MAX_BYTES)


@transaction.atomic
def upload_evidence(
    criteria_set: CriteriaSet, *, unit_id: int, criterion: Criterion, upload: UploadedFile, actor
) -> Evidence:
    sheet = _sheet(criteria_set, unit_id)
    _require(actor, "scoring.self_assess", sheet)
    _leaf_of(criteria_set, criterion)
    checked = check_upload(upload, max_bytes=evidence_max_bytes())
    evidence = Evidence(
        sheet=sheet,
        criterion=criterion,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    evidence.file.save(evidence.original_name, upload, save=False)
    evidence.save()
    record_audit(
        audit_actions.EVIDENCE_ADDED,
        actor=actor,
        target=evidence,
        target_label=f"{sheet.unit} · {criterion.code} · {evidence.original_name}",
        after={"name": evidence.original_name, "sha256": evidence.sha256, "size": evidence.size},
    )
    return evidence


@transaction.atomic
def delete_evidence(evidence: Evidence, *, actor) -> None:
    _require(actor, "scoring.self_assess", evidence.sheet)
    record_audit(
        audit_actions.EVIDENCE_DELETED,
        actor=actor,
        target=evidence.sheet,
        target_label=f"{evidence.sheet.unit} · {evidence.original_name}",
        before={"name": evidence.original_name, "sha256": evidence.sha256},
    )
    stored = evidence.file.name
    storage = evidence.file.storage
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(stored))


# --- the head's and the council's scores ---------------------------------------------------


@dataclass
class ScoreInput:
    unit_id: int
    criterion_id: int
    value: object
    reason: str = ""
    version: int | None = None


STAGE_PERMISSION = {Stage.HEAD: "scoring.score_as_head", Stage.COUNCIL: "scoring.adjust_as_council"}


def _validate_score(
    criteria_set: CriteriaSet,
    item: ScoreInput,
    *,
    stage: str,
    leaves: Mapping[int, Criterion],
    members: set[int],
    lines: Mapping[tuple[int, int, str], ScoreLine],
    scorable: set[int] | None = None,
) -> Decimal | None:
    criterion = leaves.get(item.criterion_id)
    if criterion is None:
        raise DomainError(_("Only criteria without sub-criteria are scored."), code="not_a_leaf")
    if item.unit_id not in members:
        raise DomainError(_("This unit is not a member of the group."), code="not_a_member")
    if scorable is not None and item.unit_id not in scorable:
        raise DomainError(
            _(
                "You cannot score this unit: nobody scores their own unit (the deputy "
                "scores the head's unit, the head every other member)."
            ),
            code="conflict_of_interest",
        )
    try:
        value = parse_points(item.value)
    except ValueError as exc:
        raise DomainError(_("Enter a number."), code="not_a_number") from exc
    check_value(criterion, value)
    reason = (item.reason or "").strip()
    if stage == Stage.HEAD:
        self_line = lines.get((item.unit_id, criterion.pk, Stage.SELF))
        if (
            value is not None
            and self_line is not None
            and self_line.value is not None
            and abs(value - self_line.value) > criteria_set.discrepancy_margin
            and not reason
        ):
            raise ReasonRequiredError(
                _(
                    "%(code)s: the score differs from the self-score (%(self)s) by more than "
                    "%(margin)s; give a reason."
                )
                % {
                    "code": criterion.code,
                    "self": _fmt(self_line.value),
                    "margin": _fmt(criteria_set.discrepancy_margin),
                }
            )
    elif stage == Stage.COUNCIL and not reason:
        raise ReasonRequiredError(_("Every council adjustment needs a reason."))
    return value


@transaction.atomic
def record_score(
    criteria_set: CriteriaSet,
    *,
    stage: str,
    unit_id: int,
    criterion_id: int,
    value,
    reason: str = "",
    version: int | None = None,
    actor,
) -> ScoreLine:
    """One cell of the head's grid (stage HEAD) or one council adjustment (stage COUNCIL)."""
    return bulk_record_scores(
        criteria_set,
        stage=stage,
        items=[ScoreInput(unit_id, criterion_id, value, reason, version)],
        actor=actor,
    )[0]


@transaction.atomic
def bulk_record_scores(
    criteria_set: CriteriaSet, *, stage: str, items: Sequence[ScoreInput], actor
) -> list[ScoreLine]:
    """All or nothing: every item is checked before anything is written."""
    if stage not in STAGE_PERMISSION:
        raise DomainError(_("Unknown stage."), code="bad_stage")
    _require(actor, STAGE_PERMISSION[stage], criteria_set)
    nodes = selectors.criteria_of(criteria_set)
    leaves = {n.pk: n for n in selectors.leaves(nodes)}
    members = selectors.member_unit_ids(criteria_set)
    lines = selectors.lines_of(criteria_set)
    scorable = (
        selectors.head_scorable_unit_ids(actor, criteria_set) if stage == Stage.HEAD else None
    )
    values = [
        _validate_score(
            criteria_set,
            item,
            stage=stage,
            leaves=leaves,
            members=members,
            lines=lines,
            scorable=scorable,
        )
        for item in items
    ]
    written = []
    for item, value in zip(items, values, strict=True):
        sheet = _sheet(criteria_set, item.unit_id)
        if sheet.status == SheetStatus.LOCKED:
            raise DomainError(_("The results are locked."), code="locked")
        written.append(
            _write_line(
                sheet,
                leaves[item.criterion_id],
                stage,
                value=value,
                reason=item.reason or "",
                version=item.version,
                actor=actor,
            )
        )
    return written


# --- ranking and locking -------------------------------------------------------------------


@dataclass
class RankRow:
    unit: OrgUnit
    totals: selectors.Totals
    submitted_at: datetime.datetime | None
    scored: int
    rank: int = 0
    classification: str = ""

    @property
    def total(self) -> Decimal:
        return self.totals.total


def _tie_key(row: RankRow, keys: Sequence[str]):
    parts: list = [-row.total]
    for key in keys:
        if key == TieBreak.CRITERIA:
            parts.append(-row.totals.criteria)
        elif key == TieBreak.FEWER_PENALTY:
            parts.append(row.totals.penalty)
        elif key == TieBreak.BONUS:
            parts.append(-row.totals.bonus)
        elif key == TieBreak.SELF_SUBMITTED_FIRST:
            parts.append((0, row.submitted_at.timestamp()) if row.submitted_at else (1, 0.0))
    return tuple(parts)


def ranking(criteria_set: CriteriaSet, *, stage: str = Stage.HEAD) -> list[RankRow]:
    """Units by total; ties broken by the set's tie-break keys in order, then shared."""
    nodes = selectors.criteria_of(criteria_set)
    leaf_ids = [n.pk for n in selectors.leaves(nodes)]
    lines = selectors.lines_of(criteria_set)
    sheets = selectors.sheets_of(criteria_set)
    bands = list(criteria_set.bands.order_by("-min_total"))
    rows = []
    for unit in selectors.member_units(criteria_set):
        values = selectors.effective_values(lines, unit.pk, leaf_ids, upto=stage)
        totals = selectors.compute_totals(criteria_set, nodes, values)
        sheet = sheets.get(unit.pk)
        rows.append(
            RankRow(
                unit=unit,
                totals=totals,
                submitted_at=sheet.submitted_at if sheet else None,
                scored=sum(1 for v in values.values() if v is not None),
            )
        )
    keys = list(criteria_set.tie_break or [])
    rows.sort(key=lambda r: (_tie_key(r, keys), r.unit.name))
    previous = None
    for position, row in enumerate(rows, start=1):
        key = _tie_key(row, keys)
        row.rank = previous[1] if previous and previous[0] == key else position
        previous = (key, row.rank)
        row.classification = next((b.label for b in bands if row.total >= b.min_total), "")
    return rows


def snapshot_digest(snapshot: Mapping) -> str:
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@transaction.atomic
def lock_results(criteria_set: CriteriaSet, *, actor) -> GroupResult:
    """Freeze the ranking: every cell must have a head (or council) score. Stores the
    snapshot with its SHA-256 and locks every sheet; nothing can change afterwards."""
    criteria_set = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
    _require(actor, "scoring.lock_results", criteria_set)
    nodes = selectors.criteria_of(criteria_set)
    leaves = selectors.leaves(nodes)
    lines = selectors.lines_of(criteria_set)
    units = selectors.member_units(criteria_set)
    if not units or not leaves:
        raise DomainError(_("There is nothing to lock."), code="empty")
    values_by_unit = {
        u.pk: selectors.effective_values(lines, u.pk, [n.pk for n in leaves], upto=Stage.COUNCIL)
        for u in units
    }
    missing = sum(1 for vals in values_by_unit.values() for v in vals.values() if v is None)
    if missing:
        raise DomainError(
            ngettext(
                "%(count)s cell has no head score yet.",
                "%(count)s cells have no head score yet.",
                missing,
            )
            % {"count": missing},
            code="incomplete",
        )
    rows = ranking(criteria_set, stage=Stage.COUNCIL)
    snapshot = {
        "criteria_set": criteria_set.pk,
        "group": criteria_set.group.code,
        "year": criteria_set.year,
        "period": criteria_set.period,
        "rows": [
            {
                "unit_id": row.unit.pk,
                "unit_code": row.unit.code,
                "unit_name": row.unit.name,
                "rank": row.rank,
                "total": _fmt(row.total),
                "criteria": _fmt(row.totals.criteria),
                "bonus": _fmt(row.totals.bonus),
                "penalty": _fmt(row.totals.penalty),
                "classification": row.classification,
                "lines": {n.code: _fmt(values_by_unit[row.unit.pk][n.pk]) for n in leaves},
            }
            for row in rows
        ],
    }
    result = GroupResult.objects.create(
        criteria_set=criteria_set,
        snapshot=snapshot,
        sha256=snapshot_digest(snapshot),
        locked_by=actor,
    )
    for unit in units:
        _sheet(criteria_set, unit.pk)
    ScoreSheet.objects.filter(criteria_set=criteria_set).update(status=SheetStatus.LOCKED)
    record_audit(
        audit_actions.RESULTS_LOCKED,
        actor=actor,
        target=criteria_set,
        after={"sha256": result.sha256, "units": len(rows)},
    )
    return result


# --- deliberation ballots ------------------------------------------------------------------


@transaction.atomic
def open_ballot(
    criteria_set: CriteriaSet,
    *,
    title: str,
    candidate_count: int = 3,
    seats: int = 1,
    quorum: Decimal | None = None,
    threshold: Decimal | None = None,
    actor,
) -> Ballot:
    """Candidates are the top `candidate_count` units of the locked ranking."""
    _require(actor, "scoring.open_ballot", criteria_set)
    if Ballot.objects.filter(criteria_set=criteria_set, status=BallotStatus.OPEN).exists():
        raise DomainError(_("A ballot of this group is already open."), code="already_open")
    result = selectors.result_of(criteria_set)
    rows = result.snapshot["rows"][: max(candidate_count, seats)]
    ballot = Ballot(
        criteria_set=criteria_set,
        title=title.strip(),
        seats=seats,
        electorate=len(selectors.member_unit_ids(criteria_set)),
    )
    if quorum is not None:
        ballot.quorum = quorum
    if threshold is not None:
        ballot.threshold = threshold
    ballot.full_clean()
    ballot.save()
    for row in rows:
        BallotCandidate.objects.create(
            ballot=ballot, unit_id=row["unit_id"], rank=row["rank"], total=Decimal(row["total"])
        )
    record_audit(
        audit_actions.BALLOT_OPENED,
        actor=actor,
        target=ballot,
        after={"candidates": [r["unit_code"] for r in rows], "seats": seats},
    )
    return ballot


@transaction.atomic
def cast_ballot(ballot: Ballot, *, unit_id: int, candidate_ids: Sequence[int], actor) -> None:
    """One secret ballot of one member unit, approving up to `seats` candidates. Records
    that the unit voted; the choices go to a table that does not know the voter."""
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    _require(actor, "scoring.cast_ballot", ballot)
    if unit_id not in account_unit_ids(actor, Role.UNIT_LEADER) or unit_id not in (
        selectors.member_unit_ids(ballot.criteria_set)
    ):
        raise PermissionDenied
    chosen = set(candidate_ids)
    valid = set(
        ballot.candidates.filter(is_acclaimed=False).values_list("pk", flat=True)
        if ballot.round > 1
        else ballot.candidates.values_list("pk", flat=True)
    )
    if not chosen <= valid:
        raise DomainError(_("Choose only among the candidates."), code="bad_candidate")
    if len(chosen) > ballot.seats:
        raise DomainError(
            _("Choose at most %(count)s candidates.") % {"count": ballot.seats}, code="too_many"
        )
    if BallotParticipation.objects.filter(
        ballot=ballot, round=ballot.round, unit_id=unit_id
    ).exists():
        raise DomainError(_("This unit has already voted in this round."), code="already_voted")
    BallotParticipation.objects.create(ballot=ballot, round=ballot.round, unit_id=unit_id)
    BallotChoice.objects.bulk_create(
        [BallotChoice(ballot=ballot, round=ballot.round, candidate_id=c) for c in chosen]
    )
    record_audit(
        audit_actions.BALLOT_VOTED,
        actor=actor,
        target=ballot,
        after={"unit_id": unit_id, "round": ballot.round},
    )


@transaction.atomic
def close_ballot_round(ballot: Ballot, *, actor) -> Ballot:
    """Tally the round. A candidate passes with votes ≥ threshold × member units (R10) when
    ballots cast ≥ quorum × member units (R12); the best `seats` passers are acclaimed.
    The round's choices are then rewritten in random order so that not even the physical
    row order reflects the order of voting."""
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    _require(actor, "scoring.close_ballot", ballot)
    round_number = ballot.round
    participants = BallotParticipation.objects.filter(ballot=ballot, round=round_number).count()
    counts: dict[int, int] = {}
    for candidate_id in BallotChoice.objects.filter(ballot=ballot, round=round_number).values_list(
        "candidate_id", flat=True
    ):
        counts[candidate_id] = counts.get(candidate_id, 0) + 1
    shuffled = [
        BallotChoice(ballot=ballot, round=round_number, candidate_id=cid)
        for cid, n in counts.items()
        for _i in range(n)
    ]
    random.SystemRandom().shuffle(shuffled)
    BallotChoice.objects.filter(ballot=ballot, round=round_number).delete()
    BallotChoice.objects.bulk_create(shuffled)
    has_quorum = participants >= ballot.quorum * ballot.electorate and participants > 0
    need = ballot.threshold * ballot.electorate
    candidates = list(ballot.candidates.filter(is_acclaimed=False).order_by("rank"))
    already = ballot.candidates.filter(is_acclaimed=True).count()
    passed = []
    for candidate in candidates:
        votes = counts.get(candidate.pk, 0)
        ok = has_quorum and votes >= need
        BallotRoundResult.objects.create(
            ballot=ballot,
            round=round_number,
            candidate=candidate,
            votes=votes,
            participants=participants,
            passed=ok,
        )
        if ok:
            passed.append((votes, -candidate.rank, candidate))
    passed.sort(key=lambda item: (item[0], item[1]), reverse=True)
    for _votes, _rank, candidate in passed[: ballot.seats - already]:
        candidate.is_acclaimed = True
        candidate.save(update_fields=["is_acclaimed"])
    acclaimed = already + min(len(passed), ballot.seats - already)
    if acclaimed >= ballot.seats:
        ballot.outcome = BallotOutcome.ACCLAIMED
    elif not has_quorum:
        ballot.outcome = BallotOutcome.NO_QUORUM
    else:
        ballot.outcome = BallotOutcome.NOT_PASSED
    ballot.status = BallotStatus.CLOSED
    ballot.closed_at = timezone.now()
    ballot.save()
    record_audit(
        audit_actions.BALLOT_CLOSED,
        actor=actor,
        target=ballot,
        after={"round": round_number, "participants": participants, "outcome": ballot.outcome},
    )
    return ballot


@transaction.atomic
def start_next_round(ballot: Ballot, *, actor) -> Ballot:
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    _require(actor, "scoring.decide_ballot", ballot)
    if not selectors.is_head_of(actor, ballot.criteria_set):
        raise PermissionDenied
    if ballot.outcome == BallotOutcome.ACCLAIMED or ballot.round >= ballot.max_rounds:
        raise DomainError(_("No further round is allowed."), code="no_more_rounds")
    ballot.round += 1
    ballot.status = BallotStatus.OPEN
    ballot.outcome = BallotOutcome.PENDING
    ballot.closed_at = None
    ballot.save()
    record_audit(
        audit_actions.BALLOT_OPENED, actor=actor, target=ballot, after={"round": ballot.round}
    )
    return ballot


@transaction.atomic
def decide_by_head(ballot: Ballot, *, candidate_ids: Sequence[int], note: str, actor) -> Ballot:
    """After the last round failed, the head and deputy decide (R13)."""
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    _require(actor, "scoring.decide_ballot", ballot)
    if ballot.outcome == BallotOutcome.ACCLAIMED or ballot.round < ballot.max_rounds:
        raise DomainError(
            _("The head and deputy decide only after the last round failed."), code="too_early"
        )
    if not note.strip():
        raise ReasonRequiredError(_("Record how the head and deputy decided."))
    chosen = list(ballot.candidates.filter(pk__in=candidate_ids))
    if not chosen or len(chosen) > ballot.seats:
        raise DomainError(
            _("Choose at most %(count)s candidates.") % {"count": ballot.seats}, code="too_many"
        )
    for candidate in chosen:
        candidate.is_acclaimed = True
        candidate.save(update_fields=["is_acclaimed"])
    ballot.outcome = BallotOutcome.HEAD_DECIDED
    ballot.decision_note = note.strip()
    ballot.save()
    record_audit(
        audit_actions.BALLOT_DECIDED,
        actor=actor,
        target=ballot,
        after={"units": [c.unit_id for c in chosen], "note": ballot.decision_note},
    )
    return ballot


@transaction.atomic
def import_grid(
    criteria_set: CriteriaSet, *, rows: Sequence[Mapping], dry_run: bool, actor
) -> ImportReport:
    """The head's grid from the downloaded XLSX: rows whose score did not change are
    skipped; every other row is checked like a cell typed on the page (range, reason,
    version). Nothing is written unless every row is valid and `dry_run` is false."""
    _require(actor, "scoring.score_as_head", criteria_set)
    report = ImportReport(dry_run=dry_run)
    leaves = {n.code: n for n in selectors.leaves(selectors.criteria_of(criteria_set))}
    units = {u.code: u for u in selectors.member_units(criteria_set)}
    members = {u.pk for u in units.values()}
    scorable = selectors.head_scorable_unit_ids(actor, criteria_set)
    lines = selectors.lines_of(criteria_set)
    items = []
    for row in rows:
        prefix = _("Row %(row)s: ") % {"row": row.get("_row", "?")}
        unit = units.get(str(row.get("unit_code") or "").strip())
        leaf = leaves.get(str(row.get("criterion_code") or "").strip())
        if unit is None:
            report.errors.append(
                prefix + _("unknown unit %(code)s.") % {"code": row.get("unit_code")}
            )
            continue
        if leaf is None:
            report.errors.append(
                prefix + _("unknown criterion %(code)s.") % {"code": row.get("criterion_code")}
            )
            continue
        try:
            version = int(row.get("version") or 0)
        except (TypeError, ValueError):
            report.errors.append(prefix + _("the version must be a whole number."))
            continue
        current = lines.get((unit.pk, leaf.pk, Stage.HEAD))
        current_value = current.value if current else None
        current_version = current.version if current else 0
        try:
            unchanged = parse_points(row.get("head_score")) == current_value
        except ValueError:
            unchanged = False
        if unchanged:
            # Rows left as downloaded (the own unit's rows among them) are not uploads.
            continue
        item = ScoreInput(
            unit.pk, leaf.pk, row.get("head_score"), str(row.get("reason") or ""), version
        )
        try:
            _validate_score(
                criteria_set,
                item,
                stage=Stage.HEAD,
                leaves={leaf.pk: leaf},
                members=members,
                lines=lines,
                scorable=scorable,
            )
        except DomainError as error:
            report.errors.append(prefix + error.message)
            continue
        if version != current_version:
            report.errors.append(
                prefix + _("the score was changed by someone else after the file was downloaded.")
            )
            continue
        items.append(item)
    report.created = len(items)
    if report.errors or dry_run or not items:
        return report
    bulk_record_scores(criteria_set, stage=Stage.HEAD, items=items, actor=actor)
    return report
