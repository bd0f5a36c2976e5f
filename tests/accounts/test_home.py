"""The "My work" home page: the user's roles, their menu and what is waiting for them."""

import datetime
import re

import pytest
from django.utils import translation

from accounts.enums import Role
from core import registry
from core.registry import WorkItem, register_work_provider
from tests.factories.accounts import RoleAssignmentFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

# Menu entries owned by core; other apps add their own, which these tests leave alone.
CORE_MENU = ("home", "audit", "api", "admin")
MENU_BY_ROLE = {
    Role.UNIT_OFFICER: ["home"],
    Role.UNIT_LEADER: ["home"],
    Role.GROUP_HEAD: ["home"],
    Role.EMULATION_OFFICER: ["home", "api"],
    Role.COUNCIL_MEMBER: ["home"],
    Role.LEADERSHIP: ["home"],
    Role.SYSTEM_ADMIN: ["home", "audit", "api"],
}
WORK_ITEM = WorkItem(
    title="Hồ sơ đề nghị khen thưởng chờ duyệt",
    url="/thu-nghiem/ho-so/",
    detail="Sở Thử nghiệm A",
    count=3,
)


@pytest.fixture
def work_provider():
    """Registers a provider that gives `WORK_ITEM` to the users in `for_users`, then removes it."""
    saved = list(registry._work_providers)
    for_users = set()

    def provider(user):
        return [WORK_ITEM] if user.pk in for_users else []

    register_work_provider(provider)
    yield for_users
    registry._work_providers[:] = saved


def core_menu(response):
    return [item["key"] for item in response.context["nav_items"] if item["key"] in CORE_MENU]


def html_menu(response):
    keys = re.findall(r'data-nav="([\w-]+)"', response.content.decode())
    return [key for key in keys if key in CORE_MENU]


def test_home_shows_roles_in_force_with_unit_names(client_for, user_with_role, unit, other_unit):
    user = user_with_role(Role.UNIT_OFFICER, unit, username="nguyen.van.a")
    RoleAssignmentFactory(user=user, unit=other_unit, role=Role.UNIT_LEADER)
    RoleAssignmentFactory(
        user=user, unit=other_unit, role=Role.GROUP_HEAD, valid_to=datetime.date(2024, 12, 31)
    )

    response = client_for(user).get("/")

    assert response.status_code == 200
    with translation.override("vi"):
        expected = [
            (str(Role.UNIT_LEADER.label), "Sở Thử nghiệm B"),
            (str(Role.UNIT_OFFICER.label), "Sở Thử nghiệm A"),
        ]
    assert response.context["roles"] == expected
    roles_html = re.search(
        r'data-testid="roles">(.*?)</ul>', response.content.decode(), re.S
    ).group(1)
    assert re.findall(r'<span class="text-muted">(.*?)</span>', roles_html) == [
        "Sở Thử nghiệm B",
        "Sở Thử nghiệm A",
    ]


def test_home_for_user_without_roles_says_so(client_for):
    response = client_for(UserFactory(username="chua.co.vai.tro")).get("/")

    assert response.context["roles"] == []
    assert 'data-testid="roles"' not in response.content.decode()


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_home_menu_shows_only_what_the_role_may_use(role, client_for, user_with_role, unit):
    user = user_with_role(role, unit)

    response = client_for(user).get("/")

    assert core_menu(response) == MENU_BY_ROLE[role]
    assert html_menu(response) == MENU_BY_ROLE[role]


def test_home_menu_never_shows_audit_or_api_to_unit_officer_even_if_staff(client_for, unit_officer):
    unit_officer.is_staff = True  # the admin entry follows the staff flag, not the role

    unit_officer.save()
    response = client_for(unit_officer).get("/")

    assert core_menu(response) == ["home", "admin"]
    assert html_menu(response) == ["home", "admin"]


def test_home_menu_shows_admin_only_to_staff(client_for, system_admin):
    system_admin.is_staff = True
    system_admin.save()

    response = client_for(system_admin).get("/")

    assert core_menu(response) == ["home", "audit", "api", "admin"]
    assert html_menu(response) == ["home", "audit", "api", "admin"]


def test_home_menu_marks_current_page_active(client_for, system_admin):
    response = client_for(system_admin).get("/audit/")

    active = [item["key"] for item in response.context["nav_items"] if item["active"]]
    assert active == ["audit"]


def test_home_shows_registered_work_item_to_its_user(work_provider, client_for, unit_officer):
    work_provider.add(unit_officer.pk)

    response = client_for(unit_officer).get("/")

    ours = [item for item in response.context["work_items"] if item.url == WORK_ITEM.url]
    assert ours == [WORK_ITEM]
    content = response.content.decode()
    assert f'<a href="/thu-nghiem/ho-so/">{WORK_ITEM.title}</a>' in content
    assert '<span class="badge text-bg-primary rounded-pill">3</span>' in content


def test_home_hides_work_item_from_other_users(
    work_provider, client_for, user_with_role, unit_officer, unit
):
    work_provider.add(unit_officer.pk)
    colleague = user_with_role(Role.UNIT_LEADER, unit)

    response = client_for(colleague).get("/")

    assert [item for item in response.context["work_items"] if item.url == WORK_ITEM.url] == []
    assert WORK_ITEM.title not in response.content.decode()


def test_home_work_provider_registered_twice_counts_once(work_provider, client_for, unit_officer):
    work_provider.add(unit_officer.pk)
    register_work_provider(registry._work_providers[-1])

    response = client_for(unit_officer).get("/")

    assert [item.url for item in response.context["work_items"]].count(WORK_ITEM.url) == 1
