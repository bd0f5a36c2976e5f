"""An emulation officer manages a block's members in the browser: HTMX swaps the panel."""

import pytest

from accounts.enums import Role
from clusters.models import GroupMembership
from tests.conftest import make_user_with_role
from tests.factories.accounts import PASSWORD
from tests.factories.clusters import OrgUnitFactory

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


@pytest.mark.django_db(transaction=True)
def test_officer_adds_a_member_without_reloading_and_sees_the_rule(live_server, page, block):
    officer = make_user_with_role(Role.EMULATION_OFFICER, OrgUnitFactory(code="HY-SNV"))
    newcomer = OrgUnitFactory(code="HY-N", name="Sở Mới")
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", officer.username)
    page.fill("#id_password", PASSWORD)
    page.click("[data-testid=sign-in]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/org/groups/{block.pk}/?year=2025")
    page.evaluate("window.notReloaded = true")
    page.select_option("#group-panel select[name=unit]", str(newcomer.pk))
    page.click("#group-panel form[hx-post$='/members/add/'] button")
    page.wait_for_selector("tr[data-member='HY-N']")

    assert page.evaluate("window.notReloaded") is True
    assert page.locator("tr[data-member]").count() == 4
    assert GroupMembership.objects.filter(group=block, unit=newcomer, year=2025).count() == 1

    page.select_option("#group-panel select[name=unit]", str(newcomer.pk))
    page.click("#group-panel form[hx-post$='/members/add/'] button")
    page.wait_for_selector("[data-testid=panel-error]")

    assert page.locator("tr[data-member]").count() == 4
