"""Organisation scenarios: the actor matrix around one block with a head, and real rows of
the 2025 commune reorganisation."""

import csv
import datetime
import re
from pathlib import Path

import pytest
from django.utils import translation

from accounts.enums import Role
from clusters import services
from clusters.enums import LineageKind, UnitType
from tests.conftest import make_user_with_role
from tests.factories.clusters import (
    EmulationGroupFactory,
    GroupMembershipFactory,
    GroupTermFactory,
    OrgUnitFactory,
)

DATA = Path(__file__).resolve().parents[2] / "demo" / "data" / "hung-yen-communes-2025.csv"
MERGER_DAY = datetime.date(2025, 7, 1)
FORMED_FROM = re.compile(r"^(Phường|Xã|Thị trấn) (.+?) \((\d+), ([^)]+)\)(?: \[(.+)\])?$")


@pytest.fixture
def block(db):
    """Khối 2025: members A (head), B (deputy), C; the actor matrix hangs on it."""
    group = EmulationGroupFactory(code="HY-KHOI-TEST", name="Khối thi đua thử nghiệm")
    a = OrgUnitFactory(code="HY-A", name="Sở A")
    b = OrgUnitFactory(code="HY-B", name="Sở B")
    c = OrgUnitFactory(code="HY-C", name="Sở C")
    for unit in (a, b, c):
        GroupMembershipFactory(group=group, unit=unit, year=2025)
    GroupTermFactory(group=group, year=2025, head_unit=a, deputy_unit=b)
    group.units = {"head": a, "deputy": b, "member": c}
    return group


@pytest.fixture
def outsider_unit(db):
    return OrgUnitFactory(code="HY-Z", name="Sở Z (ngoài khối)")


ACTORS = (
    "anonymous",
    "officer_own_unit",
    "officer_other_unit",
    "group_head",
    "emulation_officer",
    "leadership",
    "system_admin",
)


@pytest.fixture
def actor_for(block, outsider_unit):
    """`actor_for(name)` -> a user of the matrix, or None for anonymous."""
    province = OrgUnitFactory(code="HY-SNV", name="Sở Nội vụ")

    def make(name):
        return {
            "anonymous": lambda: None,
            "officer_own_unit": lambda: make_user_with_role(
                Role.UNIT_OFFICER, block.units["member"]
            ),
            "officer_other_unit": lambda: make_user_with_role(Role.UNIT_OFFICER, outsider_unit),
            "group_head": lambda: make_user_with_role(Role.GROUP_HEAD, block.units["head"]),
            "emulation_officer": lambda: make_user_with_role(Role.EMULATION_OFFICER, province),
            "leadership": lambda: make_user_with_role(Role.LEADERSHIP, province),
            "system_admin": lambda: make_user_with_role(Role.SYSTEM_ADMIN, province),
        }[name]()

    return make


def commune_rows(*codes):
    with DATA.open(encoding="utf-8") as handle:
        rows = {row["code"]: row for row in csv.DictReader(handle)}
    return [rows[code] for code in codes]


@pytest.fixture
def reorganisation(db):
    """Real rows of NQ 1666: Phố Hiến (6 old units), and Sơn Nam + Hiệp Cường, which share
    the split old commune Ngọc Thanh (12322). Built through the services."""
    old_units = {}
    new_units = {}
    for row in commune_rows("11953", "11983", "12322"):
        predecessors, partial = [], []
        for part in row["formed_from"].split(";"):
            kind, name, gso, _district, share = FORMED_FROM.match(part.strip()).groups()
            if gso not in old_units:
                old_units[gso] = OrgUnitFactory(
                    code=f"{gso}-2024",
                    official_code=gso,
                    name=f"{kind} {name}",
                    unit_type=UnitType.WARD if kind == "Phường" else UnitType.COMMUNE,
                )
            predecessors.append(old_units[gso])
            if share:
                partial.append(old_units[gso])
        new = OrgUnitFactory(
            code=row["code"],
            name=row["full_name"],
            unit_type=UnitType.WARD if row["type"] == "phuong" else UnitType.COMMUNE,
            valid_from=MERGER_DAY,
        )
        new_units[row["code"]] = new
        services.record_lineage_event(
            kind=LineageKind.MERGE,
            effective_on=MERGER_DAY,
            predecessors=predecessors,
            partial_predecessors=partial,
            successors=[new],
            decision_ref=f"Nghị quyết 1666/NQ-UBTVQH15 ({row['resolution_clause']})",
            close_predecessors=True,
            actor=None,
        )
    return {"old": old_units, "new": new_units}


@pytest.fixture(autouse=True)
def english():
    """Messages are compared with their English msgids; pages pick the language per request."""
    with translation.override("en"):
        yield
