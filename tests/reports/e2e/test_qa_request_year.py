"""QA: a head of 2025 who is not head any more asks for their group's 2025 review.

The request page lists the groups of the year it was opened with (this year): changing the
year left the list empty, so the 2025 head could not choose their group at all."""

import pytest
from playwright.sync_api import expect

from accounts.enums import Role
from reports.models import ReportRun
from tests.conftest import make_user_with_role
from tests.factories.accounts import PASSWORD
from tests.reports.conftest import build_province

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


@pytest.fixture
def head_2025(transactional_db, private_root):
    """Head of the block in 2025 only (build_province: Sở Nội vụ heads it in 2025)."""
    province = build_province()
    make_user_with_role(Role.GROUP_HEAD, province.units["B1"], username="truong-khoi-2025")
    return province


def test_changing_the_year_lists_that_years_groups(head_2025, sign_in, live_server):
    page = sign_in("truong-khoi-2025", PASSWORD)
    page.goto(f"{live_server.url}/reports/new/?year=2026")
    expect(page.locator("#id_group option")).to_have_count(1)

    page.select_option("#id_kind", "group_final")
    page.fill("#id_year", "2025")
    page.locator("#id_year").dispatch_event("change")
    expect(page.locator("#id_group option")).to_have_count(2)
    page.select_option("#id_group", label=head_2025.block.name)
    page.click("[data-testid=request-form] button[type=submit]")

    expect(page.locator("[data-testid=report-status]")).to_be_visible()
    run = ReportRun.objects.get()
    assert (run.kind, run.year, run.group) == ("group_final", 2025, head_2025.block)
