"""A cluster of three member units in 2026 with a head (unit A), a deputy (unit B), one
user per role and a criteria set whose tree has normal groups, a bonus and a penalty group.

Phases: self-assessment 01–31/10, head scoring 01–20/11, council 21–30/11, locked from
01/12/2026. `on(time_machine, day)` moves the clock.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from accounts.enums import Role
from scoring import services
from scoring.enums import CriterionCategory, CriterionType, PhaseKind, Stage
from tests.conftest import make_user_with_role
from tests.factories.clusters import (
    EmulationGroupFactory,
    GroupMembershipFactory,
    GroupTermFactory,
    OrgUnitFactory,
)
from tests.factories.scoring import (
    ClassificationBandFactory,
    CriteriaSetFactory,
    CriterionFactory,
    PhaseFactory,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
SELF_DAY = datetime.date(2026, 10, 10)
HEAD_DAY = datetime.date(2026, 11, 5)
COUNCIL_DAY = datetime.date(2026, 11, 25)
LOCKED_DAY = datetime.date(2026, 12, 5)
BEFORE_DAY = datetime.date(2026, 9, 1)


@pytest.fixture(autouse=True)
def english(settings):
    """Messages are compared with their English msgids; pages are asked for in English."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def on(time_machine, day):
    time_machine.move_to(
        datetime.datetime(day.year, day.month, day.day, 9, 0, tzinfo=VN), tick=False
    )


@dataclass
class Scenario:
    group: object
    units: list
    outsider: object
    criteria_set: object
    c: dict
    users: dict


def add_phases(criteria_set):
    PhaseFactory(
        criteria_set=criteria_set,
        kind=PhaseKind.SELF_ASSESSMENT,
        starts_on=datetime.date(2026, 10, 1),
        ends_on=datetime.date(2026, 10, 31),
    )
    PhaseFactory(
        criteria_set=criteria_set,
        kind=PhaseKind.HEAD_SCORING,
        starts_on=datetime.date(2026, 11, 1),
        ends_on=datetime.date(2026, 11, 20),
    )
    PhaseFactory(
        criteria_set=criteria_set,
        kind=PhaseKind.COUNCIL_ADJUSTMENT,
        starts_on=datetime.date(2026, 11, 21),
        ends_on=datetime.date(2026, 11, 30),
    )
    PhaseFactory(
        criteria_set=criteria_set,
        kind=PhaseKind.LOCKED,
        starts_on=datetime.date(2026, 12, 1),
        ends_on=None,
    )


def build_tree(criteria_set):
    """I (60): 1.1 fixed 20, 1.2 graded 0/5/10, 1.3 quantitative 20 (target 100);
    II (40): 2.1 fixed 40 (evidence required); B bonus (10): B1 5, B2 5;
    P penalty (10): P1 10."""
    c = {}
    c["I"] = CriterionFactory(
        criteria_set=criteria_set, code="I", max_points=Decimal(60), position=1
    )
    c["1.1"] = CriterionFactory(
        criteria_set=criteria_set, parent=c["I"], code="1.1", max_points=Decimal(20), position=2
    )
    c["1.2"] = CriterionFactory(
        criteria_set=criteria_set,
        parent=c["I"],
        code="1.2",
        max_points=Decimal(10),
        criterion_type=CriterionType.GRADED,
        levels=["0", "5", "10"],
        position=3,
    )
    c["1.3"] = CriterionFactory(
        criteria_set=criteria_set,
        parent=c["I"],
        code="1.3",
        max_points=Decimal(20),
        criterion_type=CriterionType.QUANTITATIVE,
        target=Decimal(100),
        position=4,
    )
    c["II"] = CriterionFactory(
        criteria_set=criteria_set, code="II", max_points=Decimal(40), position=5
    )
    c["2.1"] = CriterionFactory(
        criteria_set=criteria_set,
        parent=c["II"],
        code="2.1",
        max_points=Decimal(40),
        evidence_required=True,
        position=6,
    )
    c["B"] = CriterionFactory(
        criteria_set=criteria_set,
        code="B",
        max_points=Decimal(10),
        category=CriterionCategory.BONUS,
        position=7,
    )
    for i, code in enumerate(["B1", "B2"], start=8):
        c[code] = CriterionFactory(
            criteria_set=criteria_set,
            parent=c["B"],
            code=code,
            max_points=Decimal(5),
            category=CriterionCategory.BONUS,
            position=i,
        )
    c["P"] = CriterionFactory(
        criteria_set=criteria_set,
        code="P",
        max_points=Decimal(10),
        category=CriterionCategory.PENALTY,
        position=10,
    )
    c["P1"] = CriterionFactory(
        criteria_set=criteria_set,
        parent=c["P"],
        code="P1",
        max_points=Decimal(10),
        category=CriterionCategory.PENALTY,
        position=11,
    )
    return c


@pytest.fixture
def scenario(db):
    group = EmulationGroupFactory(code="KTT-TEST", name="Khối thi đua thử nghiệm")
    units = [
        OrgUnitFactory(code="HY-A", name="Sở A"),
        OrgUnitFactory(code="HY-B", name="Sở B"),
        OrgUnitFactory(code="HY-C", name="Sở C"),
    ]
    outsider = OrgUnitFactory(code="HY-X", name="Sở Ngoài khối")
    for unit in units:
        GroupMembershipFactory(group=group, unit=unit, year=2026)
    GroupTermFactory(group=group, year=2026, head_unit=units[0], deputy_unit=units[1])
    criteria_set = CriteriaSetFactory(group=group, year=2026, title="Bảng điểm khối 2026")
    add_phases(criteria_set)
    c = build_tree(criteria_set)
    ClassificationBandFactory(criteria_set=criteria_set, label="Xuất sắc", min_total=Decimal(90))
    ClassificationBandFactory(criteria_set=criteria_set, label="Tốt", min_total=Decimal(70))
    snv = OrgUnitFactory(code="HY-SNV", name="Sở Nội vụ")
    users = {
        "head": make_user_with_role(Role.GROUP_HEAD, units[0], "head-a"),
        "deputy": make_user_with_role(Role.GROUP_HEAD, units[1], "head-b"),
        "officer_a": make_user_with_role(Role.UNIT_OFFICER, units[0], "officer-a"),
        "officer_b": make_user_with_role(Role.UNIT_OFFICER, units[1], "officer-b"),
        "officer_x": make_user_with_role(Role.UNIT_OFFICER, outsider, "officer-x"),
        "leader_a": make_user_with_role(Role.UNIT_LEADER, units[0], "leader-a"),
        "leader_b": make_user_with_role(Role.UNIT_LEADER, units[1], "leader-b"),
        "leader_c": make_user_with_role(Role.UNIT_LEADER, units[2], "leader-c"),
        "leader_x": make_user_with_role(Role.UNIT_LEADER, outsider, "leader-x"),
        "emulation_officer": make_user_with_role(Role.EMULATION_OFFICER, snv, "tdkt-snv"),
        "council": make_user_with_role(Role.COUNCIL_MEMBER, snv, "council-snv"),
        "admin": make_user_with_role(Role.SYSTEM_ADMIN, snv, "admin-snv"),
    }
    return Scenario(group, units, outsider, criteria_set, c, users)


def fresh(user):
    """The same user without the per-request role caches."""
    return type(user).objects.get(pk=user.pk)


LEAVES = ["1.1", "1.2", "1.3", "2.1", "B1", "B2", "P1"]


def score_everything(scenario, values_by_unit):
    """Head-stage scores through the real bulk service, as the API and the XLSX upload do:
    the deputy scores the head's unit A, the head every other unit."""
    for scorer, unit_indexes in (("deputy", {0}), ("head", {1, 2})):
        items = [
            services.ScoreInput(scenario.units[unit_index].pk, scenario.c[code].pk, str(value))
            for unit_index, values in values_by_unit.items()
            if unit_index in unit_indexes
            for code, value in zip(LEAVES, values, strict=True)
        ]
        if items:
            services.bulk_record_scores(
                scenario.criteria_set, stage=Stage.HEAD, items=items, actor=scenario.users[scorer]
            )


@pytest.fixture
def scored(scenario, time_machine):
    """Every cell head-scored: A 94, C 73, B 60; the clock is in the council phase."""
    on(time_machine, HEAD_DAY)
    score_everything(
        scenario,
        {
            0: [20, 10, 20, 40, 5, 5, 2],  # 90 + 6 (capped) - 2 = 94
            1: [15, 5, 10, 30, 0, 0, 0],  # 60
            2: [18, 10, 12, 35, 3, 0, 8],  # 75 + 3 - 5 (capped) = 73
        },
    )
    on(time_machine, COUNCIL_DAY)
    return scenario
