import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from campaigns import audit_actions, services
from campaigns.enums import LauncherLevel, MovementStatus
from campaigns.models import Movement, MovementParticipation
from core.exceptions import DomainError
from core.models import AuditEntry
from tests.factories.campaigns import MovementFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_create_movement_validates_and_audits(block):
    movement = services.create_movement(
        actor=block.emulation_officer,
        name="Hưng Yên đẩy mạnh Đề án Chuyển đổi số",
        launcher_level=LauncherLevel.PROVINCE,
        start_year=2022,
        end_year=2025,
    )

    entry = AuditEntry.objects.get()
    assert movement.status == MovementStatus.PLANNED
    assert movement.period_label == "2022–2025"
    assert (entry.action, entry.after["name"]) == (
        audit_actions.MOVEMENT_CREATED,
        "Hưng Yên đẩy mạnh Đề án Chuyển đổi số",
    )


def test_create_movement_refuses_reversed_period(block):
    with pytest.raises(ValidationError) as error:
        services.create_movement(
            actor=block.emulation_officer,
            name="Sai giai đoạn",
            launcher_level=LauncherLevel.PROVINCE,
            start_year=2025,
            end_year=2021,
        )

    assert list(error.value.message_dict) == ["end_year"]
    assert Movement.objects.count() == 0


def test_create_movement_is_for_emulation_officers_only(block):
    with pytest.raises(PermissionDenied):
        services.create_movement(
            actor=block.officer_a, name="X", launcher_level=LauncherLevel.CLUSTER
        )

    assert Movement.objects.count() == 0


def test_movement_life_cycle_allows_several_preliminary_reviews(block):
    movement = MovementFactory(launch_document="Kế hoạch 01/KH-UBND")
    path = [
        MovementStatus.LAUNCHED,
        MovementStatus.RUNNING,
        MovementStatus.PRELIM_REVIEWED,
        MovementStatus.RUNNING,
        MovementStatus.PRELIM_REVIEWED,
        MovementStatus.FINAL_REVIEWED,
        MovementStatus.CLOSED,
    ]

    for status in path:
        services.set_movement_status(movement, status, actor=block.emulation_officer)

    movement.refresh_from_db()
    assert movement.status == MovementStatus.CLOSED
    assert movement.launched_on is not None
    assert [
        e["status"] for e in AuditEntry.objects.order_by("id").values_list("after", flat=True)
    ] == [str(s) for s in path]


def test_launch_needs_the_launch_document(block):
    movement = MovementFactory(launch_document="")

    with pytest.raises(DomainError) as error:
        services.set_movement_status(
            movement, MovementStatus.LAUNCHED, actor=block.emulation_officer
        )

    movement.refresh_from_db()
    assert error.value.code == "launch_document_missing"
    assert movement.status == MovementStatus.PLANNED


@pytest.mark.parametrize(
    ("status", "target"),
    [
        (MovementStatus.PLANNED, MovementStatus.RUNNING),
        (MovementStatus.LAUNCHED, MovementStatus.CLOSED),
        (MovementStatus.CLOSED, MovementStatus.RUNNING),
        (MovementStatus.FINAL_REVIEWED, MovementStatus.PRELIM_REVIEWED),
    ],
)
def test_movement_refuses_skipping_stages(block, status, target):
    movement = MovementFactory(status=status, launch_document="KH")

    with pytest.raises(DomainError) as error:
        services.set_movement_status(movement, target, actor=block.emulation_officer)

    movement.refresh_from_db()
    assert error.value.code == "invalid_transition"
    assert movement.status == status


def test_participants_are_added_once_and_removals_audited(block):
    movement = MovementFactory()

    participation = services.add_movement_participant(
        movement,
        unit=block.unit_a,
        joined_on=datetime.date(2024, 3, 6),
        actor=block.emulation_officer,
    )
    with pytest.raises(DomainError):
        services.add_movement_participant(
            movement,
            unit=block.unit_a,
            joined_on=datetime.date(2024, 3, 7),
            actor=block.emulation_officer,
        )
    services.remove_movement_participant(participation, actor=block.emulation_officer)

    assert MovementParticipation.objects.count() == 0
    assert list(AuditEntry.objects.order_by("id").values_list("action", "after", "before")) == [
        (audit_actions.PARTICIPANT_ADDED, {"unit": "T-A", "joined_on": "2024-03-06"}, None),
        (audit_actions.PARTICIPANT_REMOVED, None, {"unit": "T-A", "joined_on": "2024-03-06"}),
    ]
