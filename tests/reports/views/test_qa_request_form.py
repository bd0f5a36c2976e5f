"""QA: the request form says one thing per mistake.

A cluster/block that is not on the user's list (another group, a changed id) was answered
with two errors under the field: "Select a valid choice…" and "Choose the cluster/block."."""

import pytest

from accounts.enums import Role
from reports.models import ReportRun
from tests.conftest import make_user_with_role

pytestmark = pytest.mark.integration


def test_a_group_not_on_the_list_gets_one_error(province, client_for):
    head = make_user_with_role(Role.GROUP_HEAD, province.units["B1"], username="truong-khoi")

    response = client_for(head).post(
        "/reports/new/",
        {"kind": "group_final", "year": "2025", "group": str(province.cluster.pk)},
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["group"]
    assert len(errors) == 1
    assert "Choose the cluster/block." not in errors
    assert not ReportRun.objects.exists()


def test_no_group_at_all_still_asks_for_one(province, client_for):
    head = make_user_with_role(Role.GROUP_HEAD, province.units["B1"], username="truong-khoi")

    response = client_for(head).post("/reports/new/", {"kind": "group_final", "year": "2025"})

    assert response.context["form"].errors["group"] == ["Chọn Cụm, Khối thi đua."]
