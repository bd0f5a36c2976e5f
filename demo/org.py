"""Demo organisation: 2024 blocks, the 01/07/2025 merger and the commune clusters of
2025–2026, built from the reference data in `demo/data/`.

What is real: the 2024 units, the 104 communes/wards of Nghị quyết 1666/NQ-UBTVQH15 with the
old communes each was formed from, and the district block of Hưng Yên (2018 head: TP Hưng
Yên). What is invented for the demo (no source was found): the department, mass-organisation
and enterprise blocks, every head and deputy except the district block's head, the
enterprises (codes `DEMO-DN-…`), the commune clusters and the local codes of Thái Bình's
old province and districts (`TB-…`).

Codes: each new commune re-uses the official code of one of its old communes, and codes are
unique for ever, so every old commune gets `<official code>-2024` and keeps the official
code in `official_code`.

Idempotent: every object is found by its natural key first; loading twice changes nothing.
Written directly (no services, no audit entries), like the rest of the demo loader.
"""

import csv
import datetime
import re
import unicodedata
from pathlib import Path

from django.db import transaction

from clusters.enums import GroupKind, GroupLevel, LineageKind, LineageRole, UnitType
from clusters.models import (
    EmulationGroup,
    GroupMembership,
    GroupTerm,
    LineageEvent,
    LineageLink,
    OrgUnit,
    UnitParentPeriod,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
MERGER_DAY = datetime.date(2025, 7, 1)
LAST_OLD_DAY = datetime.date(2025, 6, 30)
PROVINCE_CODE = "33"
NQ_1666 = "Nghị quyết 1666/NQ-UBTVQH15 ngày 16/06/2025"
NQ_202 = "Nghị quyết 202/2025/QH15 ngày 12/06/2025"
OLD_SUFFIX = "-2024"

THAI_BINH_PROVINCE = ("TB-TINH", "Tỉnh Thái Bình", "Thái Bình", UnitType.PROVINCE)
# Old Thái Bình district-level units, named as in the resolution; local codes (not official).
THAI_BINH_DISTRICTS = {
    "Thành phố Thái Bình": ("TB-TPTB", UnitType.CITY),
    "Huyện Đông Hưng": ("TB-DONGHUNG", UnitType.DISTRICT),
    "Huyện Hưng Hà": ("TB-HUNGHA", UnitType.DISTRICT),
    "Huyện Kiến Xương": ("TB-KIENXUONG", UnitType.DISTRICT),
    "Huyện Quỳnh Phụ": ("TB-QUYNHPHU", UnitType.DISTRICT),
    "Huyện Thái Thụy": ("TB-THAITHUY", UnitType.DISTRICT),
    "Huyện Tiền Hải": ("TB-TIENHAI", UnitType.DISTRICT),
    "Huyện Vũ Thư": ("TB-VUTHU", UnitType.DISTRICT),
}
OLD_COMMUNE_TYPES = {"Phường": UnitType.WARD, "Xã": UnitType.COMMUNE, "Thị trấn": UnitType.TOWNSHIP}
NEW_COMMUNE_TYPES = {"phuong": UnitType.WARD, "xa": UnitType.COMMUNE}
FORMED_FROM = re.compile(
    r"^(Phường|Xã|Thị trấn) (.+?) \((\d+), ([^)]+)\)(?: \[(một phần|phần còn lại)\])?$"
)

DEMO_ENTERPRISES = (
    ("DEMO-DN-01", "Công ty Cổ phần Nông sản Phố Hiến"),
    ("DEMO-DN-02", "Công ty TNHH Cơ khí chính xác Như Quỳnh"),
    ("DEMO-DN-03", "Công ty Cổ phần Dệt may Văn Lâm"),
    ("DEMO-DN-04", "Công ty TNHH Thực phẩm Khoái Châu"),
    ("DEMO-DN-05", "Công ty Cổ phần Xây dựng và Thương mại Tiên Lữ"),
)

DISTRICT_BLOCK = "HY-KHOI-HUYEN"
DEMO_NOTE = "Dữ liệu minh họa (demo): thành phần và trưởng, phó khối chưa được xác nhận."

# code, name, members, head, deputy — 2024 (the heads other than TP Hưng Yên are invented).
BLOCKS_2024 = (
    (
        DISTRICT_BLOCK,
        "Khối thi đua các huyện, thành phố",
        ("323", "325", "326", "327", "328", "329", "330", "331", "332", "333"),
        "323",
        "328",
    ),
    (
        "HY-KHOI-TONGHOP",
        "Khối thi đua các cơ quan tổng hợp",
        ("HY-VPUBND", "HY-SNV", "HY-STP", "HY-SKHDT", "HY-STC", "HY-TTT"),
        "HY-SNV",
        "HY-STC",
    ),
    (
        "HY-KHOI-KINHTE",
        "Khối thi đua các cơ quan kinh tế",
        ("HY-SCT", "HY-SNNPTNT", "HY-SGTVT", "HY-SXD", "HY-STNMT", "HY-BQLKCN"),
        "HY-SCT",
        "HY-SXD",
    ),
    (
        "HY-KHOI-VHXH",
        "Khối thi đua các cơ quan văn hóa - xã hội",
        ("HY-STTTT", "HY-SLDTBXH", "HY-SVHTTDL", "HY-SKHCN", "HY-SGDDT", "HY-SYT"),
        "HY-SGDDT",
        "HY-SYT",
    ),
    (
        "HY-KHOI-DOANTHE",
        "Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh",
        ("HY-MTTQ", "HY-LDLD", "HY-TD", "HY-HLHPN", "HY-HND", "HY-HCCB"),
        "HY-MTTQ",
        "HY-LDLD",
    ),
    (
        "HY-KHOI-DN",
        "Khối thi đua các doanh nghiệp",
        tuple(code for code, _name in DEMO_ENTERPRISES),
        "DEMO-DN-01",
        "DEMO-DN-02",
    ),
)

# Commune clusters from 01/07/2025: the 104 communes grouped by (first) former district.
COMMUNE_CLUSTERS = (
    ("Thành phố Hưng Yên", "Huyện Tiên Lữ", "Huyện Phù Cừ"),
    ("Huyện Kim Động", "Huyện Ân Thi"),
    ("Huyện Khoái Châu", "Huyện Yên Mỹ"),
    ("Huyện Văn Lâm", "Huyện Văn Giang", "Thị xã Mỹ Hào"),
    ("Thành phố Thái Bình", "Huyện Vũ Thư"),
    ("Huyện Thái Thụy",),
    ("Huyện Quỳnh Phụ",),
    ("Huyện Đông Hưng",),
    ("Huyện Kiến Xương",),
    ("Huyện Tiền Hải",),
    ("Huyện Hưng Hà",),
)
CLUSTER_YEARS = (2025, 2026)


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value or "").strip()


def _rows(name: str) -> list[dict]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return [{k: _nfc(v) for k, v in row.items()} for row in csv.DictReader(handle)]


class _Units:
    """Units by code, created or updated on demand; counts what changed."""

    def __init__(self):
        self.by_code = {u.code: u for u in OrgUnit.objects.all()}
        self.changed = 0

    def upsert(self, code: str, **values) -> OrgUnit:
        unit = self.by_code.get(code)
        if unit is None:
            unit = OrgUnit(code=code, **values)
            unit.full_clean()
            unit.save()
            self.by_code[code] = unit
            self.changed += 1
            return unit
        dirty = [k for k, v in values.items() if getattr(unit, k) != v]
        if dirty:
            for k in dirty:
                setattr(unit, k, values[k])
            unit.full_clean()
            unit.save()
            self.changed += 1
        return unit

    def __getitem__(self, code: str) -> OrgUnit:
        return self.by_code[code]


@transaction.atomic
def load_org_demo() -> int:
    """Load the demo organisation; returns how many objects were created or changed."""
    units = _Units()
    district_by_name = _old_districts(units)
    communes = _rows("hung-yen-communes-2025.csv")
    predecessors = _old_communes(units, communes, district_by_name)
    _new_communes(units, communes)
    for code, name in DEMO_ENTERPRISES:
        units.upsert(
            code,
            name=name,
            short_name="",
            unit_type=UnitType.ENTERPRISE,
            parent=units[PROVINCE_CODE],
            valid_from=None,
            valid_to=None,
        )
    changed = units.changed
    changed += _parent_periods()
    changed += _lineage(units, communes, predecessors)
    changed += _blocks_2024(units)
    changed += _commune_clusters(units, communes)
    return changed


def _old_districts(units: _Units) -> dict[str, OrgUnit]:
    """District-level units by their name in the resolution: Hưng Yên's from the 2024 data,
    Thái Bình's created here."""
    code, name, short, unit_type = THAI_BINH_PROVINCE
    province = units.upsert(
        code,
        name=name,
        short_name=short,
        unit_type=unit_type,
        parent=None,
        valid_from=None,
        valid_to=LAST_OLD_DAY,
    )
    by_name = {
        u.name: u
        for u in units.by_code.values()
        if u.unit_type in UnitType.district_level() and u.parent_id == units[PROVINCE_CODE].pk
    }
    for name, (code, unit_type) in THAI_BINH_DISTRICTS.items():
        by_name[name] = units.upsert(
            code,
            name=f"{name} (tỉnh Thái Bình)",
            short_name=name.removeprefix("Huyện ").removeprefix("Thành phố "),
            unit_type=unit_type,
            parent=province,
            valid_from=None,
            valid_to=LAST_OLD_DAY,
        )
    return by_name


def _old_communes(units: _Units, communes, district_by_name) -> dict[str, list[tuple]]:
    """Old communes from `formed_from`; returns, per new code, (old unit, is_partial)."""
    predecessors: dict[str, list[tuple]] = {}
    for row in communes:
        links = []
        for part in row["formed_from"].split(";"):
            match = FORMED_FROM.match(part.strip())
            if match is None:
                raise ValueError(f"Cannot read formed_from of {row['code']}: {part!r}")
            kind, name, gso, district_name, share = match.groups()
            district = district_by_name[district_name]
            old = units.upsert(
                f"{gso}{OLD_SUFFIX}",
                official_code=gso,
                name=f"{kind} {name} ({district.short_name or district.name})",
                short_name=f"{kind} {name}",
                unit_type=OLD_COMMUNE_TYPES[kind],
                parent=district,
                valid_from=None,
                valid_to=LAST_OLD_DAY,
            )
            links.append((old, share is not None))
        predecessors[row["code"]] = links
    return predecessors


def _new_communes(units: _Units, communes) -> None:
    province = units[PROVINCE_CODE]
    for row in communes:
        units.upsert(
            row["code"],
            official_code=row["code"],
            name=row["full_name"],
            short_name=row["name"],
            unit_type=NEW_COMMUNE_TYPES[row["type"]],
            parent=province,
            valid_from=MERGER_DAY,
            valid_to=None,
        )


def _parent_periods() -> int:
    """One period for every unit that has a parent and no dated parent yet."""
    with_periods = set(UnitParentPeriod.objects.values_list("unit_id", flat=True))
    new = [
        UnitParentPeriod(
            unit=u, parent_id=u.parent_id, valid_from=u.valid_from, valid_to=u.valid_to
        )
        for u in OrgUnit.objects.filter(parent__isnull=False).exclude(pk__in=with_periods)
    ]
    UnitParentPeriod.objects.bulk_create(new)
    return len(new)


def _event(successor_ids, predecessor_links, *, kind, effective_on, decision_ref, note="") -> int:
    """Create the event unless one with the same date, kind and successors exists."""
    existing = LineageEvent.objects.filter(
        kind=kind,
        effective_on=effective_on,
        links__role=LineageRole.SUCCESSOR,
        links__unit_id=successor_ids[0],
    ).first()
    if existing is not None:
        return 0
    event = LineageEvent.objects.create(
        kind=kind, effective_on=effective_on, decision_ref=decision_ref, note=note
    )
    LineageLink.objects.bulk_create(
        [
            LineageLink(event=event, unit=unit, role=LineageRole.PREDECESSOR, is_partial=partial)
            for unit, partial in predecessor_links
        ]
        + [
            LineageLink(event=event, unit_id=unit_id, role=LineageRole.SUCCESSOR)
            for unit_id in successor_ids
        ]
    )
    return 1


def _lineage(units: _Units, communes, predecessors) -> int:
    changed = _event(
        [units[PROVINCE_CODE].pk],
        [(units[PROVINCE_CODE], False), (units[THAI_BINH_PROVINCE[0]], False)],
        kind=LineageKind.MERGE,
        effective_on=MERGER_DAY,
        decision_ref=NQ_202,
        note="Nhập tỉnh Thái Bình vào tỉnh Hưng Yên; tỉnh Hưng Yên tiếp tục.",
    )
    for row in communes:
        changed += _event(
            [units[row["code"]].pk],
            predecessors[row["code"]],
            kind=LineageKind.MERGE,
            effective_on=MERGER_DAY,
            decision_ref=f"{NQ_1666} ({row['resolution_clause']})",
        )
    return changed


def _group(code, *, name, kind, valid_from=None, valid_to=None, description="") -> tuple:
    values = {
        "name": name,
        "kind": kind,
        "level": GroupLevel.PROVINCIAL,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "description": description,
    }
    group = EmulationGroup.objects.filter(code=code).first()
    if group is None:
        group = EmulationGroup(code=code, **values)
        group.full_clean()
        group.save()
        return group, 1
    dirty = [k for k, v in values.items() if getattr(group, k) != v]
    for k in dirty:
        setattr(group, k, values[k])
    if dirty:
        group.save()
    return group, int(bool(dirty))


def _members_and_term(group, year, member_units, head, deputy, decision_ref="") -> int:
    have = set(
        GroupMembership.objects.filter(group=group, year=year).values_list("unit_id", flat=True)
    )
    new = [
        GroupMembership(group=group, unit=u, year=year, level=group.level)
        for u in member_units
        if u.pk not in have
    ]
    GroupMembership.objects.bulk_create(new)
    changed = len(new)
    term = GroupTerm.objects.filter(group=group, year=year).first()
    if term is None:
        GroupTerm.objects.create(
            group=group, year=year, head_unit=head, deputy_unit=deputy, decision_ref=decision_ref
        )
        changed += 1
    elif (term.head_unit_id, term.deputy_unit_id) != (head.pk, deputy.pk if deputy else None):
        term.head_unit, term.deputy_unit = head, deputy
        term.save()
        changed += 1
    return changed


def _blocks_2024(units: _Units) -> int:
    changed = 0
    for code, name, members, head, deputy in BLOCKS_2024:
        group, created = _group(
            code,
            name=name,
            kind=GroupKind.BLOCK,
            valid_to=LAST_OLD_DAY if code == DISTRICT_BLOCK else None,
            description="" if code == DISTRICT_BLOCK else DEMO_NOTE,
        )
        changed += created
        changed += _members_and_term(
            group, 2024, [units[c] for c in members], units[head], units[deputy]
        )
    return changed


def _commune_clusters(units: _Units, communes) -> int:
    cluster_of = {
        district: number
        for number, districts in enumerate(COMMUNE_CLUSTERS, start=1)
        for district in districts
    }
    members: dict[int, list[OrgUnit]] = {}
    for row in sorted(communes, key=lambda r: int(r["gso_list_order"])):
        first_district = row["former_district"].split(";")[0].strip()
        members.setdefault(cluster_of[first_district], []).append(units[row["code"]])
    changed = 0
    for number, districts in enumerate(COMMUNE_CLUSTERS, start=1):
        former = ", ".join(d.removeprefix("Huyện ") for d in districts)
        group, created = _group(
            f"HY-CUM-{number:02d}",
            name=f"Cụm thi đua số {number} (xã, phường thuộc {former} cũ)",
            kind=GroupKind.CLUSTER,
            valid_from=MERGER_DAY,
            description=(
                "Dữ liệu minh họa (demo): cụm xã, phường nhóm theo huyện cũ; chưa có quyết "
                "định chính thức."
            ),
        )
        changed += created
        cluster = members[number]
        for offset, year in enumerate(CLUSTER_YEARS):
            # Heads rotate yearly: the next unit in the GSO list order heads the next year.
            head = cluster[offset % len(cluster)]
            deputy = cluster[(offset + 1) % len(cluster)]
            changed += _members_and_term(group, year, cluster, head, deputy)
    return changed
