import pytest
from django.urls import reverse

from campaigns import audit_actions
from campaigns.enums import PledgeStatus
from campaigns.models import EmulationPledge, PledgeSignature
from core.models import AuditEntry
from tests.factories.campaigns import GroupFactory, PledgeFactory, PledgeItemFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_head_drafts_a_pledge_through_the_page(block, client_en):
    client = client_en(block.head)

    form = client.get(reverse("campaigns:pledge-create"))
    response = client.post(
        reverse("campaigns:pledge-create"),
        {
            "term": f"{block.group.pk}:2024",
            "title": "Giao ước thi đua năm 2024",
            "targets": "Tăng trưởng 8%\n\nGiải ngân 100% vốn",
        },
    )

    pledge = EmulationPledge.objects.get()
    assert form.context["form"].fields["term"].choices == [
        (f"{block.group.pk}:2024", "Khối thi đua thử nghiệm – 2024")
    ]
    assert response["Location"] == reverse("campaigns:pledge-detail", args=[pledge.pk])
    assert [i.text for i in pledge.items.all()] == ["Tăng trưởng 8%", "Giải ngân 100% vốn"]


def test_pledge_form_refuses_a_term_the_user_does_not_head(block, client_en):
    other = GroupFactory(code="T-OTHER")

    response = client_en(block.head).post(
        reverse("campaigns:pledge-create"),
        {"term": f"{other.pk}:2024", "title": "X", "targets": "Y"},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["term"]
    assert EmulationPledge.objects.count() == 0


def test_leaders_confirm_one_by_one_on_the_page(block, client_en):
    pledge = PledgeFactory(group=block.group, status=PledgeStatus.CIRCULATED)
    PledgeItemFactory(pledge=pledge)

    for leader, unit in (
        (block.leader_a, block.unit_a),
        (block.leader_b, block.unit_b),
        (block.leader_c, block.unit_c),
    ):
        client = client_en(leader)
        page = client.get(reverse("campaigns:pledge-detail", args=[pledge.pk]))
        assert page.context["confirmable_units"] == [unit]
        client.post(reverse("campaigns:pledge-confirm", args=[pledge.pk]), {"unit": unit.pk})

    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.IN_FORCE
    assert AuditEntry.objects.filter(action=audit_actions.PLEDGE_CONFIRMED).count() == 3


def test_leader_cannot_confirm_for_another_unit(block, client_en):
    pledge = PledgeFactory(group=block.group, status=PledgeStatus.CIRCULATED)

    response = client_en(block.leader_a).post(
        reverse("campaigns:pledge-confirm", args=[pledge.pk]), {"unit": block.unit_b.pk}
    )

    assert response.status_code == 403
    assert PledgeSignature.objects.count() == 0
    assert AuditEntry.objects.filter(action__startswith="campaigns.").count() == 0


def test_outsider_gets_404_for_a_pledge(block, client_en):
    pledge = PledgeFactory(group=block.group, title="Giao ước bí mật")

    response = client_en(block.officer_outsider).get(
        reverse("campaigns:pledge-detail", args=[pledge.pk])
    )
    listing = client_en(block.officer_outsider).get(reverse("campaigns:pledge-list"))

    assert response.status_code == 404
    assert list(listing.context["pledges"]) == []


def test_head_circulates_from_the_page(block, client_en):
    pledge = PledgeFactory(group=block.group)
    PledgeItemFactory(pledge=pledge)

    client_en(block.head).post(reverse("campaigns:pledge-circulate", args=[pledge.pk]))
    denied = client_en(block.leader_b).post(reverse("campaigns:pledge-circulate", args=[pledge.pk]))

    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.CIRCULATED
    assert denied.status_code == 403


@pytest.mark.parametrize("item_count", [1, 3])
def test_pledge_list_query_count_is_constant(
    block, client_en, django_assert_max_num_queries, item_count
):
    for year in range(2024, 2024 + item_count):
        PledgeFactory(group=block.group, year=year)
    client = client_en(block.emulation_officer)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("campaigns:pledge-list"))

    assert len(response.context["pledges"]) == item_count


@pytest.mark.parametrize("item_count", [1, 3])
def test_pledge_detail_query_count_is_constant(
    block, client_en, django_assert_max_num_queries, item_count
):
    pledge = PledgeFactory(group=block.group, status=PledgeStatus.CIRCULATED)
    PledgeItemFactory.create_batch(item_count, pledge=pledge)
    leaders = [(block.leader_a, block.unit_a), (block.leader_b, block.unit_b)][: item_count - 1]
    for leader, unit in leaders:
        PledgeSignature.objects.create(
            pledge=pledge, unit=unit, user=leader, signed_at="2024-03-20T09:00:00+07:00"
        )
    client = client_en(block.leader_c)

    with django_assert_max_num_queries(17):
        response = client.get(reverse("campaigns:pledge-detail", args=[pledge.pk]))

    assert len(response.context["members"]) == 3


@pytest.mark.parametrize("value", ["", "abc", "99999999"])
def test_confirm_with_a_bad_unit_is_404(block, client_en, value):
    pledge = PledgeFactory(group=block.group, status=PledgeStatus.CIRCULATED)

    response = client_en(block.leader_b).post(
        reverse("campaigns:pledge-confirm", args=[pledge.pk]), {"unit": value}
    )

    assert response.status_code == 404
    assert PledgeSignature.objects.count() == 0


@pytest.mark.parametrize(
    ("who", "expected"), [("emulation_officer", "closed"), ("head", "in_force")]
)
def test_only_home_affairs_closes_a_pledge_in_force(block, client_en, who, expected):
    pledge = PledgeFactory(group=block.group, status=PledgeStatus.IN_FORCE)

    client_en(getattr(block, who)).post(reverse("campaigns:pledge-close", args=[pledge.pk]))

    pledge.refresh_from_db()
    assert pledge.status == expected
    assert AuditEntry.objects.filter(action=audit_actions.PLEDGE_CLOSED).count() == (
        1 if expected == "closed" else 0
    )
