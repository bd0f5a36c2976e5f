"""Pages of the award catalogue (rules as data): award types with their required documents,
the base salary and the dossier deadlines. Every signed-in user reads them; Home Affairs
(awards.manage_catalogue) edits them through awards/services/catalogue.py."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from awards import selectors
from awards.enums import AwardMethod, SubjectType
from awards.forms.catalogue import (
    AwardTypeForm,
    BaseSalaryForm,
    EndRequiredDocumentForm,
    RequiredDocumentForm,
    SubmissionDeadlineForm,
    put_errors,
)
from awards.models import AwardType, BaseSalary, RequiredDocument, SubmissionDeadline
from awards.services import catalogue as services
from core.permissions import require_perm as _require_perm

VIEW = "awards.view_catalogue"
MANAGE = "awards.manage_catalogue"
PAGE_SIZE = 50
SUBJECTS = (SubjectType.COLLECTIVE, SubjectType.INDIVIDUAL, SubjectType.HOUSEHOLD)


def _plain(number):
    """1.50 -> 1.5, 12.00 -> 12: the coefficient as people write it (shown localized)."""
    if number is None:
        return None
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def _subject_rows(award_type, base_salary):
    """(label, coefficient, amount) for each subject the award type is for."""
    rows = []
    for subject in SUBJECTS:
        if award_type.allows(subject):
            coefficient = award_type.coefficient_for(subject)
            rows.append(
                (
                    SubjectType(subject).label,
                    _plain(coefficient),
                    selectors.cash_amount(coefficient, base_salary),
                )
            )
    return rows


def _group_by_level(award_types, base_salary):
    """[(level label, [(award type, subject rows), ...]), ...] in the order of the page."""
    groups = []
    for award_type in award_types:
        if not groups or groups[-1][0] != award_type.level:
            groups.append((award_type.level, award_type.get_level_display(), []))
        groups[-1][2].append((award_type, _subject_rows(award_type, base_salary)))
    return [(level, label, rows) for level, label, rows in groups]


# ---------------------------------------------------------------- award types


class AwardTypeListView(PermissionRequiredMixin, ListView):
    """The catalogue grouped by level, with the money at today's base salary."""

    permission_required = VIEW
    template_name = "awards/catalogue/award_type_list.html"
    context_object_name = "award_types"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return selectors.award_types()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        base_salary = selectors.base_salary_on(today)
        context.update(
            today=today,
            base_salary=base_salary,
            levels=_group_by_level(context["award_types"], base_salary),
            can_manage=self.request.user.has_perm(MANAGE),
        )
        return context


def award_type_detail(request, pk):
    _require_perm(request, VIEW)
    award_type = get_object_or_404(selectors.award_types(), pk=pk)
    today = timezone.localdate()
    base_salary = selectors.base_salary_on(today)
    in_force = set(
        selectors.required_documents_in_force(award_type, today).values_list("pk", flat=True)
    )
    documents = [
        (document, document.pk in in_force, services.has_been_in_force(document, today))
        for document in selectors.required_documents(award_type)
    ]
    can_manage = request.user.has_perm(MANAGE)
    return render(
        request,
        "awards/catalogue/award_type_detail.html",
        {
            "award_type": award_type,
            "subjects": _subject_rows(award_type, base_salary),
            "base_salary": base_salary,
            "documents": documents,
            "today": today,
            "can_manage": can_manage,
        },
    )


def award_type_form(request, pk=None):
    _require_perm(request, MANAGE)
    award_type = get_object_or_404(AwardType, pk=pk) if pk else None
    code_locked = award_type is not None and bool(selectors.award_type_usage(award_type))
    form = AwardTypeForm(
        request.POST or None,
        instance=award_type,
        code_locked=code_locked,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if award_type is None:
                award_type = services.create_award_type(actor=request.user, **form.values())
            else:
                award_type = services.update_award_type(
                    award_type, actor=request.user, **form.values()
                )
        except ValidationError as exc:
            put_errors(form, exc)
        else:
            messages.success(request, _("The award type was saved."))
            return redirect("awards:award-type-detail", pk=award_type.pk)
    return render(
        request,
        "awards/catalogue/award_type_form.html",
        {"form": form, "award_type": award_type},
    )


@require_POST
def award_type_delete(request, pk):
    _require_perm(request, MANAGE)
    award_type = get_object_or_404(AwardType, pk=pk)
    try:
        services.delete_award_type(award_type, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("awards:award-type-detail", pk=pk)
    messages.success(request, _("The award type was deleted."))
    return redirect("awards:award-type-list")


# ---------------------------------------------------------------- required documents


def required_document_create(request, pk):
    _require_perm(request, MANAGE)
    award_type = get_object_or_404(AwardType, pk=pk)
    form = RequiredDocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_required_document(award_type, actor=request.user, **form.values())
        except ValidationError as exc:
            put_errors(form, exc)
        else:
            messages.success(request, _("The required document was added."))
            return redirect("awards:award-type-detail", pk=pk)
    return render(
        request,
        "awards/catalogue/required_document_form.html",
        {"form": form, "award_type": award_type, "document": None},
    )


def required_document_update(request, pk):
    _require_perm(request, MANAGE)
    document = get_object_or_404(RequiredDocument.objects.select_related("award_type"), pk=pk)
    in_force = services.has_been_in_force(document, timezone.localdate())
    form = RequiredDocumentForm(request.POST or None, instance=document, in_force=in_force)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_required_document(document, actor=request.user, **form.values())
        except ValidationError as exc:
            put_errors(form, exc)
        else:
            messages.success(request, _("The required document was saved."))
            return redirect("awards:award-type-detail", pk=document.award_type_id)
    return render(
        request,
        "awards/catalogue/required_document_form.html",
        {"form": form, "award_type": document.award_type, "document": document},
    )


def required_document_end(request, pk):
    """Set the last day a document is required (the row stays, for the past)."""
    _require_perm(request, MANAGE)
    document = get_object_or_404(RequiredDocument.objects.select_related("award_type"), pk=pk)
    form = EndRequiredDocumentForm(request.POST or None, initial={"last_day": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.end_required_document(
                document, actor=request.user, last_day=form.cleaned_data["last_day"]
            )
        except ValidationError as exc:
            put_errors(form, exc)
        else:
            messages.success(request, _("The required document was ended."))
            return redirect("awards:award-type-detail", pk=document.award_type_id)
    return render(
        request,
        "awards/catalogue/required_document_end.html",
        {"form": form, "document": document, "award_type": document.award_type},
    )


@require_POST
def required_document_delete(request, pk):
    _require_perm(request, MANAGE)
    document = get_object_or_404(RequiredDocument, pk=pk)
    try:
        services.delete_required_document(document, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The required document was deleted."))
    return redirect("awards:award-type-detail", pk=document.award_type_id)


# ---------------------------------------------------------------- base salary


class BaseSalaryListView(PermissionRequiredMixin, ListView):
    permission_required = VIEW
    template_name = "awards/catalogue/base_salary_list.html"
    context_object_name = "salaries"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return selectors.base_salaries()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        current = selectors.base_salary_on(timezone.localdate())
        context.update(
            current_pk=current.pk if current else None,
            can_manage=self.request.user.has_perm(MANAGE),
        )
        return context


def base_salary_form(request, pk=None):
    _require_perm(request, MANAGE)
    row = get_object_or_404(BaseSalary, pk=pk) if pk else None
    initial = (
        {"valid_from": row.valid_from, "amount": row.amount, "legal_basis": row.legal_basis}
        if row
        else {}
    )
    form = BaseSalaryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if row is None:
                services.add_base_salary(actor=request.user, **form.cleaned_data)
            else:
                services.update_base_salary(row, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            put_errors(form, exc)
        else:
            messages.success(request, _("The base salary was saved."))
            return redirect("awards:base-salary-list")
    return render(request, "awards/catalogue/base_salary_form.html", {"form": form, "row": row})


# ---------------------------------------------------------------- dossier deadlines


class DeadlineListView(PermissionRequiredMixin, ListView):
    permission_required = VIEW
    template_name = "awards/catalogue/deadline_list.html"
    context_object_name = "deadlines"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return selectors.submission_deadlines()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.request.user.has_perm(MANAGE)
        return context


def deadline_form(request, pk=None):
    _require_perm(request, MANAGE)
    deadline = get_object_or_404(SubmissionDeadline, pk=pk) if pk else None
    if deadline:
        initial = {
            "year": deadline.year,
            "method": deadline.method,
            "due_on": deadline.due_on,
            "note": deadline.note,
        }
    else:
        initial = {"year": timezone.localdate().year, "method": AwardMethod.REGULAR}
    form = SubmissionDeadlineForm(request.POST or None, initial=initial, editing=bool(deadline))
    if request.method == "POST" and form.is_valid():
        try:
            services.set_submission_deadline(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            put_errors(form, exc)
        else:
            messages.success(request, _("The dossier deadline was saved."))
            return redirect("awards:deadline-list")
    return render(
        request, "awards/catalogue/deadline_form.html", {"form": form, "deadline": deadline}
    )


urlpatterns = [
    path("catalogue/", AwardTypeListView.as_view(), name="award-type-list"),
    path("catalogue/new/", award_type_form, name="award-type-create"),
    path("catalogue/<int:pk>/", award_type_detail, name="award-type-detail"),
    path("catalogue/<int:pk>/edit/", award_type_form, name="award-type-update"),
    path("catalogue/<int:pk>/delete/", award_type_delete, name="award-type-delete"),
    path(
        "catalogue/<int:pk>/documents/new/",
        required_document_create,
        name="required-document-create",
    ),
    path(
        "catalogue/documents/<int:pk>/edit/",
        required_document_update,
        name="required-document-update",
    ),
    path("catalogue/documents/<int:pk>/end/", required_document_end, name="required-document-end"),
    path(
        "catalogue/documents/<int:pk>/delete/",
        required_document_delete,
        name="required-document-delete",
    ),
    path("catalogue/base-salary/", BaseSalaryListView.as_view(), name="base-salary-list"),
    path("catalogue/base-salary/new/", base_salary_form, name="base-salary-create"),
    path("catalogue/base-salary/<int:pk>/edit/", base_salary_form, name="base-salary-update"),
    path("catalogue/deadlines/", DeadlineListView.as_view(), name="deadline-list"),
    path("catalogue/deadlines/new/", deadline_form, name="deadline-create"),
    path("catalogue/deadlines/<int:pk>/edit/", deadline_form, name="deadline-update"),
]
