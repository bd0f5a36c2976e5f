"""Home Affairs drafts an award decision, adds approved nominees of an appraised dossier,
issues it with a number and a date, downloads the PDF and revokes one award with a reason.
Through the real pages, in Debian's Chromium."""

import pytest
from playwright.sync_api import expect

from accounts.enums import Role
from awards.models import AwardRecord, Decision
from core.models import AuditEntry
from tests.factories.awards import (
    AppraisedProposalFactory,
    ApprovedNomineeFactory,
)
from tests.factories.clusters import OrgUnitFactory

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

STATUS = "[data-testid=decision-status]"


def draft_and_fill(page, nominees):
    page.click("[data-nav-section=awards]")
    page.click("[data-nav=award-decisions]")
    page.click("[data-testid=decision-create]")
    page.select_option("#id_level", "province")
    page.fill("#id_title", "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm 2025")
    page.fill("#id_reason", "xuất sắc trong thực hiện nhiệm vụ năm 2025")
    page.click("[data-testid=save]")
    expect(page.locator(STATUS)).to_have_attribute("data-status", "draft")
    page.click("[data-testid=add-nominees]")
    for nominee in nominees:
        page.check(f"[data-testid=nominee-{nominee.pk}]")
    page.click("[data-testid=add-chosen]")
    expect(page.locator("[data-testid=line-row]")).to_have_count(len(nominees))
    return page.url


def issue(page):
    page.click("[data-testid=issue]")
    page.fill("#id_number", "7")
    page.fill("#id_decided_on", "20/12/2025")
    page.fill("#id_signer_name", "Trần Văn Quang")
    page.fill("#id_signer_title", "PHÓ CHỦ TỊCH")
    page.select_option("#id_signer_capacity", "KT.")
    page.click("[data-testid=issue-submit]")
    expect(page.locator(STATUS)).to_have_attribute("data-status", "issued")
    expect(page.locator("[data-testid=decision-number]")).to_have_text("07/QĐ-UBND")


def download_pdf(page):
    with page.expect_download() as download_info:
        page.click("[data-testid=decision-pdf]")
    download = download_info.value
    with open(download.path(), "rb") as handle:
        head = handle.read(5)
    return download.suggested_filename, head


def revoke(page, record, reason, detail_url):
    page.click(f"[data-line='{record.pk}'] [data-testid=revoke-line]")
    page.click("[data-testid=revoke-submit]")  # the browser asks for the reason first
    expect(page.locator("#id_reason:invalid")).to_have_count(1)
    page.fill("#id_reason", reason)
    page.click("[data-testid=revoke-submit]")
    page.wait_for_url(detail_url)
    expect(page.locator(f"[data-line='{record.pk}'] [data-testid=revoked]")).to_have_count(1)


@pytest.mark.django_db(transaction=True)
def test_decision_is_drafted_filled_issued_printed_and_one_award_revoked(
    live_server, page, page_errors, sign_in, user_with_role, password, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    officer = user_with_role(
        Role.EMULATION_OFFICER, OrgUnitFactory(code="HY-SNV-E2E"), username="noivu-e2e"
    )
    unit = OrgUnitFactory(code="HY-STC-E2E", name="Sở Tài chính tỉnh Hưng Yên")
    proposal = AppraisedProposalFactory(unit=unit, year=2025, created_by=officer)
    first = ApprovedNomineeFactory(
        proposal=proposal, name="Nguyễn Thị Minh", honorific="Bà", sort_order=1
    )
    second = ApprovedNomineeFactory(
        proposal=proposal, name="Trần Văn Hải", honorific="Ông", sort_order=2
    )
    console_errors, failed_loads = page_errors

    sign_in(officer.username, password)
    detail_url = draft_and_fill(page, [first, second])
    issue(page)
    assert download_pdf(page) == ("quyet-dinh-07-2025.pdf", b"%PDF-")
    record = AwardRecord.objects.get(nominee=second)
    revoke(page, record, "Kê khai không trung thực thành tích sáng kiến", detail_url)

    decision = Decision.objects.get()
    proposal.refresh_from_db()
    record.refresh_from_db()
    assert (decision.number_label, decision.signer_capacity) == ("07/QĐ-UBND", "KT.")
    assert proposal.status == "decided"
    assert record.revoked_reason == "Kê khai không trung thực thành tích sáng kiến"
    assert list(
        AuditEntry.objects.filter(action__startswith="awards.decision")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["awards.decision.created", "awards.decision.issued"]
    assert AuditEntry.objects.filter(action="awards.award_record.revoked").count() == 1
    assert (console_errors, failed_loads) == ([], [])
