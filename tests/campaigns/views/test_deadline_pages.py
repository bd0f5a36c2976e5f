import datetime

import pytest
from django.urls import reverse

from campaigns import audit_actions
from campaigns.models import RegistrationExtension, RegistrationWindow
from core.models import AuditEntry
from tests.factories.campaigns import RegistrationExtensionFactory, RegistrationWindowFactory
from tests.factories.clusters import OrgUnitFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_officer_sets_the_window_with_dd_mm_yyyy(block, client_en):
    response = client_en(block.emulation_officer).post(
        reverse("campaigns:window-create"),
        {"year": 2026, "opens_on": "02/01/2026", "deadline": "31/03/2026", "note": ""},
    )

    assert response.status_code == 302
    assert RegistrationWindow.objects.get().deadline == datetime.date(2026, 3, 31)
    assert AuditEntry.objects.filter(action=audit_actions.WINDOW_CREATED).count() == 1


def test_window_form_errors_are_clear(block, client_en):
    RegistrationWindowFactory(year=2026)

    response = client_en(block.emulation_officer).post(
        reverse("campaigns:window-create"),
        {"year": 2026, "opens_on": "02/01/2026", "deadline": "01/01/2026"},
    )

    assert response.context["form"].errors == {
        "deadline": ["The deadline cannot be before the opening."]
    }


def test_window_for_an_existing_year_is_refused_on_create(block, client_en):
    RegistrationWindowFactory(year=2026)

    response = client_en(block.emulation_officer).post(
        reverse("campaigns:window-create"),
        {"year": 2026, "opens_on": "02/01/2026", "deadline": "15/04/2026"},
    )

    assert response.context["form"].errors == {
        "year": ["This year already has a registration window."]
    }
    assert RegistrationWindow.objects.get().deadline == datetime.date(2026, 3, 31)


def test_window_edit_changes_the_deadline(block, client_en):
    RegistrationWindowFactory(year=2026)

    client_en(block.emulation_officer).post(
        reverse("campaigns:window-update", args=[2026]),
        {"year": 2030, "opens_on": "02/01/2026", "deadline": "10/04/2026"},
    )

    window = RegistrationWindow.objects.get()
    assert (window.year, window.deadline) == (2026, datetime.date(2026, 4, 10))


def test_officer_grants_an_extension_through_the_page(block, client_en, window_2024):
    response = client_en(block.emulation_officer).post(
        reverse("campaigns:extension-create"),
        {"unit": block.unit_c.pk, "year": 2024, "new_deadline": "15/04/2024", "reason": "Bão lũ"},
    )

    extension = RegistrationExtension.objects.get()
    assert response.status_code == 302
    assert (extension.unit, extension.new_deadline, extension.granted_by) == (
        block.unit_c,
        datetime.date(2024, 4, 15),
        block.emulation_officer,
    )


def test_extension_before_the_deadline_is_a_form_error(block, client_en, window_2024):
    response = client_en(block.emulation_officer).post(
        reverse("campaigns:extension-create"),
        {"unit": block.unit_c.pk, "year": 2024, "new_deadline": "30/03/2024", "reason": "x"},
    )

    assert response.context["form"].non_field_errors() == [
        "The new deadline must be after the general deadline (31/03/2024)."
    ]
    assert RegistrationExtension.objects.count() == 0


@pytest.mark.parametrize("who", ["officer_a", "leader_a", "head"])
@pytest.mark.parametrize(
    "name", ["campaigns:window-list", "campaigns:window-create", "campaigns:extension-list"]
)
def test_deadline_pages_are_for_emulation_officers(block, client_en, who, name):
    response = client_en(getattr(block, who)).get(reverse(name))

    assert response.status_code == 403


@pytest.mark.parametrize("item_count", [1, 3])
def test_deadline_lists_query_count_is_constant(
    block, client_en, django_assert_max_num_queries, item_count
):
    for index in range(item_count):
        RegistrationWindowFactory(year=2020 + index)
        RegistrationExtensionFactory(
            unit=OrgUnitFactory(), year=2020 + index, granted_by=block.emulation_officer
        )
    client = client_en(block.emulation_officer)

    with django_assert_max_num_queries(10):
        windows = client.get(reverse("campaigns:window-list"))
    with django_assert_max_num_queries(10):
        extensions = client.get(reverse("campaigns:extension-list"))

    assert (len(windows.context["windows"]), len(extensions.context["extensions"])) == (
        item_count,
        item_count,
    )
