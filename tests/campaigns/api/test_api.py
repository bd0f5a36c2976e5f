import pytest
from rest_framework.test import APIClient

from campaigns import audit_actions
from campaigns.enums import RegistrationStatus
from core.models import AuditEntry
from tests.factories.campaigns import IndividualFactory, MovementFactory, RegistrationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def api_for():
    def make(user=None):
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


def test_movements_list_and_detail_carry_ids(block, api_for):
    movement = MovementFactory(
        name="Vì người nghèo - không để ai bị bỏ lại phía sau", start_year=2021
    )

    listing = api_for(block.officer_a).get("/api/v1/movements/")
    detail = api_for(block.officer_a).get(f"/api/v1/movements/{movement.pk}/")

    assert listing.status_code == 200
    assert listing.json()["count"] == 1
    assert listing.json()["results"][0]["id"] == movement.pk
    assert detail.json()["name"] == "Vì người nghèo - không để ai bị bỏ lại phía sau"
    assert detail.json()["launcher_level_label"] == "Provincial People's Committee"


def test_movements_filter_by_status(block, api_for):
    MovementFactory(status="running")
    planned = MovementFactory(status="planned")

    response = api_for(block.officer_a).get("/api/v1/movements/", {"status": "planned"})

    assert [m["id"] for m in response.json()["results"]] == [planned.pk]


def test_registrations_list_shows_only_visible_ones(block, api_for):
    own = RegistrationFactory(unit=block.unit_b)
    RegistrationFactory(unit=block.unit_a)

    response = api_for(block.officer_b).get("/api/v1/registrations/")

    assert [r["id"] for r in response.json()["results"]] == [own.pk]


def test_registrations_filters_year_unit_status_movement(block, api_for):
    movement = MovementFactory()
    wanted = RegistrationFactory(
        unit=block.unit_a, year=2024, movement=movement, status=RegistrationStatus.SENT
    )
    RegistrationFactory(unit=block.unit_a, year=2024, status=RegistrationStatus.SENT)
    RegistrationFactory(
        unit=block.unit_b, year=2024, movement=movement, status=RegistrationStatus.SENT
    )
    RegistrationFactory(
        unit=block.unit_a, year=2023, movement=movement, status=RegistrationStatus.SENT
    )
    client = api_for(block.emulation_officer)

    response = client.get(
        "/api/v1/registrations/",
        {"year": 2024, "unit": block.unit_a.pk, "status": "sent", "movement": movement.pk},
    )

    assert [r["id"] for r in response.json()["results"]] == [wanted.pk]


def test_registration_detail_has_individuals(block, api_for):
    registration = RegistrationFactory(unit=block.unit_a, commitments="Cam kết")
    person = IndividualFactory(registration=registration, full_name="Đào Văn Đức")

    response = api_for(block.officer_a).get(f"/api/v1/registrations/{registration.pk}/")

    body = response.json()
    assert body["id"] == registration.pk
    assert body["commitments"] == "Cam kết"
    assert body["individuals"] == [
        {
            "id": person.pk,
            "full_name": "Đào Văn Đức",
            "position": "Chuyên viên",
            "target_title": "ADVANCED_WORKER",
        }
    ]


def test_registration_of_another_unit_is_404_in_the_api(block, api_for):
    registration = RegistrationFactory(unit=block.unit_a, commitments="Bí mật")

    detail = api_for(block.officer_b).get(f"/api/v1/registrations/{registration.pk}/")
    send = api_for(block.officer_b).post(f"/api/v1/registrations/{registration.pk}/send/")

    registration.refresh_from_db()
    assert (detail.status_code, send.status_code) == (404, 404)
    assert "Bí mật" not in detail.content.decode()
    assert registration.status == RegistrationStatus.DRAFT
    assert AuditEntry.objects.count() == 0


def test_api_send_return_resend_approve(block, api_for):
    registration = RegistrationFactory(unit=block.unit_a)
    unit_client = api_for(block.officer_a)
    officer_client = api_for(block.emulation_officer)
    base = f"/api/v1/registrations/{registration.pk}"

    sent = unit_client.post(f"{base}/send/")
    returned = officer_client.post(f"{base}/return/", {"reason": "Bổ sung cá nhân"}, format="json")
    registration.refresh_from_db()
    registration.status = RegistrationStatus.DRAFT  # the unit edits it on the page (reopen)
    registration.save()
    resent = unit_client.post(f"{base}/send/")
    approved = officer_client.post(f"{base}/approve/")

    assert (sent.json()["status"], returned.json()["status"]) == ("sent", "returned")
    assert returned.json()["return_reason"] == "Bổ sung cá nhân"
    assert (resent.json()["status"], approved.json()["status"]) == ("sent", "approved")
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        audit_actions.REGISTRATION_SENT,
        audit_actions.REGISTRATION_RETURNED,
        audit_actions.REGISTRATION_SENT,
        audit_actions.REGISTRATION_APPROVED,
    ]


def test_api_return_without_reason_is_a_validation_error(block, api_for):
    registration = RegistrationFactory(unit=block.unit_a, status=RegistrationStatus.SENT)

    response = api_for(block.emulation_officer).post(
        f"/api/v1/registrations/{registration.pk}/return/", {}, format="json"
    )

    registration.refresh_from_db()
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"reason": ["This field is required."]}
    assert registration.status == RegistrationStatus.SENT


def test_api_invalid_transition_is_a_400_with_the_rule(block, api_for):
    registration = RegistrationFactory(unit=block.unit_a, collective_titles=[])

    response = api_for(block.officer_a).post(f"/api/v1/registrations/{registration.pk}/send/")

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "non_field_errors": [
            "Choose at least one target title or add an individual before sending."
        ]
    }


@pytest.mark.parametrize(
    ("who", "action", "expected"),
    [
        ("officer_a", "approve", 403),
        ("officer_a", "return", 403),
        ("head", "send", 403),
        ("head", "approve", 403),
        ("emulation_officer", "send", 403),
        (None, "send", 401),
    ],
)
def test_api_actions_permissions(block, api_for, who, action, expected):
    status = RegistrationStatus.DRAFT if action == "send" else RegistrationStatus.SENT
    registration = RegistrationFactory(unit=block.unit_a, status=status)
    client = api_for(getattr(block, who) if who else None)

    response = client.post(
        f"/api/v1/registrations/{registration.pk}/{action}/", {"reason": "x"}, format="json"
    )

    registration.refresh_from_db()
    assert response.status_code == expected
    assert registration.status == status
    assert AuditEntry.objects.count() == 0


@pytest.mark.parametrize("item_count", [1, 3])
def test_api_lists_query_count_is_constant(
    block, api_for, django_assert_max_num_queries, item_count
):
    movements = MovementFactory.create_batch(item_count)
    for movement in [None, *movements[1:]]:
        registration = RegistrationFactory(unit=block.unit_a, movement=movement)
        IndividualFactory.create_batch(2, registration=registration)
    client = api_for(block.officer_a)

    with django_assert_max_num_queries(4):
        registrations = client.get("/api/v1/registrations/")
    with django_assert_max_num_queries(2):
        movement_list = client.get("/api/v1/movements/")

    assert registrations.json()["count"] == item_count
    assert movement_list.json()["count"] == item_count


@pytest.mark.parametrize("item_count", [1, 3])
def test_api_details_query_count_is_constant(
    block, api_for, django_assert_max_num_queries, item_count
):
    registration = RegistrationFactory(unit=block.unit_a)
    IndividualFactory.create_batch(item_count, registration=registration)
    movement = MovementFactory()
    client = api_for(block.officer_a)

    with django_assert_max_num_queries(3):
        detail = client.get(f"/api/v1/registrations/{registration.pk}/")
    with django_assert_max_num_queries(1):
        client.get(f"/api/v1/movements/{movement.pk}/")

    assert len(detail.json()["individuals"]) == item_count
