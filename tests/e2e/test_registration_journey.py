"""A unit registers and sends; Home Affairs returns it with a reason; the unit corrects and
resends; Home Affairs approves. Through the real pages, in Debian's Chromium."""

import pytest
from playwright.sync_api import expect

from accounts.enums import Role
from campaigns.models import EmulationRegistration
from core.models import AuditEntry
from tests.e2e.conftest import sign_out
from tests.factories.clusters import OrgUnitFactory

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

STATUS = "[data-testid=registration-status]"


def add_person(page, index, name, title, position=""):
    """Click "Add a person" (HTMX) and fill the new row."""
    page.click("[data-testid=add-individual]")
    page.wait_for_selector(f"[name=individuals-{index}-full_name]")
    page.fill(f"[name=individuals-{index}-full_name]", name)
    page.fill(f"[name=individuals-{index}-position]", position)
    page.select_option(f"[name=individuals-{index}-target_title]", title)
    expect(page.locator("#id_individuals-TOTAL_FORMS")).to_have_value(str(index + 1))


def register_and_send(page):
    page.click("[data-nav-section=emulation]")
    page.click("[data-nav=registrations]")
    page.click("[data-testid=registration-create]")
    page.check("input[name=collective_titles][value=EXCELLENT_COLLECTIVE]")
    page.fill("#id_commitments", "Hoàn thành vượt mức các chỉ tiêu năm")
    add_person(page, 0, "Nguyễn Thị Minh", "GRASSROOTS_EMULATION_FIGHTER", "Chuyên viên")
    page.click("[data-testid=save]")
    expect(page.locator(STATUS)).to_have_attribute("data-status", "draft")
    expect(page.locator("[data-testid=individuals]")).to_contain_text("Nguyễn Thị Minh")
    page.click("[data-testid=send]")
    expect(page.locator(STATUS)).to_have_attribute("data-status", "sent")
    return page.url


def return_with_reason(page, detail_url):
    page.goto(detail_url)
    # The browser itself asks for the reason first (the field is required).
    page.click("[data-testid=return]")
    expect(page.locator("#id_reason:invalid")).to_have_count(1)
    page.fill("#id_reason", "Bổ sung chức vụ và một cá nhân đăng ký Lao động tiên tiến")
    page.click("[data-testid=return]")
    expect(page.locator(STATUS)).to_have_attribute("data-status", "returned")


def correct_and_resend(page, detail_url):
    page.goto(detail_url)
    expect(page.locator("[data-testid=return-reason]")).to_contain_text("Bổ sung chức vụ")
    page.click("[data-testid=edit]")
    add_person(page, 1, "Trần Văn Hải", "ADVANCED_WORKER")
    page.click("[data-testid=save]")
    expect(page.locator(STATUS)).to_have_attribute("data-status", "draft")
    expect(page.locator("[data-testid=individuals]")).to_contain_text("Trần Văn Hải")
    page.click("[data-testid=send]")
    expect(page.locator(STATUS)).to_have_attribute("data-status", "sent")


@pytest.mark.django_db(transaction=True)
def test_registration_is_sent_returned_corrected_and_approved(
    live_server, page, page_errors, sign_in, user_with_role, unit, password
):
    officer = user_with_role(Role.UNIT_OFFICER, unit, username="donvi-dangky")
    home_affairs = user_with_role(
        Role.EMULATION_OFFICER, OrgUnitFactory(code="HY-SNV-E2E"), username="noivu-e2e"
    )
    console_errors, failed_loads = page_errors

    sign_in(officer.username, password)
    detail_url = register_and_send(page)
    sign_out(page)
    sign_in(home_affairs.username, password)
    return_with_reason(page, detail_url)
    sign_out(page)
    sign_in(officer.username, password)
    correct_and_resend(page, detail_url)
    sign_out(page)
    sign_in(home_affairs.username, password)
    page.goto(detail_url)
    page.click("[data-testid=approve]")

    expect(page.locator(STATUS)).to_have_attribute("data-status", "approved")
    registration = EmulationRegistration.objects.get()
    assert list(registration.individuals.values_list("full_name", "target_title")) == [
        ("Nguyễn Thị Minh", "GRASSROOTS_EMULATION_FIGHTER"),
        ("Trần Văn Hải", "ADVANCED_WORKER"),
    ]
    assert list(
        AuditEntry.objects.filter(action__startswith="campaigns.registration")
        .order_by("id")
        .values_list("action", flat=True)
    ) == [
        "campaigns.registration.created",
        "campaigns.registration.sent",
        "campaigns.registration.returned",
        "campaigns.registration.reopened",
        "campaigns.registration.changed",
        "campaigns.registration.sent",
        "campaigns.registration.approved",
    ]
    assert (console_errors, failed_loads) == ([], [])
