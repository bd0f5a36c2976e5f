"""Demo data built from the real reference data in `demo/data/` (Hưng Yên, 2024).

Idempotent: every object is found by its natural key first, so loading twice changes
nothing (and writes no second audit entry).
"""

import csv
import datetime
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from accounts.enums import Role
from accounts.models import RoleAssignment, User
from accounts.services import assign_role
from clusters.enums import UnitType
from clusters.models import OrgUnit
from demo.awards_decisions import load_decision_demo
from demo.awards_dossiers import load_dossier_demo
from demo.campaigns import load_campaign_demo
from demo.org import load_org_demo
from demo.scoring import load_scoring_demo

DATA_DIR = Path(__file__).resolve().parent / "data"
DEMO_START = datetime.date(2024, 1, 1)


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    position: str
    unit_code: str
    roles: tuple[str, ...]
    is_superuser: bool = False


# The unit heading the block of district-level units in 2024 is not public; the demo uses
# the 2018 head (TP Hưng Yên), the last one the reference data confirms.
DEMO_USERS = (
    DemoUser("admin", "Quản trị hệ thống", "Quản trị viên", "HY-SNV", (Role.SYSTEM_ADMIN,), True),
    DemoUser(
        "noivu",
        "Nguyễn Thị Thu Hà",
        "Chuyên viên Ban Thi đua - Khen thưởng",
        "HY-SNV",
        (Role.EMULATION_OFFICER,),
    ),
    DemoUser("lanhdao", "Trần Văn Quang", "Phó Chủ tịch UBND tỉnh", "HY-UBND", (Role.LEADERSHIP,)),
    DemoUser(
        "hoidong",
        "Lê Minh Đức",
        "Ủy viên Hội đồng Thi đua - Khen thưởng tỉnh",
        "HY-HDTDKT",
        (Role.COUNCIL_MEMBER,),
    ),
    DemoUser(
        "truongkhoi",
        "Phạm Thị Hương",
        "Chánh Văn phòng HĐND và UBND thành phố",
        "323",
        (Role.GROUP_HEAD, Role.UNIT_OFFICER),
    ),
    DemoUser(
        "donvi1",
        "Vũ Văn Nam",
        "Chuyên viên Phòng Nội vụ huyện Văn Lâm",
        "325",
        (Role.UNIT_OFFICER,),
    ),
    DemoUser(
        "donvi2",
        "Đỗ Thị Lan",
        "Chuyên viên Phòng Nội vụ huyện Văn Giang",
        "326",
        (Role.UNIT_OFFICER,),
    ),
)


class DemoModeRequiredError(RuntimeError):
    pass


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value or "").strip()


def _date(value: str):
    return datetime.date.fromisoformat(value) if value else None


def load_units() -> int:
    """Hưng Yên's 2024 organisation; parents are set after every unit exists."""
    with (DATA_DIR / "hung-yen-units-2024.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    valid_types = set(UnitType.values)
    changed = 0
    for row in rows:
        unit_type = row["type"]
        if unit_type not in valid_types:
            raise ValueError(f"Unknown unit type {unit_type!r} for {row['code']}")
        values = {
            "name": _nfc(row["name"]),
            "short_name": _nfc(row["short_name"]),
            "unit_type": unit_type,
            "valid_from": _date(row["valid_from"]),
            "valid_to": _date(row["valid_to"]),
        }
        changed += _upsert(OrgUnit, {"code": row["code"]}, values)
    by_code = {u.code: u for u in OrgUnit.objects.all()}
    for row in rows:
        unit = by_code[row["code"]]
        parent = by_code.get(row["parent_code"]) if row["parent_code"] else None
        if unit.parent_id != (parent.pk if parent else None):
            unit.parent = parent
            unit.save(update_fields=["parent", "updated_at"])
            changed += 1
    return changed


def _upsert(model, keys, values) -> int:
    obj = model.objects.filter(**keys).first()
    if obj is None:
        obj = model(**keys, **values)
        obj.full_clean()
        obj.save()
        return 1
    dirty = [field for field, value in values.items() if getattr(obj, field) != value]
    if dirty:
        for field in dirty:
            setattr(obj, field, values[field])
        obj.full_clean()
        obj.save()
        return 1
    return 0


def load_users(password: str) -> int:
    changed = 0
    units = {u.code: u for u in OrgUnit.objects.filter(code__in={d.unit_code for d in DEMO_USERS})}
    for demo in DEMO_USERS:
        user = User.objects.filter(username=demo.username).first()
        if user is None:
            user = User(
                username=demo.username,
                full_name=demo.full_name,
                position=demo.position,
                email=f"{demo.username}@thidua.local",
                is_staff=demo.is_superuser,
                is_superuser=demo.is_superuser,
            )
            user.set_password(password)
            user.save()
            changed += 1
        for role in demo.roles:
            exists = RoleAssignment.objects.filter(
                user=user, unit=units[demo.unit_code], role=role
            ).exists()
            if not exists:
                assign_role(
                    user, unit=units[demo.unit_code], role=role, actor=None, valid_from=DEMO_START
                )
                changed += 1
    return changed


@transaction.atomic
def load_demo() -> int:
    """Load everything; returns how many objects were created or changed."""
    if not settings.DEMO_MODE:
        raise DemoModeRequiredError
    return (
        load_units()
        + load_users(settings.DEMO_PASSWORD)
        + load_org_demo()
        + load_campaign_demo()
        + load_scoring_demo()
        + load_decision_demo()
        + load_dossier_demo()
    )
