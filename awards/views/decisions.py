"""Pages of award decisions and award records: parse input, call one service, render or
redirect."""

from itertools import groupby

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from awards import selectors
from awards.enums import AwardLevel, DecisionStatus
from awards.exports import RECORD_EXPORT_LIMIT, records_workbook
from awards.forms.decisions import (
    AwardRecordFilter,
    DecisionFilter,
    DecisionForm,
    IssueForm,
    LineForm,
    NomineeChoiceFilter,
    ReasonForm,
)
from awards.services import decisions as services
from core.exceptions import DomainError
from core.filters import filtered_or_none
from core.listing import FilteredListView
from core.permissions import require_perm as _require_perm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _form_values(form, names):
    return {name: form.cleaned_data[name] for name in names}


def _manageable_draft(request, pk):
    """The draft decision `pk` for an emulation officer; anyone else gets 404/403."""
    decision = selectors.get_decision_for_user(user=request.user, pk=pk)
    _require_perm(request, "awards.manage_decision", decision)
    return decision


# ---------------------------------------------------------------- decisions


class DecisionListView(FilteredListView):
    permission_required = "awards.list_decisions"
    template_name = "awards/decisions/decision_list.html"
    context_object_name = "decisions"
    filterset_class = DecisionFilter

    def base_queryset(self):
        return selectors.visible_decisions(self.request.user).order_by(
            "status", "-decided_on", "-number", "-pk"
        )


def decision_create(request):
    _require_perm(request, "awards.manage_decision")
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = _form_values(form, DecisionForm.Meta.fields)
        for name in ("preamble", "recipients", "symbol"):
            values[name] = values[name] or None
        try:
            decision = services.create_decision(actor=request.user, **values)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The draft decision was created."))
            return redirect("awards:decision-detail", pk=decision.pk)
    return render(request, "awards/decisions/decision_form.html", {"form": form})


def decision_update(request, pk):
    decision = _manageable_draft(request, pk)
    form = DecisionForm(request.POST or None, instance=decision)
    if request.method == "POST" and form.is_valid():
        names = [name for name in DecisionForm.Meta.fields if name != "level"]
        try:
            services.update_decision(decision, actor=request.user, **_form_values(form, names))
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The decision was saved."))
            return redirect("awards:decision-detail", pk=decision.pk)
    return render(
        request, "awards/decisions/decision_form.html", {"form": form, "decision": decision}
    )


def decision_detail(request, pk):
    decision = selectors.get_decision_for_user(user=request.user, pk=pk)
    _require_perm(request, "awards.view_decision", decision)
    lines = list(selectors.decision_lines(decision))
    groups = []
    for _type_id, grouped in groupby(lines, key=lambda line: line.award_type_id):
        rows = list(grouped)
        groups.append(
            {
                "award_type": rows[0].award_type,
                "lines": rows,
                "total": sum(line.cash_amount or 0 for line in rows if not line.revoked_at),
            }
        )
    can_manage = request.user.has_perm("awards.manage_decision", decision)
    is_draft = decision.status == DecisionStatus.DRAFT
    return render(
        request,
        "awards/decisions/decision_detail.html",
        {
            "decision": decision,
            "groups": groups,
            "line_count": len(lines),
            "total": sum(line.cash_amount or 0 for line in lines if not line.revoked_at),
            "can_edit": can_manage and is_draft,
            "can_revoke": not is_draft and request.user.has_perm("awards.revoke_award_record"),
            "has_pdf": bool(decision.file)
            or (can_manage and is_draft and decision.level == AwardLevel.PROVINCE),
        },
    )


def decision_nominees(request, pk):
    """Approved nominees not yet on a decision, with checkboxes; POST adds the chosen ones."""
    decision = _manageable_draft(request, pk)
    if request.method == "POST":
        ids = [value for value in request.POST.getlist("nominees") if value.isdigit()]
        try:
            records = services.add_lines_from_nominees(decision, ids, actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            count = len(records)
            messages.success(
                request,
                ngettext("%(count)s line was added.", "%(count)s lines were added.", count)
                % {"count": count},
            )
            return redirect("awards:decision-detail", pk=decision.pk)
    available = selectors.nominees_awaiting_decision(decision.level)
    filterset = NomineeChoiceFilter(
        request.GET or None, queryset=available, request=request, level=decision.level
    )
    nominees = filtered_or_none(filterset)[:200]
    return render(
        request,
        "awards/decisions/nominee_choice.html",
        {"decision": decision, "filter": filterset, "nominees": nominees},
    )


def decision_line_add(request, pk):
    decision = _manageable_draft(request, pk)
    form = LineForm(request.POST or None, decision=decision)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_line(decision, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The line was added."))
            return redirect("awards:decision-detail", pk=decision.pk)
    return render(request, "awards/decisions/line_form.html", {"form": form, "decision": decision})


@require_POST
def decision_line_remove(request, pk, line_pk):
    decision = _manageable_draft(request, pk)
    record = decision.records.filter(pk=line_pk).first()
    if record is None:
        raise Http404
    try:
        services.remove_line(record, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The line was removed."))
    return redirect("awards:decision-detail", pk=decision.pk)


def decision_issue(request, pk):
    decision = _manageable_draft(request, pk)
    form = IssueForm(request.POST or None, decision=decision)
    if request.method == "POST" and form.is_valid():
        try:
            services.issue_decision(decision, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The decision was issued."))
            return redirect("awards:decision-detail", pk=decision.pk)
    return render(request, "awards/decisions/issue_form.html", {"form": form, "decision": decision})


def decision_pdf(request, pk):
    """The stored PDF of an issued decision; a draft is previewed (blank number) for officers."""
    decision = selectors.get_decision_for_user(user=request.user, pk=pk)
    _require_perm(request, "awards.view_decision", decision)
    if decision.status == DecisionStatus.ISSUED:
        if not decision.file:
            raise Http404
        response = FileResponse(
            decision.file.open("rb"),
            as_attachment=True,
            filename=f"quyet-dinh-{decision.number:02d}-{decision.decided_on:%Y}.pdf",
            content_type="application/pdf",
        )
    else:
        _require_perm(request, "awards.manage_decision", decision)
        response = HttpResponse(
            services.render_decision_pdf(decision), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'inline; filename="du-thao-quyet-dinh-{decision.pk}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ---------------------------------------------------------------- award records


class AwardRecordListView(FilteredListView):
    permission_required = "awards.list_award_records"
    template_name = "awards/decisions/record_list.html"
    context_object_name = "records"
    filterset_class = AwardRecordFilter

    def base_queryset(self):
        return selectors.visible_award_records(self.request.user).order_by(
            "-decision__decided_on", "decision_id", "sort_order", "pk"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_revoke"] = self.request.user.has_perm("awards.revoke_award_record")
        return context


def record_export(request):
    """The filtered records as XLSX (at most RECORD_EXPORT_LIMIT rows)."""
    _require_perm(request, "awards.list_award_records")
    base = selectors.visible_award_records(request.user).order_by(
        "-decision__decided_on", "decision_id", "sort_order", "pk"
    )
    filterset = AwardRecordFilter(request.GET or None, queryset=base, request=request)
    rows = list(filtered_or_none(filterset)[: RECORD_EXPORT_LIMIT + 1])
    truncated = len(rows) > RECORD_EXPORT_LIMIT
    content = records_workbook(rows[:RECORD_EXPORT_LIMIT], truncated=truncated)
    response = HttpResponse(content, content_type=XLSX)
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="khen-thuong-{stamp}.xlsx"'
    return response


def record_revoke(request, pk):
    record = selectors.get_award_record_for_user(user=request.user, pk=pk)
    _require_perm(request, "awards.revoke_award_record", record)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.revoke_record(record, actor=request.user, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The award was revoked."))
            return redirect("awards:decision-detail", pk=record.decision_id)
    return render(request, "awards/decisions/revoke_form.html", {"form": form, "record": record})


urlpatterns = [
    path("decisions/", DecisionListView.as_view(), name="decision-list"),
    path("decisions/new/", decision_create, name="decision-create"),
    path("decisions/<int:pk>/", decision_detail, name="decision-detail"),
    path("decisions/<int:pk>/edit/", decision_update, name="decision-update"),
    path("decisions/<int:pk>/nominees/", decision_nominees, name="decision-nominees"),
    path("decisions/<int:pk>/lines/new/", decision_line_add, name="decision-line-add"),
    path(
        "decisions/<int:pk>/lines/<int:line_pk>/remove/",
        decision_line_remove,
        name="decision-line-remove",
    ),
    path("decisions/<int:pk>/issue/", decision_issue, name="decision-issue"),
    path("decisions/<int:pk>/pdf/", decision_pdf, name="decision-pdf"),
    path("records/", AwardRecordListView.as_view(), name="record-list"),
    path("records/export/", record_export, name="record-export"),
    path("records/<int:pk>/revoke/", record_revoke, name="record-revoke"),
]
