import datetime

import pytest
from django.urls import reverse

from campaigns.enums import MovementStatus
from campaigns.models import Movement, MovementParticipation
from core.models import AuditEntry
from tests.factories.campaigns import MovementFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def movement_data(**overrides):
    data = {
        "name": "Đẩy mạnh thực hiện Dự án đường vành đai 4",
        "launcher_level": "province",
        "kind": "thematic",
        "start_year": "2023",
        "end_year": "2026",
        "start_date": "",
        "end_date": "",
        "objectives": "Giải phóng mặt bằng đúng tiến độ",
        "launch_document": "",
        "launched_on": "",
        "launcher_unit": "",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_officer_creates_a_movement_with_dates_typed_dd_mm_yyyy(block, client_en):
    response = client_en(block.emulation_officer).post(
        reverse("campaigns:movement-create"),
        movement_data(start_date="06/03/2024", end_date="31/12/2025"),
    )

    movement = Movement.objects.get()
    assert response.status_code == 302
    assert (movement.start_date, movement.end_date) == (
        datetime.date(2024, 3, 6),
        datetime.date(2025, 12, 31),
    )
    assert movement.period_label == "06/03/2024 – 31/12/2025"


def test_movement_form_reports_bad_dates_and_reversed_years(block, client_en):
    response = client_en(block.emulation_officer).post(
        reverse("campaigns:movement-create"),
        movement_data(start_date="2024/31/12", start_year="2026", end_year="2020"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "start_date": ["Enter a date as dd/mm/yyyy."],
        "end_year": ["The last year cannot be before the first year."],
    }
    assert Movement.objects.count() == 0


@pytest.mark.parametrize("who", ["officer_a", "leader_a", "head"])
def test_only_emulation_officers_create_movements(block, client_en, who):
    client = client_en(getattr(block, who))

    form = client.get(reverse("campaigns:movement-create"))
    post = client.post(reverse("campaigns:movement-create"), movement_data())

    assert (form.status_code, post.status_code) == (403, 403)
    assert Movement.objects.count() == 0


def test_everyone_signed_in_reads_movements(block, client_en):
    movement = MovementFactory(name="Cả nước chung sức xây dựng nông thôn mới")

    listing = client_en(block.officer_b).get(reverse("campaigns:movement-list"))
    detail = client_en(block.officer_b).get(
        reverse("campaigns:movement-detail", args=[movement.pk])
    )

    assert [m.name for m in listing.context["movements"]] == [movement.name]
    assert detail.status_code == 200
    assert detail.context["next_statuses"] == []


def test_status_buttons_launch_and_report_missing_document(block, client_en):
    movement = MovementFactory()
    client = client_en(block.emulation_officer)

    response = client.post(
        reverse("campaigns:movement-status", args=[movement.pk]),
        {"status": "launched"},
        follow=True,
    )

    movement.refresh_from_db()
    assert movement.status == MovementStatus.PLANNED
    assert [str(m) for m in response.context["messages"]] == [
        "Enter the launch document before launching the movement."
    ]


def test_participant_added_through_the_page(block, client_en):
    movement = MovementFactory()

    client_en(block.emulation_officer).post(
        reverse("campaigns:movement-participant-add", args=[movement.pk]),
        {"unit": block.unit_b.pk, "joined_on": "06/03/2024"},
    )

    assert list(MovementParticipation.objects.values_list("unit__code", "joined_on")) == [
        ("T-B", datetime.date(2024, 3, 6))
    ]


def test_movement_filter_by_year_running(block, client_en):
    old = MovementFactory(name="Cũ", start_year=2016, end_year=2020)
    current = MovementFactory(name="Hiện tại", start_year=2021, end_year=2025)
    open_ended = MovementFactory(name="Không thời hạn", start_year=None, end_year=None)

    response = client_en(block.officer_a).get(reverse("campaigns:movement-list"), {"year": 2024})

    assert {m.pk for m in response.context["movements"]} == {current.pk, open_ended.pk}
    assert old.pk not in {m.pk for m in response.context["movements"]}


@pytest.mark.parametrize("item_count", [1, 3])
def test_movement_list_query_count_is_constant(
    block, client_en, django_assert_max_num_queries, item_count
):
    for movement in MovementFactory.create_batch(item_count, launcher_unit=block.unit_a):
        MovementParticipation.objects.create(
            movement=movement, unit=block.unit_b, joined_on=datetime.date(2024, 3, 6)
        )
    client = client_en(block.officer_a)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("campaigns:movement-list"))

    assert len(response.context["movements"]) == item_count


@pytest.mark.parametrize("item_count", [1, 3])
def test_movement_detail_query_count_is_constant(
    block, client_en, django_assert_max_num_queries, item_count
):
    movement = MovementFactory()
    for unit in [block.unit_a, block.unit_b, block.unit_c][:item_count]:
        MovementParticipation.objects.create(
            movement=movement, unit=unit, joined_on=datetime.date(2024, 3, 6)
        )
    client = client_en(block.emulation_officer)

    with django_assert_max_num_queries(11):
        response = client.get(reverse("campaigns:movement-detail", args=[movement.pk]))

    assert len(response.context["participations"]) == item_count
    assert AuditEntry.objects.filter(action__startswith="campaigns.").count() == 0
