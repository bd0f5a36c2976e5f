"""Pages of award dossiers: parse input, call one service, render or redirect."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import selectors
from awards.forms.proposals import (
    AppraiseForm,
    DocumentForm,
    FinishForm,
    FromBallotForm,
    NomineeForm,
    ProposalEditForm,
    ProposalFilter,
    ProposalForm,
    ReasonForm,
)
from awards.models import Nominee
from awards.services import proposals as services
from campaigns.selectors import headed_terms
from clusters.models import EmulationGroup
from core.exceptions import DomainError
from core.listing import FilteredListView
from core.permissions import require_perm as _require_perm


class ProposalListView(FilteredListView):
    permission_required = "awards.list_proposals"
    template_name = "awards/proposals/proposal_list.html"
    context_object_name = "proposals"
    filterset_class = ProposalFilter

    def base_queryset(self):
        return selectors.visible_proposals(self.request.user).order_by("-year", "unit__name", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        year = timezone.localdate().year
        context["can_add"] = bool(
            user.has_perm("awards.add_proposal") and ProposalForm(user=user).fields["unit"].queryset
        )
        context["headed_terms"] = [
            term for term in headed_terms(user).order_by("-year") if term.year >= year - 1
        ]
        return context


def proposal_create(request):
    _require_perm(request, "awards.add_proposal")
    form = ProposalForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.create_proposal(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The dossier was created. Add the nominees."))
            return redirect("awards:proposal-detail", pk=proposal.pk)
    return render(request, "awards/proposals/proposal_form.html", {"form": form})


@require_POST
def proposal_from_ballot(request):
    _require_perm(request, "awards.add_proposal")
    form = FromBallotForm(request.POST)
    if not form.is_valid():
        raise Http404
    group = get_object_or_404(EmulationGroup, pk=form.cleaned_data["group"])
    year = form.cleaned_data["year"]
    try:
        proposal = services.proposal_from_ballot(actor=request.user, group=group, year=year)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("awards:proposal-list")
    messages.success(request, _("The dossier of the acclaimed units is ready."))
    return redirect("awards:proposal-detail", pk=proposal.pk)


def _render_detail(request, proposal, status=200, **forms):
    user = request.user
    can_change = user.has_perm("awards.change_proposal", proposal)
    can_appraise = user.has_perm("awards.appraise_proposal", proposal)
    nominees = list(selectors.proposal_nominees(proposal))
    documents = list(selectors.proposal_documents(proposal))
    missing = services.missing_documents(proposal)
    missing_keys = {(m.kind, m.nominee.pk if m.nominee else None) for m in missing}
    status_value = proposal.status
    context = {
        "proposal": proposal,
        "nominees": nominees,
        "documents": documents,
        "missing": missing,
        "missing_keys": missing_keys,
        "history": selectors.proposal_history(proposal),
        "can_change": can_change,
        "can_submit": user.has_perm("awards.submit_proposal", proposal),
        "can_receive": can_appraise and status_value == "submitted",
        "can_return": can_appraise and status_value in ("submitted", "under_appraisal"),
        "can_reject": can_appraise and status_value == "under_appraisal",
        "can_appraise": can_appraise and status_value == "under_appraisal",
        "nominee_form": forms.get("nominee_form") or (NomineeForm() if can_change else None),
        "document_form": forms.get("document_form")
        or (DocumentForm(proposal=proposal) if can_change else None),
        "edit_form": forms.get("edit_form")
        or (ProposalEditForm(instance=proposal) if can_change else None),
        "reason_form": forms.get("reason_form") or ReasonForm(),
        "appraise_form": AppraiseForm(),
        "finish_form": forms.get("finish_form") or FinishForm(),
        "max_mb": round(services.document_max_bytes() / 1024 / 1024, 1),
    }
    return render(request, "awards/proposals/proposal_detail.html", context, status=status)


def proposal_detail(request, pk):
    proposal = selectors.get_proposal_for_user(user=request.user, pk=pk)
    return _render_detail(request, proposal)


@require_POST
def proposal_update(request, pk):
    proposal = selectors.get_proposal_for_user(user=request.user, pk=pk)
    _require_perm(request, "awards.prepare_proposal", proposal)
    form = ProposalEditForm(request.POST, instance=proposal)
    if form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        proposal = selectors.get_proposal_for_user(user=request.user, pk=pk)
        try:
            services.update_proposal(proposal, actor=request.user, **values)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The dossier was saved."))
            return redirect("awards:proposal-detail", pk=pk)
    proposal = selectors.get_proposal_for_user(user=request.user, pk=pk)
    return _render_detail(request, proposal, status=400, edit_form=form)


@require_POST
def nominee_add(request, pk):
    proposal = selectors.get_proposal_for_user(user=request.user, pk=pk)
    _require_perm(request, "awards.prepare_proposal", proposal)
    form = NomineeForm(request.POST)
    if form.is_valid():
        try:
            services.add_nominee(proposal, actor=request.user, **form.values())
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            if request.htmx:
                # HTMX swaps the main column in place: the new row, an empty form and the
                # checklist that now asks for the nominee's documents.
                return _render_detail(request, proposal)
            messages.success(request, _("The nominee was added."))
            return redirect("awards:proposal-detail", pk=pk)
    # HTMX swaps only successful responses: the form with its errors comes back as a 200.
    return _render_detail(request, proposal, status=200 if request.htmx else 400, nominee_form=form)


def _nominee_for(request, pk, nominee_pk):
    proposal = selectors.get_proposal_for_user(user=request.user, pk=pk)
    nominee = get_object_or_404(Nominee.objects.select_related("award_type"), pk=nominee_pk)
    if nominee.proposal_id != proposal.pk:
        raise Http404
    nominee.proposal = proposal
    return proposal, nominee


def nominee_edit(request, pk, nominee_pk):
    proposal, nominee = _nominee_for(request, pk, nominee_pk)
    # The form is offered while the dossier is editable; a late POST gets the reason.
    permission = "awards.prepare_proposal" if request.method == "POST" else "awards.change_proposal"
    _require_perm(request, permission, proposal)
    form = NomineeForm(request.POST or None, instance=nominee)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        nominee = Nominee.objects.get(pk=nominee.pk)
        try:
            services.update_nominee(nominee, actor=request.user, **values)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The nominee was saved."))
            return redirect("awards:proposal-detail", pk=pk)
    return render(
        request,
        "awards/proposals/nominee_form.html",
        {"form": form, "proposal": proposal, "nominee": nominee},
        status=400 if form.errors else 200,
    )


@require_POST
def nominee_remove(request, pk, nominee_pk):
    proposal, nominee = _nominee_for(request, pk, nominee_pk)
    _require_perm(request, "awards.prepare_proposal", proposal)
    try:
        services.remove_nominee(nominee, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The nominee was removed."))
    return redirect("awards:proposal-detail", pk=pk)


@require_POST
def nominee_appraise(request, pk, nominee_pk):
    proposal, nominee = _nominee_for(request, pk, nominee_pk)
    _require_perm(request, "awards.appraise_proposal", proposal)
    form = AppraiseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the result of the appraisal."))
        return redirect("awards:proposal-detail", pk=pk)
    try:
        services.appraise_nominee(
            nominee,
            approved=form.cleaned_data["approved"],
            note=form.cleaned_data["note"],
            actor=request.user,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The appraisal of the nominee was saved."))
    return redirect("awards:proposal-detail", pk=pk)


@require_POST
def document_upload(request, pk):
    proposal = selectors.get_proposal_for_user(user=request.user, pk=pk)
    _require_perm(request, "awards.prepare_proposal", proposal)
    form = DocumentForm(request.POST, request.FILES, proposal=proposal)
    if form.is_valid():
        try:
            services.upload_document(
                proposal,
                kind=form.cleaned_data["kind"],
                nominee=form.cleaned_data["nominee"],
                upload=form.cleaned_data["file"],
                actor=request.user,
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            messages.success(request, _("The document was uploaded."))
            return redirect("awards:proposal-detail", pk=pk)
    return _render_detail(request, proposal, status=400, document_form=form)


def document_download(request, document_pk):
    document = selectors.get_document(document_pk)
    if not request.user.has_perm("awards.view_proposal_document", document):
        raise Http404
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def document_remove(request, document_pk):
    document = selectors.get_document(document_pk)
    if not request.user.has_perm("awards.view_proposal_document", document):
        raise Http404
    proposal_pk = document.proposal_id
    _require_perm(request, "awards.prepare_proposal", document.proposal)
    try:
        services.remove_document(document, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The document was removed."))
    return redirect("awards:proposal-detail", pk=proposal_pk)


def _action(request, pk, service, success_message, **kwargs):
    proposal = selectors.get_proposal_for_user(user=request.user, pk=pk)
    try:
        service(proposal, actor=request.user, **kwargs)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success_message)
    return redirect("awards:proposal-detail", pk=pk)


@require_POST
def proposal_submit(request, pk):
    return _action(
        request, pk, services.submit_proposal, _("The dossier was submitted to Home Affairs.")
    )


@require_POST
def proposal_receive(request, pk):
    return _action(
        request, pk, services.receive_proposal, _("The dossier was received for appraisal.")
    )


def _reason_action(request, pk, service, success_message):
    proposal = selectors.get_proposal_for_user(user=request.user, pk=pk)
    _require_perm(request, "awards.appraise_proposal", proposal)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, proposal, status=400, reason_form=form)
    try:
        service(proposal, reason=form.cleaned_data["reason"], actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success_message)
    return redirect("awards:proposal-detail", pk=pk)


@require_POST
def proposal_return(request, pk):
    return _reason_action(
        request, pk, services.return_proposal, _("The dossier was returned to the unit.")
    )


@require_POST
def proposal_reject(request, pk):
    return _reason_action(request, pk, services.reject_proposal, _("The dossier was rejected."))


@require_POST
def proposal_finish(request, pk):
    form = FinishForm(request.POST)
    form.is_valid()
    return _action(
        request,
        pk,
        services.finish_appraisal,
        _("The appraisal was finished."),
        rejection_reason=form.cleaned_data.get("rejection_reason", ""),
    )


urlpatterns = [
    path("proposals/", ProposalListView.as_view(), name="proposal-list"),
    path("proposals/new/", proposal_create, name="proposal-create"),
    path("proposals/from-ballot/", proposal_from_ballot, name="proposal-from-ballot"),
    path("proposals/<int:pk>/", proposal_detail, name="proposal-detail"),
    path("proposals/<int:pk>/edit/", proposal_update, name="proposal-update"),
    path("proposals/<int:pk>/nominees/", nominee_add, name="nominee-add"),
    path("proposals/<int:pk>/nominees/<int:nominee_pk>/", nominee_edit, name="nominee-edit"),
    path(
        "proposals/<int:pk>/nominees/<int:nominee_pk>/remove/",
        nominee_remove,
        name="nominee-remove",
    ),
    path(
        "proposals/<int:pk>/nominees/<int:nominee_pk>/appraise/",
        nominee_appraise,
        name="nominee-appraise",
    ),
    path("proposals/<int:pk>/documents/", document_upload, name="proposal-document-upload"),
    path(
        "proposals/documents/<int:document_pk>/",
        document_download,
        name="proposal-document-download",
    ),
    path(
        "proposals/documents/<int:document_pk>/remove/",
        document_remove,
        name="proposal-document-remove",
    ),
    path("proposals/<int:pk>/submit/", proposal_submit, name="proposal-submit"),
    path("proposals/<int:pk>/receive/", proposal_receive, name="proposal-receive"),
    path("proposals/<int:pk>/return/", proposal_return, name="proposal-return"),
    path("proposals/<int:pk>/finish/", proposal_finish, name="proposal-finish"),
    path("proposals/<int:pk>/reject/", proposal_reject, name="proposal-reject"),
]
