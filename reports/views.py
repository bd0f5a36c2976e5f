"""Report pages: parse input → one service call → render or redirect."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from core.exceptions import DomainError
from core.filters import filtered_or_none
from reports import selectors, services
from reports.enums import ReportKind
from reports.filters import ReportRunFilter
from reports.forms import FinaliseForm, NarrativeForm, RequestReportForm


def _query_string(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class ReportListView(PermissionRequiredMixin, ListView):
    permission_required = "reports.list_reports"
    template_name = "reports/list.html"
    paginate_by = 25
    context_object_name = "runs"

    def get_queryset(self):
        visible = selectors.visible_runs(self.request.user)
        self.filterset = ReportRunFilter(self.request.GET or None, queryset=visible)
        return filtered_or_none(self.filterset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["query_string"] = _query_string(self.request)
        context["can_request"] = self.request.user.has_perm("reports.request_report")
        return context


class ReportRequestView(PermissionRequiredMixin, FormView):
    permission_required = "reports.request_report"
    template_name = "reports/request.html"

    def _year(self) -> int:
        value = self.request.POST.get("year") or self.request.GET.get("year") or ""
        if value.isdigit() and 2000 <= int(value) <= 2100:
            return int(value)
        return timezone.localdate().year

    def get_form(self, form_class=None):
        year = self._year()
        groups = selectors.requestable_groups(self.request.user, year)
        form = RequestReportForm(groups=groups, **self.get_form_kwargs())
        form.fields["year"].initial = year
        # The groups a head may choose depend on the year: changing it reloads the list.
        form.fields["year"].widget.attrs.update(
            {
                "hx-get": reverse("reports:request"),
                "hx-trigger": "change",
                "hx-target": "#id_group",
                "hx-select": "#id_group",
                "hx-swap": "outerHTML",
            }
        )
        return form

    def form_valid(self, form):
        kind = form.cleaned_data["kind"]
        if kind not in ReportKind.GROUP_KINDS and not self.request.user.has_perm(
            "reports.manage_reports"
        ):
            form.add_error("kind", _("You may ask only for the reports of your cluster/block."))
            return self.form_invalid(form)
        try:
            run, created = services.request_report(
                kind,
                year=form.cleaned_data["year"],
                group=form.cleaned_data["group"],
                actor=self.request.user,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        if created:
            messages.success(self.request, _("The report is being rendered."))
        else:
            messages.info(
                self.request,
                _("A report for exactly these figures exists already: here it is."),
            )
        return redirect("reports:detail", pk=run.pk)


class ReportDetailView(TemplateView):
    template_name = "reports/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = selectors.get_run_for_user(self.request.user, self.kwargs["pk"])
        user = self.request.user
        can_edit = user.has_perm("reports.change_reportrun", run)
        context.update(
            run=run,
            can_edit=can_edit,
            can_finalise=can_edit and run.status == "done",
            narrative_form=kwargs.get("narrative_form")
            or NarrativeForm(
                group_report=run.group_id is not None,
                initial={
                    "assessment": run.assessment,
                    "limitations": run.limitations,
                    "next_tasks": run.next_tasks,
                    "signer_name": run.signer_name,
                    "sign_capacity": run.sign_capacity,
                },
            ),
            finalise_form=kwargs.get("finalise_form") or FinaliseForm(),
        )
        return context


class ReportStatusView(View):
    """The HTMX fragment the detail page polls while the report renders."""

    def get(self, request, pk):
        run = selectors.get_run_for_user(request.user, pk)
        return render(request, "reports/detail.html#status", {"run": run})


class ReportDownloadView(View):
    FORMATS = {"pdf": ("pdf_file", "application/pdf"), "xlsx": ("xlsx_file", None)}

    def get(self, request, pk, fmt):
        run = selectors.get_run_for_user(request.user, pk)
        if fmt not in self.FORMATS:
            raise Http404
        field_name, content_type = self.FORMATS[fmt]
        stored = getattr(run, field_name)
        if not stored or run.status != "done":
            raise Http404
        name = f"{run.kind}-{run.year}" + (f"-{run.group.code}" if run.group_id else "")
        if run.number:
            name += f"-so-{run.number:02d}"
        return FileResponse(
            stored.open("rb"),
            as_attachment=True,
            filename=f"{name}.{fmt}",
            **({"content_type": content_type} if content_type else {}),
        )


class _ChangeView(View):
    def post(self, request, pk):
        run = selectors.get_run_for_user(request.user, pk)
        if not request.user.has_perm("reports.manage_reports"):
            raise PermissionDenied
        return self.handle(request, run)


class ReportNarrativeView(_ChangeView):
    def handle(self, request, run):
        form = NarrativeForm(request.POST, group_report=run.group_id is not None)
        if form.is_valid():
            try:
                services.update_narrative(run, actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Saved. The report is being rendered again."))
                return redirect("reports:detail", pk=run.pk)
        view = ReportDetailView()
        view.setup(request, pk=run.pk)
        context = view.get_context_data(narrative_form=form)
        return render(request, ReportDetailView.template_name, context, status=400)


class ReportFinaliseView(_ChangeView):
    def handle(self, request, run):
        form = FinaliseForm(request.POST)
        if form.is_valid():
            try:
                run = services.finalise_report(
                    run, actor=request.user, issued_on=form.cleaned_data["issued_on"]
                )
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("The report is final."))
        else:
            messages.error(request, _("Give the date of issue."))
        return redirect(reverse("reports:detail", args=[run.pk]))
