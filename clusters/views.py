"""Pages for the organisation: parse input → one service call → render or redirect."""

import base64
import uuid

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from clusters import importer, selectors, services
from clusters.filters import EmulationGroupFilter, OrgUnitFilter
from clusters.forms import (
    AddMemberForm,
    CopyYearForm,
    GroupForm,
    ImportForm,
    LineageEventForm,
    RenameForm,
    TermForm,
    UnitForm,
)
from clusters.models import GroupMembership
from core.exceptions import DomainError
from core.filters import filtered_or_none

MANAGE = "clusters.manage_org"
IMPORT_SESSION_KEY = "clusters_import"


def _add_errors(form, exc: Exception) -> None:
    """Show a service refusal on the form: domain errors on top, model errors by field."""
    if isinstance(exc, DomainError):
        form.add_error(None, exc.message)
    elif isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, " ".join(getattr(exc, "messages", [str(exc)])))


def _query_string(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _year_from(request, default=None) -> int:
    value = request.GET.get("year") or request.POST.get("year") or ""
    if value.isdigit() and 1990 <= int(value) <= 2100:
        return int(value)
    return default or timezone.localdate().year


# --- units -------------------------------------------------------------------------------


class UnitListView(PermissionRequiredMixin, ListView):
    permission_required = "clusters.view_orgunit"
    template_name = "clusters/unit_list.html"
    paginate_by = 50
    context_object_name = "units"

    def get_queryset(self):
        self.filterset = OrgUnitFilter(self.request.GET or None, queryset=selectors.units())
        return filtered_or_none(self.filterset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["query_string"] = _query_string(self.request)
        context["can_manage"] = self.request.user.has_perm(MANAGE)
        return context


class UnitDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "clusters.view_orgunit"
    template_name = "clusters/unit_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = selectors.get_unit(self.kwargs["pk"])
        today = timezone.localdate()
        context.update(
            unit=unit,
            events=selectors.lineage_events_of(unit),
            predecessors=selectors.predecessors_of(unit, include_self=False),
            successors=selectors.successors_of(unit),
            parent_periods=selectors.parent_periods(unit),
            children=selectors.children_on(unit, today),
            memberships=selectors.memberships_of_unit(unit),
            can_manage=self.request.user.has_perm(MANAGE),
        )
        return context


class UnitCreateView(PermissionRequiredMixin, FormView):
    permission_required = MANAGE
    template_name = "clusters/unit_form.html"
    form_class = UnitForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            unit = services.create_unit(
                code=data["code"],
                name=data["name"],
                short_name=data["short_name"],
                official_code=data["official_code"],
                unit_type=data["unit_type"],
                parent=data["parent"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                actor=self.request.user,
            )
        except (DomainError, ValidationError) as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The unit was created."))
        return redirect("clusters:unit-detail", pk=unit.pk)


class UnitEditView(PermissionRequiredMixin, FormView):
    permission_required = MANAGE
    template_name = "clusters/unit_form.html"
    form_class = UnitForm

    def dispatch(self, request, *args, **kwargs):
        self.unit = selectors.get_unit(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["unit"] = self.unit
        return kwargs

    def get_initial(self):
        u = self.unit
        return {
            "code": u.code,
            "name": u.name,
            "short_name": u.short_name,
            "official_code": u.official_code,
            "unit_type": u.unit_type,
            "parent": u.parent,
            "valid_from": u.valid_from,
            "valid_to": u.valid_to,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.unit, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.edit_unit(
                self.unit,
                actor=self.request.user,
                parent=data["parent"],
                parent_from=data["parent_from"],
                **{k: data[k] for k in services.UNIT_FIELDS},
            )
        except (DomainError, ValidationError) as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The unit was saved."))
        return redirect("clusters:unit-detail", pk=self.unit.pk)


class UnitRenameView(PermissionRequiredMixin, FormView):
    permission_required = MANAGE
    template_name = "clusters/unit_rename.html"
    form_class = RenameForm

    def dispatch(self, request, *args, **kwargs):
        self.unit = selectors.get_unit(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.unit, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.rename_unit(
                self.unit,
                name=data["name"],
                short_name=data["short_name"] or None,
                effective_on=data["effective_on"],
                decision_ref=data["decision_ref"],
                actor=self.request.user,
            )
        except (DomainError, ValidationError) as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The rename was recorded."))
        return redirect("clusters:unit-detail", pk=self.unit.pk)


class LineageEventCreateView(PermissionRequiredMixin, FormView):
    permission_required = MANAGE
    template_name = "clusters/lineage_form.html"
    form_class = LineageEventForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            event = services.record_lineage_event(
                kind=data["kind"],
                effective_on=data["effective_on"],
                decision_ref=data["decision_ref"],
                predecessors=list(data["predecessors"]),
                partial_predecessors=list(data["partial_predecessors"]),
                successors=list(data["successors"]),
                close_predecessors=data["close_predecessors"],
                note=data["note"],
                actor=self.request.user,
            )
        except (DomainError, ValidationError) as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The event was recorded."))
        first = event.links.filter(role="successor").first()
        return redirect("clusters:unit-detail", pk=first.unit_id)


# --- clusters and blocks -----------------------------------------------------------------


class GroupListView(PermissionRequiredMixin, ListView):
    permission_required = "clusters.list_emulationgroups"
    template_name = "clusters/group_list.html"
    paginate_by = 50
    context_object_name = "groups"

    def get_queryset(self):
        self.year = _year_from(self.request)
        base = selectors.groups_for_user(self.request.user).annotate(
            member_count=Count("memberships", filter=Q(memberships__year=self.year), distinct=True)
        )
        self.filterset = EmulationGroupFilter(self.request.GET or None, queryset=base)
        return filtered_or_none(self.filterset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_groups = list(context["groups"])
        terms = {
            t.group_id: t
            for t in selectors.terms_for_year(self.year).filter(
                group_id__in=[g.pk for g in page_groups]
            )
        }
        context.update(
            filter=self.filterset,
            rows=[(g, terms.get(g.pk)) for g in page_groups],
            year=self.year,
            query_string=_query_string(self.request),
            can_manage=self.request.user.has_perm(MANAGE),
        )
        return context


def _group_panel_context(request, group, year):
    can_manage = request.user.has_perm(MANAGE)
    members = list(selectors.group_members(group, year))
    context = {
        "group": group,
        "year": year,
        "members": members,
        "term": selectors.group_term(group, year),
        "can_manage": can_manage,
    }
    if can_manage:
        member_units = selectors.units().filter(pk__in=[m.unit_id for m in members])
        term = context["term"]
        context["add_form"] = AddMemberForm(year=year)
        context["term_form"] = TermForm(
            member_units=member_units,
            initial={
                "head_unit": term.head_unit_id if term else None,
                "deputy_unit": term.deputy_unit_id if term else None,
                "decision_ref": term.decision_ref if term else "",
            },
        )
    return context


class GroupDetailView(View):
    template_name = "clusters/group_detail.html"

    def get(self, request, pk):
        group = selectors.get_group_for_user(request.user, pk)
        years = selectors.group_years(group)
        year = _year_from(request, default=years[0] if years else None)
        context = _group_panel_context(request, group, year)
        context["years"] = sorted(set(years) | {year}, reverse=True)
        return render(request, self.template_name, context)


class GroupCreateView(PermissionRequiredMixin, FormView):
    permission_required = MANAGE
    template_name = "clusters/group_form.html"
    form_class = GroupForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            group = services.create_group(actor=self.request.user, **data)
        except (DomainError, ValidationError) as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The cluster/block was created."))
        return redirect("clusters:group-detail", pk=group.pk)


class GroupEditView(PermissionRequiredMixin, FormView):
    permission_required = MANAGE
    template_name = "clusters/group_form.html"
    form_class = GroupForm

    def dispatch(self, request, *args, **kwargs):
        self.group = selectors.get_group_for_user(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "group": self.group}

    def get_initial(self):
        g = self.group
        return {f: getattr(g, f) for f in ("code", *services.GROUP_FIELDS)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(group=self.group, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.update_group(
                self.group,
                actor=self.request.user,
                **{k: data[k] for k in services.GROUP_FIELDS},
            )
        except (DomainError, ValidationError) as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The cluster/block was saved."))
        return redirect("clusters:group-detail", pk=self.group.pk)


class _GroupPanelActionView(View):
    """POST-only actions on a group's year panel. With HTMX the panel is re-rendered in
    place; without it the browser goes back to the group page."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(MANAGE):
            raise PermissionDenied
        self.group = selectors.get_group_for_user(request.user, kwargs["pk"])
        self.year = _year_from(request)
        return super().dispatch(request, *args, **kwargs)

    def respond(self, request, error: str | None = None, form_name: str | None = None):
        if error and not request.htmx:
            messages.error(request, error)
        if not request.htmx:
            url = reverse("clusters:group-detail", args=[self.group.pk])
            return redirect(f"{url}?year={self.year}")
        context = _group_panel_context(request, self.group, self.year)
        context["panel_error"] = error
        return render(request, "clusters/group_detail.html#panel", context)


class MemberAddView(_GroupPanelActionView):
    def post(self, request, pk):
        form = AddMemberForm(request.POST, year=self.year)
        if not form.is_valid():
            return self.respond(request, error=_("Choose a unit that exists that year."))
        try:
            services.add_member(
                self.group, unit=form.cleaned_data["unit"], year=self.year, actor=request.user
            )
        except DomainError as exc:
            return self.respond(request, error=exc.message)
        return self.respond(request)


class MemberRemoveView(_GroupPanelActionView):
    def post(self, request, pk, membership_pk):
        membership = get_object_or_404(GroupMembership, pk=membership_pk, group=self.group)
        self.year = membership.year
        try:
            services.remove_member(membership, actor=request.user)
        except DomainError as exc:
            return self.respond(request, error=exc.message)
        return self.respond(request)


class TermSetView(_GroupPanelActionView):
    def post(self, request, pk):
        member_units = selectors.units().filter(
            pk__in=selectors.group_members(self.group, self.year).values("unit_id")
        )
        form = TermForm(request.POST, member_units=member_units)
        if not form.is_valid():
            return self.respond(
                request, error=_("The head and the deputy must be members that year.")
            )
        try:
            services.set_term(
                self.group,
                year=self.year,
                head_unit=form.cleaned_data["head_unit"],
                deputy_unit=form.cleaned_data["deputy_unit"],
                decision_ref=form.cleaned_data["decision_ref"],
                actor=request.user,
            )
        except (DomainError, ValidationError) as exc:
            return self.respond(request, error=getattr(exc, "message", None) or str(exc))
        return self.respond(request)


class CopyYearView(PermissionRequiredMixin, FormView):
    permission_required = MANAGE
    template_name = "clusters/copy_year.html"
    form_class = CopyYearForm

    def form_valid(self, form):
        try:
            report = services.copy_groups_to_next_year(
                from_year=form.cleaned_data["from_year"], actor=self.request.user
            )
        except DomainError as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        return self.render_to_response(self.get_context_data(form=form, report=report))


# --- import and export -------------------------------------------------------------------


class ImportView(PermissionRequiredMixin, View):
    """Upload → dry run (every row error listed, nothing written) → import the same file.

    A file that passed the dry run waits in the session for the "Import" button, so the
    user does not upload it twice."""

    permission_required = MANAGE
    template_name = "clusters/import.html"

    def get(self, request):
        return render(
            request,
            self.template_name,
            {"form": ImportForm(), "kinds": importer.ImportKind.choices},
        )

    def post(self, request):
        if "token" in request.POST:
            return self._apply_stashed(request)
        form = ImportForm(request.POST, request.FILES)
        context = {"form": form, "kinds": importer.ImportKind.choices}
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        upload = form.cleaned_data["file"]
        content = upload.read()
        plan = self._check(form, content, upload.name)
        context["plan"] = plan
        if plan is None or not plan.is_valid:
            return render(request, self.template_name, context, status=200)
        if "apply" in request.POST:
            return self._apply(request, plan, upload.name)
        token = uuid.uuid4().hex
        request.session[IMPORT_SESSION_KEY] = {
            "token": token,
            "kind": plan.kind,
            "name": upload.name,
            "content": base64.b64encode(content).decode("ascii"),
        }
        context["token"] = token
        return render(request, self.template_name, context)

    def _check(self, form, content, name):
        try:
            header, rows = importer.read_table(content, name)
        except importer.ImportFileError as exc:
            form.add_error("file", exc.message)
            return None
        return importer.check_rows(form.cleaned_data["kind"], header, rows)

    def _apply_stashed(self, request):
        stash = request.session.get(IMPORT_SESSION_KEY) or {}
        if stash.get("token") != request.POST["token"]:
            messages.error(request, _("The checked file has expired; upload it again."))
            return redirect("clusters:import")
        content = base64.b64decode(stash["content"])
        header, rows = importer.read_table(content, stash["name"])
        plan = importer.check_rows(stash["kind"], header, rows)
        del request.session[IMPORT_SESSION_KEY]
        if not plan.is_valid:
            form = ImportForm(initial={"kind": stash["kind"]})
            return render(request, self.template_name, {"form": form, "plan": plan})
        return self._apply(request, plan, stash["name"])

    def _apply(self, request, plan, name):
        try:
            result = services.apply_import(plan, actor=request.user, filename=name)
        except (DomainError, ValidationError) as exc:
            messages.error(request, getattr(exc, "message", None) or " ".join(exc.messages))
            return redirect("clusters:import")
        messages.success(
            request,
            _(
                "Imported %(name)s: %(created)s created, %(updated)s updated, "
                "%(unchanged)s unchanged, %(terms)s heads/deputies set."
            )
            % {
                "name": name,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "terms": result.terms_set,
            },
        )
        return redirect("clusters:import")


def _file_response(content: bytes, filename: str, fmt: str) -> HttpResponse:
    content_type = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class TemplateDownloadView(PermissionRequiredMixin, View):
    permission_required = MANAGE

    def get(self, request, kind, fmt):
        if kind not in importer.ImportKind.values or fmt not in ("csv", "xlsx"):
            raise Http404
        rows = importer.template_rows(kind)
        content = (
            importer.to_csv(rows)
            if fmt == "csv"
            else importer.to_xlsx(rows, kind=kind, with_help=True)
        )
        return _file_response(content, f"mau-{kind}.{fmt}", fmt)


class ExportView(PermissionRequiredMixin, View):
    permission_required = MANAGE

    def get(self, request, kind, fmt):
        if kind not in importer.ImportKind.values or fmt not in ("csv", "xlsx"):
            raise Http404
        year = request.GET.get("year")
        rows = importer.export_rows(kind, year=int(year) if (year or "").isdigit() else None)
        content = importer.to_csv(rows) if fmt == "csv" else importer.to_xlsx(rows, kind=kind)
        return _file_response(content, f"{kind}.{fmt}", fmt)
