"""The catalogue services: every rule, every refusal, and the audit entries they leave."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from accounts.enums import Role
from awards import audit_actions
from awards.enums import AwardMethod, SubjectType
from awards.models import AwardType, BaseSalary, RequiredDocument, SubmissionDeadline
from awards.services import catalogue as services
from core.models import AuditEntry
from tests.conftest import make_user_with_role
from tests.factories.awards import (
    AwardRecordFactory,
    AwardTypeFactory,
    BaseSalaryFactory,
    NomineeFactory,
    RequiredDocumentFactory,
    SubmissionDeadlineFactory,
    award_type,
)
from tests.factories.clusters import OrgUnitFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NEW_TYPE = {
    "code": "PROVINCIAL_COMMEMORATIVE",
    "name": "Kỷ niệm chương tỉnh",
    "level": "province",
    "kind": "form",
    "for_individual": True,
    "coefficient_individual": Decimal("1.2"),
    "statistics_column": "0603:5",
}


@pytest.fixture(autouse=True)
def _catalogue_in_english(db):
    """The messages in English (the msgids)."""
    with translation.override("en"):
        yield


@pytest.fixture
def officer(db):
    return make_user_with_role(
        Role.EMULATION_OFFICER, OrgUnitFactory(code="CAT-SNV"), "noivu-catalogue"
    )


@pytest.fixture
def unit_officer(db):
    return make_user_with_role(Role.UNIT_OFFICER, OrgUnitFactory(code="CAT-UNIT"), "donvi-cat")


def messages_of(excinfo) -> dict:
    return excinfo.value.message_dict


def audit_actions_written() -> list[str]:
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


# ---------------------------------------------------------------- award types


def test_create_award_type_saves_and_audits(officer):
    created = services.create_award_type(actor=officer, **NEW_TYPE)

    entry = AuditEntry.objects.get()
    assert AwardType.objects.get(code="PROVINCIAL_COMMEMORATIVE") == created
    assert entry.action == audit_actions.AWARD_TYPE_CREATED
    assert entry.actor == officer
    assert entry.before is None
    assert entry.after["coefficient_individual"] == "1.2"
    assert entry.after["for_household"] is False


def test_system_admin_may_manage_the_catalogue():
    admin = make_user_with_role(Role.SYSTEM_ADMIN, OrgUnitFactory(code="CAT-ADM"), "admin-cat")

    created = services.create_award_type(actor=admin, **NEW_TYPE)

    assert created.pk is not None


@pytest.mark.parametrize(
    "role", [Role.UNIT_OFFICER, Role.UNIT_LEADER, Role.LEADERSHIP, Role.COUNCIL_MEMBER]
)
def test_only_managers_may_write(role):
    user = make_user_with_role(role, OrgUnitFactory(code=f"CAT-{role}"[:20]), f"u-{role}")
    flag = award_type("PROVINCIAL_CERTIFICATE")
    salary = BaseSalary.objects.get(valid_from=datetime.date(2024, 7, 1))
    document = RequiredDocument.objects.filter(award_type=flag).first()

    calls = [
        lambda: services.create_award_type(actor=user, **NEW_TYPE),
        lambda: services.update_award_type(flag, actor=user, name="x"),
        lambda: services.delete_award_type(flag, actor=user),
        lambda: services.add_required_document(flag, actor=user, kind="other"),
        lambda: services.update_required_document(document, actor=user, legal_basis="x"),
        lambda: services.end_required_document(
            document, actor=user, last_day=datetime.date(2030, 1, 1)
        ),
        lambda: services.delete_required_document(document, actor=user),
        lambda: services.add_base_salary(
            actor=user, valid_from=datetime.date(2030, 1, 1), amount=1
        ),
        lambda: services.update_base_salary(
            salary, actor=user, valid_from=salary.valid_from, amount=3
        ),
        lambda: services.set_submission_deadline(
            actor=user, year=2026, method="regular", due_on=datetime.date(2026, 12, 10)
        ),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()

    assert AuditEntry.objects.count() == 0
    assert (
        award_type("PROVINCIAL_CERTIFICATE").name == "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    )
    assert not SubmissionDeadline.objects.exists()


def test_anonymous_actor_is_refused():
    with pytest.raises(PermissionDenied):
        services.create_award_type(actor=None, **NEW_TYPE)


def test_update_changes_the_coefficient_and_audits_before_and_after(officer):
    certificate = award_type("PROVINCIAL_CERTIFICATE")

    services.update_award_type(certificate, actor=officer, coefficient_individual=Decimal("1.75"))

    entry = AuditEntry.objects.get()
    assert award_type("PROVINCIAL_CERTIFICATE").coefficient_individual == Decimal("1.75")
    assert entry.action == audit_actions.AWARD_TYPE_CHANGED
    assert (entry.before["coefficient_individual"], entry.after["coefficient_individual"]) == (
        "1.50",
        "1.75",
    )
    assert entry.target_id == str(certificate.pk)


def test_update_without_a_change_writes_no_audit(officer):
    certificate = award_type("PROVINCIAL_CERTIFICATE")

    services.update_award_type(certificate, actor=officer, name=certificate.name)

    assert AuditEntry.objects.count() == 0


def test_unknown_field_is_a_programming_error(officer):
    with pytest.raises(TypeError):
        services.create_award_type(actor=officer, colour="red", **NEW_TYPE)


def test_award_type_needs_a_subject(officer):
    values = {**NEW_TYPE, "for_individual": False, "coefficient_individual": None}

    with pytest.raises(ValidationError) as excinfo:
        services.create_award_type(actor=officer, **values)

    assert messages_of(excinfo) == {
        "for_collective": ["Choose at least one subject: collective, individual or household."]
    }
    assert not AwardType.objects.filter(code=NEW_TYPE["code"]).exists()


def test_duplicate_code_is_refused_with_its_own_message(officer):
    with pytest.raises(ValidationError) as excinfo:
        services.create_award_type(actor=officer, **{**NEW_TYPE, "code": "PM_CERTIFICATE"})

    assert messages_of(excinfo) == {
        "code": ["Another award type already has the code “PM_CERTIFICATE”."]
    }


def test_coefficient_must_be_positive_and_match_a_subject(officer):
    values = {
        **NEW_TYPE,
        "coefficient_individual": Decimal(0),
        "coefficient_household": Decimal("1.5"),
    }

    with pytest.raises(ValidationError) as excinfo:
        services.create_award_type(actor=officer, **values)

    assert messages_of(excinfo) == {
        "coefficient_individual": ["A cash coefficient must be greater than 0."],
        "coefficient_household": [
            "This award type is not for household: leave this coefficient empty."
        ],
    }


def test_vote_threshold_needs_a_ballot_and_a_percentage(officer):
    values = {**NEW_TYPE, "requires_ballot": False, "vote_threshold_percent": Decimal(0)}

    with pytest.raises(ValidationError) as excinfo:
        services.create_award_type(actor=officer, **values)

    assert messages_of(excinfo) == {
        "vote_threshold_percent": [
            "A vote threshold needs a secret ballot: tick “secret ballot required”.",
            "The vote threshold is a percentage above 0 and at most 100.",
        ]
    }


def test_code_may_change_while_nothing_uses_the_type(officer):
    fresh = AwardTypeFactory(code="UNUSED_TYPE")

    services.update_award_type(fresh, actor=officer, code="RENAMED_TYPE")

    assert AwardType.objects.get(pk=fresh.pk).code == "RENAMED_TYPE"


def test_code_is_fixed_once_a_nominee_uses_the_type(officer):
    certificate = award_type("PROVINCIAL_CERTIFICATE")
    NomineeFactory(award_type=certificate)

    with pytest.raises(ValidationError) as excinfo:
        services.update_award_type(certificate, actor=officer, code="RENAMED")

    assert messages_of(excinfo) == {
        "code": ["The code cannot change: nominees or award records already use this award type."]
    }
    assert award_type("PROVINCIAL_CERTIFICATE").pk == certificate.pk
    assert AuditEntry.objects.count() == 0


def test_code_is_fixed_once_an_award_record_uses_the_type(officer):
    certificate = award_type("PROVINCIAL_CERTIFICATE")
    AwardRecordFactory(award_type=certificate)

    with pytest.raises(ValidationError) as excinfo:
        services.update_award_type(certificate, actor=officer, code="RENAMED")

    assert list(messages_of(excinfo)) == ["code"]


def test_a_used_subject_cannot_be_dropped_and_the_error_counts_them(officer):
    certificate = award_type("PROVINCIAL_CERTIFICATE")
    NomineeFactory(award_type=certificate, subject_type=SubjectType.INDIVIDUAL)
    NomineeFactory(award_type=certificate, subject_type=SubjectType.INDIVIDUAL)
    AwardRecordFactory(award_type=certificate, subject_type=SubjectType.INDIVIDUAL)

    with pytest.raises(ValidationError) as excinfo:
        services.update_award_type(
            certificate, actor=officer, for_individual=False, coefficient_individual=None
        )

    assert messages_of(excinfo) == {
        "for_individual": [
            "3 nominees or award records of this type are for individual: the award type "
            "must stay open to them."
        ]
    }
    assert award_type("PROVINCIAL_CERTIFICATE").for_individual is True


def test_one_use_is_counted_in_the_singular(officer):
    certificate = award_type("PROVINCIAL_CERTIFICATE")
    NomineeFactory(
        award_type=certificate, subject_type=SubjectType.COLLECTIVE, individual_category=""
    )

    with pytest.raises(ValidationError) as excinfo:
        services.update_award_type(
            certificate, actor=officer, for_collective=False, coefficient_collective=None
        )

    assert messages_of(excinfo) == {
        "for_collective": [
            "1 nominee or award record of this type is for collective: the award type "
            "must stay open to them."
        ]
    }


def test_an_unused_subject_can_be_dropped(officer):
    certificate = award_type("PROVINCIAL_CERTIFICATE")
    NomineeFactory(award_type=certificate, subject_type=SubjectType.INDIVIDUAL)

    services.update_award_type(
        certificate, actor=officer, for_household=False, coefficient_household=None
    )

    assert award_type("PROVINCIAL_CERTIFICATE").for_household is False


def test_a_used_type_cannot_be_deleted_but_can_be_deactivated(officer):
    certificate = award_type("PROVINCIAL_CERTIFICATE")
    NomineeFactory(award_type=certificate)

    with pytest.raises(ValidationError) as excinfo:
        services.delete_award_type(certificate, actor=officer)
    services.update_award_type(certificate, actor=officer, active=False)

    assert excinfo.value.messages == [
        "Nominees or award records use this award type, so it cannot be deleted. "
        "Untick “in use” to stop offering it."
    ]
    assert award_type("PROVINCIAL_CERTIFICATE").active is False
    assert audit_actions_written() == [audit_actions.AWARD_TYPE_CHANGED]


def test_an_unused_type_is_deleted_with_its_documents_and_audited(officer):
    fresh = AwardTypeFactory(code="TO_DELETE")
    RequiredDocumentFactory(award_type=fresh, kind="submission")

    services.delete_award_type(fresh, actor=officer)

    entry = AuditEntry.objects.get()
    assert not AwardType.objects.filter(code="TO_DELETE").exists()
    assert not RequiredDocument.objects.filter(award_type_id=fresh.pk).exists()
    assert entry.action == audit_actions.AWARD_TYPE_DELETED
    assert entry.before["code"] == "TO_DELETE"
    assert [d["kind"] for d in entry.before["required_documents"]] == ["submission"]
    assert entry.after is None


# ---------------------------------------------------------------- required documents


def test_add_required_document_audits_on_the_award_type(officer):
    certificate = award_type("PROVINCIAL_CERTIFICATE")

    document = services.add_required_document(
        certificate,
        actor=officer,
        kind="clearance",
        per_nominee=True,
        valid_from=datetime.date(2027, 1, 1),
        legal_basis="Quyết định của UBND tỉnh",
    )

    entry = AuditEntry.objects.get()
    assert (entry.action, entry.target_id) == (
        audit_actions.REQUIRED_DOCUMENT_CHANGED,
        str(certificate.pk),
    )
    assert entry.before is None
    assert entry.after == {
        "id": document.pk,
        "award_type": "PROVINCIAL_CERTIFICATE",
        "kind": "clearance",
        "per_nominee": True,
        "valid_from": "2027-01-01",
        "valid_to": None,
        "legal_basis": "Quyết định của UBND tỉnh",
    }


def test_overlapping_rows_of_one_kind_are_refused(officer):
    certificate = award_type("PROVINCIAL_CERTIFICATE")  # submission required from 01/01/2024

    with pytest.raises(ValidationError) as excinfo:
        services.add_required_document(
            certificate, actor=officer, kind="submission", valid_from=datetime.date(2027, 1, 1)
        )

    assert messages_of(excinfo) == {
        "valid_from": [
            "“Submission letter (tờ trình)” is already required for this award type from "
            "01/01/2024 to …; the periods must not overlap. End that row first."
        ]
    }


def test_a_new_row_after_the_old_one_ended_is_accepted(officer):
    certificate = award_type("PROVINCIAL_CERTIFICATE")
    old = RequiredDocument.objects.get(award_type=certificate, kind="submission")
    services.end_required_document(old, actor=officer, last_day=datetime.date(2026, 12, 31))

    new = services.add_required_document(
        certificate, actor=officer, kind="submission", valid_from=datetime.date(2027, 1, 1)
    )

    assert RequiredDocument.objects.get(pk=old.pk).valid_to == datetime.date(2026, 12, 31)
    assert new.valid_from == datetime.date(2027, 1, 1)


def test_end_before_start_is_refused(officer):
    certificate = award_type("PROVINCIAL_CERTIFICATE")

    with pytest.raises(ValidationError) as excinfo:
        services.add_required_document(
            certificate,
            actor=officer,
            kind="other",
            valid_from=datetime.date(2027, 2, 1),
            valid_to=datetime.date(2027, 1, 1),
        )

    assert messages_of(excinfo) == {"valid_to": ["The end date cannot be before the start date."]}


def test_end_sets_the_last_day_and_keeps_the_row(officer):
    document = RequiredDocument.objects.get(
        award_type=award_type("PROVINCIAL_CERTIFICATE"), kind="achievement_report"
    )

    services.end_required_document(document, actor=officer, last_day=datetime.date(2026, 6, 30))

    entry = AuditEntry.objects.get()
    assert RequiredDocument.objects.get(pk=document.pk).valid_to == datetime.date(2026, 6, 30)
    assert (entry.before["valid_to"], entry.after["valid_to"]) == (None, "2026-06-30")


def test_end_refuses_a_row_already_ended_and_a_day_before_the_start(officer):
    certificate = award_type("PROVINCIAL_CERTIFICATE")
    ended = RequiredDocumentFactory(
        award_type=certificate,
        kind="other",
        valid_from=datetime.date(2024, 1, 1),
        valid_to=datetime.date(2024, 12, 31),
    )

    with pytest.raises(ValidationError) as already:
        services.end_required_document(ended, actor=officer, last_day=datetime.date(2025, 1, 1))
    with pytest.raises(ValidationError) as before_start:
        services.end_required_document(ended, actor=officer, last_day=datetime.date(2023, 1, 1))

    assert messages_of(already) == {"valid_to": ["This row already ended on 31/12/2024."]}
    assert messages_of(before_start) == {
        "valid_to": [
            "The last day cannot be before the row starts (01/01/2024). A row that was "
            "never in force can be deleted instead."
        ]
    }
    assert AuditEntry.objects.count() == 0


def test_a_row_in_force_cannot_be_deleted(officer):
    document = RequiredDocument.objects.get(
        award_type=award_type("PROVINCIAL_CERTIFICATE"), kind="submission"
    )

    with pytest.raises(ValidationError) as excinfo:
        services.delete_required_document(document, actor=officer)

    assert excinfo.value.messages == [
        "This row has already been in force and cannot be deleted; set its last day instead."
    ]
    assert RequiredDocument.objects.filter(pk=document.pk).exists()


def test_a_row_with_no_start_counts_as_in_force(officer):
    document = RequiredDocumentFactory(
        award_type=award_type("PROVINCIAL_CERTIFICATE"), kind="other", valid_from=None
    )

    with pytest.raises(ValidationError):
        services.delete_required_document(document, actor=officer)

    assert RequiredDocument.objects.filter(pk=document.pk).exists()


def test_a_row_never_in_force_is_deleted_and_audited(officer):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    document = RequiredDocumentFactory(
        award_type=award_type("PROVINCIAL_CERTIFICATE"), kind="other", valid_from=tomorrow
    )

    services.delete_required_document(document, actor=officer)

    entry = AuditEntry.objects.get()
    assert not RequiredDocument.objects.filter(pk=document.pk).exists()
    assert (entry.before["kind"], entry.after) == ("other", None)


def test_a_row_in_force_only_changes_its_end_and_legal_basis(officer):
    document = RequiredDocument.objects.get(
        award_type=award_type("PROVINCIAL_CERTIFICATE"), kind="submission"
    )

    with pytest.raises(ValidationError) as excinfo:
        services.update_required_document(
            document, actor=officer, kind="other", valid_from=datetime.date(2025, 1, 1)
        )
    services.update_required_document(
        document, actor=officer, legal_basis="Nghị định 152/2025/NĐ-CP Điều 20"
    )

    message = (
        "This row has already been in force, so only its end date and legal basis can "
        "change. End it and add a new row instead."
    )
    assert messages_of(excinfo) == {"kind": [message], "valid_from": [message]}
    saved = RequiredDocument.objects.get(pk=document.pk)
    assert (saved.kind, saved.valid_from, saved.legal_basis) == (
        "submission",
        datetime.date(2024, 1, 1),
        "Nghị định 152/2025/NĐ-CP Điều 20",
    )
    assert audit_actions_written() == [audit_actions.REQUIRED_DOCUMENT_CHANGED]


def test_a_future_row_may_change_anything(officer):
    start = timezone.localdate() + datetime.timedelta(days=10)
    document = RequiredDocumentFactory(
        award_type=award_type("PROVINCIAL_CERTIFICATE"), kind="other", valid_from=start
    )

    services.update_required_document(
        document,
        actor=officer,
        kind="science",
        per_nominee=True,
        valid_from=start + datetime.timedelta(days=5),
    )

    saved = RequiredDocument.objects.get(pk=document.pk)
    assert (saved.kind, saved.per_nominee, saved.valid_from) == (
        "science",
        True,
        start + datetime.timedelta(days=5),
    )


# ---------------------------------------------------------------- base salary


def test_add_base_salary_and_audit(officer):
    row = services.add_base_salary(
        actor=officer,
        valid_from=datetime.date(2026, 7, 1),
        amount=2_530_000,
        legal_basis=" Nghị định mới ",
    )

    entry = AuditEntry.objects.get()
    assert (row.amount, row.legal_basis) == (2_530_000, "Nghị định mới")
    assert (entry.action, entry.before, entry.after) == (
        audit_actions.BASE_SALARY_CHANGED,
        None,
        {"valid_from": "2026-07-01", "amount": 2_530_000, "legal_basis": "Nghị định mới"},
    )


def test_base_salary_start_date_is_unique_and_amount_positive(officer):
    with pytest.raises(ValidationError) as excinfo:
        services.add_base_salary(actor=officer, valid_from=datetime.date(2024, 7, 1), amount=0)

    assert messages_of(excinfo) == {
        "amount": ["The base salary must be greater than 0 đồng."],
        "valid_from": ["A base salary from 01/07/2024 already exists: change that row instead."],
    }
    assert BaseSalary.objects.count() == 2


def test_update_base_salary_audits_before_and_after(officer):
    row = BaseSalaryFactory(valid_from=datetime.date(2026, 7, 1), amount=2_500_000)

    services.update_base_salary(
        row, actor=officer, valid_from=datetime.date(2026, 7, 1), amount=2_530_000
    )

    entry = AuditEntry.objects.get()
    assert BaseSalary.objects.get(pk=row.pk).amount == 2_530_000
    assert (entry.before["amount"], entry.after["amount"]) == (2_500_000, 2_530_000)


def test_update_base_salary_to_a_taken_date_is_refused(officer):
    row = BaseSalaryFactory(valid_from=datetime.date(2026, 7, 1), amount=2_500_000)

    with pytest.raises(ValidationError) as excinfo:
        services.update_base_salary(
            row, actor=officer, valid_from=datetime.date(2023, 7, 1), amount=2_500_000
        )

    assert list(messages_of(excinfo)) == ["valid_from"]
    assert BaseSalary.objects.get(pk=row.pk).valid_from == datetime.date(2026, 7, 1)


# ---------------------------------------------------------------- deadlines


def test_set_deadline_creates_then_replaces_and_audits_both(officer):
    services.set_submission_deadline(
        actor=officer, year=2026, method=AwardMethod.REGULAR, due_on=datetime.date(2026, 12, 15)
    )
    services.set_submission_deadline(
        actor=officer,
        year=2026,
        method=AwardMethod.REGULAR,
        due_on=datetime.date(2026, 12, 10),
        note="Công văn của Sở Nội vụ",
    )

    deadline = SubmissionDeadline.objects.get()
    entries = list(AuditEntry.objects.order_by("pk"))
    assert (deadline.due_on, deadline.note) == (
        datetime.date(2026, 12, 10),
        "Công văn của Sở Nội vụ",
    )
    assert [e.action for e in entries] == [audit_actions.DEADLINE_CHANGED] * 2
    assert entries[0].before is None
    assert (entries[1].before["due_on"], entries[1].after["due_on"]) == (
        "2026-12-15",
        "2026-12-10",
    )


def test_deadline_methods_are_separate_rows(officer):
    SubmissionDeadlineFactory(year=2026, method=AwardMethod.REGULAR)

    services.set_submission_deadline(
        actor=officer, year=2026, method=AwardMethod.THEMATIC, due_on=datetime.date(2027, 6, 30)
    )

    assert SubmissionDeadline.objects.filter(year=2026).count() == 2


def test_deadline_must_fall_in_the_year_or_the_next(officer):
    with pytest.raises(ValidationError) as excinfo:
        services.set_submission_deadline(
            actor=officer, year=2026, method="regular", due_on=datetime.date(2028, 1, 10)
        )

    assert messages_of(excinfo) == {
        "due_on": ["The deadline for the 2026 dossiers must fall in 2026 or 2027."]
    }
    assert not SubmissionDeadline.objects.exists()


def test_deadline_year_out_of_range_and_unknown_method(officer):
    with pytest.raises(ValidationError) as year:
        services.set_submission_deadline(
            actor=officer, year=1990, method="regular", due_on=datetime.date(1990, 12, 10)
        )
    with pytest.raises(ValidationError) as method:
        services.set_submission_deadline(
            actor=officer, year=2026, method="lottery", due_on=datetime.date(2026, 12, 10)
        )

    assert messages_of(year) == {"year": ["Enter a year between 2000 and 2100."]}
    assert list(messages_of(method)) == ["method"]
    assert AuditEntry.objects.count() == 0


def test_level_is_fixed_once_an_award_record_uses_the_type(officer):
    # QA: the API let a used provincial certificate become grassroots, moving its issued
    # records out of the provincial figures and out of its decisions' level.
    certificate = award_type("PROVINCIAL_CERTIFICATE")
    AwardRecordFactory(award_type=certificate)

    with pytest.raises(ValidationError) as excinfo:
        services.update_award_type(certificate, actor=officer, level="grassroots")

    assert messages_of(excinfo) == {
        "level": ["The level cannot change: nominees or award records already use this award type."]
    }
    assert award_type("PROVINCIAL_CERTIFICATE").level == "province"
    assert AuditEntry.objects.count() == 0


def test_level_may_change_while_nothing_uses_the_type(officer):
    fresh = AwardTypeFactory(code="UNUSED_TYPE", level="province")

    services.update_award_type(fresh, actor=officer, level="state")

    assert AwardType.objects.get(pk=fresh.pk).level == "state"
