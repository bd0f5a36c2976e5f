"""The actor matrix: who may read and change units and groups, through pages and API.

Every denial also proves that nothing leaked (the block's members exist and are absent from
the answer) and nothing changed (no membership, unit or audit entry written)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from rest_framework.test import APIClient

from clusters import selectors
from clusters.models import GroupMembership, OrgUnit
from core.models import AuditEntry
from tests.clusters.conftest import ACTORS
from tests.factories.clusters import EmulationGroupFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MANAGERS = {"emulation_officer", "system_admin"}
SEES_BLOCK = {"officer_own_unit", "group_head", "emulation_officer", "leadership", "system_admin"}


def _org_audits():
    """Audit entries of this app (signing in writes its own)."""
    return list(
        AuditEntry.objects.filter(action__startswith="clusters.").values_list("action", flat=True)
    )


def _client(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _api(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.parametrize("actor", ACTORS)
def test_unit_list_is_readable_by_everyone_signed_in(actor, actor_for, block):
    response = _client(actor_for(actor)).get("/org/units/")

    expected = 302 if actor == "anonymous" else 200
    assert response.status_code == expected


@pytest.mark.parametrize("actor", ACTORS)
def test_group_page_is_visible_to_members_heads_and_province_readers(actor, actor_for, block):
    response = _client(actor_for(actor)).get(f"/org/groups/{block.pk}/?year=2025")

    if actor == "anonymous":
        assert response.status_code == 302
    elif actor in SEES_BLOCK:
        assert response.status_code == 200
        assert response.content.decode().count('data-member="') == 3
    else:
        assert response.status_code == 404
        assert "Sở A" not in response.content.decode()


@pytest.mark.parametrize("actor", ACTORS)
def test_group_list_shows_each_actor_only_visible_groups(actor, actor_for, block):
    EmulationGroupFactory(code="HY-KHOI-KHAC", name="Khối khác")
    user = actor_for(actor)

    response = _client(user).get("/org/groups/", {"year": 2025})

    if actor == "anonymous":
        assert response.status_code == 302
        return
    codes = [g.code for g, _term in response.context["rows"]]
    expected = {
        "officer_own_unit": ["HY-KHOI-TEST"],
        "officer_other_unit": [],
        "group_head": ["HY-KHOI-TEST"],
    }.get(actor, ["HY-KHOI-KHAC", "HY-KHOI-TEST"])
    assert sorted(codes) == expected


@pytest.mark.parametrize("actor", ACTORS)
def test_adding_a_member_is_for_managers_only(actor, actor_for, block, outsider_unit):
    user = actor_for(actor)

    response = _client(user).post(
        f"/org/groups/{block.pk}/members/add/", {"unit": outsider_unit.pk, "year": 2025}
    )

    added = GroupMembership.objects.filter(unit=outsider_unit).exists()
    if actor in MANAGERS:
        assert response.status_code == 302
        assert added is True
        assert _org_audits() == ["clusters.group_membership.created"]
    else:
        assert response.status_code in {302, 403, 404}
        if actor == "anonymous":
            assert response["Location"].startswith("/accounts/login/")
        assert added is False
        assert _org_audits() == []


@pytest.mark.parametrize("actor", ACTORS)
def test_creating_a_unit_is_for_managers_only(actor, actor_for, block):
    user = actor_for(actor)
    before = OrgUnit.objects.count()

    response = _client(user).post(
        "/org/units/new/", {"code": "NEW-1", "name": "Sở Mới", "unit_type": "department"}
    )

    created = OrgUnit.objects.filter(code="NEW-1").exists()
    if actor in MANAGERS:
        assert response.status_code == 302
        assert created is True
    else:
        assert response.status_code in {302, 403}
        assert created is False
        assert OrgUnit.objects.count() == before
        assert _org_audits() == []


@pytest.mark.parametrize("actor", ACTORS)
def test_import_page_is_for_managers_only(actor, actor_for, block):
    response = _client(actor_for(actor)).get("/org/import/")

    expected = 200 if actor in MANAGERS else (302 if actor == "anonymous" else 403)
    assert response.status_code == expected


@pytest.mark.parametrize("actor", ACTORS)
def test_api_group_detail_follows_the_same_visibility(actor, actor_for, block):
    response = _api(actor_for(actor)).get(f"/api/v1/groups/{block.pk}/", {"year": 2025})

    if actor == "anonymous":
        assert response.status_code == 401
    elif actor in SEES_BLOCK:
        assert response.status_code == 200
        assert [m["unit"]["code"] for m in response.json()["members"]] == ["HY-A", "HY-B", "HY-C"]
    else:
        assert response.status_code == 404
        assert "HY-A" not in response.content.decode()


@pytest.mark.parametrize("actor", ACTORS)
def test_api_add_member_is_for_managers_only(actor, actor_for, block, outsider_unit):
    response = _api(actor_for(actor)).post(
        f"/api/v1/groups/{block.pk}/members/", {"unit": outsider_unit.pk, "year": 2025}
    )

    added = GroupMembership.objects.filter(unit=outsider_unit).exists()
    if actor in MANAGERS:
        assert response.status_code == 201
        assert added is True
    else:
        assert response.status_code in {401, 403}
        assert added is False
        assert _org_audits() == []


@pytest.mark.parametrize("actor", ACTORS)
def test_api_unit_create_is_for_managers_only(actor, actor_for, block):
    response = _api(actor_for(actor)).post(
        "/api/v1/units/", {"code": "NEW-2", "name": "Sở Mới", "unit_type": "department"}
    )

    created = OrgUnit.objects.filter(code="NEW-2").exists()
    expected = 201 if actor in MANAGERS else (401 if actor == "anonymous" else 403)
    assert response.status_code == expected
    assert created is (actor in MANAGERS)
    if actor not in MANAGERS:
        assert _org_audits() == []


@pytest.mark.parametrize("actor", ACTORS)
def test_view_group_rule_agrees_with_the_selector(actor, actor_for, block):
    user = actor_for(actor) or AnonymousUser()

    allowed = user.has_perm("clusters.view_emulationgroup", block)
    visible = selectors.groups_for_user(user).filter(pk=block.pk).exists()

    assert allowed is (actor in SEES_BLOCK)
    assert visible is (actor in SEES_BLOCK)


MANAGER_PAGES = (
    "/org/units/new/",
    "/org/lineage/new/",
    "/org/groups/new/",
    "/org/groups/copy-year/",
    "/org/import/template/units.xlsx",
    "/org/export/memberships.csv",
)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("url", MANAGER_PAGES)
def test_management_pages_are_for_managers_only(actor, url, actor_for, block):
    response = _client(actor_for(actor)).get(url)

    expected = 200 if actor in MANAGERS else (302 if actor == "anonymous" else 403)
    assert response.status_code == expected
    if actor not in MANAGERS:
        assert "HY-A" not in response.content.decode()


@pytest.mark.parametrize("actor", ACTORS)
def test_copy_year_post_is_for_managers_only(actor, actor_for, block):
    response = _client(actor_for(actor)).post("/org/groups/copy-year/", {"from_year": 2025})

    copied = GroupMembership.objects.filter(year=2026).count()
    if actor in MANAGERS:
        assert (response.status_code, copied) == (200, 3)
    else:
        assert response.status_code in {302, 403}
        assert copied == 0
        assert _org_audits() == []
