"""Reads of the awards app for pages, the API and the apps above (reports).

Each helper section below is owned by one part of the app; keep additions inside your section.
"""

# ---------------------------------------------------------------- catalogue
# Owned by the catalogue part: the award types, required documents, base salary and dossier
# deadlines that staff edit as data (domain §2.2, §4.1, §4.3, R31–R35).

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from awards.enums import AwardLevel
from awards.models import (
    AwardRecord,
    AwardType,
    BaseSalary,
    Nominee,
    RequiredDocument,
    SubmissionDeadline,
)

LEVEL_ORDER = (AwardLevel.STATE, AwardLevel.PROVINCE, AwardLevel.GRASSROOTS)


def award_types() -> QuerySet[AwardType]:
    """Every award type, State level first, then Province, then Grassroots; inside a level by
    `sort_order` and name. `level_rank` is annotated (0, 1, 2)."""
    rank = Case(
        *(When(level=level, then=Value(index)) for index, level in enumerate(LEVEL_ORDER)),
        default=Value(len(LEVEL_ORDER)),
        output_field=IntegerField(),
    )
    return AwardType.objects.annotate(level_rank=rank).order_by(
        "level_rank", "sort_order", "name", "pk"
    )


def award_type_usage(award_type: AwardType) -> dict[str, int]:
    """How many nominees and award records use `award_type`, by subject type
    (e.g. {"individual": 3}); subjects nobody uses are left out."""
    usage: dict[str, int] = {}
    for model in (Nominee, AwardRecord):
        rows = (
            model.objects.filter(award_type=award_type)
            .values("subject_type")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in rows:
            usage[row["subject_type"]] = usage.get(row["subject_type"], 0) + row["n"]
    return usage


def required_documents(award_type: AwardType) -> QuerySet[RequiredDocument]:
    """All required-document rows of `award_type` (past, current and future), newest period
    first within each kind."""
    return RequiredDocument.objects.filter(award_type=award_type).order_by(
        "kind", "-valid_from", "pk"
    )


def required_documents_in_force(
    award_type: AwardType, on: datetime.date
) -> QuerySet[RequiredDocument]:
    """The documents a dossier for `award_type` must carry on the day `on`.

    A row is in force when `valid_from` is empty or on/before `on`, and `valid_to` is empty or
    on/after `on` (both ends count as days in force).
    """
    return required_documents(award_type).filter(_in_force_on(on))


def required_documents_in_force_for(
    award_type_ids, on: datetime.date
) -> QuerySet[RequiredDocument]:
    """The same for several award types at once (a dossier's nominees), one query."""
    return RequiredDocument.objects.filter(award_type_id__in=award_type_ids).filter(
        _in_force_on(on)
    )


def _in_force_on(on: datetime.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=on)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    )


def base_salaries() -> QuerySet[BaseSalary]:
    """The dated base-salary rows, the latest first."""
    return BaseSalary.objects.order_by("-valid_from")


def base_salary_on(on: datetime.date) -> BaseSalary | None:
    """The base salary in force on `on`: the row with the latest `valid_from` on or before
    `on`, or None when the table has no such row (domain R34: money is computed with the base
    salary in force on the decision's date)."""
    return BaseSalary.objects.filter(valid_from__lte=on).order_by("-valid_from").first()


def cash_amount(coefficient: Decimal | None, base_salary: BaseSalary | None) -> int | None:
    """coefficient × base salary, rounded to the whole đồng; None when either is missing."""
    if coefficient is None or base_salary is None:
        return None
    amount = (coefficient * base_salary.amount).quantize(Decimal(1), ROUND_HALF_UP)
    return int(amount)


def cash_amount_for(award_type: AwardType, subject_type: str, on: datetime.date) -> int | None:
    """The award money for one subject (collective/individual/household) of `award_type`
    decided on `on`, or None when the type has no coefficient for it or no base salary was in
    force that day."""
    return cash_amount(award_type.coefficient_for(subject_type), base_salary_on(on))


def submission_deadlines() -> QuerySet[SubmissionDeadline]:
    """The dossier deadlines, the latest year first, then by method."""
    return SubmissionDeadline.objects.order_by("-year", "method", "pk")


def deadline_for(year: int, method: str) -> SubmissionDeadline | None:
    """The deadline set for the dossiers of achievement year `year` and award method `method`
    (awards.enums.AwardMethod), or None when Home Affairs has not set one."""
    return SubmissionDeadline.objects.filter(year=year, method=method).first()


# ---------------------------------------------------------------- proposals (dossiers)
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import models as _db  # noqa: E402
from django.http import Http404  # noqa: E402

from accounts.enums import Role  # noqa: E402
from accounts.rules import is_province_wide_reader  # noqa: E402
from accounts.selectors import unit_ids as _role_unit_ids  # noqa: E402
from awards.enums import ProposalStatus  # noqa: E402
from awards.models import Proposal, ProposalDocument  # noqa: E402
from core.models import AuditEntry  # noqa: E402


def proposals() -> _db.QuerySet[Proposal]:
    return Proposal.objects.select_related("unit", "group").annotate(
        nominee_count=_db.Count("nominees", distinct=True)
    )


def visible_proposals(user, queryset=None) -> _db.QuerySet[Proposal]:
    """Province-wide readers see every dossier; anyone else the dossiers of their own units
    (including the head unit of a cluster/block for the group's dossiers)."""
    queryset = proposals() if queryset is None else queryset
    if is_province_wide_reader(user):
        return queryset
    return queryset.filter(unit_id__in=_role_unit_ids(user))


def get_proposal_for_user(*, user, pk) -> Proposal:
    proposal = (
        visible_proposals(user, Proposal.objects.select_related("unit", "group", "appraiser"))
        .filter(pk=pk)
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


def proposal_nominees(proposal: Proposal) -> _db.QuerySet:
    return proposal.nominees.select_related("award_type", "org_unit", "proposal").order_by(
        "sort_order", "pk"
    )


def proposal_documents(proposal: Proposal) -> _db.QuerySet[ProposalDocument]:
    return proposal.documents.select_related("nominee", "proposal").order_by(
        "kind", "nominee__sort_order", "pk"
    )


def get_document(pk) -> ProposalDocument:
    document = ProposalDocument.objects.select_related("proposal").filter(pk=pk).first()
    if document is None:
        raise Http404
    return document


def proposal_history(proposal: Proposal, limit: int = 50) -> list[AuditEntry]:
    """The audit entries about the dossier, oldest first."""
    entries = AuditEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(Proposal), target_id=str(proposal.pk)
    ).order_by("-occurred_at", "-pk")[:limit]
    return list(reversed(list(entries)))


def proposal_units_for_filter(request):
    from clusters.models import OrgUnit  # noqa: PLC0415 -- only the filter needs it

    if request is None:
        return OrgUnit.objects.none()
    queryset = OrgUnit.objects.filter(pk__in=Proposal.objects.values("unit_id"))
    if not is_province_wide_reader(request.user):
        queryset = queryset.filter(pk__in=_role_unit_ids(request.user))
    return queryset.order_by("name")


def unit_open_proposals(user) -> list[Proposal]:
    """Drafts and returned dossiers of the units where the user is an officer or leader."""
    units = _role_unit_ids(user, Role.UNIT_OFFICER, Role.UNIT_LEADER, Role.GROUP_HEAD)
    if not units:
        return []
    return list(
        Proposal.objects.filter(unit_id__in=units, status__in=ProposalStatus.EDITABLE)
        .select_related("unit")
        .order_by("-status", "-year", "-pk")[:20]
    )


def proposals_waiting_for_receipt_count() -> int:
    return Proposal.objects.filter(status=ProposalStatus.SUBMITTED).count()


def proposals_appraised_by(user) -> list[Proposal]:
    return list(
        Proposal.objects.filter(status=ProposalStatus.UNDER_APPRAISAL, appraiser=user)
        .select_related("unit")
        .order_by("submitted_at", "pk")[:20]
    )


# ---------------------------------------------------------------- decisions and award records
# Owned by the decisions part: drafts and issued decisions, their lines, the approved nominees
# waiting for a decision and the award records (the history the forms and reviews read).
from awards.enums import AwardKind, SubjectType  # noqa: E402
from awards.enums import DecisionStatus as _DecisionStatus  # noqa: E402
from awards.enums import NomineeStatus as _NomineeStatus  # noqa: E402
from awards.models import Decision  # noqa: E402


def decisions() -> _db.QuerySet[Decision]:
    """Decisions with `line_count` and `total_amount` (the money of the lines not revoked)
    annotated."""
    return Decision.objects.annotate(
        line_count=_db.Count("records", distinct=True),
        total_amount=_db.Sum("records__cash_amount", filter=Q(records__revoked_at__isnull=True)),
    )


def visible_decisions(user, queryset=None) -> _db.QuerySet[Decision]:
    """Emulation officers see drafts and issued decisions; other province-wide readers
    (leadership, council, administrators) the issued ones; anyone else none."""
    queryset = decisions() if queryset is None else queryset
    if user.has_perm("awards.manage_decision"):
        return queryset
    if is_province_wide_reader(user):
        return queryset.filter(status=_DecisionStatus.ISSUED)
    return queryset.none()


def get_decision_for_user(*, user, pk) -> Decision:
    decision = visible_decisions(user, Decision.objects.all()).filter(pk=pk).first()
    if decision is None:
        raise Http404
    return decision


def decision_lines(decision: Decision) -> _db.QuerySet[AwardRecord]:
    return decision.records.select_related(
        "award_type", "org_unit", "proposer_unit", "nominee__proposal", "revoked_by"
    ).order_by("award_type__sort_order", "award_type__name", "subject_type", "sort_order", "pk")


def nominees_awaiting_decision(level: str) -> _db.QuerySet[Nominee]:
    """Approved nominees of appraised dossiers at `level`, not yet on any decision."""
    return (
        Nominee.objects.filter(
            status=_NomineeStatus.APPROVED,
            proposal__status=ProposalStatus.APPRAISED,
            award_type__level=level,
            record__isnull=True,
        )
        .select_related("proposal__unit", "award_type", "org_unit")
        .order_by("award_type__sort_order", "proposal__unit__name", "proposal_id", "sort_order")
    )


def titles_on_decisions(*, years, award_type_ids, unit_ids) -> set[tuple[int, int, int]]:
    """(award type, unit, achievement year) of the emulation titles already on a decision
    (draft or issued, not revoked): a unit holds a yearly title once a year."""
    return set(
        AwardRecord.objects.filter(
            year__in=years,
            award_type_id__in=award_type_ids,
            award_type__kind=AwardKind.TITLE,
            subject_type=SubjectType.COLLECTIVE,
            org_unit_id__in=unit_ids,
            revoked_at__isnull=True,
        ).values_list("award_type_id", "org_unit_id", "year")
    )


def award_records() -> _db.QuerySet[AwardRecord]:
    """Records of issued decisions (a draft's lines are not awards yet)."""
    return AwardRecord.objects.filter(decision__status=_DecisionStatus.ISSUED).select_related(
        "decision", "award_type", "org_unit", "proposer_unit"
    )


def visible_award_records(user, queryset=None) -> _db.QuerySet[AwardRecord]:
    """Province-wide readers see every record; unit staff the records of their own units
    (the awarded unit, else the proposing unit: `AwardRecord.unit_id`)."""
    queryset = award_records() if queryset is None else queryset
    if is_province_wide_reader(user):
        return queryset
    own = _role_unit_ids(user)
    if not own:
        return queryset.none()
    return queryset.filter(
        Q(org_unit_id__in=own) | Q(org_unit__isnull=True, proposer_unit_id__in=own)
    )


def get_award_record_for_user(*, user, pk) -> AwardRecord:
    record = visible_award_records(user).filter(pk=pk).first()
    if record is None:
        raise Http404
    return record


def record_units_for_filter(request):
    from clusters.models import OrgUnit  # noqa: PLC0415 -- only the filter needs it

    if request is None:
        return OrgUnit.objects.none()
    queryset = OrgUnit.objects.filter(
        Q(pk__in=AwardRecord.objects.values("org_unit_id"))
        | Q(pk__in=AwardRecord.objects.values("proposer_unit_id"))
    )
    if not is_province_wide_reader(request.user):
        queryset = queryset.filter(pk__in=_role_unit_ids(request.user))
    return queryset.order_by("name")


# ---------------------------------------------------------------- statistics (reports)
# Award figures for the reports live in awards/statistics.py; re-exported here.
from awards.statistics import (  # noqa: E402, F401
    award_breakdown,
    award_counts,
    award_counts_for_year,
    group_proposals,
    proposal_figures,
    reporting_period,
)
