"""/api/v1/reports/: the same visibility as the pages, paginated, a fixed number of queries."""

import pytest

from accounts.enums import Role
from tests.conftest import make_user_with_role
from tests.factories.clusters import OrgUnitFactory
from tests.factories.reports import GroupReportRunFactory, ReportRunFactory

pytestmark = pytest.mark.integration


def test_api_lists_only_the_reports_the_caller_may_see(province, client_for):
    block = GroupReportRunFactory(group=province.block)
    GroupReportRunFactory(group=province.cluster)
    ReportRunFactory()
    head = make_user_with_role(Role.GROUP_HEAD, province.units["B1"], username="api-head")

    response = client_for(head).get("/api/v1/reports/")

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [block.pk]
    assert response.json()["results"][0]["group_code"] == "KHOI-TH"


def test_api_detail_of_an_invisible_report_is_404(province, client_for):
    hidden = ReportRunFactory()
    outsider = make_user_with_role(
        Role.UNIT_OFFICER, OrgUnitFactory(code="HY-X", name="Đơn vị X"), username="api-out"
    )

    response = client_for(outsider).get(f"/api/v1/reports/{hidden.pk}/")

    assert response.status_code == 404
    assert str(hidden.pk) not in response.content.decode()


@pytest.mark.parametrize("item_count", [1, 3])
def test_api_list_query_count_is_constant(
    item_count, province, client_for, django_assert_num_queries
):
    GroupReportRunFactory.create_batch(item_count, group=province.block)
    reader = make_user_with_role(
        Role.LEADERSHIP, OrgUnitFactory(code="HY-UBND", name="UBND tỉnh"), username="api-lead"
    )
    client = client_for(reader)

    with django_assert_num_queries(8):
        response = client.get("/api/v1/reports/?scope=group&year=2025")

    assert response.json()["count"] == item_count
