"""Writes of the award catalogue: award types, required documents, base salary and dossier
deadlines (domain §2.2, §4.1, §4.3, R31–R35).

These are rules the law or the province may change, kept as data that Home Affairs edits.
Every write checks `awards.manage_catalogue`, runs in a transaction and leaves an audit entry
with the values before and after. Refusals are `ValidationError`s with translated messages,
keyed by field where one field is at fault.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from awards import audit_actions, selectors
from awards.enums import SubjectType
from awards.models import (
    AwardRecord,
    AwardType,
    BaseSalary,
    Nominee,
    RequiredDocument,
    SubmissionDeadline,
)
from core.audit import record_audit

MANAGE = "awards.manage_catalogue"

AWARD_TYPE_FIELDS = (
    "code",
    "name",
    "level",
    "kind",
    "for_collective",
    "for_individual",
    "for_household",
    "statistics_column",
    "decided_by",
    "counts_for_merit_chain",
    "requires_ballot",
    "vote_threshold_percent",
    "coefficient_individual",
    "coefficient_collective",
    "coefficient_household",
    "legal_basis",
    "active",
    "sort_order",
)
REQUIRED_DOCUMENT_FIELDS = ("kind", "per_nominee", "valid_from", "valid_to", "legal_basis")
# What may still change on a required-document row that has been in force: its end and its
# legal basis. Changing what was required in the past would rewrite history; end the row and
# add a new one instead.
IN_FORCE_EDITABLE = frozenset({"valid_to", "legal_basis"})

# subject type -> (flag field, coefficient field)
SUBJECT_FIELDS = {
    SubjectType.COLLECTIVE: ("for_collective", "coefficient_collective"),
    SubjectType.INDIVIDUAL: ("for_individual", "coefficient_individual"),
    SubjectType.HOUSEHOLD: ("for_household", "coefficient_household"),
}


def _require(actor) -> None:
    if actor is None or not actor.has_perm(MANAGE):
        raise PermissionDenied


def _check_fields(values: dict, allowed: tuple[str, ...], what: str) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown {what} fields: {sorted(unknown)}")


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _date(value: datetime.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _dmy(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


# ---------------------------------------------------------------- audit payloads


def award_type_audit_data(award_type: AwardType) -> dict[str, Any]:
    return {
        "code": award_type.code,
        "name": award_type.name,
        "level": award_type.level,
        "kind": award_type.kind,
        "for_collective": award_type.for_collective,
        "for_individual": award_type.for_individual,
        "for_household": award_type.for_household,
        "statistics_column": award_type.statistics_column,
        "decided_by": award_type.decided_by,
        "counts_for_merit_chain": award_type.counts_for_merit_chain,
        "requires_ballot": award_type.requires_ballot,
        "vote_threshold_percent": _decimal(award_type.vote_threshold_percent),
        "coefficient_individual": _decimal(award_type.coefficient_individual),
        "coefficient_collective": _decimal(award_type.coefficient_collective),
        "coefficient_household": _decimal(award_type.coefficient_household),
        "legal_basis": award_type.legal_basis,
        "active": award_type.active,
        "sort_order": award_type.sort_order,
    }


def required_document_audit_data(document: RequiredDocument) -> dict[str, Any]:
    return {
        "id": document.pk,
        "award_type": document.award_type.code,
        "kind": document.kind,
        "per_nominee": document.per_nominee,
        "valid_from": _date(document.valid_from),
        "valid_to": _date(document.valid_to),
        "legal_basis": document.legal_basis,
    }


def base_salary_audit_data(row: BaseSalary) -> dict[str, Any]:
    return {
        "valid_from": _date(row.valid_from),
        "amount": row.amount,
        "legal_basis": row.legal_basis,
    }


def deadline_audit_data(deadline: SubmissionDeadline) -> dict[str, Any]:
    return {
        "year": deadline.year,
        "method": deadline.method,
        "due_on": _date(deadline.due_on),
        "note": deadline.note,
    }


# ---------------------------------------------------------------- award types


def _award_type_row_errors(award_type: AwardType, add) -> None:
    """Rules that look at the row alone: subjects, coefficients, ballot and threshold, code."""
    if not (award_type.for_collective or award_type.for_individual or award_type.for_household):
        add(
            "for_collective", _("Choose at least one subject: collective, individual or household.")
        )
    for subject, (flag, coefficient_field) in SUBJECT_FIELDS.items():
        coefficient = getattr(award_type, coefficient_field)
        if coefficient is None:
            continue
        if coefficient <= 0:
            add(coefficient_field, _("A cash coefficient must be greater than 0."))
        elif not getattr(award_type, flag):
            add(
                coefficient_field,
                _("This award type is not for %(subject)s: leave this coefficient empty.")
                % {"subject": SubjectType(subject).label.lower()},
            )
    threshold = award_type.vote_threshold_percent
    if threshold is not None:
        if not award_type.requires_ballot:
            add(
                "vote_threshold_percent",
                _("A vote threshold needs a secret ballot: tick “secret ballot required”."),
            )
        if not Decimal(0) < threshold <= Decimal(100):
            add(
                "vote_threshold_percent",
                _("The vote threshold is a percentage above 0 and at most 100."),
            )
    duplicate = AwardType.objects.filter(code=award_type.code).exclude(pk=award_type.pk)
    if award_type.code and duplicate.exists():
        add(
            "code",
            _("Another award type already has the code “%(code)s”.") % {"code": award_type.code},
        )


def _award_type_usage_errors(award_type: AwardType, original: AwardType, add) -> None:
    """Rules that protect what nominees and award records already use: the code, the level
    and the subjects."""
    dropped = [
        subject
        for subject, (flag, _coefficient) in SUBJECT_FIELDS.items()
        if getattr(original, flag) and not getattr(award_type, flag)
    ]
    level_changed = award_type.level != original.level
    if award_type.code == original.code and not dropped and not level_changed:
        return
    usage = selectors.award_type_usage(original)
    if level_changed and usage:
        # Decisions are of one level and the records of the past keep theirs.
        add(
            "level",
            _("The level cannot change: nominees or award records already use this award type."),
        )
    if award_type.code != original.code and usage:
        add(
            "code",
            _("The code cannot change: nominees or award records already use this award type."),
        )
    for subject in dropped:
        count = usage.get(subject, 0)
        if count:
            add(
                SUBJECT_FIELDS[subject][0],
                ngettext(
                    "%(count)d nominee or award record of this type is for "
                    "%(subject)s: the award type must stay open to them.",
                    "%(count)d nominees or award records of this type are for "
                    "%(subject)s: the award type must stay open to them.",
                    count,
                )
                % {"count": count, "subject": SubjectType(subject).label.lower()},
            )


def _validate_award_type(award_type: AwardType, *, original: AwardType | None) -> None:
    """All rules of an award type, as field errors; `original` is the saved row (None when
    creating)."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    _award_type_row_errors(award_type, add)
    if original is not None:
        _award_type_usage_errors(award_type, original, add)
    if errors:
        raise ValidationError(errors)
    award_type.full_clean(validate_unique=False, validate_constraints=False)


@transaction.atomic
def create_award_type(*, actor, **values: Any) -> AwardType:
    """Add an award type to the catalogue."""
    _require(actor)
    _check_fields(values, AWARD_TYPE_FIELDS, "award type")
    award_type = AwardType(**values)
    _validate_award_type(award_type, original=None)
    award_type.save()
    record_audit(
        audit_actions.AWARD_TYPE_CREATED,
        actor=actor,
        target=award_type,
        after=award_type_audit_data(award_type),
    )
    return award_type


@transaction.atomic
def update_award_type(award_type: AwardType, *, actor, **values: Any) -> AwardType:
    """Change an award type. Its code is fixed once a nominee or award record uses it, and a
    subject (collective/individual/household) that they use cannot be dropped. To stop using
    an award type, set `active` to False."""
    _require(actor)
    _check_fields(values, AWARD_TYPE_FIELDS, "award type")
    original = AwardType.objects.select_for_update().get(pk=award_type.pk)
    award_type = AwardType.objects.get(pk=original.pk)
    before = award_type_audit_data(original)
    for name, value in values.items():
        setattr(award_type, name, value)
    _validate_award_type(award_type, original=original)
    award_type.save()
    after = award_type_audit_data(award_type)
    if after != before:
        record_audit(
            audit_actions.AWARD_TYPE_CHANGED,
            actor=actor,
            target=award_type,
            before=before,
            after=after,
        )
    return award_type


@transaction.atomic
def delete_award_type(award_type: AwardType, *, actor) -> None:
    """Delete an award type nobody has used (with its required documents). One in use is
    refused: deactivate it instead."""
    _require(actor)
    award_type = AwardType.objects.select_for_update().get(pk=award_type.pk)
    used = (
        Nominee.objects.filter(award_type=award_type).exists()
        or AwardRecord.objects.filter(award_type=award_type).exists()
    )
    if used:
        raise ValidationError(
            _(
                "Nominees or award records use this award type, so it cannot be deleted. "
                "Untick “in use” to stop offering it."
            ),
            code="award_type_in_use",
        )
    before = award_type_audit_data(award_type)
    before["required_documents"] = [
        required_document_audit_data(d) for d in selectors.required_documents(award_type)
    ]
    label = str(award_type)
    try:
        with transaction.atomic():
            award_type.delete()
    except ProtectedError as exc:  # pragma: no cover -- a nominee added since the check above
        raise ValidationError(
            _(
                "Other records refer to this award type, so it cannot be deleted. "
                "Untick “in use” to stop offering it."
            ),
            code="award_type_in_use",
        ) from exc
    record_audit(audit_actions.AWARD_TYPE_DELETED, actor=actor, target_label=label, before=before)


# ---------------------------------------------------------------- required documents


def has_been_in_force(document: RequiredDocument, today: datetime.date) -> bool:
    """Whether the row has been in force on some day up to `today` (it may have ended)."""
    return document.valid_from is None or document.valid_from <= today


def _validate_required_document(document: RequiredDocument) -> None:
    if document.valid_from and document.valid_to and document.valid_to < document.valid_from:
        raise ValidationError(
            {"valid_to": [_("The end date cannot be before the start date.")]},
            code="dates",
        )
    document.full_clean(validate_unique=False, validate_constraints=False)
    overlapping = RequiredDocument.objects.filter(
        award_type_id=document.award_type_id, kind=document.kind
    ).exclude(pk=document.pk)
    if document.valid_to is not None:
        overlapping = overlapping.exclude(valid_from__gt=document.valid_to)
    if document.valid_from is not None:
        overlapping = overlapping.exclude(valid_to__lt=document.valid_from)
    other = overlapping.order_by("valid_from").first()
    if other is not None:
        raise ValidationError(
            {
                "valid_from": [
                    _(
                        "“%(kind)s” is already required for this award type from %(start)s "
                        "to %(end)s; the periods must not overlap. End that row first."
                    )
                    % {
                        "kind": other.get_kind_display(),
                        "start": _dmy(other.valid_from) if other.valid_from else "…",
                        "end": _dmy(other.valid_to) if other.valid_to else "…",
                    }
                ]
            },
            code="overlap",
        )


def _audit_document(award_type: AwardType, actor, *, before=None, after=None) -> None:
    record_audit(
        audit_actions.REQUIRED_DOCUMENT_CHANGED,
        actor=actor,
        target=award_type,
        before=before,
        after=after,
    )


@transaction.atomic
def add_required_document(award_type: AwardType, *, actor, **values: Any) -> RequiredDocument:
    """Require a document in the dossiers of `award_type`, from `valid_from` (empty: always)
    until `valid_to` (empty: until further notice). Two rows of the same kind must not be in
    force on the same day."""
    _require(actor)
    _check_fields(values, REQUIRED_DOCUMENT_FIELDS, "required document")
    award_type = AwardType.objects.select_for_update().get(pk=award_type.pk)
    document = RequiredDocument(award_type=award_type, **values)
    _validate_required_document(document)
    document.save()
    _audit_document(award_type, actor, after=required_document_audit_data(document))
    return document


@transaction.atomic
def update_required_document(
    document: RequiredDocument, *, actor, **values: Any
) -> RequiredDocument:
    """Change a required-document row. Once a row has been in force, only its end date and
    legal basis may change: what dossiers needed in the past stays as it was."""
    _require(actor)
    _check_fields(values, REQUIRED_DOCUMENT_FIELDS, "required document")
    AwardType.objects.select_for_update().get(pk=document.award_type_id)
    original = RequiredDocument.objects.select_related("award_type").get(pk=document.pk)
    document = RequiredDocument.objects.select_related("award_type").get(pk=document.pk)
    before = required_document_audit_data(original)
    for name, value in values.items():
        setattr(document, name, value)
    if has_been_in_force(original, timezone.localdate()):
        changed = {
            name
            for name in REQUIRED_DOCUMENT_FIELDS
            if getattr(document, name) != getattr(original, name)
        }
        frozen = sorted(changed - IN_FORCE_EDITABLE)
        if frozen:
            raise ValidationError(
                {
                    name: [
                        _(
                            "This row has already been in force, so only its end date and "
                            "legal basis can change. End it and add a new row instead."
                        )
                    ]
                    for name in frozen
                },
                code="in_force",
            )
    _validate_required_document(document)
    document.save()
    after = required_document_audit_data(document)
    if after != before:
        _audit_document(document.award_type, actor, before=before, after=after)
    return document


@transaction.atomic
def end_required_document(
    document: RequiredDocument, *, actor, last_day: datetime.date
) -> RequiredDocument:
    """Stop requiring a document after `last_day` (the row stays, with `valid_to` set)."""
    _require(actor)
    AwardType.objects.select_for_update().get(pk=document.award_type_id)
    document = RequiredDocument.objects.select_related("award_type").get(pk=document.pk)
    if document.valid_to is not None and document.valid_to <= last_day:
        raise ValidationError(
            {
                "valid_to": [
                    _("This row already ended on %(date)s.") % {"date": _dmy(document.valid_to)}
                ]
            },
            code="already_ended",
        )
    if document.valid_from is not None and last_day < document.valid_from:
        raise ValidationError(
            {
                "valid_to": [
                    _(
                        "The last day cannot be before the row starts (%(date)s). A row "
                        "that was never in force can be deleted instead."
                    )
                    % {"date": _dmy(document.valid_from)}
                ]
            },
            code="dates",
        )
    before = required_document_audit_data(document)
    document.valid_to = last_day
    document.save(update_fields=["valid_to"])
    _audit_document(
        document.award_type, actor, before=before, after=required_document_audit_data(document)
    )
    return document


@transaction.atomic
def delete_required_document(document: RequiredDocument, *, actor) -> None:
    """Delete a row that has never been in force (it starts in the future). A row that has
    been in force is ended instead, so the past stays as it was."""
    _require(actor)
    AwardType.objects.select_for_update().get(pk=document.award_type_id)
    document = RequiredDocument.objects.select_related("award_type").get(pk=document.pk)
    if has_been_in_force(document, timezone.localdate()):
        raise ValidationError(
            _(
                "This row has already been in force and cannot be deleted; set its last "
                "day instead."
            ),
            code="in_force",
        )
    before = required_document_audit_data(document)
    award_type = document.award_type
    document.delete()
    _audit_document(award_type, actor, before=before)


# ---------------------------------------------------------------- base salary


def _validate_base_salary(row: BaseSalary) -> None:
    errors: dict[str, list[str]] = {}
    if row.amount is None or row.amount <= 0:
        errors["amount"] = [_("The base salary must be greater than 0 đồng.")]
    if (
        row.valid_from is not None
        and BaseSalary.objects.filter(valid_from=row.valid_from).exclude(pk=row.pk).exists()
    ):
        errors["valid_from"] = [
            _("A base salary from %(date)s already exists: change that row instead.")
            % {"date": _dmy(row.valid_from)}
        ]
    if errors:
        raise ValidationError(errors)
    row.full_clean(validate_unique=False)


@transaction.atomic
def add_base_salary(
    *, actor, valid_from: datetime.date, amount: int, legal_basis: str = ""
) -> BaseSalary:
    """Record the base salary in force from `valid_from` (one row per start date)."""
    _require(actor)
    row = BaseSalary(valid_from=valid_from, amount=amount, legal_basis=legal_basis.strip())
    _validate_base_salary(row)
    row.save()
    record_audit(
        audit_actions.BASE_SALARY_CHANGED,
        actor=actor,
        target=row,
        after=base_salary_audit_data(row),
    )
    return row


@transaction.atomic
def update_base_salary(
    row: BaseSalary, *, actor, valid_from: datetime.date, amount: int, legal_basis: str = ""
) -> BaseSalary:
    """Correct a base-salary row (start date, amount or legal basis)."""
    _require(actor)
    row = BaseSalary.objects.select_for_update().get(pk=row.pk)
    before = base_salary_audit_data(row)
    row.valid_from, row.amount, row.legal_basis = valid_from, amount, legal_basis.strip()
    _validate_base_salary(row)
    row.save()
    after = base_salary_audit_data(row)
    if after != before:
        record_audit(
            audit_actions.BASE_SALARY_CHANGED, actor=actor, target=row, before=before, after=after
        )
    return row


# ---------------------------------------------------------------- dossier deadlines


@transaction.atomic
def set_submission_deadline(
    *, actor, year: int, method: str, due_on: datetime.date, note: str = ""
) -> SubmissionDeadline:
    """Set (or change) the day the dossiers of achievement year `year` and award method
    `method` are due at the Department of Home Affairs. The day falls in `year` or the year
    after (e.g. 10/12 of the year; 30/06 of the next year for the Government's flag)."""
    _require(actor)
    if not 2000 <= year <= 2100:
        raise ValidationError(
            {"year": [_("Enter a year between 2000 and 2100.")]}, code="year_out_of_range"
        )
    deadline = SubmissionDeadline.objects.select_for_update().filter(year=year, method=method)
    deadline = deadline.first()
    before = deadline_audit_data(deadline) if deadline else None
    deadline = deadline or SubmissionDeadline(year=year, method=method)
    deadline.due_on, deadline.note = due_on, note.strip()
    if due_on is not None and due_on.year not in (year, year + 1):
        raise ValidationError(
            {
                "due_on": [
                    _("The deadline for the %(year)s dossiers must fall in %(year)s or %(next)s.")
                    % {"year": year, "next": year + 1}
                ]
            },
            code="due_on_year",
        )
    deadline.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            deadline.save()
    except IntegrityError as exc:  # another officer created the same row at the same moment
        raise ValidationError(
            _("This deadline was just set by someone else. Reload the page and try again."),
            code="concurrent",
        ) from exc
    after = deadline_audit_data(deadline)
    if after != before:
        record_audit(
            audit_actions.DEADLINE_CHANGED, actor=actor, target=deadline, before=before, after=after
        )
    return deadline
