import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from campaigns import work
from campaigns.enums import PledgeStatus, RegistrationStatus
from core.registry import work_items
from tests.factories.campaigns import (
    PledgeFactory,
    RegistrationExtensionFactory,
    RegistrationFactory,
    RegistrationWindowFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def english():
    """Work items are built in the active language; these tests read the English msgids."""
    with translation.override("en"):
        yield


@pytest.fixture
def in_march_2024():
    with time_machine.travel(datetime.datetime(2024, 3, 10, 9, tzinfo=HANOI), tick=False):
        yield


def campaign_titles(user):
    return [
        (i.title, i.detail) for i in work_items(user) if set(i.tags) & {"registration", "pledge"}
    ]


def test_unit_officer_is_reminded_of_an_unsent_registration(block, in_march_2024):
    RegistrationWindowFactory(year=2024)

    assert campaign_titles(block.officer_a) == [
        ("Registration for 2024 not yet sent (deadline 31/03/2024)", "Huyện Thử A")
    ]


def test_reminder_shows_the_extended_deadline_and_returned_state(block, in_march_2024):
    RegistrationWindowFactory(year=2024)
    RegistrationExtensionFactory(
        unit=block.unit_b, year=2024, new_deadline=datetime.date(2024, 4, 20)
    )
    RegistrationFactory(
        unit=block.unit_a, status=RegistrationStatus.RETURNED, return_reason="Thiếu"
    )

    assert campaign_titles(block.officer_b) == [
        ("Registration for 2024 not yet sent (deadline 20/04/2024)", "Huyện Thử B")
    ]
    assert campaign_titles(block.officer_a) == [
        ("Registration for 2024 returned: correct and send it again", "Huyện Thử A – Thiếu")
    ]


def test_no_reminder_once_sent(block, in_march_2024):
    RegistrationWindowFactory(year=2024)
    RegistrationFactory(unit=block.unit_a, status=RegistrationStatus.SENT)

    assert campaign_titles(block.officer_a) == []


def test_emulation_officer_sees_the_number_waiting(block, in_march_2024):
    RegistrationFactory(unit=block.unit_a, status=RegistrationStatus.SENT)
    RegistrationFactory(unit=block.unit_b, status=RegistrationStatus.SENT)
    RegistrationFactory(unit=block.unit_c, status=RegistrationStatus.APPROVED)

    items = [i for i in work_items(block.emulation_officer) if "registration" in i.tags]

    assert [(i.title, i.count, i.url) for i in items] == [
        (
            "2 registrations waiting for approval",
            2,
            reverse("campaigns:registration-list") + "?status=sent",
        )
    ]


def test_leader_sees_a_pledge_waiting_for_confirmation(block, in_march_2024):
    pledge = PledgeFactory(group=block.group, status=PledgeStatus.CIRCULATED)

    assert [(i.title, i.url) for i in work_items(block.leader_b) if "pledge" in i.tags] == [
        (
            "Pledge waiting for your confirmation",
            reverse("campaigns:pledge-detail", args=[pledge.pk]),
        )
    ]
    assert [i for i in work_items(block.officer_b) if "pledge" in i.tags] == []


@pytest.mark.parametrize(
    ("who", "count"),
    [("officer_a", 4), ("emulation_officer", 1), ("leader_b", 5), ("head", 0)],
)
def test_work_providers_cost_a_bounded_number_of_queries(
    block, in_march_2024, django_assert_max_num_queries, who, count
):
    RegistrationWindowFactory(year=2024)
    PledgeFactory(group=block.group, status=PledgeStatus.CIRCULATED)
    user = getattr(block, who)
    providers = (
        work.unit_registration_work,
        work.officer_registration_work,
        work.leader_pledge_work,
    )
    work_items(user)  # warm the roles cache, as the request does before the home page

    with django_assert_max_num_queries(count):
        for provider in providers:
            provider(user)


def test_home_page_shows_the_reminder(block, client_en, in_march_2024):
    RegistrationWindowFactory(year=2024)

    response = client_en(block.officer_a).get(reverse("core:home"))

    assert "Registration for 2024 not yet sent (deadline 31/03/2024)" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "keys"),
    [
        ("officer_a", ["movements", "registrations", "pledges"]),
        ("head", ["movements", "registrations", "pledges"]),
        ("emulation_officer", ["movements", "registrations", "pledges", "registration-windows"]),
    ],
)
def test_menu_shows_campaign_entries_by_role(block, client_en, who, keys):
    response = client_en(getattr(block, who)).get(reverse("core:home"))

    campaign_keys = [
        item["key"]
        for item in response.context["nav_items"]
        if item["url"].startswith("/campaigns/")
    ]
    assert campaign_keys == keys
