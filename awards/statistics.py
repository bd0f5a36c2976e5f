"""Award figures for the reports: the statistical forms 0602 and 0603 (forms.md §1.4–1.5) and
the review sections on commendation (forms.md §2.3 I.3 a–d). Pure reads; each function costs a
fixed number of queries whatever the number of records.

Which records count (one rule for forms and reviews):
- the record's decision is issued (a draft decision counts nowhere);
- the decision's date falls in the period [start, end] given by the caller (the forms use the
  reporting period of Thông tư 02/2023, 01/12 of the previous year to 30/11, see
  `reporting_period`);
- the record is not revoked. A record revoked at any time before the figures are read is left
  out and counted separately as "revoked", so the report can say how many were revoked. A final
  report keeps the figures it was signed with, so a later revocation never changes it.

An individual without an individual category is counted as an individual (form rows 09/05)
but in none of the category rows; the count is returned as `uncategorised` so the report can
name the data gap instead of guessing the category.
"""

import datetime
from collections import Counter, defaultdict

from django.db.models import BooleanField, Case, Count, Prefetch, Q, Value, When
from django.db.models.functions import Coalesce

from awards.enums import (
    AwardLevel,
    AwardMethod,
    DecisionStatus,
    IndividualCategory,
    ProposalStatus,
    SubjectType,
)
from awards.models import AwardRecord, AwardType, Nominee, Proposal
from clusters.models import GroupMembership

SUBJECTS = (SubjectType.COLLECTIVE, SubjectType.HOUSEHOLD, SubjectType.INDIVIDUAL)
CATEGORIES = [c.value for c in IndividualCategory]
METHODS = [m.value for m in AwardMethod]
LEVELS = (AwardLevel.STATE, AwardLevel.PROVINCE, AwardLevel.GRASSROOTS)

# Form 0602: rows by subject (06/08/09), enterprises (07), category (10–14), method (15–21);
# the province fills only row 03 of part 1 ("Tỉnh, thành phố trực thuộc Trung ương").
FORM_0602 = {
    "subject": {"collective": "06", "household": "08", "individual": "09"},
    "enterprise": "07",
    "category": dict(zip(CATEGORIES, ("10", "11", "12", "13", "14"), strict=True)),
    "method": dict(zip(METHODS, [f"{n}" for n in range(15, 22)], strict=True)),
    "extra": ("01", "03"),
}
FORM_0603 = {
    "subject": {"collective": "02", "household": "04", "individual": "05"},
    "enterprise": "03",
    "category": dict(zip(CATEGORIES, ("06", "07", "08", "09", "10"), strict=True)),
    "method": dict(zip(METHODS, [f"{n:02d}" for n in range(11, 18)], strict=True)),
    "extra": ("01",),
}
# Columns 2, 5 and 9 of form 0602 expand to one column per award type actually awarded.
EXPANDED_0602 = ("2", "5", "9")


def reporting_period(year: int) -> tuple[datetime.date, datetime.date]:
    """The E&C reporting period of Thông tư 02/2023 (forms.md §1.1); reports.data.form_period
    is the same period, used by the reports app."""
    return datetime.date(year - 1, 12, 1), datetime.date(year, 11, 30)


def records_in(start: datetime.date, end: datetime.date):
    """Records of issued decisions dated in [start, end], revoked ones included."""
    return AwardRecord.objects.filter(
        decision__status=DecisionStatus.ISSUED,
        decision__decided_on__gte=start,
        decision__decided_on__lte=end,
    )


def _lines(start: datetime.date, end: datetime.date) -> list[dict]:
    """One query: record counts by type, subject, category, enterprise, method and revoked."""
    return list(
        records_in(start, end)
        .values("award_type_id", "subject_type", "individual_category", "is_enterprise", "method")
        .annotate(
            revoked=Case(
                When(revoked_at__isnull=True, then=Value(False)),
                default=Value(True),
                output_field=BooleanField(),
            ),
            n=Count("pk"),
        )
        .order_by()
    )


def _types() -> dict[int, AwardType]:
    return {t.pk: t for t in AwardType.objects.order_by("sort_order", "name", "pk")}


def _subjects_of(award_type: AwardType) -> list[str]:
    return [str(s) for s in SUBJECTS if award_type.allows(s)]


def _form_rows(line: dict, layout: dict) -> list[str]:
    rows = [*layout["extra"], layout["subject"][line["subject_type"]]]
    if line["subject_type"] == SubjectType.COLLECTIVE and line["is_enterprise"]:
        rows.append(layout["enterprise"])
    category_row = layout["category"].get(line["individual_category"])
    if line["subject_type"] == SubjectType.INDIVIDUAL and category_row:
        rows.append(category_row)
    rows.append(layout["method"][line["method"]])
    return rows


def award_counts(start: datetime.date, end: datetime.date) -> dict:
    """The cells of forms 0602 and 0603 for the period, JSON-ready:

    {"0602": {row: {column: n}}, "0603": {row: {column: n}},
     "columns_0602": [{"group", "code", "name", "subjects"}],   # the expanded columns
     "revoked": {"0602": n, "0603": n}, "uncategorised": {"0602": n, "0603": n},
     "period": [start, end]}

    0602 column keys: "1" total; "<group>:<code>:<subject>" in the expanded groups 2, 5, 9;
    "<group>:<subject>" in the others. 0603: "1" total, "2".."5". Two queries.
    """
    types = _types()
    cells: dict[str, dict[str, Counter]] = {
        "0602": defaultdict(Counter),
        "0603": defaultdict(Counter),
    }
    revoked: Counter = Counter()
    uncategorised: Counter = Counter()
    awarded_0602: dict[int, set[str]] = defaultdict(set)
    for line in _lines(start, end):
        award_type = types[line["award_type_id"]]
        form, _sep, group = award_type.statistics_column.partition(":")
        expected_level = {"0602": AwardLevel.STATE, "0603": AwardLevel.PROVINCE}.get(form)
        if expected_level is None or award_type.level != expected_level:
            continue
        n = line["n"]
        if line["revoked"]:
            revoked[form] += n
            continue
        subject = line["subject_type"]
        if subject == SubjectType.INDIVIDUAL and not line["individual_category"]:
            uncategorised[form] += n
        if form == "0602":
            layout = FORM_0602
            if group in EXPANDED_0602:
                column = f"{group}:{award_type.code}:{subject}"
                awarded_0602[award_type.pk].add(subject)
            else:
                column = f"{group}:{subject}"
        else:
            layout, column = FORM_0603, group
        for row in _form_rows(line, layout):
            cells[form][row]["1"] += n
            cells[form][row][column] += n
    columns = []
    for pk, seen in awarded_0602.items():
        award_type = types[pk]
        allowed = _subjects_of(award_type)
        columns.append(
            {
                "group": award_type.statistics_column.partition(":")[2],
                "code": award_type.code,
                "name": award_type.name,
                "subjects": [s for s in map(str, SUBJECTS) if s in allowed or s in seen],
                "order": (award_type.sort_order, award_type.name),
            }
        )
    columns.sort(key=lambda c: (c["group"], c.pop("order")))
    return {
        "0602": {row: dict(values) for row, values in sorted(cells["0602"].items())},
        "0603": {row: dict(values) for row, values in sorted(cells["0603"].items())},
        "columns_0602": columns,
        "revoked": {"0602": revoked["0602"], "0603": revoked["0603"]},
        "uncategorised": {"0602": uncategorised["0602"], "0603": uncategorised["0603"]},
        "period": [start.isoformat(), end.isoformat()],
    }


def award_counts_for_year(year: int) -> dict:
    return award_counts(*reporting_period(year))


def _by_subject() -> dict[str, int]:
    return {**dict.fromkeys(map(str, SUBJECTS), 0), "total": 0}


def award_breakdown(start: datetime.date, end: datetime.date, *, group_year: int) -> dict:
    """Counts for the reviews over every level and type (titles without a form column too):
    by award type, level, subject, method, individual category and cluster/block (the group
    the awarded unit, else the proposing unit, belonged to in `group_year`). Four queries.

    Group keys are strings (the figures are stored as JSON)."""
    types = _types()
    by_type: dict[int, dict] = {}
    by_level = {str(level): _by_subject() for level in LEVELS}
    by_method = dict.fromkeys(METHODS, 0)
    categories = dict.fromkeys([*CATEGORIES, ""], 0)
    subjects = _by_subject()
    enterprises = revoked = 0
    for line in _lines(start, end):
        n = line["n"]
        if line["revoked"]:
            revoked += n
            continue
        award_type = types[line["award_type_id"]]
        subject = line["subject_type"]
        row = by_type.setdefault(award_type.pk, _by_subject())
        for bucket in (row, by_level[award_type.level], subjects):
            bucket[subject] += n
            bucket["total"] += n
        by_method[line["method"]] += n
        if subject == SubjectType.INDIVIDUAL:
            categories[line["individual_category"]] += n
        enterprises += n if subject == SubjectType.COLLECTIVE and line["is_enterprise"] else 0
    level_rank = {str(level): index for index, level in enumerate(LEVELS)}
    ordered = sorted(
        by_type, key=lambda pk: (level_rank[types[pk].level], types[pk].sort_order, types[pk].name)
    )
    return {
        "period": [start.isoformat(), end.isoformat()],
        "total": subjects["total"],
        "revoked": revoked,
        "by_subject": subjects,
        "enterprises": enterprises,
        "individual_categories": categories,
        "uncategorised": categories[""],
        "frontline": categories[IndividualCategory.FRONTLINE],
        "by_type": [
            {
                "code": types[pk].code,
                "name": types[pk].name,
                "level": types[pk].level,
                "kind": types[pk].kind,
                **by_type[pk],
            }
            for pk in ordered
        ],
        "by_level": by_level,
        "by_method": by_method,
        "by_group": _by_group(start, end, group_year),
    }


def _by_group(start: datetime.date, end: datetime.date, year: int) -> dict[str, dict]:
    per_unit = (
        records_in(start, end)
        .filter(revoked_at__isnull=True)
        .annotate(unit=Coalesce("org_unit_id", "proposer_unit_id"))
        .filter(unit__isnull=False)
        .values("unit", "subject_type")
        .annotate(n=Count("pk"))
        .order_by()
    )
    groups_of: dict[int, list[int]] = defaultdict(list)
    for unit_id, group_id in GroupMembership.objects.filter(year=year).values_list(
        "unit_id", "group_id"
    ):
        groups_of[unit_id].append(group_id)
    result: dict[str, dict] = {}
    for line in per_unit:
        for group_id in groups_of.get(line["unit"], []):
            bucket = result.setdefault(str(group_id), _by_subject())
            bucket[line["subject_type"]] += line["n"]
            bucket["total"] += line["n"]
    return result


def proposal_figures(start: datetime.date, end: datetime.date) -> dict:
    """Dossiers submitted in [start, end] (forms.md §2.3 I.3.d): received, sent on time or late,
    returned for completion at least once, appraised, rejected, decided, still in progress.
    One query."""
    return Proposal.objects.filter(
        submitted_at__date__gte=start, submitted_at__date__lte=end
    ).aggregate(
        received=Count("pk"),
        late=Count("pk", filter=Q(is_late=True)),
        on_time=Count("pk", filter=Q(is_late=False)),
        returned=Count("pk", filter=Q(status=ProposalStatus.RETURNED) | ~Q(return_reason="")),
        appraised=Count("pk", filter=Q(appraised_at__isnull=False)),
        rejected=Count("pk", filter=Q(status=ProposalStatus.REJECTED)),
        decided=Count("pk", filter=Q(status=ProposalStatus.DECIDED)),
        in_progress=Count(
            "pk",
            filter=Q(
                status__in=[
                    ProposalStatus.SUBMITTED,
                    ProposalStatus.UNDER_APPRAISAL,
                    ProposalStatus.RETURNED,
                    ProposalStatus.APPRAISED,
                ]
            ),
        ),
    )


def group_proposals(group, year: int) -> list[dict]:
    """The dossiers a cluster/block sent for `year` (drafts left out) with their nominees,
    award types, statuses and, once decided, the decision. Two queries."""
    nominees = Nominee.objects.select_related("award_type", "record__decision").order_by(
        "sort_order", "pk"
    )
    proposals = (
        Proposal.objects.filter(group=group, year=year)
        .exclude(status=ProposalStatus.DRAFT)
        .select_related("unit")
        .prefetch_related(Prefetch("nominees", queryset=nominees))
        .order_by("submitted_at", "pk")
    )
    result = []
    for proposal in proposals:
        rows = []
        for nominee in proposal.nominees.all():
            record = getattr(nominee, "record", None)
            decision = record.decision if record is not None else None
            issued = decision is not None and decision.status == DecisionStatus.ISSUED
            rows.append(
                {
                    "name": nominee.name,
                    "subject_type": nominee.subject_type,
                    "award_type": nominee.award_type.name,
                    "status": nominee.status,
                    "decision": decision.number_label if issued else "",
                    "decided_on": decision.decided_on.isoformat() if issued else None,
                    "revoked": bool(record and record.revoked_at),
                }
            )
        result.append(
            {
                "id": proposal.pk,
                "title": proposal.title,
                "unit": proposal.unit.name,
                "method": proposal.method,
                "status": proposal.status,
                "submission_number": proposal.submission_number,
                "submission_date": (
                    proposal.submission_date.isoformat() if proposal.submission_date else None
                ),
                "is_late": proposal.is_late,
                "nominees": rows,
            }
        )
    return result
