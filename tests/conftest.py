"""Cross-app fixtures: a user per role, each in a unit of their own."""

import pytest
from django.test import Client

from accounts.enums import Role
from tests.factories.accounts import PASSWORD, RoleAssignmentFactory, UserFactory
from tests.factories.awards import seed_catalogue
from tests.factories.clusters import OrgUnitFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Rows that data migrations seed (the award catalogue) are wiped by every transactional
    test's flush, and --reuse-db keeps the emptied tables: put them back once per session."""
    with django_db_blocker.unblock():
        seed_catalogue()


@pytest.fixture(autouse=True)
def _seeded_rows_in_transactional_tests(request):
    """A transactional test starts from the tables the previous one flushed: seed them again."""
    marker = request.node.get_closest_marker("django_db")
    if (
        "transactional_db" in request.fixturenames
        or "live_server" in request.fixturenames
        or (marker is not None and marker.kwargs.get("transaction"))
    ):
        request.getfixturevalue("transactional_db")
        seed_catalogue()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def unit(db):
    return OrgUnitFactory(code="HY-TEST-A", name="Sở Thử nghiệm A")


@pytest.fixture
def other_unit(db):
    return OrgUnitFactory(code="HY-TEST-B", name="Sở Thử nghiệm B")


def make_user_with_role(role, unit, username=None):
    user = UserFactory(username=username or f"{role}-{unit.code}".lower())
    RoleAssignmentFactory(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def user_with_role(db):
    """`user_with_role(Role.X, unit)` -> a user holding that role in that unit."""
    return make_user_with_role


@pytest.fixture
def unit_officer(unit):
    return make_user_with_role(Role.UNIT_OFFICER, unit)


@pytest.fixture
def system_admin(db):
    return make_user_with_role(Role.SYSTEM_ADMIN, OrgUnitFactory(code="HY-SNV", name="Sở Nội vụ"))


@pytest.fixture
def client_for():
    """`client_for(user)` -> a Django test client signed in as that user."""

    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make
