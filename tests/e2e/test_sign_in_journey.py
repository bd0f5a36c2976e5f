"""A unit officer signs in, reads the portal in Vietnamese, switches to English, signs out."""

import pytest
from playwright.sync_api import expect

from accounts.enums import Role

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


@pytest.mark.django_db(transaction=True)
def test_unit_officer_signs_in_switches_language_and_signs_out(
    live_server, page, sign_in, user_with_role, unit, password
):
    officer = user_with_role(Role.UNIT_OFFICER, unit, username="donvi-thu")
    console_errors = []
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))

    sign_in(officer.username, password)

    expect(page.locator("h1")).to_have_text("Việc của tôi")
    expect(page.locator("[data-testid=roles]")).to_contain_text("Cán bộ đơn vị")
    expect(page.locator("[data-testid=roles]")).to_contain_text(unit.name)
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    # The stylesheet really applied (a strict CSP silently drops what it blocks).
    navbar_color = page.locator(".portal-navbar").evaluate(
        "el => getComputedStyle(el).backgroundColor"
    )
    assert navbar_color == "rgb(179, 38, 30)"
    assert page.locator("[data-nav=audit]").count() == 0

    page.click("[data-testid=lang-en]")

    expect(page.locator("h1")).to_have_text("My work")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("[data-testid=roles]")).to_contain_text("Unit officer")

    page.click("[data-testid=sign-out]")

    expect(page.locator("h1")).to_have_text("You have signed out.")
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/")
    assert console_errors == []
