"""Pages of scoring: parse input, call one service, render or redirect."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from accounts.enums import Role
from accounts.rules import is_province_wide_reader
from accounts.selectors import unit_ids as role_unit_ids
from clusters import selectors as cluster_selectors
from core import pdf
from core.exceptions import DomainError
from core.permissions import require_perm as _require
from scoring import minutes, selectors, services, xlsx
from scoring.enums import BallotStatus, PhaseKind, Stage
from scoring.forms import (
    BallotForm,
    CriteriaSetForm,
    CriterionForm,
    EvidenceForm,
    PhasesForm,
    ReasonForm,
    SetSettingsForm,
    UploadForm,
)
from scoring.models import Criterion, ScoreSheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _set(request, pk, permission="scoring.view_criteriaset"):
    criteria_set = selectors.get_criteria_set_for_user(request.user, pk)
    _require(request, permission, criteria_set)
    return criteria_set


def _errors(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


# --- criteria sets -------------------------------------------------------------------------


@require_GET
def set_list(request):
    _require(request, "scoring.list_criteriasets")
    user = request.user
    sets = list(selectors.visible_criteria_sets(user))
    can_create = is_province_wide_reader(user) or any(
        role == "head" for role in selectors.headed_pairs(user).values()
    )
    return render(request, "scoring/set_list.html", {"sets": sets, "can_create": can_create})


def set_create(request):
    user = request.user
    if is_province_wide_reader(user):
        groups = cluster_selectors.groups()
    else:
        groups = cluster_selectors.groups().filter(
            pk__in=[g for g, _y in selectors.headed_pairs(user)]
        )
    form = CriteriaSetForm(request.POST or None, groups=groups)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            criteria_set = services.create_criteria_set(
                data["group"],
                year=data["year"],
                period=data["period"],
                title=data["title"],
                bonus_cap=data["bonus_cap"],
                penalty_cap=data["penalty_cap"],
                discrepancy_margin=data["discrepancy_margin"],
                tie_break=form.tie_break(),
                actor=user,
            )
        except ValidationError as error:
            for message in _errors(error):
                form.add_error(None, message)
        else:
            messages.success(request, _("Criteria set created."))
            return redirect("scoring:set-detail", criteria_set.pk)
    if not groups.exists():
        raise PermissionDenied
    return render(request, "scoring/set_form.html", {"form": form})


@require_GET
def set_detail(request, pk):
    criteria_set = _set(request, pk)
    nodes = selectors.criteria_of(criteria_set)
    user = request.user
    phases_form = PhasesForm(
        initial={
            **{f"{p.kind}_start": p.starts_on for p in criteria_set.phases.all()},
            **{f"{p.kind}_end": p.ends_on for p in criteria_set.phases.all()},
        }
    )
    own_units = sorted(role_unit_ids(user) & selectors.member_unit_ids(criteria_set))
    return render(
        request,
        "scoring/set_detail.html",
        {
            "criteria_set": criteria_set,
            "nodes": nodes,
            "criterion_form": CriterionForm(criteria_set=criteria_set),
            "phases_form": phases_form,
            "can_change": user.has_perm("scoring.change_criteriaset", criteria_set),
            "can_set_phases": selectors.is_head_of(user, criteria_set)
            or user.has_perm("scoring.lock_results", criteria_set),
            "can_grid": user.has_perm("scoring.view_head_grid", criteria_set),
            "own_units": own_units,
            "current_phases": selectors.current_phases(criteria_set),
            "bands": list(criteria_set.bands.all()),
            "result": selectors.result_of(criteria_set),
            "ballots": list(selectors.ballots_of(criteria_set)),
        },
    )


def set_settings(request, pk):
    """Title, caps, margin, tie-break order and classification bands (before scoring)."""
    criteria_set = _set(request, pk, "scoring.change_criteriaset")
    form = SetSettingsForm(request.POST or None, criteria_set=criteria_set)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_criteria_set(
                criteria_set,
                title=data["title"],
                bonus_cap=data["bonus_cap"],
                penalty_cap=data["penalty_cap"],
                discrepancy_margin=data["discrepancy_margin"],
                tie_break=form.tie_break(),
                actor=request.user,
            )
            services.set_bands(criteria_set, bands=data["bands"], actor=request.user)
        except ValidationError as error:
            for message in _errors(error):
                form.add_error(None, message)
        else:
            messages.success(request, _("Settings saved."))
            return redirect("scoring:set-detail", criteria_set.pk)
    return render(
        request, "scoring/set_settings.html", {"criteria_set": criteria_set, "form": form}
    )


@require_POST
def criterion_add(request, pk):
    criteria_set = _set(request, pk, "scoring.change_criteriaset")
    form = CriterionForm(request.POST, criteria_set=criteria_set)
    if form.is_valid():
        data = form.service_fields()
        parent = data.pop("parent")
        try:
            services.add_criterion(criteria_set, parent=parent, actor=request.user, **data)
        except ValidationError as error:
            for message in _errors(error):
                messages.error(request, message)
        else:
            messages.success(request, _("Criterion added."))
    else:
        for field, errors in form.errors.items():
            for error in errors:
                messages.error(request, f"{field}: {error}")
    return redirect("scoring:set-detail", criteria_set.pk)


@require_POST
def criterion_delete(request, pk, criterion_pk):
    criteria_set = _set(request, pk, "scoring.change_criteriaset")
    criterion = Criterion.objects.filter(criteria_set=criteria_set, pk=criterion_pk).first()
    if criterion is None:
        raise Http404
    services.delete_criterion(criterion, actor=request.user)
    messages.success(request, _("Criterion deleted."))
    return redirect("scoring:set-detail", criteria_set.pk)


@require_POST
def set_phases(request, pk):
    criteria_set = _set(request, pk)
    form = PhasesForm(request.POST)
    if form.is_valid():
        try:
            services.set_phases(criteria_set, phases=form.phases(), actor=request.user)
        except ValidationError as error:
            for message in _errors(error):
                messages.error(request, message)
        else:
            messages.success(request, _("Phases saved."))
    return redirect("scoring:set-detail", criteria_set.pk)


@require_POST
def set_copy(request, pk):
    source = _set(request, pk)
    try:
        copy = services.copy_criteria_set(source, year=source.year + 1, actor=request.user)
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
        return redirect("scoring:set-detail", source.pk)
    messages.success(request, _("Copied to %(year)s.") % {"year": copy.year})
    return redirect("scoring:set-detail", copy.pk)


@require_GET
def set_export(request, pk):
    criteria_set = _set(request, pk)
    response = HttpResponse(xlsx.criteria_workbook(criteria_set), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="criteria-{criteria_set.pk}.xlsx"'
    return response


def set_import(request, pk):
    criteria_set = _set(request, pk, "scoring.change_criteriaset")
    form = UploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            rows = xlsx.read_criteria_rows(form.cleaned_data["file"])
            report = services.import_criteria(
                criteria_set,
                rows=rows,
                dry_run=not form.cleaned_data["apply"],
                actor=request.user,
            )
        except xlsx.XlsxError as error:
            form.add_error("file", str(error))
        else:
            if report.is_valid and not report.dry_run:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s criterion imported.",
                        "%(count)s criteria imported.",
                        report.created,
                    )
                    % {"count": report.created},
                )
                return redirect("scoring:set-detail", criteria_set.pk)
    return render(
        request,
        "scoring/import.html",
        {"criteria_set": criteria_set, "form": form, "report": report, "what": "criteria"},
    )


# --- self-assessment -----------------------------------------------------------------------


def _own_sheet_context(request, pk, unit_id):
    criteria_set = _set(request, pk)
    unit_id = int(unit_id)
    if unit_id not in selectors.member_unit_ids(criteria_set):
        raise Http404
    sheet = selectors.sheet_for_unit(criteria_set, unit_id)
    probe = sheet or ScoreSheet(criteria_set=criteria_set, unit_id=unit_id)
    _require(request, "scoring.view_scoresheet", probe)
    return criteria_set, unit_id, sheet, probe


@require_GET
def self_assessment(request, pk, unit_id):
    criteria_set, unit_id, sheet, probe = _own_sheet_context(request, pk, unit_id)
    nodes = selectors.criteria_of(criteria_set)
    lines = selectors.lines_of(criteria_set)
    evidence: dict[int, list] = {}
    for item in selectors.evidence_of(criteria_set, unit_id):
        evidence.setdefault(item.criterion_id, []).append(item)
    rows = []
    for node in nodes:
        line = lines.get((unit_id, node.pk, Stage.SELF))
        rows.append({"node": node, "line": line, "evidence": evidence.get(node.pk, [])})
    values = selectors.effective_values(
        lines, unit_id, [n.pk for n in selectors.leaves(nodes)], upto=Stage.SELF
    )
    totals = selectors.compute_totals(criteria_set, nodes, values)
    return render(
        request,
        "scoring/self_assessment.html",
        {
            "criteria_set": criteria_set,
            "unit": cluster_selectors.get_unit(unit_id),
            "sheet": sheet,
            "rows": rows,
            "totals": totals,
            "can_edit": request.user.has_perm("scoring.self_assess", probe),
            "can_return": sheet is not None
            and request.user.has_perm("scoring.return_sheet", sheet),
            "evidence_form": EvidenceForm(),
            "phase": selectors.phase_of(criteria_set, PhaseKind.SELF_ASSESSMENT),
        },
    )


@require_POST
def self_save(request, pk, unit_id, criterion_pk):
    criteria_set, unit_id, _sheet, probe = _own_sheet_context(request, pk, unit_id)
    _require(request, "scoring.self_assess", probe)
    criterion = Criterion.objects.filter(criteria_set=criteria_set, pk=criterion_pk).first()
    if criterion is None:
        raise Http404
    try:
        version = int(request.POST.get("version", "0"))
    except ValueError:
        version = None
    status = 200
    try:
        line = services.save_self_score(
            criteria_set,
            unit_id=unit_id,
            criterion=criterion,
            value=request.POST.get("value"),
            achieved=request.POST.get("achieved") or None,
            comment=request.POST.get("comment"),
            version=version,
            actor=request.user,
        )
        message, ok = _("Saved."), True
    except DomainError as error:
        line = None
        message, ok, status = error.message, False, 409 if error.code == "stale_version" else 400
    return render(
        request,
        "scoring/_self_status.html",
        {"line": line, "message": message, "ok": ok, "criterion": criterion},
        status=status,
    )


@require_POST
def evidence_upload(request, pk, unit_id, criterion_pk):
    criteria_set, unit_id, _sheet, probe = _own_sheet_context(request, pk, unit_id)
    _require(request, "scoring.self_assess", probe)
    criterion = Criterion.objects.filter(criteria_set=criteria_set, pk=criterion_pk).first()
    if criterion is None:
        raise Http404
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.upload_evidence(
                criteria_set,
                unit_id=unit_id,
                criterion=criterion,
                upload=form.cleaned_data["file"],
                actor=request.user,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Evidence uploaded."))
    else:
        messages.error(request, _("Choose a file."))
    return redirect("scoring:self-assessment", criteria_set.pk, unit_id)


@require_GET
def evidence_download(request, evidence_pk):
    evidence = selectors.get_evidence(evidence_pk)
    if not request.user.has_perm("scoring.view_evidence", evidence):
        raise Http404
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def evidence_delete(request, evidence_pk):
    evidence = selectors.get_evidence(evidence_pk)
    if not request.user.has_perm("scoring.view_evidence", evidence):
        raise Http404
    sheet = evidence.sheet
    services.delete_evidence(evidence, actor=request.user)
    messages.success(request, _("Evidence deleted."))
    return redirect("scoring:self-assessment", sheet.criteria_set_id, sheet.unit_id)


@require_POST
def self_submit(request, pk, unit_id):
    criteria_set, unit_id, sheet, _probe = _own_sheet_context(request, pk, unit_id)
    if sheet is None:
        messages.error(request, _("Score the criteria first."))
    else:
        try:
            services.submit_self_assessment(sheet, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Self-assessment submitted."))
    return redirect("scoring:self-assessment", criteria_set.pk, unit_id)


@require_POST
def sheet_return(request, pk, unit_id):
    criteria_set, unit_id, sheet, _probe = _own_sheet_context(request, pk, unit_id)
    if sheet is None:
        raise Http404
    form = ReasonForm(request.POST)
    try:
        services.return_sheet(sheet, reason=form.data.get("reason", ""), actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Sheet returned to the unit."))
    return redirect("scoring:self-assessment", criteria_set.pk, unit_id)


# --- the grid ------------------------------------------------------------------------------


def grid_context(criteria_set, *, stage, editable_units=frozenset()):
    """Rows are criteria (group rows included), columns are units; everything comes from
    four queries whatever the size."""
    nodes = selectors.criteria_of(criteria_set)
    leaves = selectors.leaves(nodes)
    units = selectors.member_units(criteria_set)
    lines = selectors.lines_of(criteria_set)
    rows = []
    for node in nodes:
        cells = []
        if node.is_leaf:
            for unit in units:
                own = lines.get((unit.pk, node.pk, Stage.SELF))
                line = lines.get((unit.pk, node.pk, stage))
                head = lines.get((unit.pk, node.pk, Stage.HEAD))
                cells.append(
                    {
                        "unit_id": unit.pk,
                        "self": own.value if own else None,
                        "head": head.value if head else None,
                        "value": line.value if line else None,
                        "version": line.version if line else 0,
                        "reason": line.reason if line else "",
                        "editable": unit.pk in editable_units,
                    }
                )
        rows.append({"node": node, "cells": cells})
    leaf_ids = [n.pk for n in leaves]
    columns = []
    scored = 0
    for unit in units:
        totals = selectors.compute_totals(
            criteria_set, nodes, selectors.effective_values(lines, unit.pk, leaf_ids, upto=stage)
        )
        scored += totals.scored
        columns.append({"unit": unit, "totals": totals})
    total_cells = len(leaves) * len(units)
    return {
        "rows": rows,
        "columns": columns,
        "scored": scored,
        "total_cells": total_cells,
        "stage": stage,
    }


def _grid_page(request, pk, *, stage):
    criteria_set = _set(request, pk)
    user = request.user
    if stage == Stage.HEAD:
        _require(request, "scoring.view_head_grid", criteria_set)
        can_edit = user.has_perm("scoring.score_as_head", criteria_set)
        editable = selectors.head_scorable_unit_ids(user, criteria_set) if can_edit else set()
    else:
        can_edit = user.has_perm("scoring.adjust_as_council", criteria_set)
        if not (can_edit or user.has_perm("scoring.view_head_grid", criteria_set)):
            raise PermissionDenied
        editable = selectors.member_unit_ids(criteria_set) if can_edit else set()
    context = grid_context(criteria_set, stage=stage, editable_units=editable)
    context.update(
        {
            "criteria_set": criteria_set,
            "can_edit": can_edit,
            "cell_url": reverse("scoring:grid-cell", args=[criteria_set.pk]),
            "margin": criteria_set.discrepancy_margin,
        }
    )
    return render(request, "scoring/grid.html", context)


@require_GET
def grid(request, pk):
    return _grid_page(request, pk, stage=Stage.HEAD)


@require_GET
def council(request, pk):
    return _grid_page(request, pk, stage=Stage.COUNCIL)


def _unit_total(criteria_set, unit_id, stage):
    nodes = selectors.criteria_of(criteria_set)
    lines = selectors.lines_of(criteria_set)
    values = selectors.effective_values(
        lines, unit_id, [n.pk for n in selectors.leaves(nodes)], upto=stage
    )
    return selectors.compute_totals(criteria_set, nodes, values)


@require_POST
def grid_cell(request, pk):
    """Save one cell; answers JSON for static/js/scoring-grid.js."""
    criteria_set = _set(request, pk)
    stage = request.POST.get("stage", Stage.HEAD)
    if stage not in services.STAGE_PERMISSION:
        return JsonResponse({"ok": False, "error": _("Unknown stage.")}, status=400)
    try:
        unit_id = int(request.POST["unit"])
        criterion_id = int(request.POST["criterion"])
        version = int(request.POST.get("version", "0"))
    except (KeyError, ValueError):
        return JsonResponse({"ok": False, "error": _("Incomplete request.")}, status=400)
    try:
        line = services.record_score(
            criteria_set,
            stage=stage,
            unit_id=unit_id,
            criterion_id=criterion_id,
            value=request.POST.get("value"),
            reason=request.POST.get("reason", ""),
            version=version,
            actor=request.user,
        )
    except PermissionDenied:
        return JsonResponse(
            {"ok": False, "error": _("You may not change this score now.")}, status=403
        )
    except services.StaleVersionError as error:
        return JsonResponse(
            {
                "ok": False,
                "code": error.code,
                "error": error.message,
                "current_value": services._fmt(error.current_value),
                "version": error.current_version,
            },
            status=409,
        )
    except DomainError as error:
        return JsonResponse({"ok": False, "code": error.code, "error": error.message}, status=400)
    totals = _unit_total(criteria_set, unit_id, stage)
    return JsonResponse(
        {
            "ok": True,
            "value": services._fmt(line.value),
            "version": line.version,
            "unit": unit_id,
            "total": services._fmt(totals.total),
        }
    )


@require_GET
def grid_export(request, pk):
    criteria_set = _set(request, pk, "scoring.view_head_grid")
    response = HttpResponse(xlsx.grid_workbook(criteria_set), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="grid-{criteria_set.pk}.xlsx"'
    return response


def grid_import(request, pk):
    criteria_set = _set(request, pk, "scoring.score_as_head")
    form = UploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            rows = xlsx.read_grid_rows(form.cleaned_data["file"])
            report = services.import_grid(
                criteria_set,
                rows=rows,
                dry_run=not form.cleaned_data["apply"],
                actor=request.user,
            )
        except xlsx.XlsxError as error:
            form.add_error("file", str(error))
        else:
            if report.is_valid and not report.dry_run:
                messages.success(
                    request,
                    ngettext("%(count)s score saved.", "%(count)s scores saved.", report.created)
                    % {"count": report.created},
                )
                return redirect("scoring:grid", criteria_set.pk)
    return render(
        request,
        "scoring/import.html",
        {"criteria_set": criteria_set, "form": form, "report": report, "what": "grid"},
    )


# --- results, explanation, overview --------------------------------------------------------


@require_GET
def results(request, pk):
    criteria_set = _set(request, pk, "scoring.view_results")
    result = selectors.result_of(criteria_set)
    rows = None if result else services.ranking(criteria_set, stage=Stage.COUNCIL)
    return render(
        request,
        "scoring/results.html",
        {
            "criteria_set": criteria_set,
            "result": result,
            "rows": rows,
            "can_lock": request.user.has_perm("scoring.lock_results", criteria_set),
            "can_open_ballot": request.user.has_perm("scoring.open_ballot", criteria_set),
            "ballot_form": BallotForm(),
        },
    )


@require_POST
def results_lock(request, pk):
    criteria_set = _set(request, pk, "scoring.lock_results")
    try:
        services.lock_results(criteria_set, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Results locked."))
    return redirect("scoring:results", criteria_set.pk)


@require_GET
def explain(request, pk, unit_id):
    criteria_set, unit_id, _sheet, _probe = _own_sheet_context(request, pk, unit_id)
    nodes = selectors.criteria_of(criteria_set)
    lines = selectors.lines_of(criteria_set)
    unit_lines = [line for key, line in lines.items() if key[0] == unit_id]
    history: dict[int, list] = {}
    for entry in selectors.audit_of_lines([line.pk for line in unit_lines]):
        history.setdefault(int(entry.target_id), []).append(entry)
    rows = []
    for node in nodes:
        stages = []
        for stage in Stage:
            line = lines.get((unit_id, node.pk, stage))
            if line is not None:
                stages.append({"line": line, "history": history.get(line.pk, [])})
        rows.append({"node": node, "stages": stages})
    totals = _unit_total(criteria_set, unit_id, Stage.COUNCIL)
    result = selectors.result_of(criteria_set)
    snapshot_row = (
        next((r for r in result.snapshot["rows"] if r["unit_id"] == unit_id), None)
        if result
        else None
    )
    return render(
        request,
        "scoring/explain.html",
        {
            "criteria_set": criteria_set,
            "unit": cluster_selectors.get_unit(unit_id),
            "rows": rows,
            "totals": totals,
            "result": result,
            "snapshot_row": snapshot_row,
        },
    )


@require_GET
def overview(request, pk):
    criteria_set = _set(request, pk, "scoring.view_head_grid")
    nodes = selectors.criteria_of(criteria_set)
    leaves = selectors.leaves(nodes)
    lines = selectors.lines_of(criteria_set)
    sheets = selectors.sheets_of(criteria_set)
    with_evidence = {(e.sheet.unit_id, e.criterion_id) for e in selectors.evidence_of(criteria_set)}
    margin = criteria_set.discrepancy_margin
    rows = []
    for unit in selectors.member_units(criteria_set):
        sheet = sheets.get(unit.pk)
        missing_evidence = [
            leaf.code
            for leaf in leaves
            if leaf.evidence_required and (unit.pk, leaf.pk) not in with_evidence
        ]
        unscored = [leaf.code for leaf in leaves if not lines.get((unit.pk, leaf.pk, Stage.SELF))]
        discrepancies = []
        for leaf in leaves:
            own = lines.get((unit.pk, leaf.pk, Stage.SELF))
            head = lines.get((unit.pk, leaf.pk, Stage.HEAD))
            if (
                own
                and head
                and own.value is not None
                and head.value is not None
                and abs(own.value - head.value) > margin
            ):
                discrepancies.append(
                    {
                        "code": leaf.code,
                        "self": own.value,
                        "head": head.value,
                        "reason": head.reason,
                    }
                )
        rows.append(
            {
                "unit": unit,
                "sheet": sheet,
                "missing_evidence": missing_evidence,
                "unscored": unscored,
                "discrepancies": discrepancies,
            }
        )
    return render(request, "scoring/overview.html", {"criteria_set": criteria_set, "rows": rows})


# --- ballots -------------------------------------------------------------------------------


@require_POST
def ballot_open(request, pk):
    criteria_set = _set(request, pk, "scoring.open_ballot")
    form = BallotForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the ballot form."))
        return redirect("scoring:results", criteria_set.pk)
    try:
        ballot = services.open_ballot(criteria_set, actor=request.user, **form.cleaned_data)
    except (DomainError, ValidationError) as error:
        messages.error(request, getattr(error, "message", None) or "; ".join(_errors(error)))
        return redirect("scoring:results", criteria_set.pk)
    return redirect("scoring:ballot", ballot.pk)


def _ballot(request, pk, permission="scoring.view_ballot"):
    ballot = selectors.get_ballot_for_user(request.user, pk)
    _require(request, permission, ballot)
    return ballot


@require_GET
def ballot_detail(request, pk):
    ballot = _ballot(request, pk)
    user = request.user
    member_ids = selectors.member_unit_ids(ballot.criteria_set)
    voted = set(selectors.participations_of(ballot, ballot.round).values_list("unit_id", flat=True))
    own_units = list(
        cluster_selectors.units().filter(pk__in=role_unit_ids(user, Role.UNIT_LEADER) & member_ids)
    )
    return render(
        request,
        "scoring/ballot.html",
        {
            "ballot": ballot,
            "candidates": selectors.candidates_of(ballot),
            "own_units": [{"unit": u, "voted": u.pk in voted} for u in own_units],
            "can_vote": user.has_perm("scoring.cast_ballot", ballot),
            "can_close": user.has_perm("scoring.close_ballot", ballot),
            "can_decide": user.has_perm("scoring.decide_ballot", ballot),
            "is_open": ballot.status == BallotStatus.OPEN,
            "voted_count": len(voted),
            "results": list(selectors.round_results_of(ballot))
            if user.has_perm("scoring.view_ballot_results", ballot)
            else [],
        },
    )


@require_POST
def ballot_vote(request, pk):
    ballot = _ballot(request, pk, "scoring.cast_ballot")
    try:
        services.cast_ballot(
            ballot,
            unit_id=int(request.POST.get("unit", "0")),
            candidate_ids=[int(v) for v in request.POST.getlist("candidate") if v.isdigit()],
            actor=request.user,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your ballot was recorded."))
    return redirect("scoring:ballot", ballot.pk)


@require_POST
def ballot_close(request, pk):
    ballot = _ballot(request, pk, "scoring.close_ballot")
    services.close_ballot_round(ballot, actor=request.user)
    messages.success(request, _("The round is closed."))
    return redirect("scoring:ballot", ballot.pk)


@require_POST
def ballot_next_round(request, pk):
    ballot = _ballot(request, pk, "scoring.decide_ballot")
    try:
        services.start_next_round(ballot, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("scoring:ballot", ballot.pk)


@require_POST
def ballot_decide(request, pk):
    ballot = _ballot(request, pk, "scoring.decide_ballot")
    try:
        services.decide_by_head(
            ballot,
            candidate_ids=[int(v) for v in request.POST.getlist("candidate") if v.isdigit()],
            note=request.POST.get("note", ""),
            actor=request.user,
        )
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("scoring:ballot", ballot.pk)


@require_GET
def ballot_minutes_pdf(request, pk):
    """The minutes as a PDF in the Decree 30/2020 layout (one or two pages, rendered at once)."""
    ballot = _ballot(request, pk, "scoring.view_ballot_results")
    content = pdf.render_pdf("pdf/scoring/minutes.html", minutes.minutes_context(ballot))
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"bien-ban-{ballot.criteria_set.group.code}-{ballot.criteria_set.year}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def ballot_minutes(request, pk):
    ballot = _ballot(request, pk, "scoring.view_ballot_results")
    return render(
        request,
        "scoring/minutes.html",
        {
            "ballot": ballot,
            "participations": list(selectors.participations_of(ballot)),
            "results": list(selectors.round_results_of(ballot)),
            "acclaimed": [c for c in selectors.candidates_of(ballot) if c.is_acclaimed],
            "members": selectors.member_units(ballot.criteria_set),
            "threshold_percent": (ballot.threshold * Decimal(100)).quantize(Decimal("0.1")),
            "quorum_percent": (ballot.quorum * Decimal(100)).quantize(Decimal("0.1")),
        },
    )
