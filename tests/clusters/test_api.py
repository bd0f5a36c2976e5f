import datetime

import pytest
from rest_framework.test import APIClient

from accounts.enums import Role
from clusters.models import GroupMembership, GroupTerm, LineageEvent
from tests.conftest import make_user_with_role
from tests.factories.clusters import (
    EmulationGroupFactory,
    GroupMembershipFactory,
    GroupTermFactory,
    OrgUnitFactory,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def api(db):
    client = APIClient()
    officer = make_user_with_role(
        Role.EMULATION_OFFICER, OrgUnitFactory(code="HY-SNV", name="Sở Nội vụ")
    )
    client.force_authenticate(officer)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    return client


def _codes(response):
    return sorted(item["code"] for item in response.json()["results"])


def test_units_active_on_filter(api, reorganisation):
    before = api.get("/api/v1/units/", {"active_on": "2025-06-30", "page_size": 200})
    after = api.get("/api/v1/units/", {"active_on": "2025-07-01", "page_size": 200})

    assert "11956-2024" in _codes(before)
    assert "11953" not in _codes(before)
    assert _codes(after) == ["11953", "11983", "12322", "12322-2024", "HY-SNV"]


def test_units_predecessors_of_filter(api, reorganisation):
    pho_hien = reorganisation["new"]["11953"]

    response = api.get("/api/v1/units/", {"predecessors_of": pho_hien.pk})

    assert _codes(response) == [
        "11953",
        "11953-2024",
        "11956-2024",
        "11959-2024",
        "11962-2024",
        "11971-2024",
        "11974-2024",
    ]


def test_units_successors_of_filter(api, reorganisation):
    response = api.get("/api/v1/units/", {"successors_of": reorganisation["old"]["12322"].pk})

    assert _codes(response) == ["11983", "12322"]


def test_unit_lineage_action_lists_events_with_links(api, reorganisation):
    response = api.get(f"/api/v1/units/{reorganisation['new']['11983'].pk}/lineage/")

    event = response.json()[0]
    assert event["kind"] == "merge"
    assert event["effective_on"] == "2025-07-01"
    assert sorted(
        (link["unit"]["code"], link["role"], link["is_partial"]) for link in event["links"]
    ) == [
        ("11950-2024", "predecessor", False),
        ("11983", "successor", False),
        ("11983-2024", "predecessor", False),
        ("12322-2024", "predecessor", True),
        ("12331-2024", "predecessor", False),
        ("12334-2024", "predecessor", False),
    ]


def test_api_records_a_lineage_event(api):
    a, b, c = OrgUnitFactory(code="A"), OrgUnitFactory(code="B"), OrgUnitFactory(code="C")

    response = api.post(
        "/api/v1/units/lineage-events/",
        {
            "kind": "merge",
            "effective_on": "2025-07-01",
            "predecessors": [a.pk, b.pk],
            "successors": [c.pk],
        },
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["id"] == LineageEvent.objects.get().pk


def test_api_lineage_shape_error_in_common_format(api):
    a, c = OrgUnitFactory(code="A"), OrgUnitFactory(code="C")

    response = api.post(
        "/api/v1/units/lineage-events/",
        {
            "kind": "split",
            "effective_on": "2025-07-01",
            "predecessors": [a.pk],
            "successors": [c.pk],
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "non_field_errors": ["A split divides exactly one unit into two or more units."]
    }
    assert LineageEvent.objects.count() == 0


def test_api_unit_partial_update(api):
    unit = OrgUnitFactory(code="U1", name="Tên cũ")

    response = api.patch(f"/api/v1/units/{unit.pk}/", {"short_name": "Viết tắt"}, format="json")

    assert response.status_code == 200
    assert response.json()["short_name"] == "Viết tắt"
    assert response.json()["id"] == unit.pk


def test_groups_list_filters_by_kind_and_year(api, block):
    EmulationGroupFactory(code="CUM-1", kind="cluster", valid_from=datetime.date(2025, 7, 1))

    clusters = api.get("/api/v1/groups/", {"kind": "cluster"})
    in_2024 = api.get("/api/v1/groups/", {"year": 2024})

    assert _codes(clusters) == ["CUM-1"]
    assert _codes(in_2024) == ["HY-KHOI-TEST"]


def test_group_detail_carries_members_head_and_deputy_of_the_year(api, block):
    response = api.get(f"/api/v1/groups/{block.pk}/", {"year": 2025})

    body = response.json()
    assert body["id"] == block.pk
    assert body["year"] == 2025
    assert [m["unit"]["code"] for m in body["members"]] == ["HY-A", "HY-B", "HY-C"]
    assert (body["term"]["head"]["code"], body["term"]["deputy"]["code"]) == ("HY-A", "HY-B")


def test_group_detail_of_a_year_without_term(api, block):
    response = api.get(f"/api/v1/groups/{block.pk}/", {"year": 2030})

    assert (response.json()["members"], response.json()["term"]) == ([], None)


def test_group_detail_with_bad_year_is_a_400(api, block):
    response = api.get(f"/api/v1/groups/{block.pk}/", {"year": "abc"})

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["year"]


def test_api_one_group_per_level_error(api, block):
    other = EmulationGroupFactory(code="K2", name="Khối 2")

    response = api.post(
        f"/api/v1/groups/{other.pk}/members/",
        {"unit": block.units["member"].pk, "year": 2025},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"]["non_field_errors"] == [
        "Sở C already belongs to Khối thi đua thử nghiệm in 2025; a unit belongs to at most one "
        "cluster/block of each level in a year."
    ]
    assert GroupMembership.objects.filter(group=other).count() == 0


def test_api_set_term_and_remove_member(api, block):
    term = api.post(
        f"/api/v1/groups/{block.pk}/term/",
        {"year": 2025, "head_unit": block.units["member"].pk, "deputy_unit": None},
        format="json",
    )
    membership = GroupMembership.objects.get(group=block, unit=block.units["deputy"])
    removed = api.delete(f"/api/v1/groups/{block.pk}/members/{membership.pk}/")

    assert term.status_code == 200
    assert term.json()["term"]["head"]["code"] == "HY-C"
    assert removed.status_code == 204
    assert GroupMembership.objects.filter(group=block, year=2025).count() == 2


def test_api_copy_year(api, block):
    response = api.post("/api/v1/groups/copy-year/", {"from_year": 2025}, format="json")

    assert response.json() == {
        "from_year": 2025,
        "to_year": 2026,
        "memberships_created": 3,
        "terms_created": 1,
        "already_there": 0,
        "skipped": [],
    }
    assert GroupTerm.objects.filter(year=2026).count() == 1


def test_api_create_and_patch_group(api):
    created = api.post(
        "/api/v1/groups/",
        {"code": "K7", "name": "Khối 7", "kind": "block", "level": "provincial"},
        format="json",
    )
    patched = api.patch(
        f"/api/v1/groups/{created.json()['id']}/", {"name": "Khối bảy"}, format="json"
    )

    assert created.status_code == 201
    assert patched.json()["name"] == "Khối bảy"


@pytest.mark.parametrize("item_count", [1, 6])
def test_api_group_list_query_count_is_constant(api, item_count, django_assert_max_num_queries):
    for _ in range(item_count):
        group = EmulationGroupFactory()
        GroupMembershipFactory(group=group, year=2025)

    with django_assert_max_num_queries(4):
        response = api.get("/api/v1/groups/", {"year": 2025})

    assert response.json()["count"] == item_count


@pytest.mark.parametrize("item_count", [1, 6])
def test_api_group_detail_query_count_is_constant(api, item_count, django_assert_max_num_queries):
    group = EmulationGroupFactory()
    units = OrgUnitFactory.create_batch(item_count)
    for unit in units:
        GroupMembershipFactory(group=group, unit=unit, year=2025)
    GroupTermFactory(group=group, year=2025, head_unit=units[0])

    with django_assert_max_num_queries(5):
        response = api.get(f"/api/v1/groups/{group.pk}/", {"year": 2025})

    assert len(response.json()["members"]) == item_count


@pytest.mark.parametrize("item_count", [1, 6])
def test_api_units_predecessors_query_count_is_constant(
    api, item_count, django_assert_max_num_queries
):
    new = OrgUnitFactory(code="NEW")
    olds = OrgUnitFactory.create_batch(item_count + 1)
    from clusters import services

    services.record_lineage_event(
        kind="merge",
        effective_on=datetime.date(2025, 7, 1),
        predecessors=olds,
        successors=[new],
        actor=None,
    )

    with django_assert_max_num_queries(4):
        response = api.get("/api/v1/units/", {"predecessors_of": new.pk})

    assert response.json()["count"] == item_count + 2
