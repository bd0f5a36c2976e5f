"""Writes of award dossiers: proposals, nominees and their documents (domain §4.1–4.3).

Every function checks the permission with the rules of awards/rules.py, the state of the
proposal with ProposalStatus.TRANSITIONS / EDITABLE, runs in one transaction and is audited.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.enums import Role
from accounts.selectors import unit_ids as role_unit_ids
from awards import audit_actions, selectors
from awards.enums import (
    AwardLevel,
    AwardMethod,
    DocumentKind,
    NomineeStatus,
    ProposalStatus,
    SubjectType,
)
from awards.models import (
    AwardType,
    Nominee,
    Proposal,
    ProposalDocument,
    RequiredDocument,
    SubmissionDeadline,
    nfc,
)
from campaigns.selectors import is_head_of_group
from clusters.models import EmulationGroup, GroupTerm, OrgUnit
from core.audit import record_audit
from core.exceptions import DomainError
from core.permissions import require as _require
from core.uploads import check_upload
from scoring.enums import BallotStatus
from scoring.selectors import acclaimed_candidates

DEFAULT_DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
NOMINABLE_LEVELS = frozenset({AwardLevel.PROVINCE, AwardLevel.STATE})
PROPOSAL_FIELDS = ("title", "method", "submission_number", "submission_date")
NOMINEE_FIELDS = (
    "award_type",
    "subject_type",
    "name",
    "org_unit",
    "honorific",
    "birth_year",
    "position",
    "workplace",
    "individual_category",
    "is_enterprise",
    "achievement",
    "sort_order",
)
FIRST_BIRTH_YEAR = 1900
FLAG_CODE = "PROVINCIAL_EMULATION_FLAG"
CERTIFICATE_CODE = "PROVINCIAL_CERTIFICATE"


def _locked(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def _check_transition(proposal: Proposal, new_status: str) -> None:
    if new_status not in ProposalStatus.TRANSITIONS[proposal.status]:
        raise DomainError(
            _("A dossier that is “%(old)s” cannot become “%(new)s”.")
            % {
                "old": ProposalStatus(proposal.status).label,
                "new": ProposalStatus(new_status).label,
            },
            code="invalid_transition",
        )


def _check_editable(proposal: Proposal) -> None:
    if not proposal.editable:
        raise DomainError(
            _("The dossier can no longer be changed: it is “%(status)s”.")
            % {"status": ProposalStatus(proposal.status).label},
            code="not_editable",
        )


def _require_editable(actor, permission: str, proposal: Proposal) -> None:
    """`permission` on `proposal`. The dossier's own officers are told why when it has left
    their hands (submitted from another tab, under appraisal…), not refused with a 403."""
    if actor is not None and actor.has_perm("awards.prepare_proposal", proposal):
        _check_editable(proposal)
    _require(actor, permission, proposal)


def _record(action, *, actor, proposal, before=None, after=None, label=""):
    record_audit(
        action, actor=actor, target=proposal, target_label=label, before=before, after=after
    )


# ---------------------------------------------------------------- proposals


def _may_propose_for(actor, unit: OrgUnit, group: EmulationGroup | None, year: int) -> bool:
    if group is not None:
        heads = GroupTerm.objects.filter(group=group, year=year).values_list(
            "head_unit_id", flat=True
        )
        return unit.pk in set(heads) and is_head_of_group(actor, group.pk, year)
    return unit.pk in role_unit_ids(actor, Role.UNIT_OFFICER, Role.UNIT_LEADER)


@transaction.atomic
def create_proposal(
    *,
    actor,
    unit: OrgUnit,
    year: int,
    method: str,
    title: str,
    group: EmulationGroup | None = None,
    submission_number: str = "",
    submission_date: datetime.date | None = None,
) -> Proposal:
    """A new draft dossier of `unit` (or, with `group`, of the group's head unit that year)."""
    _require(actor, "awards.add_proposal")
    if not _may_propose_for(actor, unit, group, year):
        raise PermissionDenied
    proposal = Proposal(
        unit=unit,
        group=group,
        year=year,
        method=method,
        title=(title or "").strip(),
        submission_number=(submission_number or "").strip(),
        submission_date=submission_date,
        created_by=actor,
    )
    proposal.full_clean()
    proposal.save()
    _record(
        audit_actions.PROPOSAL_CREATED, actor=actor, proposal=proposal, after=proposal.audit_data()
    )
    return proposal


@transaction.atomic
def update_proposal(proposal: Proposal, *, actor, **values) -> Proposal:
    """Change the title, method or submission letter of an editable dossier."""
    unknown = set(values) - set(PROPOSAL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown proposal fields: {sorted(unknown)}")
    proposal = _locked(proposal)
    _require_editable(actor, "awards.change_proposal", proposal)
    before = proposal.audit_data()
    for name, value in values.items():
        setattr(proposal, name, value.strip() if isinstance(value, str) else value)
    proposal.full_clean()
    proposal.save()
    after = proposal.audit_data()
    if after != before:
        _record(
            audit_actions.PROPOSAL_CHANGED,
            actor=actor,
            proposal=proposal,
            before=before,
            after=after,
        )
    return proposal


# ---------------------------------------------------------------- nominees


def check_birth_year(birth_year: int | None) -> None:
    """A year of birth, when given, lies between 1900 and this year."""
    last = timezone.localdate().year
    if birth_year is not None and not FIRST_BIRTH_YEAR <= birth_year <= last:
        raise DomainError(
            _("Enter a year of birth between %(first)s and %(last)s.")
            % {"first": FIRST_BIRTH_YEAR, "last": last},
            code="birth_year_out_of_range",
        )


def _clean_nominee(nominee: Nominee) -> None:
    award_type: AwardType = nominee.award_type
    if not award_type.active or award_type.level not in NOMINABLE_LEVELS:
        raise DomainError(
            _(
                "“%(award)s” cannot be proposed in a dossier: only provincial and State awards "
                "in use are; grassroots titles are decided by the unit itself."
            )
            % {"award": award_type.name},
            code="award_type_not_allowed",
        )
    if not award_type.allows(nominee.subject_type):
        raise DomainError(
            _("“%(award)s” is not given to this kind of subject (%(subject)s).")
            % {"award": award_type.name, "subject": SubjectType(nominee.subject_type).label},
            code="subject_not_allowed",
        )
    individual = nominee.subject_type == SubjectType.INDIVIDUAL
    if individual and not nominee.individual_category:
        raise DomainError(
            _("Choose the category of the individual."), code="individual_category_required"
        )
    if not individual and nominee.individual_category:
        raise DomainError(
            _("Only individuals have a category."), code="individual_category_not_allowed"
        )
    if nominee.is_enterprise and nominee.subject_type != SubjectType.COLLECTIVE:
        raise DomainError(
            _("Only a collective can be marked as an enterprise."), code="enterprise_not_allowed"
        )
    if nominee.org_unit_id and nominee.subject_type != SubjectType.COLLECTIVE:
        raise DomainError(
            _("Only a collective can be linked to a unit of the province."),
            code="org_unit_not_allowed",
        )
    check_birth_year(nominee.birth_year)
    nominee.name = (nominee.name or "").strip()
    nominee.full_clean()


def _nominee_label(nominee: Nominee) -> str:
    return f"{nominee.proposal} · {nominee.name}"


@transaction.atomic
def add_nominee(proposal: Proposal, *, actor, **values) -> Nominee:
    unknown = set(values) - set(NOMINEE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown nominee fields: {sorted(unknown)}")
    proposal = _locked(proposal)
    _require_editable(actor, "awards.change_proposal", proposal)
    values.setdefault("individual_category", "")
    nominee = Nominee(proposal=proposal, **values)
    if "sort_order" not in values:
        nominee.sort_order = proposal.nominees.count() + 1
    _clean_nominee(nominee)
    nominee.save()
    _record(
        audit_actions.NOMINEE_ADDED,
        actor=actor,
        proposal=proposal,
        after=nominee.audit_data(),
        label=_nominee_label(nominee),
    )
    return nominee


@transaction.atomic
def update_nominee(nominee: Nominee, *, actor, **values) -> Nominee:
    unknown = set(values) - set(NOMINEE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown nominee fields: {sorted(unknown)}")
    proposal = _locked(nominee.proposal)
    _require_editable(actor, "awards.change_proposal", proposal)
    nominee = Nominee.objects.select_related("award_type").get(pk=nominee.pk)
    before = nominee.audit_data()
    for name, value in values.items():
        setattr(nominee, name, value)
    _clean_nominee(nominee)
    nominee.save()
    after = nominee.audit_data()
    if after != before:
        _record(
            audit_actions.NOMINEE_CHANGED,
            actor=actor,
            proposal=proposal,
            before=before,
            after=after,
            label=_nominee_label(nominee),
        )
    return nominee


@transaction.atomic
def remove_nominee(nominee: Nominee, *, actor) -> None:
    """Remove a nominee and the documents attached to them."""
    proposal = _locked(nominee.proposal)
    _require_editable(actor, "awards.change_proposal", proposal)
    before = nominee.audit_data()
    label = _nominee_label(nominee)
    stored = [(d.file.storage, d.file.name) for d in nominee.documents.all()]
    nominee.delete()
    _record(
        audit_actions.NOMINEE_REMOVED, actor=actor, proposal=proposal, before=before, label=label
    )
    for storage, name in stored:
        transaction.on_commit(lambda s=storage, n=name: s.delete(n))


# ---------------------------------------------------------------- documents


def document_max_bytes() -> int:
    return getattr(settings, "AWARDS_DOCUMENT_MAX_BYTES", DEFAULT_DOCUMENT_MAX_BYTES)


@transaction.atomic
def upload_document(
    proposal: Proposal, *, kind: str, upload, nominee: Nominee | None = None, actor
) -> ProposalDocument:
    """Attach a file to the dossier (or to one of its nominees). The type is read from the
    file's first bytes, never from its name."""
    proposal = _locked(proposal)
    _require_editable(actor, "awards.change_proposal", proposal)
    if kind not in DocumentKind.values:
        raise DomainError(_("Choose the kind of document."), code="bad_kind")
    if nominee is not None and nominee.proposal_id != proposal.pk:
        raise DomainError(
            _("This nominee belongs to another dossier."), code="nominee_not_in_proposal"
        )
    checked = check_upload(upload, max_bytes=document_max_bytes())
    document = ProposalDocument(
        proposal=proposal,
        nominee=nominee,
        kind=kind,
        original_name=nfc(checked.name),
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    document.file.save(document.original_name, upload, save=False)
    document.save()
    _record(
        audit_actions.DOCUMENT_UPLOADED,
        actor=actor,
        proposal=proposal,
        label=f"{proposal} · {document.original_name}",
        after={
            "kind": kind,
            "nominee": nominee.pk if nominee else None,
            "name": document.original_name,
            "sha256": document.sha256,
            "size": document.size,
        },
    )
    return document


@transaction.atomic
def remove_document(document: ProposalDocument, *, actor) -> None:
    proposal = _locked(document.proposal)
    _require_editable(actor, "awards.change_proposal", proposal)
    before = {
        "kind": document.kind,
        "nominee": document.nominee_id,
        "name": document.original_name,
        "sha256": document.sha256,
    }
    storage, name = document.file.storage, document.file.name
    document.delete()
    _record(
        audit_actions.DOCUMENT_REMOVED,
        actor=actor,
        proposal=proposal,
        before=before,
        label=f"{proposal} · {before['name']}",
    )
    transaction.on_commit(lambda: storage.delete(name))


# ---------------------------------------------------------------- pre-flight checklist


@dataclass(frozen=True)
class MissingDocument:
    kind: str
    nominee: Nominee | None = None

    @property
    def kind_label(self) -> str:
        return str(DocumentKind(self.kind).label)

    def __str__(self) -> str:
        if self.nominee is None:
            return self.kind_label
        return f"{self.kind_label} — {self.nominee.name}"


def missing_documents(proposal: Proposal, on: datetime.date | None = None) -> list[MissingDocument]:
    """What the dossier still lacks on `on` (today by default): for each nominee's award type,
    the required documents in force; proposal-level kinds need one document of that kind in the
    dossier, per-nominee kinds one attached to that nominee. Three queries."""
    on = on or timezone.localdate()
    nominees = list(proposal.nominees.all().order_by("sort_order", "pk"))
    if not nominees:
        return []
    required: dict[int, list[RequiredDocument]] = {}
    in_force = selectors.required_documents_in_force_for({n.award_type_id for n in nominees}, on)
    for row in in_force.order_by("kind"):
        required.setdefault(row.award_type_id, []).append(row)
    present = set(proposal.documents.values_list("kind", "nominee_id"))
    present_kinds = {kind for kind, _nominee in present}
    missing: list[MissingDocument] = []
    proposal_level: list[str] = []
    for nominee in nominees:
        for row in required.get(nominee.award_type_id, []):
            if row.per_nominee:
                if (row.kind, nominee.pk) not in present:
                    item = MissingDocument(row.kind, nominee)
                    if item not in missing:
                        missing.append(item)
            elif row.kind not in present_kinds and row.kind not in proposal_level:
                proposal_level.append(row.kind)
    ordered = [k for k in DocumentKind.values if k in proposal_level]
    return [MissingDocument(kind) for kind in ordered] + missing


# ---------------------------------------------------------------- workflow


def _set_status(proposal: Proposal, new_status: str, *, actor, before: dict, fields=()) -> None:
    proposal.status = new_status
    proposal.save(update_fields=["status", "updated_at", *fields])
    _record(
        audit_actions.PROPOSAL_STATUS_ACTIONS[new_status],
        actor=actor,
        proposal=proposal,
        before=before,
        after=proposal.audit_data(),
    )


@transaction.atomic
def submit_proposal(proposal: Proposal, *, actor) -> Proposal:
    """Send the dossier to Home Affairs: at least one nominee, the submission letter's number
    and date, and every required document."""
    proposal = _locked(proposal)
    _require_editable(actor, "awards.submit_proposal", proposal)
    _check_transition(proposal, ProposalStatus.SUBMITTED)
    if not proposal.nominees.exists():
        raise DomainError(_("Add at least one nominee before submitting."), code="no_nominees")
    if not proposal.submission_number or proposal.submission_date is None:
        raise DomainError(
            _("Enter the number and date of the submission letter before submitting."),
            code="submission_letter_missing",
        )
    missing = missing_documents(proposal)
    if missing:
        raise DomainError(
            _("The dossier is incomplete. Missing: %(items)s.")
            % {"items": "; ".join(str(item) for item in missing)},
            code="documents_missing",
        )
    before = proposal.audit_data()
    today = timezone.localdate()
    deadline = SubmissionDeadline.objects.filter(year=proposal.year, method=proposal.method).first()
    proposal.is_late = bool(deadline and today > deadline.due_on)
    proposal.submitted_at = timezone.now()
    proposal.return_reason = ""
    _set_status(
        proposal,
        ProposalStatus.SUBMITTED,
        actor=actor,
        before=before,
        fields=("is_late", "submitted_at", "return_reason"),
    )
    return proposal


@transaction.atomic
def receive_proposal(proposal: Proposal, *, actor) -> Proposal:
    """Home Affairs takes the dossier for appraisal; the actor becomes its appraiser."""
    proposal = _locked(proposal)
    _require(actor, "awards.appraise_proposal", proposal)
    _check_transition(proposal, ProposalStatus.UNDER_APPRAISAL)
    before = proposal.audit_data()
    proposal.appraiser = actor
    _set_status(
        proposal, ProposalStatus.UNDER_APPRAISAL, actor=actor, before=before, fields=("appraiser",)
    )
    return proposal


@transaction.atomic
def return_proposal(proposal: Proposal, *, reason: str, actor) -> Proposal:
    """Send the dossier back to the unit for completion, with the reason."""
    proposal = _locked(proposal)
    _require(actor, "awards.appraise_proposal", proposal)
    _check_transition(proposal, ProposalStatus.RETURNED)
    reason = nfc(reason)
    if not reason:
        raise DomainError(_("Give the reason for returning the dossier."), code="reason_required")
    before = proposal.audit_data()
    proposal.return_reason = reason
    _set_status(
        proposal, ProposalStatus.RETURNED, actor=actor, before=before, fields=("return_reason",)
    )
    return proposal


@transaction.atomic
def appraise_nominee(nominee: Nominee, *, approved: bool, note: str = "", actor) -> Nominee:
    proposal = _locked(nominee.proposal)
    _require(actor, "awards.appraise_proposal", proposal)
    if proposal.status != ProposalStatus.UNDER_APPRAISAL:
        raise DomainError(
            _("Nominees can only be appraised while the dossier is under appraisal."),
            code="not_under_appraisal",
        )
    note = nfc(note)
    if not approved and not note:
        raise DomainError(
            _("Give the reason why the nominee is not approved."), code="note_required"
        )
    nominee = Nominee.objects.get(pk=nominee.pk)
    before = nominee.audit_data()
    nominee.status = NomineeStatus.APPROVED if approved else NomineeStatus.NOT_APPROVED
    nominee.appraisal_note = note
    nominee.save(update_fields=["status", "appraisal_note"])
    _record(
        audit_actions.NOMINEE_APPRAISED,
        actor=actor,
        proposal=proposal,
        before=before,
        after=nominee.audit_data(),
        label=_nominee_label(nominee),
    )
    return nominee


@transaction.atomic
def finish_appraisal(proposal: Proposal, *, actor, rejection_reason: str = "") -> Proposal:
    """End the appraisal: "appraised" when at least one nominee is approved, else "rejected"
    (which needs a reason). Every nominee must have been appraised."""
    proposal = _locked(proposal)
    _require(actor, "awards.appraise_proposal", proposal)
    if proposal.status != ProposalStatus.UNDER_APPRAISAL:
        raise DomainError(
            _("Only a dossier under appraisal can be finished."), code="not_under_appraisal"
        )
    statuses = list(proposal.nominees.values_list("status", flat=True))
    if NomineeStatus.PROPOSED in statuses or not statuses:
        raise DomainError(
            _("Appraise every nominee before finishing the appraisal."), code="nominees_pending"
        )
    before = proposal.audit_data()
    proposal.appraised_at = timezone.now()
    if NomineeStatus.APPROVED in statuses:
        _set_status(
            proposal, ProposalStatus.APPRAISED, actor=actor, before=before, fields=("appraised_at",)
        )
        return proposal
    reason = nfc(rejection_reason)
    if not reason:
        raise DomainError(
            _("No nominee is approved: give the reason for rejecting the dossier."),
            code="reason_required",
        )
    proposal.rejection_reason = reason
    _set_status(
        proposal,
        ProposalStatus.REJECTED,
        actor=actor,
        before=before,
        fields=("appraised_at", "rejection_reason"),
    )
    return proposal


@transaction.atomic
def reject_proposal(proposal: Proposal, *, reason: str, actor) -> Proposal:
    """Reject the whole dossier as ineligible, with the reason."""
    proposal = _locked(proposal)
    _require(actor, "awards.appraise_proposal", proposal)
    _check_transition(proposal, ProposalStatus.REJECTED)
    reason = nfc(reason)
    if not reason:
        raise DomainError(_("Give the reason for rejecting the dossier."), code="reason_required")
    before = proposal.audit_data()
    proposal.rejection_reason = reason
    _set_status(
        proposal, ProposalStatus.REJECTED, actor=actor, before=before, fields=("rejection_reason",)
    )
    return proposal


# ---------------------------------------------------------------- from a cluster/block ballot


def group_proposal_title(group: EmulationGroup, year: int) -> str:
    return f"Đề nghị tặng Cờ thi đua của UBND tỉnh năm {year} — {group.name}"


@transaction.atomic
def proposal_from_ballot(*, actor, group: EmulationGroup, year: int) -> Proposal:
    """The cluster/block head's draft dossier for the units its ballots acclaimed in `year`.

    The best-ranked acclaimed unit is proposed for the provincial emulation flag, the others for
    the chairman's certificate of merit. Idempotent: the existing dossier of the group and year
    is returned as it is.
    """
    _require(actor, "awards.add_proposal")
    if not is_head_of_group(actor, group.pk, year):
        raise PermissionDenied
    existing = (
        Proposal.objects.filter(group=group, year=year, method=AwardMethod.REGULAR)
        .order_by("pk")
        .first()
    )
    if existing is not None:
        return existing
    candidates = [
        c
        for c in acclaimed_candidates(year)
        .filter(ballot__criteria_set__group=group)
        .order_by("rank", "unit__name")
        if c.ballot.status == BallotStatus.CLOSED
    ]
    if not candidates:
        raise DomainError(
            _(
                "No unit of %(group)s has been acclaimed by a closed ballot in %(year)s: "
                "close the ballot first."
            )
            % {"group": group.name, "year": year},
            code="nothing_acclaimed",
        )
    flag = AwardType.objects.get(code=FLAG_CODE)
    certificate = AwardType.objects.get(code=CERTIFICATE_CODE)
    plan: list = []
    for position, candidate in enumerate(candidates):
        if candidate.unit_id not in {c.unit_id for c, _award in plan}:
            plan.append((candidate, flag if position == 0 else certificate))
    # A unit already holding the flag of that year (on a decision, not revoked) is not
    # proposed for it again.
    given = selectors.titles_on_decisions(
        years={year}, award_type_ids={flag.pk}, unit_ids={c.unit_id for c, _award in plan}
    )
    plan = [(c, award) for c, award in plan if (award.pk, c.unit_id, year) not in given]
    if not plan:
        raise DomainError(
            _("Every unit of %(group)s acclaimed in %(year)s already has its award.")
            % {"group": group.name, "year": year},
            code="already_awarded",
        )
    term = GroupTerm.objects.select_related("head_unit").get(group=group, year=year)
    proposal = create_proposal(
        actor=actor,
        unit=term.head_unit,
        group=group,
        year=year,
        method=AwardMethod.REGULAR,
        title=group_proposal_title(group, year),
    )
    for sort_order, (candidate, award) in enumerate(plan, start=1):
        add_nominee(
            proposal,
            actor=actor,
            award_type=award,
            subject_type=SubjectType.COLLECTIVE,
            name=candidate.unit.name,
            org_unit=candidate.unit,
            sort_order=sort_order,
        )
    return proposal
