"""Decision services: drafting, lines from nominees and by hand, issuing (number, money, PDF,
dossier states), immutability after issue and revocation (domain R31–R34, R42)."""

import datetime
import hashlib

import pytest
from django.core.exceptions import PermissionDenied
from django.db import InternalError, connection, transaction
from django.utils import timezone

from awards import audit_actions
from awards.enums import AwardLevel, DecisionStatus, NomineeStatus, ProposalStatus, SubjectType
from awards.models import AwardRecord, BaseSalary, Decision
from awards.services import decisions as services
from core.exceptions import DomainError
from core.models import AuditEntry
from tests.awards.test_decision_support import (
    DECIDED_ON,
    appraised_proposal,
    approved_collective,
    make_world,
    pdf_lines,
    pdf_text,
)
from tests.factories.awards import NomineeFactory, award_type


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def draft(world, **kwargs):
    values = {"level": AwardLevel.PROVINCE, "title": "Về việc tặng Bằng khen năm 2025"}
    values.update(kwargs)
    return services.create_decision(actor=world.officer, **values)


def issue(world, decision, number=7, decided_on=DECIDED_ON, **kwargs):
    values = {
        "number": number,
        "decided_on": decided_on,
        "signer_name": "Nguyễn Lê Huy",
        "signer_title": "CHỦ TỊCH",
    }
    values.update(kwargs)
    return services.issue_decision(decision, actor=world.officer, **values)


def manual_line(world, decision, **kwargs):
    values = {
        "award_type": award_type("PROVINCIAL_CERTIFICATE"),
        "subject_type": SubjectType.INDIVIDUAL,
        "name": "Phạm Thị Hoa",
        "individual_category": "frontline",
        "year": 2025,
    }
    values.update(kwargs)
    return services.add_line(decision, actor=world.officer, **values)


# ---------------------------------------------------------------- drafting


def test_province_draft_is_prefilled(world):
    decision = draft(world)
    assert decision.status == DecisionStatus.DRAFT
    assert decision.symbol == "QĐ-UBND"
    assert decision.signer_title == "CHỦ TỊCH"
    grounds = decision.preamble.splitlines()
    assert grounds[0].startswith("Căn cứ Luật Tổ chức chính quyền địa phương")
    assert "06/2022/QH15" in grounds[1]
    assert "152/2025/NĐ-CP" in grounds[2]
    assert "15/2025/TT-BNV" in grounds[3]
    assert grounds[-1].startswith("Theo đề nghị của Giám đốc Sở Nội vụ")
    assert decision.recipients.splitlines()[0] == "Như Điều 3;"
    assert decision.recipients.splitlines()[-1].startswith("Lưu: VT")
    entry = AuditEntry.objects.get(action=audit_actions.DECISION_CREATED)
    assert entry.target_id == str(decision.pk)


def test_state_draft_keeps_its_symbol(world):
    decision = draft(world, level=AwardLevel.STATE, symbol="QĐ-TTg", title="Tặng Bằng khen")
    assert decision.symbol == "QĐ-TTg"
    assert decision.issuer == "Thủ tướng Chính phủ"
    assert decision.preamble == ""


def test_state_draft_needs_a_symbol(world):
    with pytest.raises(DomainError) as exc:
        draft(world, level=AwardLevel.STATE)
    assert exc.value.code == "symbol_missing"


def test_grassroots_decisions_are_refused(world):
    with pytest.raises(DomainError) as exc:
        draft(world, level=AwardLevel.GRASSROOTS)
    assert exc.value.code == "decision_level"


@pytest.mark.parametrize("who", ["unit_officer_a", "leadership", "council"])
def test_only_emulation_officers_draft(world, who):
    with pytest.raises(PermissionDenied):
        services.create_decision(actor=getattr(world, who), level="province", title="X")
    assert Decision.objects.count() == 0


def test_update_draft_is_audited(world):
    decision = draft(world)
    services.update_decision(decision, actor=world.officer, reason="xuất sắc năm 2025")
    decision.refresh_from_db()
    assert decision.reason == "xuất sắc năm 2025"
    assert AuditEntry.objects.filter(action=audit_actions.DECISION_CHANGED).count() == 1


# ---------------------------------------------------------------- lines from nominees


def test_lines_copy_the_nominees(world):
    proposal, people = appraised_proposal(world.unit_a, year=2025, method="thematic")
    person = people[0]
    person.position, person.workplace, person.birth_year = "Trưởng phòng", "Sở Tài chính", 1978
    person.save()
    collective = approved_collective(proposal, world.unit_b, is_enterprise=True)
    decision = draft(world)
    records = services.add_lines_from_nominees(
        decision, [person.pk, collective.pk], actor=world.officer
    )
    assert len(records) == 2
    line = AwardRecord.objects.get(nominee=person)
    assert (line.name, line.position, line.workplace, line.birth_year) == (
        person.name,
        "Trưởng phòng",
        "Sở Tài chính",
        1978,
    )
    assert (line.honorific, line.individual_category) == ("Ông", "frontline")
    assert (line.method, line.year, line.proposer_unit_id) == ("thematic", 2025, world.unit_a.pk)
    assert line.unit_id == world.unit_a.pk
    group = AwardRecord.objects.get(nominee=collective)
    assert (group.org_unit_id, group.is_enterprise, group.unit_id) == (
        world.unit_b.pk,
        True,
        world.unit_b.pk,
    )
    assert AuditEntry.objects.filter(action=audit_actions.RECORD_ADDED).count() == 2


def test_nominee_not_approved_is_refused(world):
    proposal, _people = appraised_proposal(world.unit_a, nominees=0)
    refused = NomineeFactory(proposal=proposal, status=NomineeStatus.NOT_APPROVED)
    decision = draft(world)
    with pytest.raises(DomainError) as exc:
        services.add_lines_from_nominees(decision, [refused.pk], actor=world.officer)
    assert exc.value.code == "nominee_not_approved"
    assert AwardRecord.objects.count() == 0


def test_nominee_of_a_proposal_not_appraised_is_refused(world):
    nominee = NomineeFactory(
        proposal__unit=world.unit_a,
        proposal__status=ProposalStatus.UNDER_APPRAISAL,
        status=NomineeStatus.APPROVED,
    )
    with pytest.raises(DomainError) as exc:
        services.add_lines_from_nominees(draft(world), [nominee.pk], actor=world.officer)
    assert exc.value.code == "nominee_not_approved"


def test_nominee_already_on_a_decision_is_refused(world):
    _proposal, people = appraised_proposal(world.unit_a, nominees=1)
    services.add_lines_from_nominees(draft(world), [people[0].pk], actor=world.officer)
    with pytest.raises(DomainError) as exc:
        services.add_lines_from_nominees(draft(world), [people[0].pk], actor=world.officer)
    assert exc.value.code == "nominee_decided"
    assert AwardRecord.objects.count() == 1


def test_level_mismatch_is_refused(world):
    proposal, _people = appraised_proposal(world.unit_a, nominees=0)
    state_nominee = NomineeFactory(
        proposal=proposal,
        status=NomineeStatus.APPROVED,
        award_type=award_type("PM_CERTIFICATE"),
    )
    with pytest.raises(DomainError) as exc:
        services.add_lines_from_nominees(draft(world), [state_nominee.pk], actor=world.officer)
    assert exc.value.code == "level_mismatch"
    state = draft(world, level=AwardLevel.STATE, symbol="QĐ-TTg")
    with pytest.raises(DomainError) as exc:
        manual_line(world, state)
    assert exc.value.code == "level_mismatch"


# ---------------------------------------------------------------- manual lines


def test_manual_line_validates_the_subject(world):
    decision = draft(world)
    with pytest.raises(DomainError) as exc:
        manual_line(
            world,
            decision,
            award_type=award_type("PROVINCIAL_EMULATION_FLAG"),
            subject_type=SubjectType.INDIVIDUAL,
        )
    assert exc.value.code == "subject_not_allowed"
    with pytest.raises(DomainError) as exc:
        manual_line(world, decision, subject_type=SubjectType.COLLECTIVE, name="Sở Y tế")
    assert exc.value.code == "category_subject"
    with pytest.raises(DomainError) as exc:
        manual_line(world, decision, individual_category="")
    assert exc.value.code == "category_missing"
    with pytest.raises(DomainError) as exc:
        manual_line(world, decision, is_enterprise=True)
    assert exc.value.code == "enterprise_subject"
    assert AwardRecord.objects.count() == 0


def test_remove_line_frees_the_nominee(world):
    _proposal, people = appraised_proposal(world.unit_a, nominees=1)
    decision = draft(world)
    (record,) = services.add_lines_from_nominees(decision, [people[0].pk], actor=world.officer)
    services.remove_line(record, actor=world.officer)
    assert AwardRecord.objects.count() == 0
    assert AuditEntry.objects.filter(action=audit_actions.RECORD_REMOVED).count() == 1
    services.add_lines_from_nominees(draft(world), [people[0].pk], actor=world.officer)
    assert AwardRecord.objects.count() == 1


# ---------------------------------------------------------------- issuing


def test_issue_without_lines_is_refused(world):
    decision = draft(world)
    with pytest.raises(DomainError) as exc:
        issue(world, decision)
    assert exc.value.code == "decision_empty"
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT


def test_duplicate_number_in_the_same_year_is_refused(world):
    first = draft(world)
    manual_line(world, first)
    issue(world, first, number=7, decided_on=datetime.date(2025, 3, 2))
    second = draft(world)
    manual_line(world, second)
    with pytest.raises(DomainError) as exc:
        issue(world, second, number=7, decided_on=datetime.date(2025, 11, 5))
    assert exc.value.code == "number_taken"
    assert "07/QĐ-UBND" in exc.value.message
    second.refresh_from_db()
    assert second.status == DecisionStatus.DRAFT
    # The same number is free again in another year.
    issue(world, second, number=7, decided_on=datetime.date(2026, 1, 5))
    assert Decision.objects.filter(number=7).count() == 2


def test_cash_uses_the_base_salary_of_the_decision_date(world):
    BaseSalary.objects.create(valid_from=datetime.date(2026, 7, 1), amount=2_530_000)
    before = draft(world)
    after = draft(world)
    for decision in (before, after):
        manual_line(world, decision)
        manual_line(
            world,
            decision,
            subject_type=SubjectType.HOUSEHOLD,
            name="Hộ ông Đỗ Văn Tài",
            individual_category="",
        )
        manual_line(
            world,
            decision,
            subject_type=SubjectType.COLLECTIVE,
            name="Sở Y tế",
            individual_category="",
        )
    issue(world, before, number=1, decided_on=datetime.date(2026, 6, 30))
    issue(world, after, number=2, decided_on=datetime.date(2026, 7, 1))
    amounts = lambda d: list(  # noqa: E731
        d.records.order_by("sort_order").values_list("subject_type", "cash_amount")
    )
    # Bằng khen của Chủ tịch UBND tỉnh: 1.5 individual, 2.25 household, 3 collective.
    assert amounts(before) == [
        ("individual", 3_510_000),
        ("household", 5_265_000),
        ("collective", 7_020_000),
    ]
    assert amounts(after) == [
        ("individual", 3_795_000),
        ("household", 5_692_500),
        ("collective", 7_590_000),
    ]


def test_no_base_salary_or_coefficient_leaves_the_amount_empty(world):
    decision = draft(world)
    manual_line(world, decision)
    issue(world, decision, decided_on=datetime.date(2020, 5, 5))
    assert list(decision.records.values_list("cash_amount", flat=True)) == [None]
    state = draft(world, level=AwardLevel.STATE, symbol="QĐ-CTN")
    manual_line(
        world,
        state,
        award_type=award_type("NATIONAL_EMULATION_FIGHTER"),
    )
    services.add_line(
        state,
        actor=world.officer,
        award_type=award_type("GOVERNMENT_EMULATION_FLAG"),
        subject_type=SubjectType.COLLECTIVE,
        name="Sở Tài chính",
        year=2025,
    )
    issue(world, state, number=3)
    assert list(state.records.order_by("sort_order").values_list("cash_amount", flat=True)) == [
        10_530_000,
        28_080_000,
    ]


def test_rounding_to_whole_dong(world):
    BaseSalary.objects.create(valid_from=datetime.date(2026, 1, 1), amount=2_340_001)
    decision = draft(world)
    manual_line(world, decision)
    issue(world, decision, decided_on=datetime.date(2026, 2, 1))
    # 1.5 × 2 340 001 = 3 510 001.5 → 3 510 002
    assert decision.records.get().cash_amount == 3_510_002


def test_issue_marks_nominees_awarded_and_decides_complete_proposals(world):
    proposal, people = appraised_proposal(world.unit_a, nominees=2)
    other, others = appraised_proposal(world.unit_b, nominees=2)
    decision = draft(world)
    services.add_lines_from_nominees(
        decision, [people[0].pk, people[1].pk, others[0].pk], actor=world.officer
    )
    issue(world, decision)
    for nominee in (*people, *others):
        nominee.refresh_from_db()
    proposal.refresh_from_db()
    other.refresh_from_db()
    assert [n.status for n in (*people, *others)] == [
        "awarded",
        "awarded",
        "awarded",
        "approved",
    ]
    assert proposal.status == ProposalStatus.DECIDED
    assert other.status == ProposalStatus.APPRAISED
    decided = AuditEntry.objects.filter(action=audit_actions.PROPOSAL_DECIDED)
    assert [e.target_id for e in decided] == [str(proposal.pk)]
    assert AuditEntry.objects.filter(action=audit_actions.NOMINEE_CHANGED).count() == 3
    # The last approved nominee, on a second decision, closes the second dossier.
    second = draft(world)
    services.add_lines_from_nominees(second, [others[1].pk], actor=world.officer)
    issue(world, second, number=8)
    other.refresh_from_db()
    assert other.status == ProposalStatus.DECIDED


def test_issued_decision_is_immutable(world):
    decision = draft(world)
    record = manual_line(world, decision)
    issue(world, decision)
    _proposal, people = appraised_proposal(world.unit_a, nominees=1)
    attempts = [
        lambda: services.update_decision(decision, actor=world.officer, title="Khác"),
        lambda: manual_line(world, decision),
        lambda: services.add_lines_from_nominees(decision, [people[0].pk], actor=world.officer),
        lambda: services.remove_line(record, actor=world.officer),
        lambda: issue(world, decision, number=9),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError) as exc:
            attempt()
        assert exc.value.code == "decision_not_draft"
    decision.refresh_from_db()
    assert (decision.title, decision.number, decision.records.count()) == (
        "Về việc tặng Bằng khen năm 2025",
        7,
        1,
    )


def test_issue_stores_the_pdf_with_its_hash(world, tmp_path):
    decision = draft(world, reason="xuất sắc trong thực hiện nhiệm vụ năm 2025")
    manual_line(world, decision, name="Phạm Thị Hoa", honorific="Bà", position="Kế toán trưởng")
    manual_line(
        world,
        decision,
        subject_type=SubjectType.COLLECTIVE,
        name="Công ty cổ phần May Hưng Yên",
        individual_category="",
        is_enterprise=True,
    )
    issue(world, decision, number=7, decided_on=datetime.date(2025, 2, 6))
    decision.refresh_from_db()
    with decision.file.open("rb") as stored:
        content = stored.read()
    assert content.startswith(b"%PDF")
    assert decision.sha256 == hashlib.sha256(content).hexdigest()
    text = pdf_text(content, tmp_path)
    lines = pdf_lines(text)
    assert "Số: 07/QĐ-UBND Hưng Yên, ngày 06 tháng 02 năm 2025" in lines
    assert "QUYẾT ĐỊNH:" in lines
    flat = " ".join(lines)
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN" in flat
    assert (
        "Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 1 tập thể và 1 cá nhân"
        " (có danh sách kèm theo)" in flat
    )
    assert "tổng số tiền là 10.530.000 đồng" in flat
    assert "Bà Phạm Thị Hoa" in flat
    assert "Công ty cổ phần May Hưng Yên" in flat
    assert "I. TẬP THỂ (1 tập thể)" in lines[-8:] or "I. TẬP THỂ (1 tập thể)" in flat
    assert "II. CÁ NHÂN (1 cá nhân)" in flat
    assert "HỘ GIA ĐÌNH" not in flat
    assert "Kèm theo Quyết định số 07/QĐ-UBND ngày 06/02/2025" in flat
    assert "Nguyễn Lê Huy" in flat


def test_state_decisions_get_no_pdf(world):
    decision = draft(world, level=AwardLevel.STATE, symbol="QĐ-TTg")
    manual_line(world, decision, award_type=award_type("PM_CERTIFICATE"))
    issue(world, decision, number=1520)
    decision.refresh_from_db()
    assert (decision.status, bool(decision.file), decision.sha256) == ("issued", False, "")
    assert decision.number_label == "1520/QĐ-TTg"


# ---------------------------------------------------------------- revocation


def test_revoke_record_keeps_the_row(world):
    decision = draft(world)
    record = manual_line(world, decision)
    issue(world, decision)
    services.revoke_record(record, actor=world.officer, reason="Hồ sơ kê khai không trung thực")
    record.refresh_from_db()
    assert record.revoked_reason == "Hồ sơ kê khai không trung thực"
    assert record.revoked_by == world.officer
    assert record.revoked_at is not None
    entry = AuditEntry.objects.get(action=audit_actions.RECORD_REVOKED)
    assert entry.after["revoked_reason"] == "Hồ sơ kê khai không trung thực"
    with pytest.raises(DomainError) as exc:
        services.revoke_record(record, actor=world.officer, reason="Lần nữa")
    assert exc.value.code == "already_revoked"


def test_revoke_needs_reason_issued_decision_and_permission(world):
    decision = draft(world)
    record = manual_line(world, decision)
    with pytest.raises(DomainError) as exc:
        services.revoke_record(record, actor=world.officer, reason="Sai")
    assert exc.value.code == "decision_not_issued"
    issue(world, decision)
    with pytest.raises(DomainError) as exc:
        services.revoke_record(record, actor=world.officer, reason="  ")
    assert exc.value.code == "reason_missing"
    for who in (world.unit_officer_a, world.leadership, world.council):
        with pytest.raises(PermissionDenied):
            services.revoke_record(record, actor=who, reason="Sai")
    record.refresh_from_db()
    assert record.revoked_at is None


def test_database_refuses_changes_to_an_issued_decision(world):
    decision = draft(world)
    record = manual_line(world, decision)
    other = manual_line(world, decision, name="Lê Văn Hùng")
    # A draft's lines may still be changed and deleted.
    AwardRecord.objects.filter(pk=other.pk).update(position="Chuyên viên")
    AwardRecord.objects.filter(pk=other.pk).delete()
    issue(world, decision)
    writes = [
        lambda: Decision.objects.filter(pk=decision.pk).update(title="Khác"),
        lambda: connection.cursor().execute(
            "DELETE FROM awards_decision WHERE id = %s", [decision.pk]
        ),
        lambda: AwardRecord.objects.filter(pk=record.pk).update(cash_amount=1),
        lambda: AwardRecord.objects.filter(pk=record.pk).update(name="Người khác"),
        lambda: AwardRecord.objects.filter(pk=record.pk).delete(),
    ]
    for write in writes:
        with pytest.raises(InternalError), transaction.atomic():
            write()
    services.revoke_record(record, actor=world.officer, reason="Hồ sơ giả mạo")
    with pytest.raises(InternalError), transaction.atomic():
        AwardRecord.objects.filter(pk=record.pk).update(revoked_reason="Khác")
    record.refresh_from_db()
    assert (record.name, record.cash_amount, record.revoked_reason) == (
        "Phạm Thị Hoa",
        3_510_000,
        "Hồ sơ giả mạo",
    )


def test_several_award_types_get_one_article_item_and_one_annex_each(world, tmp_path):
    decision = draft(world, title="Về việc tặng Cờ thi đua và Bằng khen năm 2025")
    manual_line(
        world,
        decision,
        award_type=award_type("PROVINCIAL_EMULATION_FLAG"),
        subject_type=SubjectType.COLLECTIVE,
        name="Huyện Văn Lâm",
        individual_category="",
    )
    manual_line(world, decision, name="Lê Thị Hằng")
    preview = " ".join(pdf_lines(pdf_text(services.render_decision_pdf(decision), tmp_path)))
    assert "DỰ THẢO" in preview
    assert "Số: /QĐ-UBND" in preview
    issue(world, decision, number=3, decided_on=datetime.date(2025, 11, 3))
    decision.refresh_from_db()
    text = pdf_text(decision.file.path)
    flat = " ".join(pdf_lines(text))
    assert "DỰ THẢO" not in flat
    assert "1. Tặng Cờ thi đua của Ủy ban nhân dân tỉnh cho 1 tập thể;" in flat
    assert "2. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 1 cá nhân." in flat
    assert "tổng số tiền là 22.230.000 đồng" in flat
    assert flat.count("DANH SÁCH") == 2
    assert "Tập thể được tặng Cờ thi đua của Ủy ban nhân dân tỉnh" in flat
    assert "Cá nhân được tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in flat
    # Each annex starts on a page of its own (pages are separated by form feeds).
    pages = text.split("\f")
    assert [("DANH SÁCH" in page) for page in pages if page.strip()][-2:] == [True, True]


def test_a_decision_dated_after_today_is_refused_and_stays_a_draft(world):
    decision = draft(world)
    manual_line(world, decision)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(DomainError) as refused:
        issue(world, decision, decided_on=tomorrow)

    decision.refresh_from_db()
    assert refused.value.code == "date_in_future"
    assert (decision.status, decision.number) == ("draft", None)
