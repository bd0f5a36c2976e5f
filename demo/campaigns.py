"""Demo movements, registrations and pledge for 2024, following Directive 02/CT-UBND.

What is real: the eleven movements of point 3 of Chỉ thị 02/CT-UBND (06/03/2024) with the
periods the directive gives (two have none), the directive's own targets used as the block's
pledge targets, and the 10 district-level units. What is invented for the demo: the
registration window (opens 06/03/2024, deadline 31/03/2024), every registration and its
individuals, the extension, the return, the dates of sending and the leader accounts
`lanhdao323` … `lanhdao333` that confirm the pledge.

Idempotent: objects are found by their natural key first; loading twice changes nothing.
Written directly (no services, no audit entries), like the rest of the demo loader, because
it records history with its own dates.
"""

import datetime
import logging
import zoneinfo

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q

from accounts.enums import Role
from accounts.models import RoleAssignment, User
from accounts.services import assign_role
from campaigns.enums import LauncherLevel, MovementKind, MovementStatus, PledgeStatus
from campaigns.models import (
    EmulationPledge,
    EmulationRegistration,
    Movement,
    MovementParticipation,
    PledgeItem,
    PledgeSignature,
    RegisteredIndividual,
    RegistrationExtension,
    RegistrationWindow,
)
from clusters.models import EmulationGroup, GroupMembership, OrgUnit

logger = logging.getLogger(__name__)

YEAR = 2024
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
DIRECTIVE_DAY = datetime.date(2024, 3, 6)
DIRECTIVE = "Chỉ thị 02/CT-UBND ngày 06/03/2024 của UBND tỉnh Hưng Yên"
DISTRICT_CODES = ("323", "325", "326", "327", "328", "329", "330", "331", "332", "333")
SOURCE_NOTE = f"Nêu tại điểm 3, {DIRECTIVE}. Văn bản phát động và thời gian cụ thể chưa được nhập."

PM = LauncherLevel.PRIME_MINISTER
PROVINCE = LauncherLevel.PROVINCE
# name, launcher level, first year, last year (None: the directive gives no period)
MOVEMENTS = (
    ("Cả nước chung sức xây dựng nông thôn mới", PM, 2021, 2025),
    ("Vì người nghèo - không để ai bị bỏ lại phía sau", PM, 2021, 2025),
    ("Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở", PM, 2019, 2025),
    (
        "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại và thực hành tiết kiệm, "
        "chống lãng phí",
        PM,
        None,
        None,
    ),
    ("Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời", PM, 2023, 2030),
    (
        "Đẩy mạnh công tác cải cách hành chính Nhà nước tỉnh Hưng Yên giai đoạn 2022-2025",
        PROVINCE,
        2022,
        2025,
    ),
    (
        "Đẩy nhanh tiến độ thực hiện các Dự án trọng điểm của tỉnh giai đoạn 2021-2025",
        PROVINCE,
        2021,
        2025,
    ),
    ("Hưng Yên đẩy mạnh Đề án Chuyển đổi số giai đoạn 2022-2025", PROVINCE, 2022, 2025),
    (
        "Đẩy mạnh thu hút và sử dụng hiệu quả các nguồn lực đầu tư trên địa bàn tỉnh Hưng Yên "
        "giai đoạn 2022-2025",
        PROVINCE,
        2022,
        2025,
    ),
    (
        "Đẩy mạnh thực hiện Dự án đầu tư xây dựng đường vành đai 4 - Vùng Thủ đô Hà Nội",
        PROVINCE,
        None,
        None,
    ),
    ("Xây dựng điển hình tiên tiến giai đoạn 2021-2025", PROVINCE, 2021, 2025),
)

COMMITMENTS = (
    "Thi đua hoàn thành và hoàn thành vượt mức các nhiệm vụ, chỉ tiêu, kế hoạch năm 2024 "
    "theo Nghị quyết số 412/NQ-HĐND ngày 07/12/2023 của HĐND tỉnh; thực hiện tốt các phong "
    "trào thi đua do Thủ tướng Chính phủ và UBND tỉnh phát động."
)
PLEDGE_TARGETS = (
    "Hoàn thành và hoàn thành vượt mức các nhiệm vụ, chỉ tiêu, kế hoạch năm 2024 theo các "
    "Nghị quyết số 412, 413, 435/NQ-HĐND ngày 07/12/2023 của HĐND tỉnh.",
    "Đẩy nhanh tiến độ thi công và giải ngân vốn đầu tư công, đạt và vượt chỉ tiêu được giao.",
    "Thực hiện tốt việc sắp xếp đơn vị hành chính cấp xã giai đoạn 2023-2025.",
    "Nâng cao Chỉ số năng lực cạnh tranh (PCI) và các chỉ số cải cách hành chính; không có "
    "cơ quan, đơn vị xếp loại yếu, trung bình.",
    "Phát hiện, bồi dưỡng, tổng kết và nhân rộng điển hình tiên tiến.",
)


def _at(month, day, hour=9):
    return datetime.datetime(YEAR, month, day, hour, tzinfo=HANOI)


# unit code → (status, collective titles, sent, late, reviewed, return reason, individuals)
REGISTRATIONS = {
    "323": (
        "approved",
        ["EXCELLENT_COLLECTIVE", "PROVINCIAL_EMULATION_FLAG"],
        _at(3, 20),
        False,
        _at(3, 25),
        "",
        [
            ("Cán bộ minh họa 323-1", "Phó Chủ tịch UBND", "GRASSROOTS_EMULATION_FIGHTER"),
            ("Cán bộ minh họa 323-2", "Chuyên viên", "ADVANCED_WORKER"),
        ],
    ),
    "325": (
        "returned",
        ["EXCELLENT_COLLECTIVE"],
        _at(3, 25),
        False,
        _at(3, 28),
        "Bổ sung danh sách cá nhân đăng ký danh hiệu Chiến sĩ thi đua cơ sở.",
        [],
    ),
    # 326 has an extension to 15/04: sent on 10/04, on time.
    "326": (
        "sent",
        ["EXCELLENT_COLLECTIVE"],
        _at(4, 10),
        False,
        None,
        "",
        [("Cán bộ minh họa 326-1", "Trưởng phòng Nội vụ", "GRASSROOTS_EMULATION_FIGHTER")],
    ),
    "327": ("approved", ["ADVANCED_COLLECTIVE"], _at(3, 18), False, _at(3, 26), "", []),
    "328": (
        "approved",
        ["EXCELLENT_COLLECTIVE"],
        _at(3, 15),
        False,
        _at(3, 26),
        "",
        [("Cán bộ minh họa 328-1", "Chuyên viên", "ADVANCED_WORKER")],
    ),
    "329": ("approved", ["ADVANCED_COLLECTIVE"], _at(3, 28), False, _at(4, 2), "", []),
    # 330 sent after the deadline without an extension: late, waiting for approval.
    "330": ("sent", ["ADVANCED_COLLECTIVE"], _at(4, 5), True, None, "", []),
    "331": ("approved", ["EXCELLENT_COLLECTIVE"], _at(3, 29), False, _at(4, 2), "", []),
    "332": ("draft", ["ADVANCED_COLLECTIVE"], None, False, None, "", []),
    # 333 has not registered.
}
EXTENSION = ("326", datetime.date(2024, 4, 15), "Đơn vị đang kiện toàn lãnh đạo UBND huyện.")


def _upsert(model, keys, values) -> tuple[object, int]:
    obj = model.objects.filter(**keys).first()
    if obj is None:
        obj = model(**keys, **values)
        obj.save()
        return obj, 1
    dirty = [field for field, value in values.items() if getattr(obj, field) != value]
    if dirty:
        for field in dirty:
            setattr(obj, field, values[field])
        obj.save()
        return obj, 1
    return obj, 0


def _movements(units) -> int:
    changed = 0
    for name, level, start, end in MOVEMENTS:
        movement, n = _upsert(
            Movement,
            {"name": name, "launcher_level": level},
            {
                "kind": MovementKind.THEMATIC,
                "status": MovementStatus.RUNNING,
                "start_year": start,
                "end_year": end,
                "launcher_unit": units.get("HY-UBND") if level == PROVINCE else None,
                "notes": SOURCE_NOTE,
            },
        )
        changed += n
        for code in DISTRICT_CODES:
            if code in units:
                changed += _upsert(
                    MovementParticipation,
                    {"movement": movement, "unit": units[code]},
                    {"joined_on": DIRECTIVE_DAY},
                )[1]
    return changed


def _leaders(units, password) -> dict[str, User]:
    """One leader account per district-level unit, to confirm the block's pledge."""
    leaders = {}
    for code in DISTRICT_CODES:
        unit = units[code]
        username = f"lanhdao{code}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                full_name=f"Lãnh đạo {unit.short_name or unit.name}",
                position="Lãnh đạo UBND (tài khoản minh họa)",
                email=f"{username}@thidua.local",
            )
            user.set_password(password)
            user.save()
        if not RoleAssignment.objects.filter(user=user, unit=unit, role=Role.UNIT_LEADER).exists():
            assign_role(
                user,
                unit=unit,
                role=Role.UNIT_LEADER,
                actor=None,
                valid_from=datetime.date(YEAR, 1, 1),
            )
        leaders[code] = user
    return leaders


def _registrations(units, officer) -> int:
    changed = 0
    creators = {u.username: u for u in User.objects.filter(username__in=["donvi1", "donvi2"])}
    for code, (status, titles, sent, late, reviewed, reason, people) in REGISTRATIONS.items():
        if code not in units:
            continue
        registration, n = _upsert(
            EmulationRegistration,
            {"unit": units[code], "year": YEAR, "movement": None},
            {
                "status": status,
                "collective_titles": titles,
                "commitments": COMMITMENTS,
                "first_sent_at": sent,
                "sent_at": sent,
                "is_late": late,
                "reviewed_at": reviewed,
                "reviewed_by": officer if reviewed else None,
                "return_reason": reason,
                "created_by": creators.get({"325": "donvi1", "326": "donvi2"}.get(code, "")),
            },
        )
        changed += n
        current = list(
            registration.individuals.order_by("order").values_list(
                "full_name", "position", "target_title"
            )
        )
        if current != [tuple(p) for p in people]:
            registration.individuals.all().delete()
            RegisteredIndividual.objects.bulk_create(
                RegisteredIndividual(
                    registration=registration,
                    full_name=name,
                    position=position,
                    target_title=title,
                    order=order,
                )
                for order, (name, position, title) in enumerate(people, start=1)
            )
            changed += 1
    return changed


def district_block() -> EmulationGroup | None:
    """The group whose 2024 members are exactly the 10 district-level units."""
    candidates = (
        GroupMembership.objects.filter(year=YEAR)
        .values("group_id")
        .annotate(
            total=Count("id"),
            districts=Count("id", filter=Q(unit__code__in=DISTRICT_CODES)),
        )
        .filter(total=len(DISTRICT_CODES), districts=len(DISTRICT_CODES))
    )
    group_id = next(iter(c["group_id"] for c in candidates), None)
    return EmulationGroup.objects.filter(pk=group_id).first() if group_id else None


def _pledge(units, leaders, head) -> int:
    group = district_block()
    if group is None:
        logger.warning("Demo: no 2024 block of the district-level units; no pledge created.")
        return 0
    changed = 0
    signed_on = _at(3, 20, 15)
    pledge, n = _upsert(
        EmulationPledge,
        {"group": group, "year": YEAR},
        {
            "title": "Giao ước thi đua năm 2024",
            "status": PledgeStatus.IN_FORCE,
            "drafted_by": head,
            "circulated_at": _at(3, 12),
            "in_force_at": signed_on,
        },
    )
    changed += n
    if list(pledge.items.order_by("order").values_list("text", flat=True)) != list(PLEDGE_TARGETS):
        pledge.items.all().delete()
        PledgeItem.objects.bulk_create(
            PledgeItem(pledge=pledge, order=order, text=text)
            for order, text in enumerate(PLEDGE_TARGETS, start=1)
        )
        changed += 1
    for code in DISTRICT_CODES:
        changed += _upsert(
            PledgeSignature,
            {"pledge": pledge, "unit": units[code]},
            {"user": leaders[code], "signed_at": signed_on},
        )[1]
    return changed


@transaction.atomic
def load_campaign_demo() -> int:
    """Movements, the 2024 registration window, registrations and pledge; returns #changed."""
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=[*DISTRICT_CODES, "HY-UBND"])}
    changed = _movements(units)
    changed += _upsert(
        RegistrationWindow,
        {"year": YEAR},
        {"opens_on": DIRECTIVE_DAY, "deadline": datetime.date(YEAR, 3, 31), "note": DIRECTIVE},
    )[1]
    officer = User.objects.filter(username="noivu").first()
    if EXTENSION[0] in units:
        changed += _upsert(
            RegistrationExtension,
            {"unit": units[EXTENSION[0]], "year": YEAR},
            {"new_deadline": EXTENSION[1], "reason": EXTENSION[2], "granted_by": officer},
        )[1]
    changed += _registrations(units, officer)
    if all(code in units for code in DISTRICT_CODES):
        leaders = _leaders(units, settings.DEMO_PASSWORD)
        head = User.objects.filter(username="truongkhoi").first()
        changed += _pledge(units, leaders, head)
    return changed
