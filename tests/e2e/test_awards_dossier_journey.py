"""A unit prepares an award dossier online and submits it; Home Affairs receives it and returns
it with a reason; the unit corrects and resubmits; Home Affairs approves the nominee and
finishes the appraisal. Through the real pages, in Debian's Chromium."""

import pytest
from playwright.sync_api import expect

from accounts.enums import Role
from awards.models import AwardType, Proposal
from core.models import AuditEntry
from tests.e2e.conftest import sign_out
from tests.factories.clusters import OrgUnitFactory

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

STATUS = "[data-testid=proposal-status]"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload_first_missing(page, name):
    page.locator("[data-testid=missing-file]").first.set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": PDF}
    )
    page.locator("[data-testid=missing-upload]").first.click()


def prepare_and_submit(page):
    page.click("[data-nav-section=awards]")
    page.click("[data-nav=award-proposals]")
    page.click("[data-testid=proposal-create]")
    page.fill("#id_title", "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2025")
    page.fill("#id_submission_number", "45/TTr-UBND")
    page.fill("#id_submission_date", "25/11/2025")
    page.fill("#id_year", "2025")
    page.click("[data-testid=save]")
    expect(page.locator(STATUS)).to_have_attribute("data-status", "draft")
    certificate = AwardType.objects.get(code="PROVINCIAL_CERTIFICATE")
    page.click("[data-testid=nominee-form-toggle]")
    page.select_option("[data-testid=nominee-form] #id_award_type", str(certificate.pk))
    page.select_option("[data-testid=nominee-form] #id_subject_type", "individual")
    page.fill("[data-testid=nominee-form] #id_name", "Phạm Văn Hùng")
    page.select_option("[data-testid=nominee-form] #id_honorific", "Ông")
    page.fill("[data-testid=nominee-form] #id_position", "Trưởng phòng Kinh tế")
    page.select_option("[data-testid=nominee-form] #id_individual_category", "department_leader")
    page.click("[data-testid=nominee-save]")
    expect(page.locator("[data-testid=nominees]")).to_contain_text("Phạm Văn Hùng")
    expect(page.locator("[data-testid=missing-item]")).to_have_count(2)
    upload_first_missing(page, "to-trinh.pdf")
    expect(page.locator("[data-testid=missing-item]")).to_have_count(1)
    upload_first_missing(page, "bao-cao-thanh-tich.pdf")
    expect(page.locator("[data-testid=documents-complete]")).to_have_count(1)
    page.click("[data-testid=submit]")
    expect(page.locator(STATUS)).to_have_attribute("data-status", "submitted")
    return page.url


def receive_and_return(page, detail_url):
    page.goto(detail_url)
    page.click("[data-testid=receive]")
    expect(page.locator(STATUS)).to_have_attribute("data-status", "under_appraisal")
    page.click("[data-testid=return]")
    expect(page.locator("#id_reason:invalid")).to_have_count(1)
    page.fill("#id_reason", "Báo cáo thành tích chưa có xác nhận của thủ trưởng đơn vị")
    page.click("[data-testid=return]")
    expect(page.locator(STATUS)).to_have_attribute("data-status", "returned")


def correct_and_resubmit(page):
    page.click("[data-nav-section=awards]")
    page.click("[data-nav=award-proposals]")
    page.locator("[data-testid=proposal-row] a").first.click()
    expect(page.locator("[data-testid=return-reason]")).to_contain_text("chưa có xác nhận")
    page.locator("[data-testid=document-row]", has_text="bao-cao-thanh-tich.pdf").locator(
        "[data-testid=document-remove]"
    ).click()
    expect(page.locator("[data-testid=missing-item]")).to_have_count(1)
    upload_first_missing(page, "bao-cao-thanh-tich-co-xac-nhan.pdf")
    expect(page.locator("[data-testid=documents-complete]")).to_have_count(1)
    page.click("[data-testid=submit]")
    expect(page.locator(STATUS)).to_have_attribute("data-status", "submitted")


def approve_and_finish(page, detail_url):
    page.goto(detail_url)
    page.click("[data-testid=receive]")
    expect(page.locator(STATUS)).to_have_attribute("data-status", "under_appraisal")
    page.click("[data-testid=appraise]")
    expect(page.locator("[data-testid=nominee-row]")).to_have_attribute("data-status", "approved")
    page.click("[data-testid=finish]")
    expect(page.locator(STATUS)).to_have_attribute("data-status", "appraised")


@pytest.mark.django_db(transaction=True)
def test_dossier_is_submitted_returned_corrected_and_appraised(
    live_server, page, page_errors, sign_in, user_with_role, unit, password
):
    officer = user_with_role(Role.UNIT_OFFICER, unit, username="donvi-hoso")
    home_affairs = user_with_role(
        Role.EMULATION_OFFICER, OrgUnitFactory(code="HY-SNV-E2E"), username="noivu-hoso"
    )
    console_errors, failed_loads = page_errors

    sign_in(officer.username, password)
    detail_url = prepare_and_submit(page)
    sign_out(page)
    sign_in(home_affairs.username, password)
    receive_and_return(page, detail_url)
    sign_out(page)
    sign_in(officer.username, password)
    correct_and_resubmit(page)
    sign_out(page)
    sign_in(home_affairs.username, password)
    approve_and_finish(page, detail_url)

    proposal = Proposal.objects.get()
    assert (proposal.status, proposal.return_reason, proposal.appraiser) == (
        "appraised",
        "",
        home_affairs,
    )
    assert list(proposal.documents.order_by("kind").values_list("original_name", flat=True)) == [
        "bao-cao-thanh-tich-co-xac-nhan.pdf",
        "to-trinh.pdf",
    ]
    assert list(
        AuditEntry.objects.filter(action__startswith="awards.proposal")
        .order_by("id")
        .values_list("action", flat=True)
    ) == [
        "awards.proposal.created",
        "awards.proposal.submitted",
        "awards.proposal.received",
        "awards.proposal.returned",
        "awards.proposal.submitted",
        "awards.proposal.received",
        "awards.proposal.appraised",
    ]
    assert (console_errors, failed_loads) == ([], [])
