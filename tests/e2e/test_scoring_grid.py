"""A cluster head scores member units in the grid with the keyboard only: values are
saved as each cell changes, the unit totals and the progress update, and a score far from
the self-score asks for a reason before it is saved."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.enums import Role
from scoring.enums import PhaseKind, Stage
from scoring.models import ScoreLine
from tests.conftest import make_user_with_role
from tests.factories.clusters import (
    EmulationGroupFactory,
    GroupMembershipFactory,
    GroupTermFactory,
    OrgUnitFactory,
)
from tests.factories.scoring import (
    CriteriaSetFactory,
    PhaseFactory,
    ScoreLineFactory,
    ScoreSheetFactory,
)
from tests.scoring.conftest import build_tree

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


@pytest.mark.django_db(transaction=True)
def test_head_fills_the_grid_with_the_keyboard_and_sees_totals_update(
    live_server, page, sign_in, password, settings
):
    today = timezone.localdate()
    group = EmulationGroupFactory(code="KTT-E2E", name="Khối thi đua E2E")
    units = [OrgUnitFactory(code=f"E2E-{i}", name=f"Sở E2E {i}") for i in range(3)]
    for unit in units:
        GroupMembershipFactory(group=group, unit=unit, year=today.year)
    GroupTermFactory(group=group, year=today.year, head_unit=units[0])
    criteria_set = CriteriaSetFactory(group=group, year=today.year, discrepancy_margin=Decimal(2))
    PhaseFactory(
        criteria_set=criteria_set,
        kind=PhaseKind.HEAD_SCORING,
        starts_on=today - datetime.timedelta(days=3),
        ends_on=today + datetime.timedelta(days=3),
    )
    c = build_tree(criteria_set)
    sheet = ScoreSheetFactory(criteria_set=criteria_set, unit=units[2])
    ScoreLineFactory(sheet=sheet, criterion=c["2.1"], stage=Stage.SELF, value=Decimal(38))
    head = make_user_with_role(Role.GROUP_HEAD, units[0], "truong-khoi-e2e")
    script_errors, failed = [], []
    # Chromium also logs every 4xx answer as a console error; those are checked below.
    page.on(
        "console",
        lambda msg: msg.type == "error"
        and not msg.text.startswith("Failed to load resource")
        and script_errors.append(msg.text),
    )
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    page.on(
        "response",
        lambda r: r.status >= 400
        and not r.url.endswith("favicon.ico")
        and failed.append((r.url.removeprefix(live_server.url), r.status)),
    )

    sign_in(head.username, password)
    page.goto(f"{live_server.url}/scoring/{criteria_set.pk}/grid/")
    expect(page.locator("[data-testid=grid-progress]")).to_have_text("0 / 21")
    # The head's own unit is scored by the deputy: its column is read-only here.
    expect(page.locator("[data-testid=cell-1\\.1-0]")).to_have_attribute("readonly", "")

    page.locator("[data-testid=cell-1\\.1-1]").click()
    page.keyboard.type("8")
    page.keyboard.press("Enter")  # down to 1.2, saving 1.1
    page.keyboard.type("5")
    page.keyboard.press("Tab")  # right to unit 2 on 1.2, saving unit 1's 1.2
    expect(page.locator("[data-testid=total-1]")).to_have_text("13.00")
    expect(page.locator("[data-testid=grid-progress]")).to_have_text("2 / 21")

    page.keyboard.type("10")
    page.keyboard.press("ArrowDown")  # 1.3 of unit 2
    page.keyboard.press("ArrowDown")  # 2.1 of unit 2 (the group row II is skipped)
    page.keyboard.type("30")
    page.keyboard.press("ArrowUp")  # leaving the cell saves it: 30 is far from the self-score 38
    expect(page.locator("[data-testid=grid-reason]")).to_be_visible()
    expect(page.locator("#grid-reason-input")).to_be_focused()
    page.keyboard.type("Thiếu minh chứng một phần")
    page.keyboard.press("Enter")

    expect(page.locator("[data-testid=total-2]")).to_have_text("40.00")
    expect(page.locator("[data-testid=grid-reason]")).to_be_hidden()
    expect(page.locator("[data-testid=grid-progress]")).to_have_text("4 / 21")
    head_lines = {
        (line.sheet.unit.code, line.criterion.code): (line.value, line.reason)
        for line in ScoreLine.objects.filter(stage=Stage.HEAD).select_related(
            "sheet__unit", "criterion"
        )
    }
    assert head_lines == {
        ("E2E-1", "1.1"): (Decimal(8), ""),
        ("E2E-1", "1.2"): (Decimal(5), ""),
        ("E2E-2", "1.2"): (Decimal(10), ""),
        ("E2E-2", "2.1"): (Decimal(30), "Thiếu minh chứng một phần"),
    }
    assert script_errors == []
    # The only refused request: the cell saved without the required reason.
    assert failed == [(f"/scoring/{criteria_set.pk}/grid/cell/", 400)]


@pytest.mark.django_db(transaction=True)
def test_unit_officer_self_assessment_autosaves_each_field(
    live_server, page, sign_in, password, settings
):
    today = timezone.localdate()
    group = EmulationGroupFactory(code="KTT-E2E-S", name="Khối tự chấm E2E")
    unit = OrgUnitFactory(code="E2E-S", name="Sở tự chấm E2E")
    GroupMembershipFactory(group=group, unit=unit, year=today.year)
    criteria_set = CriteriaSetFactory(group=group, year=today.year)
    PhaseFactory(
        criteria_set=criteria_set,
        kind=PhaseKind.SELF_ASSESSMENT,
        starts_on=today - datetime.timedelta(days=3),
        ends_on=today + datetime.timedelta(days=3),
    )
    criterion = build_tree(criteria_set)["1.1"]
    officer = make_user_with_role(Role.UNIT_OFFICER, unit, "tu-cham-e2e")

    sign_in(officer.username, password)
    page.goto(f"{live_server.url}/scoring/{criteria_set.pk}/units/{unit.pk}/")
    page.locator("[data-testid=self-value-1\\.1]").fill("17,5")
    page.keyboard.press("Tab")
    expect(page.locator(f"#version-{criterion.pk}")).to_have_value("1")
    page.keyboard.type("Đạt 87,5% kế hoạch")
    page.keyboard.press("Tab")

    # Each saved field hands back the line's new version (out-of-band swap).
    expect(page.locator(f"#version-{criterion.pk}")).to_have_value("2")
    expect(page.locator("[data-testid=save-status]")).to_have_class("small text-success")
    page.reload()
    expect(page.locator("[data-testid=self-value-1\\.1]")).to_have_value("17.50")
    line = ScoreLine.objects.get(stage=Stage.SELF)
    assert (line.value, line.comment, line.version) == (Decimal("17.5"), "Đạt 87,5% kế hoạch", 2)
