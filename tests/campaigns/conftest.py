"""A block of three units for 2024 (A heads it), with one user per role."""

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.test import Client

from accounts.enums import Role
from tests.conftest import make_user_with_role
from tests.factories.campaigns import (
    GroupFactory,
    MembershipFactory,
    RegistrationWindowFactory,
    TermFactory,
)
from tests.factories.clusters import OrgUnitFactory


@dataclass
class Block:
    group: object
    unit_a: object
    unit_b: object
    unit_c: object
    outsider_unit: object
    officer_a: object
    officer_b: object
    officer_outsider: object
    leader_a: object
    leader_b: object
    leader_c: object
    head: object
    emulation_officer: object


@pytest.fixture
def block(db):
    unit_a = OrgUnitFactory(code="T-A", name="Huyện Thử A")
    unit_b = OrgUnitFactory(code="T-B", name="Huyện Thử B")
    unit_c = OrgUnitFactory(code="T-C", name="Huyện Thử C")
    outsider = OrgUnitFactory(code="T-X", name="Sở Ngoài Khối")
    group = GroupFactory(code="T-KHOI", name="Khối thi đua thử nghiệm")
    for unit in (unit_a, unit_b, unit_c):
        MembershipFactory(group=group, unit=unit, year=2024)
    TermFactory(group=group, year=2024, head_unit=unit_a, deputy_unit=unit_b)
    snv = OrgUnitFactory(code="T-SNV", name="Sở Nội vụ thử nghiệm")
    return Block(
        group=group,
        unit_a=unit_a,
        unit_b=unit_b,
        unit_c=unit_c,
        outsider_unit=outsider,
        officer_a=make_user_with_role(Role.UNIT_OFFICER, unit_a, "officer-a"),
        officer_b=make_user_with_role(Role.UNIT_OFFICER, unit_b, "officer-b"),
        officer_outsider=make_user_with_role(Role.UNIT_OFFICER, outsider, "officer-x"),
        leader_a=make_user_with_role(Role.UNIT_LEADER, unit_a, "leader-a"),
        leader_b=make_user_with_role(Role.UNIT_LEADER, unit_b, "leader-b"),
        leader_c=make_user_with_role(Role.UNIT_LEADER, unit_c, "leader-c"),
        head=make_user_with_role(Role.GROUP_HEAD, unit_a, "head-a"),
        emulation_officer=make_user_with_role(Role.EMULATION_OFFICER, snv, "noivu-test"),
    )


@pytest.fixture
def window_2024(db):
    return RegistrationWindowFactory(year=2024)


@pytest.fixture
def client_en():
    """`client_en(user)` -> a test client signed in as `user` (None: anonymous), in English."""

    def make(user=None):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # pages follow the cookie only
        if user is not None:
            client.force_login(user)
        return client

    return make
