"""Cross-app fixtures: a user per role, each in a unit of their own."""

import pytest
from django.test import Client

from accounts.enums import Role
from tests.factories.accounts import PASSWORD, RoleAssignmentFactory, UserFactory
from tests.factories.clusters import OrgUnitFactory


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
