"""Writes of award decisions and the award records they create (domain §2.2, R31–R34, R42).

A decision is drafted by the Home Affairs emulation officers, filled with lines (from approved
nominees of appraised dossiers, or entered by hand for state-level and historic decisions),
then issued: the number and date are fixed, the cash of each line is computed with the base
salary in force on the decision date and a provincial decision gets its PDF (Decree 30/2020
layout, forms.md §3.4–3.5). An issued decision never changes; a record is revoked, not deleted.
"""

import datetime
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from awards import audit_actions, selectors
from awards.enums import (
    AwardKind,
    AwardLevel,
    AwardMethod,
    DecisionStatus,
    IndividualCategory,
    NomineeStatus,
    ProposalStatus,
    SignerCapacity,
    SubjectType,
)
from awards.models import AwardRecord, AwardType, BaseSalary, Decision, Nominee, Proposal, nfc
from awards.services.proposals import check_birth_year
from core import pdf
from core.audit import record_audit
from core.exceptions import DomainError
from core.layout import DocumentHead, blank_number, place_date
from core.permissions import require as _require

PROVINCE_SYMBOL = "QĐ-UBND"
PROVINCE_ISSUER = "Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên"
PROVINCE_PREAMBLE = "\n".join(
    [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định "
        "chi tiết một số điều của Luật Thi đua, khen thưởng;",
        "Căn cứ Thông tư số 15/2025/TT-BNV ngày 30 tháng 6 năm 2025 của Bộ trưởng Bộ Nội vụ "
        "hướng dẫn một số nội dung về công tác thi đua, khen thưởng;",
        "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số ……/TTr-SNV ngày …… .",
    ]
)
PROVINCE_RECIPIENTS = "\n".join(
    [
        "Như Điều 3;",
        "Chủ tịch, các Phó Chủ tịch UBND tỉnh;",
        "Sở Nội vụ;",
        "Lưu: VT, NC.",
    ]
)
PROVINCE_SIGNER_TITLE = "CHỦ TỊCH"
STATE_ISSUERS = {
    "QĐ-CTN": "Chủ tịch nước Cộng hòa xã hội chủ nghĩa Việt Nam",
    "QĐ-TTg": "Thủ tướng Chính phủ",
}
# Numbers restart every year; six digits leave room and stay inside the database's integer.
LAST_DECISION_NUMBER = 999_999
DECISION_FIELDS = (
    "title",
    "reason",
    "preamble",
    "signer_name",
    "signer_title",
    "signer_capacity",
    "recipients",
    "symbol",
    "issuer",
)


def _draft_for_update(decision: Decision) -> Decision:
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != DecisionStatus.DRAFT:
        raise DomainError(_("An issued decision cannot be changed."), code="decision_not_draft")
    return decision


# ---------------------------------------------------------------- money (R31–R34)


def _amount(award_type: AwardType, subject_type: str, base: BaseSalary | None) -> int | None:
    """Coefficient × base salary in force, whole đồng (awards.selectors, catalogue part)."""
    return selectors.cash_amount(award_type.coefficient_for(subject_type), base)


# ---------------------------------------------------------------- decisions


@transaction.atomic
def create_decision(
    *,
    actor,
    level: str,
    title: str,
    reason: str = "",
    preamble: str | None = None,
    signer_name: str = "",
    signer_title: str = "",
    signer_capacity: str = "",
    recipients: str | None = None,
    symbol: str | None = None,
    issuer: str | None = None,
) -> Decision:
    """A draft decision. A provincial one starts with the usual legal grounds, recipients and
    signer title; a state-level one records a decision of the President or Prime Minister."""
    _require(actor, "awards.manage_decision")
    if level not in (AwardLevel.PROVINCE, AwardLevel.STATE):
        raise DomainError(
            _("Decisions are recorded for provincial or state-level awards only."),
            code="decision_level",
        )
    province = level == AwardLevel.PROVINCE
    if province:
        symbol = symbol or PROVINCE_SYMBOL
        issuer = issuer or PROVINCE_ISSUER
        preamble = PROVINCE_PREAMBLE if preamble is None else preamble
        recipients = PROVINCE_RECIPIENTS if recipients is None else recipients
        signer_title = signer_title or PROVINCE_SIGNER_TITLE
    else:
        symbol = (symbol or "").strip()
        if not symbol:
            raise DomainError(
                _("Enter the number symbol of the state-level decision (e.g. QĐ-TTg)."),
                code="symbol_missing",
            )
        issuer = issuer or STATE_ISSUERS.get(symbol, "")
    decision = Decision(
        level=level,
        title=title.strip(),
        reason=reason.strip(),
        preamble=(preamble or "").strip(),
        signer_name=signer_name.strip(),
        signer_title=signer_title.strip(),
        signer_capacity=signer_capacity,
        recipients=(recipients or "").strip(),
        symbol=symbol,
        issuer=issuer,
        created_by=actor,
    )
    decision.full_clean()
    decision.save()
    record_audit(
        audit_actions.DECISION_CREATED, actor=actor, target=decision, after=decision.audit_data()
    )
    return decision


@transaction.atomic
def update_decision(decision: Decision, *, actor, **values) -> Decision:
    """Change the wording of a draft (title, reason, grounds, signer, recipients, symbol)."""
    _require(actor, "awards.manage_decision")
    unknown = set(values) - set(DECISION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown decision fields: {sorted(unknown)}")
    decision = _draft_for_update(decision)
    if "symbol" in values and decision.level == AwardLevel.PROVINCE:
        values["symbol"] = values["symbol"] or PROVINCE_SYMBOL
    before = decision.audit_data()
    for name, value in values.items():
        setattr(decision, name, value.strip() if isinstance(value, str) else value)
    decision.full_clean()
    decision.save()
    after = decision.audit_data()
    if after != before:
        record_audit(
            audit_actions.DECISION_CHANGED, actor=actor, target=decision, before=before, after=after
        )
    return decision


def _check_award_type(decision: Decision, award_type: AwardType, subject_type: str) -> None:
    if award_type.level != decision.level:
        raise DomainError(
            _("“%(award)s” is not an award of the level of this decision (%(level)s).")
            % {"award": award_type.name, "level": decision.get_level_display()},
            code="level_mismatch",
        )
    if not award_type.allows(subject_type):
        raise DomainError(
            _("“%(award)s” is not given to a %(subject)s.")
            % {
                "award": award_type.name,
                "subject": SubjectType(subject_type).label.lower()
                if subject_type in SubjectType.values
                else subject_type,
            },
            code="subject_not_allowed",
        )


def _check_title_once_a_year(
    award_type: AwardType, subject_type: str, org_unit_id: int | None, year: int, name: str, taken
) -> None:
    """A unit holds an emulation title (flag, excellent collective…) once per achievement
    year: refuse a second line, on this or another decision, unless the first was revoked.
    `taken` is what `selectors.titles_on_decisions` found; the new line is added to it."""
    if (
        org_unit_id is None
        or subject_type != SubjectType.COLLECTIVE
        or award_type.kind != AwardKind.TITLE
    ):
        return
    key = (award_type.pk, org_unit_id, year)
    if key in taken:
        raise DomainError(
            _("%(name)s already has “%(award)s” for %(year)s on a decision.")
            % {"name": name, "award": award_type.name, "year": year},
            code="title_already_given",
        )
    taken.add(key)


def _next_sort_order(decision: Decision) -> int:
    current = decision.records.aggregate(last=Max("sort_order"))["last"]
    return 1 if current is None else current + 1


@transaction.atomic
def add_lines_from_nominees(
    decision: Decision, nominee_ids: Iterable[int], *, actor
) -> list[AwardRecord]:
    """Copy approved nominees of appraised dossiers into lines of a draft decision."""
    _require(actor, "awards.manage_decision")
    decision = _draft_for_update(decision)
    ids = sorted({int(pk) for pk in nominee_ids})
    if not ids:
        raise DomainError(_("Choose at least one nominee."), code="no_nominees")
    nominees = list(
        Nominee.objects.select_for_update(of=("self",))
        .select_related("proposal", "award_type")
        .filter(pk__in=ids)
        .order_by("proposal_id", "sort_order", "pk")
    )
    if len(nominees) != len(ids):
        raise DomainError(_("Some of the chosen nominees no longer exist."), code="nominee_missing")
    taken = set(AwardRecord.objects.filter(nominee_id__in=ids).values_list("nominee_id", flat=True))
    titles = selectors.titles_on_decisions(
        years={n.proposal.year for n in nominees},
        award_type_ids={n.award_type_id for n in nominees},
        unit_ids={n.org_unit_id for n in nominees if n.org_unit_id},
    )
    order = _next_sort_order(decision)
    records = []
    for nominee in nominees:
        if nominee.pk in taken or nominee.status == NomineeStatus.AWARDED:
            raise DomainError(
                _("%(name)s is already on a decision.") % {"name": nominee.name},
                code="nominee_decided",
            )
        if (
            nominee.status != NomineeStatus.APPROVED
            or nominee.proposal.status != ProposalStatus.APPRAISED
        ):
            raise DomainError(
                _("%(name)s was not approved at appraisal.") % {"name": nominee.name},
                code="nominee_not_approved",
            )
        _check_award_type(decision, nominee.award_type, nominee.subject_type)
        _check_title_once_a_year(
            nominee.award_type,
            nominee.subject_type,
            nominee.org_unit_id,
            nominee.proposal.year,
            nominee.name,
            titles,
        )
        record = AwardRecord(
            decision=decision,
            nominee=nominee,
            award_type=nominee.award_type,
            subject_type=nominee.subject_type,
            name=nominee.name,
            org_unit_id=nominee.org_unit_id,
            proposer_unit_id=nominee.proposal.unit_id,
            honorific=nominee.honorific,
            birth_year=nominee.birth_year,
            position=nominee.position,
            workplace=nominee.workplace,
            individual_category=nominee.individual_category,
            is_enterprise=nominee.is_enterprise,
            method=nominee.proposal.method,
            year=nominee.proposal.year,
            sort_order=order,
        )
        order += 1
        record.full_clean(exclude=["decision", "nominee"])
        record.save()
        record_audit(
            audit_actions.RECORD_ADDED, actor=actor, target=record, after=record.audit_data()
        )
        records.append(record)
    return records


@transaction.atomic
def add_line(
    decision: Decision,
    *,
    actor,
    award_type: AwardType,
    subject_type: str,
    name: str,
    year: int,
    method: str = AwardMethod.REGULAR,
    org_unit=None,
    proposer_unit=None,
    honorific: str = "",
    birth_year: int | None = None,
    position: str = "",
    workplace: str = "",
    individual_category: str = "",
    is_enterprise: bool = False,
) -> AwardRecord:
    """A line without a dossier: state-level decisions and historic decisions entered by hand."""
    _require(actor, "awards.manage_decision")
    decision = _draft_for_update(decision)
    _check_award_type(decision, award_type, subject_type)
    if subject_type != SubjectType.INDIVIDUAL and individual_category:
        raise DomainError(
            _("The individual category only applies to individuals."), code="category_subject"
        )
    if subject_type == SubjectType.INDIVIDUAL and individual_category not in IndividualCategory:
        raise DomainError(_("Choose the category of the individual."), code="category_missing")
    if subject_type != SubjectType.COLLECTIVE and is_enterprise:
        raise DomainError(
            _("Only a collective can be marked as an enterprise."), code="enterprise_subject"
        )
    if not name.strip():
        raise DomainError(_("Enter the name."), code="name_missing")
    check_birth_year(birth_year)
    if org_unit is not None:
        _check_title_once_a_year(
            award_type,
            subject_type,
            org_unit.pk,
            year,
            name.strip(),
            selectors.titles_on_decisions(
                years={year}, award_type_ids={award_type.pk}, unit_ids={org_unit.pk}
            ),
        )
    record = AwardRecord(
        decision=decision,
        award_type=award_type,
        subject_type=subject_type,
        name=name.strip(),
        org_unit=org_unit,
        proposer_unit=proposer_unit,
        honorific=honorific,
        birth_year=birth_year,
        position=position.strip(),
        workplace=workplace.strip(),
        individual_category=individual_category,
        is_enterprise=is_enterprise,
        method=method,
        year=year,
        sort_order=_next_sort_order(decision),
    )
    record.full_clean(exclude=["decision"])
    record.save()
    record_audit(audit_actions.RECORD_ADDED, actor=actor, target=record, after=record.audit_data())
    return record


@transaction.atomic
def remove_line(record: AwardRecord, *, actor) -> None:
    """Take a line off a draft decision; its nominee is free for another decision."""
    _require(actor, "awards.manage_decision")
    decision = _draft_for_update(record.decision)
    record = AwardRecord.objects.get(pk=record.pk, decision=decision)
    before = record.audit_data()
    record_audit(audit_actions.RECORD_REMOVED, actor=actor, target=record, before=before)
    record.delete()


@transaction.atomic
def issue_decision(
    decision: Decision,
    *,
    actor,
    number: int,
    decided_on: datetime.date,
    signer_name: str,
    signer_title: str,
    signer_capacity: str = SignerCapacity.DIRECT,
) -> Decision:
    """Fix the number and date, compute the money of every line, store the PDF of a provincial
    decision and mark the nominees awarded (their dossier decided once all are)."""
    _require(actor, "awards.manage_decision")
    decision = _draft_for_update(decision)
    records = list(
        AwardRecord.objects.select_for_update(of=("self",))
        .select_related("award_type", "org_unit")
        .filter(decision=decision)
        .order_by("sort_order", "pk")
    )
    if not records:
        raise DomainError(
            _("Add at least one line before issuing the decision."), code="decision_empty"
        )
    if number is None or number < 1:
        raise DomainError(_("Enter the number of the decision."), code="number_missing")
    if number > LAST_DECISION_NUMBER:
        raise DomainError(
            _("The number of a decision is at most %(last)s.") % {"last": LAST_DECISION_NUMBER},
            code="number_too_large",
        )
    if decided_on is None:
        raise DomainError(_("Enter the date of the decision."), code="date_missing")
    today = timezone.localdate()
    if decided_on > today:
        # Issuing cannot be undone: a mistyped year would stay in the register for good.
        raise DomainError(
            _("A decision cannot be dated after today (%(today)s).")
            % {"today": today.strftime("%d/%m/%Y")},
            code="date_in_future",
        )
    if not signer_name.strip() or not signer_title.strip():
        raise DomainError(_("Enter the signer and the signer's title."), code="signer_missing")
    duplicate = (
        Decision.objects.filter(
            symbol=decision.symbol, number=number, decided_on__year=decided_on.year
        )
        .exclude(pk=decision.pk)
        .exists()
    )
    if duplicate:
        raise DomainError(
            _("Number %(number)s/%(symbol)s is already used in %(year)s.")
            % {"number": f"{number:02d}", "symbol": decision.symbol, "year": decided_on.year},
            code="number_taken",
        )
    before = decision.audit_data()
    base = selectors.base_salary_on(decided_on)
    for record in records:
        record.cash_amount = _amount(record.award_type, record.subject_type, base)
    AwardRecord.objects.bulk_update(records, ["cash_amount"])
    decision.number = number
    decision.decided_on = decided_on
    decision.signer_name = signer_name.strip()
    decision.signer_title = signer_title.strip()
    decision.signer_capacity = signer_capacity
    decision.status = DecisionStatus.ISSUED
    decision.issued_at = timezone.now()
    if decision.level == AwardLevel.PROVINCE:
        # Rendered before the one save: the database refuses any change to an issued decision.
        content = render_decision_pdf(decision, records)
        decision.sha256 = hashlib.sha256(content).hexdigest()
        decision.file.save(
            f"{decided_on.year}/{decision.pk}-{number:02d}.pdf", ContentFile(content), save=False
        )
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError as exc:
        if decision.file:
            decision.file.delete(save=False)
        raise DomainError(
            _("Number %(number)s/%(symbol)s is already used in %(year)s.")
            % {"number": f"{number:02d}", "symbol": decision.symbol, "year": decided_on.year},
            code="number_taken",
        ) from exc
    record_audit(
        audit_actions.DECISION_ISSUED,
        actor=actor,
        target=decision,
        before=before,
        after=decision.audit_data(),
    )
    _mark_nominees_awarded(records, actor=actor)
    return decision


def _mark_nominees_awarded(records: list[AwardRecord], *, actor) -> None:
    nominee_ids = [record.nominee_id for record in records if record.nominee_id]
    if not nominee_ids:
        return
    nominees = list(Nominee.objects.select_for_update().filter(pk__in=nominee_ids).order_by("pk"))
    for nominee in nominees:
        old = nominee.status
        nominee.status = NomineeStatus.AWARDED
        nominee.save(update_fields=["status"])
        record_audit(
            audit_actions.NOMINEE_CHANGED,
            actor=actor,
            target=nominee,
            before={"status": old},
            after={"status": nominee.status},
        )
    proposal_ids = {nominee.proposal_id for nominee in nominees}
    waiting = set(
        Nominee.objects.filter(
            proposal_id__in=proposal_ids, status=NomineeStatus.APPROVED
        ).values_list("proposal_id", flat=True)
    )
    proposals = Proposal.objects.select_for_update().filter(
        pk__in=proposal_ids - waiting, status=ProposalStatus.APPRAISED
    )
    for proposal in proposals.order_by("pk"):
        proposal.status = ProposalStatus.DECIDED
        proposal.save(update_fields=["status", "updated_at"])
        record_audit(
            audit_actions.PROPOSAL_DECIDED,
            actor=actor,
            target=proposal,
            before={"status": ProposalStatus.APPRAISED},
            after={"status": ProposalStatus.DECIDED},
        )


@transaction.atomic
def revoke_record(record: AwardRecord, *, actor, reason: str) -> AwardRecord:
    """Revoke one award of an issued decision (domain R42): the row stays, with who, when, why."""
    _require(actor, "awards.revoke_award_record", record)
    record = (
        AwardRecord.objects.select_for_update(of=("self",))
        .select_related("decision")
        .get(pk=record.pk)
    )
    if record.decision.status != DecisionStatus.ISSUED:
        raise DomainError(
            _("Only an award of an issued decision can be revoked; remove the line instead."),
            code="decision_not_issued",
        )
    if record.revoked_at is not None:
        raise DomainError(_("This award is already revoked."), code="already_revoked")
    reason = nfc(reason)
    if not reason:
        raise DomainError(_("Give the reason for revoking the award."), code="reason_missing")
    before = record.audit_data()
    record.revoked_at = timezone.now()
    record.revoked_by = actor
    record.revoked_reason = reason
    record.save(update_fields=["revoked_at", "revoked_by", "revoked_reason", "updated_at"])
    record_audit(
        audit_actions.RECORD_REVOKED,
        actor=actor,
        target=record,
        before=before,
        after=record.audit_data(),
    )
    return record


# ---------------------------------------------------------------- the printed decision


SECTION_TITLES = (
    (SubjectType.COLLECTIVE, "TẬP THỂ", "tập thể"),
    (SubjectType.INDIVIDUAL, "CÁ NHÂN", "cá nhân"),
    (SubjectType.HOUSEHOLD, "HỘ GIA ĐÌNH", "hộ gia đình"),
)
ROMAN = ("I", "II", "III", "IV", "V")


def format_money(amount: int | None) -> str:
    """ "4.680.000": Vietnamese thousands separator."""
    if amount is None:
        return ""
    return f"{amount:,}".replace(",", ".")


@dataclass
class AnnexSection:
    numeral: str
    heading: str
    count: int
    unit_word: str
    rows: list = field(default_factory=list)


@dataclass
class AwardBlock:
    award_type: AwardType
    verb: str
    counts: str
    sections: list[AnnexSection]
    total: int
    subtitle: str = ""

    @property
    def total_label(self) -> str:
        return format_money(self.total)


def _verb(award_type: AwardType) -> str:
    if award_type.kind == AwardKind.TITLE and not award_type.name.startswith("Cờ"):
        return f"Tặng danh hiệu “{award_type.name}”"
    return f"Tặng {award_type.name}"


def _line_detail(record: AwardRecord) -> str:
    parts = [part for part in (record.position, record.workplace) if part]
    if not parts and record.org_unit_id and record.subject_type != SubjectType.COLLECTIVE:
        parts.append(record.org_unit.name)
    return ", ".join(parts)


def _line_name(record: AwardRecord) -> str:
    if record.subject_type == SubjectType.INDIVIDUAL and record.honorific:
        return f"{record.honorific} {record.name}"
    return record.name


def award_blocks(records: list[AwardRecord], amounts: dict[int, int | None]) -> list[AwardBlock]:
    """Lines grouped by award type (catalogue order), then by subject: Điều 1 and the annex."""
    by_type: dict[int, list[AwardRecord]] = {}
    for record in records:
        by_type.setdefault(record.award_type_id, []).append(record)
    blocks = []
    types = sorted(
        (group[0].award_type for group in by_type.values()),
        key=lambda t: (t.sort_order, t.name),
    )
    for award_type in types:
        group = by_type[award_type.pk]
        sections, counts = [], []
        for subject, heading, word in SECTION_TITLES:
            rows = [record for record in group if record.subject_type == subject]
            if not rows:
                continue
            counts.append(f"{len(rows)} {word}")
            sections.append(
                AnnexSection(
                    numeral=ROMAN[len(sections)],
                    heading=heading,
                    count=len(rows),
                    unit_word=word,
                    rows=[
                        {
                            "name": _line_name(record),
                            "detail": _line_detail(record),
                            "amount": format_money(amounts.get(record.pk)),
                        }
                        for record in rows
                    ],
                )
            )
        total = sum(amounts.get(record.pk) or 0 for record in group)
        count_text = counts[0] if len(counts) == 1 else ", ".join(counts[:-1]) + " và " + counts[-1]
        words = [section.unit_word for section in sections]
        who = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " và " + words[-1]
        verb = _verb(award_type)
        blocks.append(
            AwardBlock(
                award_type=award_type,
                verb=verb,
                counts=count_text,
                sections=sections,
                total=total,
                subtitle=f"{who[0].upper()}{who[1:]} được {verb[0].lower()}{verb[1:]}",
            )
        )
    return blocks


def _capacity_lines(decision: Decision) -> list[str]:
    title = decision.signer_title or PROVINCE_SIGNER_TITLE
    if decision.signer_capacity == SignerCapacity.ON_BEHALF:
        return ["TM. ỦY BAN NHÂN DÂN", title]
    if decision.signer_capacity == SignerCapacity.DEPUTY:
        return ["KT. CHỦ TỊCH", title]
    return [title]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def decision_context(decision: Decision, records: list[AwardRecord] | None = None) -> dict:
    """What templates/pdf/awards/decision.html prints. A draft prints blank number and date and
    the money at the base salary in force today."""
    if records is None:
        records = list(
            decision.records.select_related("award_type", "org_unit").order_by("sort_order", "pk")
        )
    is_draft = decision.status == DecisionStatus.DRAFT
    if is_draft:
        base = selectors.base_salary_on(timezone.localdate())
        amounts = {r.pk: _amount(r.award_type, r.subject_type, base) for r in records}
    else:
        amounts = {r.pk: r.cash_amount for r in records}
    blocks = award_blocks(records, amounts)
    total = sum(block.total for block in blocks)
    number_label = decision.number_label or blank_number(decision.symbol)
    day_text = f"ngày {decision.decided_on:%d/%m/%Y}" if decision.decided_on else "ngày …/…/……"
    summary = decision.title.strip()
    if summary and not summary.lower().startswith("về việc"):
        summary = f"Về việc {summary[0].lower()}{summary[1:]}"
    return {
        "decision": decision,
        "doc": DocumentHead(
            issuer_lines=["ỦY BAN NHÂN DÂN", "TỈNH HƯNG YÊN"],
            doc_type="QUYẾT ĐỊNH",
            summary=summary,
            number_label=number_label,
            place_date=place_date(decision.decided_on),
            capacity_lines=_capacity_lines(decision),
            signer_name=decision.signer_name,
            recipients=_lines(decision.recipients),
            is_draft=is_draft,
        ),
        "authority": decision.issuer.upper() if decision.issuer else "",
        "grounds": _lines(decision.preamble),
        "blocks": blocks,
        "total": format_money(total),
        "has_money": any(amount for amount in amounts.values()),
        "reason": decision.reason.strip().rstrip("."),
        "annex_reference": f"Kèm theo Quyết định số {number_label} {day_text} "
        "của Chủ tịch UBND tỉnh Hưng Yên",
    }


def render_decision_pdf(decision: Decision, records: list[AwardRecord] | None = None) -> bytes:
    """The decision and its annex as a PDF (printed in Vietnamese whatever the UI language)."""
    with translation.override("vi"):
        return pdf.render_pdf("pdf/awards/decision.html", decision_context(decision, records))
