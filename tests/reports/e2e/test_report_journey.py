"""Home Affairs asks for the province's final review, watches it render (HTMX polling of
the status fragment), and downloads the PDF. Through the real pages, in Debian's Chromium."""

import pytest
from playwright.sync_api import expect

from accounts.enums import Role
from reports.enums import ReportKind, ReportStatus
from reports.models import ReportRun
from tests.conftest import make_user_with_role
from tests.factories.accounts import PASSWORD
from tests.factories.reports import ReportRunFactory
from tests.reports.conftest import build_province

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

STATUS = "[data-testid=report-status]"


@pytest.fixture
def officer(transactional_db, private_root):
    province = build_province()
    return make_user_with_role(Role.EMULATION_OFFICER, province.units["B1"], username="tdkt-e2e")


def test_officer_requests_a_report_and_downloads_the_pdf(officer, sign_in, live_server):
    page = sign_in("tdkt-e2e", PASSWORD)

    page.click("[data-nav=reports]")
    page.click("[data-testid=request-report]")
    page.select_option("#id_kind", ReportKind.PROVINCE_FINAL)
    page.fill("#id_year", "2025")
    page.click("[data-testid=request-form] button[type=submit]")
    expect(page.locator(STATUS)).to_contain_text("100%", timeout=30_000)
    with page.expect_download() as download:
        page.click("[data-testid=download-pdf]")

    run = ReportRun.objects.get()
    assert run.status == ReportStatus.DONE
    assert download.value.suggested_filename == "province_final-2025.pdf"
    with open(download.value.path(), "rb") as handle:
        assert handle.read()[:5] == b"%PDF-"


def test_status_fragment_refreshes_itself_until_the_report_is_ready(officer, sign_in, live_server):
    run = ReportRunFactory(kind=ReportKind.FORM_0601, status=ReportStatus.RUNNING, progress=30)
    page = sign_in("tdkt-e2e", PASSWORD)
    page.goto(f"{live_server.url}/reports/{run.pk}/")
    expect(page.locator(f"{STATUS} progress")).to_have_attribute("value", "30")

    ReportRun.objects.filter(pk=run.pk).update(status=ReportStatus.RUNNING, progress=80)
    expect(page.locator(f"{STATUS} progress")).to_have_attribute("value", "80", timeout=10_000)
    ReportRun.objects.filter(pk=run.pk).update(status=ReportStatus.DONE, progress=100)

    expect(page.locator(f"{STATUS} progress")).to_have_attribute("value", "100", timeout=10_000)
    expect(page.locator(STATUS)).not_to_have_attribute("hx-trigger", "every 2s")
