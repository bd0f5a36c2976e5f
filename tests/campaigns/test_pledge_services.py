import pytest
from django.core.exceptions import PermissionDenied

from campaigns import audit_actions, selectors, services
from campaigns.enums import PledgeStatus
from campaigns.models import EmulationPledge, PledgeSignature
from core.exceptions import DomainError
from core.models import AuditEntry
from tests.factories.campaigns import PledgeFactory, PledgeItemFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def circulated(block):
    pledge = PledgeFactory(group=block.group, year=2024, status=PledgeStatus.CIRCULATED)
    PledgeItemFactory(pledge=pledge)
    return pledge


def test_head_drafts_and_circulates_the_pledge(block):
    pledge = services.create_pledge(
        group=block.group,
        year=2024,
        title="Giao ước thi đua 2024",
        targets=["Tăng trưởng GRDP 8%", "", "  Giải ngân 100% vốn đầu tư công "],
        actor=block.head,
    )
    services.circulate_pledge(pledge, actor=block.head)

    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.CIRCULATED
    assert [i.text for i in pledge.items.all()] == [
        "Tăng trưởng GRDP 8%",
        "Giải ngân 100% vốn đầu tư công",
    ]
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        audit_actions.PLEDGE_CREATED,
        audit_actions.PLEDGE_CIRCULATED,
    ]


@pytest.mark.parametrize("who", ["officer_a", "leader_a", "emulation_officer"])
def test_only_the_head_of_that_year_drafts_the_pledge(block, who):
    with pytest.raises(PermissionDenied):
        services.create_pledge(
            group=block.group, year=2024, title="X", targets=["Y"], actor=getattr(block, who)
        )

    assert EmulationPledge.objects.count() == 0


def test_head_of_2024_is_not_head_of_2025(block):
    with pytest.raises(PermissionDenied):
        services.create_pledge(
            group=block.group, year=2025, title="X", targets=["Y"], actor=block.head
        )


def test_pledge_needs_targets(block):
    with pytest.raises(DomainError) as error:
        services.create_pledge(
            group=block.group, year=2024, title="X", targets=[" "], actor=block.head
        )

    assert error.value.code == "targets"


def test_confirmations_one_by_one_then_in_force(block, circulated):
    services.confirm_pledge(circulated, unit=block.unit_b, actor=block.leader_b)
    services.confirm_pledge(circulated, unit=block.unit_a, actor=block.leader_a)
    circulated.refresh_from_db()
    assert circulated.status == PledgeStatus.CIRCULATED

    services.confirm_pledge(circulated, unit=block.unit_c, actor=block.leader_c)

    circulated.refresh_from_db()
    assert circulated.status == PledgeStatus.IN_FORCE
    assert circulated.in_force_at is not None
    assert list(PledgeSignature.objects.values_list("unit__code", "user__username")) == [
        ("T-B", "leader-b"),
        ("T-A", "leader-a"),
        ("T-C", "leader-c"),
    ]
    entries = list(AuditEntry.objects.order_by("id").values_list("action", "actor__username"))
    assert entries == [
        (audit_actions.PLEDGE_CONFIRMED, "leader-b"),
        (audit_actions.PLEDGE_CONFIRMED, "leader-a"),
        (audit_actions.PLEDGE_CONFIRMED, "leader-c"),
        (audit_actions.PLEDGE_IN_FORCE, "leader-c"),
    ]


def test_confirming_twice_is_refused(block, circulated):
    services.confirm_pledge(circulated, unit=block.unit_b, actor=block.leader_b)

    with pytest.raises(PermissionDenied):
        services.confirm_pledge(circulated, unit=block.unit_b, actor=block.leader_b)

    assert PledgeSignature.objects.count() == 1
    assert AuditEntry.objects.count() == 1


@pytest.mark.parametrize("who", ["officer_b", "head", "leader_a", "emulation_officer"])
def test_only_the_leader_of_the_unit_confirms_for_it(block, circulated, who):
    with pytest.raises(PermissionDenied):
        services.confirm_pledge(circulated, unit=block.unit_b, actor=getattr(block, who))

    assert PledgeSignature.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_a_draft_pledge_cannot_be_confirmed(block):
    pledge = PledgeFactory(group=block.group, year=2024)

    with pytest.raises(DomainError) as error:
        services.confirm_pledge(pledge, unit=block.unit_b, actor=block.leader_b)

    assert error.value.code == "pledge_not_circulated"
    assert PledgeSignature.objects.count() == 0


def test_in_force_cannot_be_forced_before_every_member_confirmed(block, circulated):
    with pytest.raises(DomainError) as error:
        services.set_pledge_status(circulated, PledgeStatus.IN_FORCE, actor=block.head)

    assert error.value.code == "not_all_confirmed"


def test_pledges_waiting_for_leader_lists_only_unconfirmed(
    block, circulated, django_assert_max_num_queries
):
    services.confirm_pledge(circulated, unit=block.unit_b, actor=block.leader_b)

    with django_assert_max_num_queries(2):
        waiting_c = list(selectors.pledges_waiting_for_leader(block.leader_c))
    waiting_b = list(selectors.pledges_waiting_for_leader(block.leader_b))

    assert waiting_c == [circulated]
    assert waiting_b == []


def test_head_edits_only_a_draft(block):
    pledge = services.create_pledge(
        group=block.group, year=2024, title="A", targets=["1"], actor=block.head
    )
    services.update_pledge(pledge, title="B", targets=["1", "2"], actor=block.head)
    services.circulate_pledge(pledge, actor=block.head)

    with pytest.raises(PermissionDenied):
        services.update_pledge(pledge, title="C", targets=["3"], actor=block.head)

    pledge.refresh_from_db()
    assert pledge.title == "B"
    assert [i.text for i in pledge.items.all()] == ["1", "2"]
