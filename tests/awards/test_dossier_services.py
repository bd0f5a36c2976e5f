"""Services of award dossiers: every rule and every refusal."""

import datetime
import hashlib
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from awards import audit_actions
from awards.enums import DocumentKind, NomineeStatus, ProposalStatus, SubjectType
from awards.models import Nominee, Proposal, ProposalDocument, RequiredDocument
from awards.services import proposals as services
from core.exceptions import DomainError
from core.models import AuditEntry
from tests.awards.dossier_setup import (
    PDF,
    YEAR,
    complete_proposal,
    docx,
    make_world,
    pdf,
    proposal_of,
)
from tests.factories.awards import (
    AwardTypeFactory,
    NomineeFactory,
    SubmissionDeadlineFactory,
    award_type,
)

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def w(db):
    return make_world()


def on_day(month, day):
    return time_machine.travel(datetime.datetime(YEAR, month, day, 10, tzinfo=HANOI), tick=False)


INDIVIDUAL = {
    "subject_type": SubjectType.INDIVIDUAL,
    "name": "Nguyễn Thị Hoa",
    "honorific": "Bà",
    "position": "Trưởng phòng Nội vụ",
    "individual_category": "department_leader",
}


def individual(**overrides):
    return {"award_type": award_type("PROVINCIAL_CERTIFICATE"), **INDIVIDUAL, **overrides}


# ---------------------------------------------------------------- create / update


def test_unit_officer_creates_a_draft_and_it_is_audited(w):
    proposal = services.create_proposal(
        actor=w.officer_a,
        unit=w.unit_a,
        year=YEAR,
        method="regular",
        title="  Đề nghị tặng Bằng khen năm 2025  ",
    )
    assert proposal.status == ProposalStatus.DRAFT
    assert proposal.title == "Đề nghị tặng Bằng khen năm 2025"
    assert proposal.created_by == w.officer_a
    entry = AuditEntry.objects.get(action=audit_actions.PROPOSAL_CREATED)
    assert entry.after["title"] == "Đề nghị tặng Bằng khen năm 2025"


def test_leader_may_create_for_own_unit(w):
    proposal = services.create_proposal(
        actor=w.leader_a, unit=w.unit_a, year=YEAR, method="regular", title="Đề nghị"
    )
    assert proposal.unit == w.unit_a


def test_officer_cannot_create_for_another_unit(w):
    with pytest.raises(PermissionDenied):
        services.create_proposal(
            actor=w.officer_a, unit=w.unit_b, year=YEAR, method="regular", title="Đề nghị"
        )
    assert Proposal.objects.count() == 0


def test_emulation_officer_cannot_create(w):
    with pytest.raises(PermissionDenied):
        services.create_proposal(
            actor=w.emulation_officer, unit=w.unit_a, year=YEAR, method="regular", title="X"
        )


def test_group_head_creates_for_the_group_only_as_the_head_unit(w):
    proposal = services.create_proposal(
        actor=w.head, unit=w.unit_a, group=w.group, year=YEAR, method="regular", title="Khối"
    )
    assert proposal.group == w.group
    with pytest.raises(PermissionDenied):  # not the head unit
        services.create_proposal(
            actor=w.head, unit=w.unit_b, group=w.group, year=YEAR, method="regular", title="K"
        )
    with pytest.raises(PermissionDenied):  # no term that year
        services.create_proposal(
            actor=w.head, unit=w.unit_a, group=w.group, year=YEAR + 1, method="regular", title="K"
        )
    with pytest.raises(PermissionDenied):  # a unit officer is not the group head
        services.create_proposal(
            actor=w.officer_b, unit=w.unit_a, group=w.group, year=YEAR, method="regular", title="K"
        )


def test_update_records_before_and_after(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    services.update_proposal(
        proposal,
        actor=w.officer_a,
        submission_number="15/TTr-UBND",
        submission_date=datetime.date(YEAR, 11, 30),
    )
    proposal.refresh_from_db()
    assert proposal.submission_number == "15/TTr-UBND"
    entry = AuditEntry.objects.get(action=audit_actions.PROPOSAL_CHANGED)
    assert entry.before["submission_number"] == ""
    assert entry.after["submission_date"] == f"{YEAR}-11-30"


def test_update_refused_for_other_unit_and_when_not_editable(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    with pytest.raises(PermissionDenied):
        services.update_proposal(proposal, actor=w.officer_b, title="X")
    Proposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.SUBMITTED)
    # The unit's own officer is told why (QA: a second tab), not refused with a 403.
    with pytest.raises(DomainError) as exc:
        services.update_proposal(proposal, actor=w.officer_a, title="X")
    assert exc.value.code == "not_editable"
    proposal.refresh_from_db()
    assert proposal.title != "X"


# ---------------------------------------------------------------- nominees


def test_add_update_remove_nominee(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    nominee = services.add_nominee(proposal, actor=w.officer_a, **individual())
    assert nominee.sort_order == 1
    services.update_nominee(nominee, actor=w.officer_a, position="Phó Trưởng phòng")
    nominee.refresh_from_db()
    assert nominee.position == "Phó Trưởng phòng"
    services.remove_nominee(nominee, actor=w.officer_a)
    assert Nominee.objects.count() == 0
    actions = list(
        AuditEntry.objects.filter(action__startswith="awards.nominee").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == sorted(
        [audit_actions.NOMINEE_ADDED, audit_actions.NOMINEE_CHANGED, audit_actions.NOMINEE_REMOVED]
    )


@pytest.mark.parametrize("code", ["GRASSROOTS_EMULATION_FIGHTER", "MERIT_CERTIFICATE"])
def test_grassroots_awards_are_refused(w, code):
    proposal = proposal_of(w.unit_a, w.officer_a)
    with pytest.raises(DomainError) as exc:
        services.add_nominee(proposal, actor=w.officer_a, **individual(award_type=award_type(code)))
    assert exc.value.code == "award_type_not_allowed"


def test_inactive_award_type_is_refused(w):
    inactive = AwardTypeFactory(code="OLD_FORM", active=False)
    proposal = proposal_of(w.unit_a, w.officer_a)
    with pytest.raises(DomainError) as exc:
        services.add_nominee(proposal, actor=w.officer_a, **individual(award_type=inactive))
    assert exc.value.code == "award_type_not_allowed"


def test_subject_must_be_allowed_by_the_award_type(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    with pytest.raises(DomainError) as exc:  # the flag is for collectives only
        services.add_nominee(
            proposal,
            actor=w.officer_a,
            **individual(award_type=award_type("PROVINCIAL_EMULATION_FLAG")),
        )
    assert exc.value.code == "subject_not_allowed"


def test_category_rules(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    with pytest.raises(DomainError) as exc:
        services.add_nominee(proposal, actor=w.officer_a, **individual(individual_category=""))
    assert exc.value.code == "individual_category_required"
    collective = {
        "award_type": award_type("PROVINCIAL_CERTIFICATE"),
        "subject_type": SubjectType.COLLECTIVE,
        "name": "Phòng Nội vụ",
    }
    with pytest.raises(DomainError) as exc:
        services.add_nominee(
            proposal, actor=w.officer_a, **collective, individual_category="frontline"
        )
    assert exc.value.code == "individual_category_not_allowed"
    with pytest.raises(DomainError) as exc:
        services.add_nominee(proposal, actor=w.officer_a, **individual(is_enterprise=True))
    assert exc.value.code == "enterprise_not_allowed"
    with pytest.raises(DomainError) as exc:
        services.add_nominee(proposal, actor=w.officer_a, **individual(org_unit=w.unit_a))
    assert exc.value.code == "org_unit_not_allowed"
    nominee = services.add_nominee(
        proposal, actor=w.officer_a, **collective, is_enterprise=True, org_unit=w.unit_c
    )
    assert (nominee.is_enterprise, nominee.org_unit) == (True, w.unit_c)
    assert Nominee.objects.count() == 1


def test_nominees_only_while_editable_and_only_by_own_unit(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    with pytest.raises(PermissionDenied):
        services.add_nominee(proposal, actor=w.officer_b, **individual())
    nominee = NomineeFactory(proposal=proposal)
    Proposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.UNDER_APPRAISAL)
    for call in (
        lambda: services.add_nominee(proposal, actor=w.officer_a, **individual()),
        lambda: services.update_nominee(nominee, actor=w.officer_a, name="X"),
        lambda: services.remove_nominee(nominee, actor=w.officer_a),
    ):
        with pytest.raises(DomainError) as exc:
            call()
        assert exc.value.code == "not_editable"
    assert Nominee.objects.get().name != "X"


# ---------------------------------------------------------------- documents


def test_upload_stores_sniffed_type_and_sha256(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    document = services.upload_document(
        proposal, kind=DocumentKind.SUBMISSION, upload=pdf(), actor=w.officer_a
    )
    assert document.content_type == "application/pdf"
    assert document.sha256 == hashlib.sha256(PDF).hexdigest()
    assert document.size == len(PDF)
    assert document.file.storage.base_url is None
    with document.file.open("rb") as handle:
        assert handle.read() == PDF
    report = services.upload_document(
        proposal, kind=DocumentKind.OTHER, upload=docx(), actor=w.officer_a
    )
    assert report.content_type == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert AuditEntry.objects.filter(action=audit_actions.DOCUMENT_UPLOADED).count() == 2


def test_upload_refuses_a_disguised_file(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    fake = SimpleUploadedFile("to-trinh.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    with pytest.raises(DomainError) as exc:
        services.upload_document(
            proposal, kind=DocumentKind.SUBMISSION, upload=fake, actor=w.officer_a
        )
    assert exc.value.code == "bad_type"
    assert ProposalDocument.objects.count() == 0


@override_settings(AWARDS_DOCUMENT_MAX_BYTES=1000)
def test_upload_refuses_a_too_big_file(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    with pytest.raises(DomainError) as exc:
        services.upload_document(
            proposal, kind=DocumentKind.SUBMISSION, upload=pdf(size=1001), actor=w.officer_a
        )
    assert exc.value.code == "too_large"
    assert ProposalDocument.objects.count() == 0


def test_upload_refuses_a_nominee_of_another_dossier_and_other_units(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    stranger = NomineeFactory(proposal=proposal_of(w.unit_a, w.officer_a))
    with pytest.raises(DomainError) as exc:
        services.upload_document(
            proposal,
            kind=DocumentKind.ACHIEVEMENT_REPORT,
            upload=pdf(),
            nominee=stranger,
            actor=w.officer_a,
        )
    assert exc.value.code == "nominee_not_in_proposal"
    with pytest.raises(PermissionDenied):
        services.upload_document(
            proposal, kind=DocumentKind.SUBMISSION, upload=pdf(), actor=w.officer_b
        )
    assert ProposalDocument.objects.count() == 0


def test_remove_document(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    document = services.upload_document(
        proposal, kind=DocumentKind.SUBMISSION, upload=pdf(), actor=w.officer_a
    )
    with pytest.raises(PermissionDenied):
        services.remove_document(document, actor=w.officer_b)
    services.remove_document(document, actor=w.officer_a)
    assert ProposalDocument.objects.count() == 0
    assert AuditEntry.objects.filter(action=audit_actions.DOCUMENT_REMOVED).count() == 1


# ---------------------------------------------------------------- pre-flight checklist


def test_missing_documents_lists_proposal_and_nominee_kinds(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    assert services.missing_documents(proposal) == []
    first = NomineeFactory(proposal=proposal, name="Người Một")
    second = NomineeFactory(proposal=proposal, name="Người Hai")
    missing = services.missing_documents(proposal)
    assert [(m.kind, m.nominee) for m in missing] == [
        ("submission", None),
        ("achievement_report", first),
        ("achievement_report", second),
    ]
    services.upload_document(
        proposal,
        kind=DocumentKind.ACHIEVEMENT_REPORT,
        upload=pdf(),
        nominee=first,
        actor=w.officer_a,
    )
    services.upload_document(
        proposal, kind=DocumentKind.SUBMISSION, upload=pdf(), actor=w.officer_a
    )
    missing = services.missing_documents(proposal)
    assert [(m.kind, m.nominee) for m in missing] == [("achievement_report", second)]


def test_missing_documents_follows_the_dates_of_the_requirements(w):
    certificate = award_type("PROVINCIAL_CERTIFICATE")
    RequiredDocument.objects.create(
        award_type=certificate,
        kind=DocumentKind.CLEARANCE,
        valid_from=datetime.date(YEAR, 7, 1),
        valid_to=datetime.date(YEAR, 12, 31),
    )
    RequiredDocument.objects.create(
        award_type=certificate, kind=DocumentKind.MINUTES, valid_to=datetime.date(YEAR, 6, 30)
    )
    proposal = proposal_of(w.unit_a, w.officer_a)
    NomineeFactory(proposal=proposal)
    kinds_in_june = [
        m.kind for m in services.missing_documents(proposal, datetime.date(YEAR, 6, 1))
    ]
    kinds_in_july = [
        m.kind for m in services.missing_documents(proposal, datetime.date(YEAR, 7, 1))
    ]
    assert kinds_in_june == ["submission", "minutes", "achievement_report"]
    assert kinds_in_july == ["submission", "clearance", "achievement_report"]


def test_initiative_is_required_per_nominee_for_the_provincial_fighter(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    nominee = NomineeFactory(
        proposal=proposal, award_type=award_type("PROVINCIAL_EMULATION_FIGHTER")
    )
    assert ("initiative", nominee) in [
        (m.kind, m.nominee) for m in services.missing_documents(proposal)
    ]


# ---------------------------------------------------------------- submit


def test_submit_needs_a_nominee_the_letter_and_every_document(w):
    proposal = proposal_of(w.unit_a, w.officer_a)
    with pytest.raises(DomainError) as exc:
        services.submit_proposal(proposal, actor=w.officer_a)
    assert exc.value.code == "no_nominees"
    NomineeFactory(proposal=proposal)
    with pytest.raises(DomainError) as exc:
        services.submit_proposal(proposal, actor=w.officer_a)
    assert exc.value.code == "submission_letter_missing"
    Proposal.objects.filter(pk=proposal.pk).update(
        submission_number="1/TTr", submission_date=datetime.date(YEAR, 11, 1)
    )
    with pytest.raises(DomainError) as exc:
        services.submit_proposal(proposal, actor=w.officer_a)
    assert exc.value.code == "documents_missing"
    assert "Submission letter (tờ trình)" in exc.value.message
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT


def test_submit_on_time_and_late(w):
    SubmissionDeadlineFactory(year=YEAR, method="regular", due_on=datetime.date(YEAR, 12, 10))
    on_time = complete_proposal(w.unit_a, w.officer_a)
    late = complete_proposal(w.unit_a, w.officer_a)
    with on_day(12, 10):
        services.submit_proposal(on_time, actor=w.officer_a)
    with on_day(12, 11):
        services.submit_proposal(late, actor=w.officer_a)
    on_time.refresh_from_db()
    late.refresh_from_db()
    assert (on_time.status, on_time.is_late) == (ProposalStatus.SUBMITTED, False)
    assert (late.status, late.is_late) == (ProposalStatus.SUBMITTED, True)
    assert on_time.submitted_at.astimezone(HANOI).date() == datetime.date(YEAR, 12, 10)


def test_submit_without_a_deadline_is_never_late(w):
    proposal = complete_proposal(w.unit_a, w.officer_a)
    with on_day(12, 31):
        services.submit_proposal(proposal, actor=w.officer_a)
    proposal.refresh_from_db()
    assert proposal.is_late is False


def test_submit_refused_for_other_units_and_officers(w):
    proposal = complete_proposal(w.unit_a, w.officer_a)
    for actor in (w.officer_b, w.emulation_officer, w.leadership):
        with pytest.raises(PermissionDenied):
            services.submit_proposal(proposal, actor=actor)


# ---------------------------------------------------------------- Home Affairs


def submitted(w):
    proposal = complete_proposal(w.unit_a, w.officer_a)
    return services.submit_proposal(proposal, actor=w.officer_a)


def test_receive_sets_the_appraiser(w):
    proposal = services.receive_proposal(submitted(w), actor=w.emulation_officer)
    assert (proposal.status, proposal.appraiser) == (
        ProposalStatus.UNDER_APPRAISAL,
        w.emulation_officer,
    )
    with pytest.raises(DomainError) as exc:
        services.receive_proposal(proposal, actor=w.emulation_officer)
    assert exc.value.code == "invalid_transition"


def test_only_emulation_officers_receive(w):
    proposal = submitted(w)
    for actor in (w.officer_a, w.leadership, w.council, w.head):
        with pytest.raises(PermissionDenied):
            services.receive_proposal(proposal, actor=actor)


def test_return_needs_a_reason_and_resubmission_clears_it(w):
    proposal = submitted(w)
    with pytest.raises(DomainError) as exc:
        services.return_proposal(proposal, reason="  ", actor=w.emulation_officer)
    assert exc.value.code == "reason_required"
    services.return_proposal(
        proposal, reason="Thiếu xác nhận của cấp trình", actor=w.emulation_officer
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.return_reason) == (
        ProposalStatus.RETURNED,
        "Thiếu xác nhận của cấp trình",
    )
    services.update_proposal(proposal, actor=w.officer_a, submission_number="13/TTr-UBND")
    services.submit_proposal(proposal, actor=w.officer_a)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.return_reason) == (ProposalStatus.SUBMITTED, "")
    returned = AuditEntry.objects.get(action=audit_actions.PROPOSAL_RETURNED)
    resubmitted = AuditEntry.objects.filter(action=audit_actions.PROPOSAL_SUBMITTED).latest("pk")
    assert returned.after["return_reason"] == "Thiếu xác nhận của cấp trình"
    assert resubmitted.before["return_reason"] == "Thiếu xác nhận của cấp trình"
    assert resubmitted.after["return_reason"] == ""


def test_return_refused_from_draft(w):
    proposal = complete_proposal(w.unit_a, w.officer_a)
    with pytest.raises(DomainError) as exc:
        services.return_proposal(proposal, reason="x", actor=w.emulation_officer)
    assert exc.value.code == "invalid_transition"


def test_appraise_and_finish_appraised(w):
    proposal = services.receive_proposal(submitted(w), actor=w.emulation_officer)
    nominee = proposal.nominees.get()
    with pytest.raises(DomainError) as exc:
        services.finish_appraisal(proposal, actor=w.emulation_officer)
    assert exc.value.code == "nominees_pending"
    with pytest.raises(DomainError) as exc:
        services.appraise_nominee(nominee, approved=False, note="", actor=w.emulation_officer)
    assert exc.value.code == "note_required"
    services.appraise_nominee(nominee, approved=True, note="", actor=w.emulation_officer)
    proposal = services.finish_appraisal(proposal, actor=w.emulation_officer)
    nominee.refresh_from_db()
    assert nominee.status == NomineeStatus.APPROVED
    assert proposal.status == ProposalStatus.APPRAISED
    assert proposal.appraised_at is not None


def test_finish_rejected_needs_a_reason(w):
    proposal = services.receive_proposal(submitted(w), actor=w.emulation_officer)
    services.appraise_nominee(
        proposal.nominees.get(),
        approved=False,
        note="Chưa đủ tiêu chuẩn",
        actor=w.emulation_officer,
    )
    with pytest.raises(DomainError) as exc:
        services.finish_appraisal(proposal, actor=w.emulation_officer)
    assert exc.value.code == "reason_required"
    proposal = services.finish_appraisal(
        proposal, actor=w.emulation_officer, rejection_reason="Không có cá nhân đủ điều kiện"
    )
    assert (proposal.status, proposal.rejection_reason) == (
        ProposalStatus.REJECTED,
        "Không có cá nhân đủ điều kiện",
    )


def test_appraise_only_under_appraisal_and_only_by_officers(w):
    proposal = submitted(w)
    nominee = proposal.nominees.get()
    with pytest.raises(DomainError) as exc:
        services.appraise_nominee(nominee, approved=True, actor=w.emulation_officer)
    assert exc.value.code == "not_under_appraisal"
    services.receive_proposal(proposal, actor=w.emulation_officer)
    with pytest.raises(PermissionDenied):
        services.appraise_nominee(nominee, approved=True, actor=w.officer_a)
    with pytest.raises(DomainError):
        services.finish_appraisal(proposal_of(w.unit_a, w.officer_a), actor=w.emulation_officer)


def test_reject_needs_a_reason_and_only_under_appraisal(w):
    proposal = submitted(w)
    with pytest.raises(DomainError) as exc:
        services.reject_proposal(proposal, reason="x", actor=w.emulation_officer)
    assert exc.value.code == "invalid_transition"
    services.receive_proposal(proposal, actor=w.emulation_officer)
    with pytest.raises(DomainError):
        services.reject_proposal(proposal, reason="", actor=w.emulation_officer)
    with pytest.raises(PermissionDenied):
        services.reject_proposal(proposal, reason="x", actor=w.officer_a)
    proposal = services.reject_proposal(
        proposal, reason="Đơn vị đang bị thanh tra", actor=w.emulation_officer
    )
    assert proposal.status == ProposalStatus.REJECTED
    with pytest.raises(DomainError):
        services.reject_proposal(proposal, reason="again", actor=w.emulation_officer)
