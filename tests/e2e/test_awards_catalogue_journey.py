"""Home Affairs edits the rules kept as data — a cash coefficient, a required document, the
year's dossier deadline — and sees the new values; a unit officer reads the catalogue without
any edit link. Through the real pages, in Debian's Chromium."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from accounts.enums import Role
from awards.models import RequiredDocument, SubmissionDeadline
from core.models import AuditEntry
from tests.e2e.conftest import sign_out
from tests.factories.awards import award_type
from tests.factories.clusters import OrgUnitFactory

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

CERTIFICATE_ROW = "[data-testid=award-type-PROVINCIAL_CERTIFICATE]"


def open_catalogue_from_the_menu(page):
    # With one visible entry the section is a plain link rather than a drop-down.
    if page.locator("[data-nav-section=awards]").count():
        page.click("[data-nav-section=awards]")
    page.click("[data-nav=award-catalogue]")
    expect(page.locator("[data-testid=level-province]")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_officer_edits_the_rules_and_a_unit_officer_only_reads_them(
    live_server, page, page_errors, sign_in, user_with_role, unit, password
):
    officer = user_with_role(
        Role.EMULATION_OFFICER, OrgUnitFactory(code="HY-SNV-CAT"), username="noivu-catalogue"
    )
    reader = user_with_role(Role.UNIT_OFFICER, unit, username="donvi-catalogue")
    console_errors, failed_loads = page_errors

    sign_in(officer.username, password)
    open_catalogue_from_the_menu(page)
    expect(page.locator(CERTIFICATE_ROW)).to_contain_text("× 1,5 = 3.510.000 đ")

    # The individual cash coefficient of the provincial certificate of merit: 1,5 -> 1,75.
    page.click("[data-testid=edit-PROVINCIAL_CERTIFICATE]")
    page.fill("#id_coefficient_individual", "1,75")
    page.click("[data-testid=save]")
    expect(page.locator("[data-testid=award-type-name]")).to_have_text(
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    )
    expect(page.locator("[data-testid=amounts]")).to_contain_text("× 1,75 = 4.095.000 đ")

    # A document required from 01/01/2027.
    page.click("[data-testid=required-document-create]")
    page.select_option("#id_kind", "clearance")
    page.check("#id_per_nominee")
    page.fill("#id_valid_from", "01/01/2027")
    page.fill("#id_legal_basis", "Quyết định của UBND tỉnh")
    page.click("[data-testid=save]")
    document = RequiredDocument.objects.get(
        award_type__code="PROVINCIAL_CERTIFICATE", kind="clearance"
    )
    row = page.locator(f"[data-testid=document-{document.pk}]")
    expect(row).to_contain_text("01/01/2027")
    expect(row).to_have_attribute("data-in-force", "false")

    # The 2026 regular dossiers are due on 10/12/2026.
    page.click("[data-nav-section=awards]")
    page.click("[data-nav=dossier-deadlines]")
    page.click("[data-testid=deadline-create]")
    page.fill("#id_year", "2026")
    page.select_option("#id_method", "regular")
    page.fill("#id_due_on", "10/12/2026")
    page.click("[data-testid=save]")
    expect(page.locator("[data-testid=deadline-2026-regular] [data-testid=due-on]")).to_have_text(
        "10/12/2026"
    )

    page.click("[data-testid=tab-award-types]")
    expect(page.locator(CERTIFICATE_ROW)).to_contain_text("× 1,75 = 4.095.000 đ")
    sign_out(page)

    sign_in(reader.username, password)
    open_catalogue_from_the_menu(page)
    expect(page.locator(CERTIFICATE_ROW)).to_contain_text("× 1,75 = 4.095.000 đ")
    expect(page.locator("[data-testid^=edit-]")).to_have_count(0)
    expect(page.locator("[data-testid=award-type-create]")).to_have_count(0)
    page.click(f"{CERTIFICATE_ROW} a")
    expect(page.locator(f"[data-testid=document-{document.pk}]")).to_contain_text("01/01/2027")
    expect(page.locator("[data-testid=edit]")).to_have_count(0)
    expect(page.locator("[data-testid=required-document-create]")).to_have_count(0)
    expect(page.locator("form[action*='/documents/']")).to_have_count(0)

    assert award_type("PROVINCIAL_CERTIFICATE").coefficient_individual == Decimal("1.75")
    assert (document.per_nominee, document.valid_from, document.valid_to) == (
        True,
        datetime.date(2027, 1, 1),
        None,
    )
    assert SubmissionDeadline.objects.get(year=2026, method="regular").due_on == datetime.date(
        2026, 12, 10
    )
    assert list(
        AuditEntry.objects.filter(action__startswith="awards.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "awards.award_type.changed",
        "awards.required_document.changed",
        "awards.submission_deadline.changed",
    ]
    assert (console_errors, failed_loads) == ([], [])
