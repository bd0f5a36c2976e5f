"""Pages of the campaigns app: parse input, call one service, render or redirect."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import ListView

from accounts.enums import Role
from accounts.selectors import unit_ids as role_unit_ids
from campaigns import selectors, services
from campaigns.enums import MovementStatus, PledgeStatus
from campaigns.exports import summary_workbook
from campaigns.filters import MovementFilter, RegistrationFilter
from campaigns.forms import (
    INDIVIDUALS_PREFIX,
    ExtensionForm,
    IndividualForm,
    IndividualFormSet,
    MovementForm,
    ParticipantForm,
    PledgeForm,
    RegistrationForm,
    RegistrationWindowForm,
    ReturnForm,
    individuals_from_formset,
)
from campaigns.models import MovementParticipation, RegistrationWindow
from campaigns.rules import unconfirmed_led_unit_ids
from clusters.models import EmulationGroup, OrgUnit
from core.exceptions import DomainError
from core.listing import FilteredListView
from core.permissions import require_perm as _require_perm

# ---------------------------------------------------------------- movements


class MovementListView(FilteredListView):
    permission_required = "campaigns.view_movement"
    template_name = "campaigns/movement_list.html"
    context_object_name = "movements"
    filterset_class = MovementFilter

    def base_queryset(self):
        return selectors.movements().order_by("launcher_level", "name")


def movement_detail(request, pk):
    _require_perm(request, "campaigns.view_movement")
    movement = get_object_or_404(selectors.movements(), pk=pk)
    can_manage = request.user.has_perm("campaigns.manage_movement")
    next_statuses = [
        (status, MovementStatus(status).label)
        for status in MovementStatus.values
        if status in MovementStatus.TRANSITIONS[movement.status]
    ]
    return render(
        request,
        "campaigns/movement_detail.html",
        {
            "movement": movement,
            "participations": selectors.movement_participations(movement),
            "can_manage": can_manage,
            "next_statuses": next_statuses if can_manage else [],
            "participant_form": ParticipantForm(initial={"joined_on": timezone.localdate()})
            if can_manage
            else None,
        },
    )


def movement_form(request, pk=None):
    _require_perm(request, "campaigns.manage_movement")
    movement = get_object_or_404(selectors.movements(), pk=pk) if pk else None
    form = MovementForm(request.POST or None, instance=movement)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if movement is None:
                movement = services.create_movement(actor=request.user, **values)
            else:
                movement = services.update_movement(movement, actor=request.user, **values)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The movement was saved."))
            return redirect("campaigns:movement-detail", pk=movement.pk)
    return render(request, "campaigns/movement_form.html", {"form": form, "movement": movement})


@require_POST
def movement_status(request, pk):
    _require_perm(request, "campaigns.manage_movement")
    movement = get_object_or_404(selectors.movements(), pk=pk)
    try:
        services.set_movement_status(movement, request.POST.get("status", ""), actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The status of the movement was changed."))
    return redirect("campaigns:movement-detail", pk=pk)


@require_POST
def movement_participant_add(request, pk):
    _require_perm(request, "campaigns.manage_movement")
    movement = get_object_or_404(selectors.movements(), pk=pk)
    form = ParticipantForm(request.POST)
    if form.is_valid():
        try:
            services.add_movement_participant(
                movement,
                unit=form.cleaned_data["unit"],
                joined_on=form.cleaned_data["joined_on"],
                actor=request.user,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The unit was added to the movement."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("campaigns:movement-detail", pk=pk)


@require_POST
def movement_participant_remove(request, pk, participation_pk):
    _require_perm(request, "campaigns.manage_movement")
    participation = get_object_or_404(
        MovementParticipation.objects.select_related("unit", "movement"),
        pk=participation_pk,
        movement_id=pk,
    )
    services.remove_movement_participant(participation, actor=request.user)
    messages.success(request, _("The unit was removed from the movement."))
    return redirect("campaigns:movement-detail", pk=pk)


# ---------------------------------------------------------------- windows and extensions


class WindowListView(PermissionRequiredMixin, ListView):
    permission_required = "campaigns.manage_registration_window"
    template_name = "campaigns/window_list.html"
    context_object_name = "windows"
    paginate_by = 25

    def get_queryset(self):
        return selectors.registration_windows()


def window_form(request, year=None):
    _require_perm(request, "campaigns.manage_registration_window")
    window = get_object_or_404(RegistrationWindow, year=year) if year else None
    initial = (
        {
            "year": window.year,
            "opens_on": window.opens_on,
            "deadline": window.deadline,
            "note": window.note,
        }
        if window
        else {"year": timezone.localdate().year}
    )
    form = RegistrationWindowForm(request.POST or None, initial=initial)
    if window:
        form.fields["year"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if window is None and RegistrationWindow.objects.filter(year=data["year"]).exists():
            form.add_error("year", _("This year already has a registration window."))
        else:
            services.save_registration_window(
                year=data["year"],
                opens_on=data["opens_on"],
                deadline=data["deadline"],
                note=data["note"],
                actor=request.user,
            )
            messages.success(request, _("The registration window was saved."))
            return redirect("campaigns:window-list")
    return render(request, "campaigns/window_form.html", {"form": form, "window": window})


class ExtensionListView(PermissionRequiredMixin, ListView):
    permission_required = "campaigns.grant_extension"
    template_name = "campaigns/extension_list.html"
    context_object_name = "extensions"
    paginate_by = 25

    def get_queryset(self):
        return selectors.extensions()


def extension_form(request):
    _require_perm(request, "campaigns.grant_extension")
    form = ExtensionForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.grant_extension(
                unit=data["unit"],
                year=data["year"],
                new_deadline=data["new_deadline"],
                reason=data["reason"],
                actor=request.user,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The extension was granted."))
            return redirect("campaigns:extension-list")
    return render(request, "campaigns/extension_form.html", {"form": form})


# ---------------------------------------------------------------- registrations


class RegistrationListView(FilteredListView):
    permission_required = "campaigns.list_registrations"
    template_name = "campaigns/registration_list.html"
    context_object_name = "registrations"
    filterset_class = RegistrationFilter

    def base_queryset(self):
        return selectors.visible_registrations(self.request.user).order_by(
            "-year", "unit__name", "id"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = self.request.user.has_perm("campaigns.add_registration")
        return context


def _own_units(user):
    return OrgUnit.objects.filter(
        pk__in=role_unit_ids(user, Role.UNIT_OFFICER, Role.UNIT_LEADER)
    ).order_by("name")


def _registration_form(request, registration=None):
    creating = registration is None
    units = _own_units(request.user) if creating else None
    if request.method == "POST":
        form = RegistrationForm(request.POST, units=units, creating=creating)
        formset = IndividualFormSet(request.POST, prefix=INDIVIDUALS_PREFIX)
        if form.is_valid() and formset.is_valid():
            data = form.cleaned_data
            values = {
                "collective_titles": data["collective_titles"],
                "commitments": data["commitments"],
                "individuals": individuals_from_formset(formset),
                "actor": request.user,
            }
            try:
                if creating:
                    registration = services.create_registration(
                        unit=data["unit"], year=data["year"], movement=data["movement"], **values
                    )
                else:
                    registration = services.update_registration(registration, **values)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The registration was saved."))
                return redirect("campaigns:registration-detail", pk=registration.pk)
    else:
        if creating:
            initial = {"year": timezone.localdate().year}
            if units.count() == 1:
                initial["unit"] = units.first()
            rows = []
        else:
            initial = {
                "collective_titles": registration.collective_titles,
                "commitments": registration.commitments,
            }
            rows = [
                {"full_name": i.full_name, "position": i.position, "target_title": i.target_title}
                for i in registration.individuals.all()
            ]
        form = RegistrationForm(initial=initial, units=units, creating=creating)
        formset = IndividualFormSet(initial=rows, prefix=INDIVIDUALS_PREFIX)
    return render(
        request,
        "campaigns/registration_form.html",
        {"form": form, "formset": formset, "registration": registration},
    )


def registration_create(request):
    _require_perm(request, "campaigns.add_registration")
    return _registration_form(request)


def registration_update(request, pk):
    registration = selectors.get_registration_for_user(user=request.user, pk=pk)
    _require_perm(request, "campaigns.change_registration", registration)
    return _registration_form(request, registration)


@require_GET
def registration_individual_row(request):
    """HTMX: one more empty row for an individual, and the formset's new form count."""
    if not (
        request.user.has_perm("campaigns.add_registration")
        or request.user.has_perm("campaigns.list_registrations")
    ):
        raise PermissionDenied
    try:
        index = int(request.GET.get("index", "0"))
    except ValueError as exc:
        raise Http404 from exc
    if not 0 <= index < 500:
        raise Http404
    form = IndividualForm(prefix=f"{INDIVIDUALS_PREFIX}-{index}", use_required_attribute=False)
    return render(
        request,
        "campaigns/partials/individual_row.html",
        {"row": form, "next_index": index + 1, "prefix": INDIVIDUALS_PREFIX, "oob": True},
    )


def registration_detail(request, pk):
    registration = selectors.get_registration_for_user(user=request.user, pk=pk)
    return _render_registration_detail(request, registration, ReturnForm())


def _render_registration_detail(request, registration, return_form, status=200):
    user = request.user
    deadline = selectors.effective_deadline(registration.unit, registration.year)
    return render(
        request,
        "campaigns/registration_detail.html",
        {
            "registration": registration,
            "individuals": list(registration.individuals.all()),
            "deadline": deadline,
            "can_change": user.has_perm("campaigns.change_registration", registration),
            "can_send": user.has_perm("campaigns.send_registration", registration),
            "can_review": user.has_perm("campaigns.review_registration", registration),
            "return_form": return_form,
        },
        status=status,
    )


def _registration_action(request, pk, permission, action, success_message, **kwargs):
    registration = selectors.get_registration_for_user(user=request.user, pk=pk)
    _require_perm(request, permission, registration)
    try:
        action(registration, actor=request.user, **kwargs)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success_message)
    return redirect("campaigns:registration-detail", pk=pk)


@require_POST
def registration_send(request, pk):
    return _registration_action(
        request,
        pk,
        "campaigns.send_registration",
        services.send_registration,
        _("The registration was sent for approval."),
    )


@require_POST
def registration_approve(request, pk):
    return _registration_action(
        request,
        pk,
        "campaigns.review_registration",
        services.approve_registration,
        _("The registration was approved."),
    )


@require_POST
def registration_return(request, pk):
    registration = selectors.get_registration_for_user(user=request.user, pk=pk)
    _require_perm(request, "campaigns.review_registration", registration)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _render_registration_detail(request, registration, form, status=400)
    return _registration_action(
        request,
        pk,
        "campaigns.review_registration",
        services.return_registration,
        _("The registration was returned to the unit."),
        reason=form.cleaned_data["reason"],
    )


def _summary_context(request):
    _require_perm(request, "campaigns.view_registration_summary")
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    visible_groups = selectors.groups_visible_for_summary(request.user, year)
    group_id = request.GET.get("group") or ""
    groups = list(visible_groups)
    if group_id:
        groups = [g for g in groups if str(g.pk) == group_id]
        if not groups:
            raise Http404
    blocks, total = selectors.registration_summary(year=year, groups=groups)
    window = selectors.window_for_year(year)
    return {
        "year": year,
        "group_id": group_id,
        "group_choices": list(visible_groups),
        "blocks": blocks,
        "total": total,
        "window": window,
        "years": range(today.year + 1, today.year - 6, -1),
    }


def registration_summary(request):
    return render(request, "campaigns/registration_summary.html", _summary_context(request))


def registration_summary_export(request):
    context = _summary_context(request)
    content = summary_workbook(
        year=context["year"], blocks=context["blocks"], total=context["total"]
    )
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="registration-summary-{context["year"]}.xlsx"'
    )
    return response


# ---------------------------------------------------------------- pledges


class PledgeListView(PermissionRequiredMixin, ListView):
    permission_required = "campaigns.list_pledges"
    template_name = "campaigns/pledge_list.html"
    context_object_name = "pledges"
    paginate_by = 25

    def get_queryset(self):
        return selectors.visible_pledges(self.request.user).order_by("-year", "group__name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = self.request.user.has_perm("campaigns.add_pledge")
        return context


def pledge_create(request):
    _require_perm(request, "campaigns.add_pledge")
    terms = selectors.terms_without_pledge(request.user)
    form = PledgeForm(request.POST or None, terms=terms)
    if request.method == "POST" and form.is_valid():
        group_id, year = (int(x) for x in form.cleaned_data["term"].split(":"))
        group = get_object_or_404(EmulationGroup, pk=group_id)
        try:
            pledge = services.create_pledge(
                group=group,
                year=year,
                title=form.cleaned_data["title"],
                targets=form.target_lines(),
                actor=request.user,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The pledge was drafted."))
            return redirect("campaigns:pledge-detail", pk=pledge.pk)
    return render(request, "campaigns/pledge_form.html", {"form": form, "pledge": None})


def pledge_update(request, pk):
    pledge = selectors.get_pledge_for_user(user=request.user, pk=pk)
    _require_perm(request, "campaigns.change_pledge", pledge)
    initial = {"title": pledge.title, "targets": "\n".join(i.text for i in pledge.items.all())}
    form = PledgeForm(request.POST or None, initial=initial, creating=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_pledge(
                pledge,
                title=form.cleaned_data["title"],
                targets=form.target_lines(),
                actor=request.user,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The pledge was saved."))
            return redirect("campaigns:pledge-detail", pk=pk)
    return render(request, "campaigns/pledge_form.html", {"form": form, "pledge": pledge})


def pledge_detail(request, pk):
    pledge = selectors.get_pledge_for_user(user=request.user, pk=pk)
    user = request.user
    confirmable = []
    if user.has_perm("campaigns.confirm_pledge", pledge):
        confirmable = list(
            OrgUnit.objects.filter(pk__in=unconfirmed_led_unit_ids(user, pledge)).order_by("name")
        )
    return render(
        request,
        "campaigns/pledge_detail.html",
        {
            "pledge": pledge,
            "members": selectors.pledge_member_rows(pledge),
            "can_change": user.has_perm("campaigns.change_pledge", pledge),
            "can_circulate": user.has_perm("campaigns.circulate_pledge", pledge),
            "can_close": pledge.status == PledgeStatus.IN_FORCE
            and user.has_perm("campaigns.close_pledge", pledge),
            "confirmable_units": confirmable,
        },
    )


@require_POST
def pledge_circulate(request, pk):
    pledge = selectors.get_pledge_for_user(user=request.user, pk=pk)
    _require_perm(request, "campaigns.circulate_pledge", pledge)
    try:
        services.circulate_pledge(pledge, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The pledge was circulated to the member units."))
    return redirect("campaigns:pledge-detail", pk=pk)


@require_POST
def pledge_close(request, pk):
    pledge = selectors.get_pledge_for_user(user=request.user, pk=pk)
    _require_perm(request, "campaigns.close_pledge", pledge)
    try:
        services.set_pledge_status(pledge, PledgeStatus.CLOSED, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The pledge was closed."))
    return redirect("campaigns:pledge-detail", pk=pk)


@require_POST
def pledge_confirm(request, pk):
    pledge = selectors.get_pledge_for_user(user=request.user, pk=pk)
    _require_perm(request, "campaigns.confirm_pledge", pledge)
    unit_id = request.POST.get("unit", "")
    if not unit_id.isdigit():
        raise Http404
    unit = get_object_or_404(OrgUnit, pk=int(unit_id))
    try:
        services.confirm_pledge(pledge, unit=unit, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("You confirmed the pledge for %(unit)s.") % {"unit": unit})
    return redirect("campaigns:pledge-detail", pk=pk)
