import pytest
from django.urls import reverse

from campaigns.enums import RegistrationStatus
from campaigns.models import EmulationRegistration
from core.models import AuditEntry
from tests.factories.campaigns import IndividualFactory, MovementFactory, RegistrationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SECRET_COMMITMENT = "Cam kết nội bộ chưa công bố 42"


def url(name, registration):
    return reverse(f"campaigns:registration-{name}", args=[registration.pk])


def edit_payload(titles=("ADVANCED_COLLECTIVE",), people=()):
    data = {
        "collective_titles": list(titles),
        "commitments": "Cam kết mới",
        "individuals-TOTAL_FORMS": str(len(people)),
        "individuals-INITIAL_FORMS": "0",
        "individuals-MIN_NUM_FORMS": "0",
        "individuals-MAX_NUM_FORMS": "1000",
    }
    for index, (name, position, title) in enumerate(people):
        data[f"individuals-{index}-full_name"] = name
        data[f"individuals-{index}-position"] = position
        data[f"individuals-{index}-target_title"] = title
    return data


def perform(client, action, registration):
    if action == "view":
        return client.get(url("detail", registration))
    if action == "edit_form":
        return client.get(url("update", registration))
    if action == "edit":
        return client.post(url("update", registration), edit_payload())
    if action == "send":
        return client.post(url("send", registration))
    if action == "approve":
        return client.post(url("approve", registration))
    if action == "return":
        return client.post(url("return", registration), {"reason": "Thiếu hồ sơ"})
    raise AssertionError(action)


STATE_FOR_ACTION = {
    "view": RegistrationStatus.DRAFT,
    "edit_form": RegistrationStatus.DRAFT,
    "edit": RegistrationStatus.DRAFT,
    "send": RegistrationStatus.DRAFT,
    "approve": RegistrationStatus.SENT,
    "return": RegistrationStatus.SENT,
}
AFTER_SUCCESS = {
    "edit": RegistrationStatus.DRAFT,
    "send": RegistrationStatus.SENT,
    "approve": RegistrationStatus.APPROVED,
    "return": RegistrationStatus.RETURNED,
}
ACTIONS = list(STATE_FOR_ACTION)

# Who gets what, for a registration of their own scope ("own") or outside it ("other").
# own: officer/leader of unit A → A's registration; head of the block → A's (a member's);
# emulation officer → any. other: a unit outside the block.
EXPECTED = {
    ("anonymous", "own"): dict.fromkeys(ACTIONS, 302),
    ("officer_a", "own"): {
        "view": 200,
        "edit_form": 200,
        "edit": 302,
        "send": 302,
        "approve": 403,
        "return": 403,
    },
    ("officer_a", "other"): dict.fromkeys(ACTIONS, 404),
    ("leader_a", "own"): {
        "view": 200,
        "edit_form": 200,
        "edit": 302,
        "send": 302,
        "approve": 403,
        "return": 403,
    },
    ("leader_a", "other"): dict.fromkeys(ACTIONS, 404),
    ("officer_b", "other"): dict.fromkeys(ACTIONS, 404),
    ("head", "own"): {
        "view": 200,
        "edit_form": 403,
        "edit": 403,
        "send": 403,
        "approve": 403,
        "return": 403,
    },
    ("head", "other"): dict.fromkeys(ACTIONS, 404),
    ("emulation_officer", "own"): {
        "view": 200,
        "edit_form": 403,
        "edit": 403,
        "send": 403,
        "approve": 302,
        "return": 302,
    },
    ("emulation_officer", "other"): {
        "view": 200,
        "edit_form": 403,
        "edit": 403,
        "send": 403,
        "approve": 302,
        "return": 302,
    },
}
MATRIX = [(who, scope, action) for (who, scope) in EXPECTED for action in ACTIONS]


@pytest.mark.parametrize(("who", "scope", "action"), MATRIX)
def test_registration_permission_matrix(block, client_en, who, scope, action):
    unit = block.unit_a if scope == "own" else block.outsider_unit
    if who == "officer_b":
        unit = block.unit_a  # B's officer looking at A's registration, a member of the same block
    registration = RegistrationFactory(
        unit=unit, status=STATE_FOR_ACTION[action], commitments=SECRET_COMMITMENT
    )
    IndividualFactory(registration=registration, full_name="Người Bí Mật")
    client = client_en(None if who == "anonymous" else getattr(block, who))

    response = perform(client, action, registration)

    expected = EXPECTED[(who, scope)][action]
    registration.refresh_from_db()
    assert response.status_code == expected
    if who == "anonymous":
        assert response["Location"].startswith("/accounts/login/")
    if expected in (302, 200) and who != "anonymous":
        if action in AFTER_SUCCESS:
            assert registration.status == AFTER_SUCCESS[action]
            assert AuditEntry.objects.filter(target_id=str(registration.pk)).count() >= 1
        else:
            assert SECRET_COMMITMENT in response.content.decode()
        return
    # Denied: nothing leaked, nothing changed, nothing audited.
    assert SECRET_COMMITMENT not in response.content.decode()
    assert "Người Bí Mật" not in response.content.decode()
    assert registration.status == STATE_FOR_ACTION[action]
    assert registration.commitments == SECRET_COMMITMENT
    assert AuditEntry.objects.filter(action__startswith="campaigns.").count() == 0


def test_other_unit_registration_is_404_and_absent_from_list(block, client_en):
    own = RegistrationFactory(unit=block.unit_b, commitments="Của B")
    theirs = RegistrationFactory(unit=block.unit_a, commitments=SECRET_COMMITMENT)
    client = client_en(block.officer_b)

    detail = client.get(url("detail", theirs))
    listing = client.get(reverse("campaigns:registration-list"))

    assert detail.status_code == 404
    assert [r.pk for r in listing.context["registrations"]] == [own.pk]
    assert SECRET_COMMITMENT not in listing.content.decode()


def test_head_sees_registrations_of_the_block_only(block, client_en):
    regs = [RegistrationFactory(unit=u) for u in (block.unit_a, block.unit_b, block.unit_c)]
    RegistrationFactory(unit=block.outsider_unit)
    RegistrationFactory(unit=block.unit_b, year=2025)  # not a member in 2025

    response = client_en(block.head).get(reverse("campaigns:registration-list"))

    assert sorted(r.pk for r in response.context["registrations"]) == sorted(r.pk for r in regs)


def test_create_registration_page_saves_titles_and_individuals(block, client_en):
    data = edit_payload(
        titles=["EXCELLENT_COLLECTIVE"],
        people=[("Nguyễn Thị Hoa", "Phó Chủ tịch", "GRASSROOTS_EMULATION_FIGHTER")],
    )
    data.update({"unit": block.unit_a.pk, "year": 2024, "movement": ""})

    response = client_en(block.officer_a).post(reverse("campaigns:registration-create"), data)

    registration = EmulationRegistration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", registration)
    assert registration.collective_titles == ["EXCELLENT_COLLECTIVE"]
    assert list(registration.individuals.values_list("full_name", "position", "target_title")) == [
        ("Nguyễn Thị Hoa", "Phó Chủ tịch", "GRASSROOTS_EMULATION_FIGHTER")
    ]


def test_create_registration_for_a_unit_not_ones_own_is_a_form_error(block, client_en):
    data = edit_payload()
    data.update({"unit": block.unit_b.pk, "year": 2024})

    response = client_en(block.officer_a).post(reverse("campaigns:registration-create"), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "unit": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert EmulationRegistration.objects.count() == 0


def test_duplicate_registration_shows_a_translated_message(block, client_en):
    RegistrationFactory(unit=block.unit_a, year=2024)
    data = edit_payload()
    data.update({"unit": block.unit_a.pk, "year": 2024})

    response = client_en(block.officer_a).post(reverse("campaigns:registration-create"), data)

    assert response.context["form"].non_field_errors() == [
        "This unit has already registered for 2024."
    ]


def test_individual_row_missing_title_is_reported_on_that_row(block, client_en):
    registration = RegistrationFactory(unit=block.unit_a)
    data = edit_payload(people=[("Ai đó", "", "")])

    response = client_en(block.officer_a).post(url("update", registration), data)

    assert response.status_code == 200
    assert response.context["formset"].errors == [{"target_title": ["This field is required."]}]
    assert registration.individuals.count() == 0


def test_deleted_rows_are_dropped_on_save(block, client_en):
    registration = RegistrationFactory(unit=block.unit_a)
    data = edit_payload(
        people=[("Giữ lại", "", "ADVANCED_WORKER"), ("Bỏ đi", "", "ADVANCED_WORKER")]
    )
    data["individuals-1-DELETE"] = "on"

    client_en(block.officer_a).post(url("update", registration), data)

    assert list(registration.individuals.values_list("full_name", flat=True)) == ["Giữ lại"]


def test_return_without_reason_shows_the_error_and_changes_nothing(block, client_en):
    registration = RegistrationFactory(unit=block.unit_a, status=RegistrationStatus.SENT)

    response = client_en(block.emulation_officer).post(url("return", registration), {"reason": ""})

    registration.refresh_from_db()
    assert response.status_code == 400
    assert response.context["return_form"].errors == {
        "reason": ["Give the reason for returning the registration."]
    }
    assert registration.status == RegistrationStatus.SENT
    assert AuditEntry.objects.filter(action__startswith="campaigns.").count() == 0


def test_sending_an_empty_registration_shows_the_rule_as_a_message(block, client_en):
    registration = RegistrationFactory(unit=block.unit_a, collective_titles=[])

    response = client_en(block.officer_a).post(url("send", registration), follow=True)

    registration.refresh_from_db()
    assert [str(m) for m in response.context["messages"]] == [
        "Choose at least one target title or add an individual before sending."
    ]
    assert registration.status == RegistrationStatus.DRAFT


def test_individual_row_endpoint_returns_row_and_out_of_band_counters(block, client_en):
    response = client_en(block.officer_a).get(
        reverse("campaigns:registration-individual-row") + "?index=2", HTTP_HX_REQUEST="true"
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="individuals-2-full_name"' in body
    assert 'name="individuals-2-target_title"' in body
    assert 'id="id_individuals-TOTAL_FORMS" value="3" hx-swap-oob="true"' in body
    assert "?index=3" in body


def test_individual_row_endpoint_refuses_silly_index(block, client_en):
    response = client_en(block.officer_a).get(
        reverse("campaigns:registration-individual-row") + "?index=abc"
    )

    assert response.status_code == 404


def test_list_filters_by_status_and_late(block, client_en):
    sent_late = RegistrationFactory(unit=block.unit_a, status=RegistrationStatus.SENT, is_late=True)
    RegistrationFactory(unit=block.unit_b, status=RegistrationStatus.SENT)
    RegistrationFactory(unit=block.unit_c, status=RegistrationStatus.DRAFT)

    response = client_en(block.emulation_officer).get(
        reverse("campaigns:registration-list"), {"status": "sent", "is_late": "true"}
    )

    assert [r.pk for r in response.context["registrations"]] == [sent_late.pk]


def test_list_with_invalid_filter_shows_nothing_and_a_warning(block, client_en):
    RegistrationFactory(unit=block.unit_a)

    response = client_en(block.emulation_officer).get(
        reverse("campaigns:registration-list"), {"status": "nonsense"}
    )

    assert list(response.context["registrations"]) == []
    assert "Correct the filter: some values are not valid." in response.content.decode()


@pytest.mark.parametrize("item_count", [1, 3])
@pytest.mark.parametrize("who", ["emulation_officer", "officer_a", "head"])
def test_registration_list_query_count_is_constant(
    block, client_en, django_assert_max_num_queries, item_count, who
):
    # Officer A and the head both see every registration of unit A in 2024.
    for movement in [None, *MovementFactory.create_batch(item_count - 1)]:
        registration = RegistrationFactory(unit=block.unit_a, year=2024, movement=movement)
        IndividualFactory.create_batch(2, registration=registration)
    client = client_en(getattr(block, who))

    with django_assert_max_num_queries(12):
        response = client.get(reverse("campaigns:registration-list"))

    assert len(response.context["registrations"]) == item_count


@pytest.mark.parametrize("item_count", [1, 3])
def test_registration_detail_query_count_is_constant(
    block, client_en, django_assert_max_num_queries, item_count
):
    registration = RegistrationFactory(unit=block.unit_a)
    IndividualFactory.create_batch(item_count, registration=registration)
    client = client_en(block.officer_a)

    with django_assert_max_num_queries(12):
        response = client.get(url("detail", registration))

    assert len(response.context["individuals"]) == item_count
