import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from campaigns import audit_actions, selectors, services
from campaigns.enums import RegistrationStatus
from campaigns.models import EmulationRegistration, RegistrationExtension
from core.exceptions import DomainError
from core.models import AuditEntry
from tests.factories.campaigns import (
    IndividualFactory,
    MovementFactory,
    RegistrationExtensionFactory,
    RegistrationFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def at(day, hour=10):
    return time_machine.travel(datetime.datetime(2024, *day, hour, tzinfo=HANOI), tick=False)


def audit_actions_for(obj):
    return list(
        AuditEntry.objects.filter(
            target_id=str(obj.pk), action__startswith="campaigns.registration"
        )
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_create_registration_stores_titles_individuals_and_audits(block):
    registration = services.create_registration(
        unit=block.unit_a,
        year=2024,
        actor=block.officer_a,
        collective_titles=["PROVINCIAL_EMULATION_FLAG", "EXCELLENT_COLLECTIVE"],
        commitments="Dẫn đầu Khối",
        individuals=[
            {
                "full_name": "Nguyễn Văn An",
                "position": "Chủ tịch",
                "target_title": "GRASSROOTS_EMULATION_FIGHTER",
            },
            {"full_name": "Lê Thị Bình", "position": "", "target_title": "ADVANCED_WORKER"},
        ],
    )

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.DRAFT
    assert registration.collective_titles == ["EXCELLENT_COLLECTIVE", "PROVINCIAL_EMULATION_FLAG"]
    assert [(i.full_name, i.target_title, i.order) for i in registration.individuals.all()] == [
        ("Nguyễn Văn An", "GRASSROOTS_EMULATION_FIGHTER", 1),
        ("Lê Thị Bình", "ADVANCED_WORKER", 2),
    ]
    assert audit_actions_for(registration) == [audit_actions.REGISTRATION_CREATED]


def test_create_registration_for_another_unit_is_refused(block):
    with pytest.raises(PermissionDenied):
        services.create_registration(
            unit=block.unit_b,
            year=2024,
            actor=block.officer_a,
            collective_titles=["ADVANCED_COLLECTIVE"],
        )

    assert EmulationRegistration.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_create_registration_twice_for_same_year_is_refused(block):
    RegistrationFactory(unit=block.unit_a, year=2024)

    with pytest.raises(DomainError) as error:
        services.create_registration(unit=block.unit_a, year=2024, actor=block.officer_a)

    assert error.value.code == "duplicate"
    assert EmulationRegistration.objects.count() == 1


def test_registration_per_movement_may_exist_beside_the_annual_one(block):
    RegistrationFactory(unit=block.unit_a, year=2024)
    movement = MovementFactory()

    registration = services.create_registration(
        unit=block.unit_a,
        year=2024,
        movement=movement,
        actor=block.officer_a,
        collective_titles=["ADVANCED_COLLECTIVE"],
    )

    assert EmulationRegistration.objects.filter(unit=block.unit_a).count() == 2
    assert registration.movement == movement


def test_registration_full_cycle_with_return_and_resubmit(block, window_2024):
    registration = RegistrationFactory(unit=block.unit_a, year=2024)

    with at((3, 1)):
        services.send_registration(registration, actor=block.officer_a)
    with at((3, 2)):
        services.return_registration(
            registration, actor=block.emulation_officer, reason="Thiếu danh sách cá nhân"
        )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.RETURNED
    assert registration.return_reason == "Thiếu danh sách cá nhân"

    with at((4, 20)):
        services.update_registration(
            registration,
            actor=block.officer_a,
            collective_titles=["EXCELLENT_COLLECTIVE"],
            commitments="Bổ sung",
            individuals=[
                {"full_name": "Phạm Văn Cường", "position": "", "target_title": "ADVANCED_WORKER"}
            ],
        )
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.DRAFT
        services.send_registration(registration, actor=block.officer_a)
    services.approve_registration(registration, actor=block.emulation_officer)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    assert registration.return_reason == ""
    assert registration.reviewed_by == block.emulation_officer
    # Late is decided by the first sending (01/03), not the resending after the return.
    assert registration.is_late is False
    assert audit_actions_for(registration) == [
        audit_actions.REGISTRATION_SENT,
        audit_actions.REGISTRATION_RETURNED,
        audit_actions.REGISTRATION_REOPENED,
        audit_actions.REGISTRATION_CHANGED,
        audit_actions.REGISTRATION_SENT,
        audit_actions.REGISTRATION_APPROVED,
    ]
    returned = AuditEntry.objects.get(action=audit_actions.REGISTRATION_RETURNED)
    assert returned.after == {"status": "returned", "reason": "Thiếu danh sách cá nhân"}
    assert returned.actor == block.emulation_officer


def test_return_without_reason_is_refused_and_changes_nothing(block):
    registration = RegistrationFactory(unit=block.unit_a, status=RegistrationStatus.SENT)

    with pytest.raises(DomainError) as error:
        services.return_registration(registration, actor=block.emulation_officer, reason="   ")

    registration.refresh_from_db()
    assert error.value.code == "reason"
    assert registration.status == RegistrationStatus.SENT
    assert AuditEntry.objects.count() == 0


@pytest.mark.parametrize(
    ("status", "target"),
    [
        (RegistrationStatus.DRAFT, RegistrationStatus.APPROVED),
        (RegistrationStatus.DRAFT, RegistrationStatus.RETURNED),
        (RegistrationStatus.APPROVED, RegistrationStatus.SENT),
        (RegistrationStatus.APPROVED, RegistrationStatus.RETURNED),
        (RegistrationStatus.SENT, RegistrationStatus.SENT),
        (RegistrationStatus.RETURNED, RegistrationStatus.APPROVED),
    ],
)
def test_set_registration_status_refuses_transitions_outside_the_machine(block, status, target):
    registration = RegistrationFactory(unit=block.unit_a, status=status)

    with pytest.raises(DomainError) as error:
        services.set_registration_status(
            registration, target, actor=block.emulation_officer, reason="x"
        )

    registration.refresh_from_db()
    assert error.value.code == "invalid_transition"
    assert registration.status == status
    assert AuditEntry.objects.count() == 0


def test_unit_officer_cannot_approve_its_own_registration(block):
    registration = RegistrationFactory(unit=block.unit_a, status=RegistrationStatus.SENT)

    with pytest.raises(PermissionDenied):
        services.approve_registration(registration, actor=block.officer_a)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SENT


def test_sending_an_empty_registration_is_refused(block):
    registration = RegistrationFactory(unit=block.unit_a, collective_titles=[])

    with pytest.raises(DomainError) as error:
        services.send_registration(registration, actor=block.officer_a)

    assert error.value.code == "registration_empty"


def test_sending_with_only_individuals_is_accepted(block):
    registration = RegistrationFactory(unit=block.unit_a, collective_titles=[])
    IndividualFactory(registration=registration)

    services.send_registration(registration, actor=block.officer_a)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SENT


@pytest.mark.parametrize(
    ("day", "hour", "late"),
    [((3, 31), 23, False), ((4, 1), 0, True), ((1, 2), 8, False)],
)
def test_send_is_late_only_after_the_deadline_in_local_time(block, window_2024, day, hour, late):
    registration = RegistrationFactory(unit=block.unit_a)

    with at(day, hour):
        services.send_registration(registration, actor=block.officer_a)

    registration.refresh_from_db()
    assert registration.is_late is late
    assert AuditEntry.objects.get(action=audit_actions.REGISTRATION_SENT).after == {
        "status": "sent",
        "is_late": late,
    }


def test_send_without_window_is_never_late(block):
    registration = RegistrationFactory(unit=block.unit_a)

    with at((12, 30)):
        services.send_registration(registration, actor=block.officer_a)

    registration.refresh_from_db()
    assert registration.is_late is False


def test_extension_makes_a_later_send_on_time_for_that_unit_only(block, window_2024):
    services.grant_extension(
        unit=block.unit_a,
        year=2024,
        new_deadline=datetime.date(2024, 4, 15),
        reason="Đơn vị mới kiện toàn lãnh đạo",
        actor=block.emulation_officer,
    )
    own = RegistrationFactory(unit=block.unit_a)
    other = RegistrationFactory(unit=block.unit_b)

    with at((4, 10)):
        services.send_registration(own, actor=block.officer_a)
        services.send_registration(other, actor=block.officer_b)

    own.refresh_from_db()
    other.refresh_from_db()
    assert (own.is_late, other.is_late) == (False, True)


def test_grant_extension_is_audited_with_reason_and_grantor(block, window_2024):
    extension = services.grant_extension(
        unit=block.unit_b,
        year=2024,
        new_deadline=datetime.date(2024, 4, 30),
        reason="Thiên tai",
        actor=block.emulation_officer,
    )

    entry = AuditEntry.objects.get(action=audit_actions.EXTENSION_GRANTED)
    assert extension.granted_by == block.emulation_officer
    assert entry.actor == block.emulation_officer
    assert entry.after == {
        "unit": "T-B",
        "year": 2024,
        "new_deadline": "2024-04-30",
        "reason": "Thiên tai",
        "granted_by": "noivu-test",
    }


def test_changing_an_extension_keeps_one_row_and_audits_before_and_after(block, window_2024):
    RegistrationExtensionFactory(
        unit=block.unit_b, year=2024, new_deadline=datetime.date(2024, 4, 15)
    )

    services.grant_extension(
        unit=block.unit_b,
        year=2024,
        new_deadline=datetime.date(2024, 5, 2),
        reason="Gia hạn thêm",
        actor=block.emulation_officer,
    )

    entry = AuditEntry.objects.get(action=audit_actions.EXTENSION_CHANGED)
    assert RegistrationExtension.objects.get().new_deadline == datetime.date(2024, 5, 2)
    assert entry.before["new_deadline"] == "2024-04-15"
    assert entry.after["new_deadline"] == "2024-05-02"


@pytest.mark.parametrize(
    ("new_deadline", "code"),
    [
        (datetime.date(2024, 3, 31), "extension_not_later"),
        (datetime.date(2024, 3, 1), "extension_not_later"),
    ],
)
def test_extension_must_be_after_the_general_deadline(block, window_2024, new_deadline, code):
    with pytest.raises(DomainError) as error:
        services.grant_extension(
            unit=block.unit_b,
            year=2024,
            new_deadline=new_deadline,
            reason="x",
            actor=block.emulation_officer,
        )

    assert error.value.code == code
    assert RegistrationExtension.objects.count() == 0


def test_extension_needs_a_window_and_an_officer(block):
    with pytest.raises(DomainError) as error:
        services.grant_extension(
            unit=block.unit_b,
            year=2024,
            new_deadline=datetime.date(2024, 5, 1),
            reason="x",
            actor=block.emulation_officer,
        )
    with pytest.raises(PermissionDenied):
        services.grant_extension(
            unit=block.unit_b,
            year=2024,
            new_deadline=datetime.date(2024, 5, 1),
            reason="x",
            actor=block.officer_b,
        )

    assert error.value.code == "no_window"
    assert AuditEntry.objects.count() == 0


def test_save_registration_window_creates_then_changes_with_audit(block):
    services.save_registration_window(
        year=2025,
        opens_on=datetime.date(2025, 1, 2),
        deadline=datetime.date(2025, 3, 31),
        actor=block.emulation_officer,
    )
    services.save_registration_window(
        year=2025,
        opens_on=datetime.date(2025, 1, 2),
        deadline=datetime.date(2025, 4, 10),
        actor=block.emulation_officer,
    )

    assert selectors.window_for_year(2025).deadline == datetime.date(2025, 4, 10)
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        audit_actions.WINDOW_CREATED,
        audit_actions.WINDOW_CHANGED,
    ]


def test_is_registered_needs_an_approved_annual_registration(block):
    RegistrationFactory(unit=block.unit_a, year=2024, status=RegistrationStatus.APPROVED)
    RegistrationFactory(unit=block.unit_b, year=2024, status=RegistrationStatus.SENT)
    RegistrationFactory(unit=block.unit_c, year=2023, status=RegistrationStatus.APPROVED)
    movement = MovementFactory()
    RegistrationFactory(
        unit=block.unit_c, year=2024, movement=movement, status=RegistrationStatus.APPROVED
    )

    results = [selectors.is_registered(u, 2024) for u in (block.unit_a, block.unit_b, block.unit_c)]

    assert results == [True, False, False]
    assert selectors.is_registered(block.unit_c, 2024, movement=movement) is True


def test_registered_unit_ids_answers_in_one_query(block, django_assert_num_queries):
    RegistrationFactory(unit=block.unit_a, year=2024, status=RegistrationStatus.APPROVED)
    RegistrationFactory(unit=block.unit_b, year=2024, status=RegistrationStatus.RETURNED)
    RegistrationFactory(unit=block.unit_c, year=2024, status=RegistrationStatus.APPROVED)

    with django_assert_num_queries(1):
        ids = selectors.registered_unit_ids([block.unit_a, block.unit_b, block.unit_c.pk], 2024)

    assert ids == {block.unit_a.pk, block.unit_c.pk}
