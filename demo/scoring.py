"""Demo scoring for commune cluster no. 1 (HY-CUM-01: the wards and communes of former TP
Hưng Yên, Tiên Lữ and Phù Cừ), built through the real `scoring.services` with real actors.

What is real: the scoring table in `demo/data/criteria-sample.csv` (Cần Thơ, Kế hoạch
157/KH-UBND ngày 18/11/2025: four quantitative criteria of 100 points and three bonus items of
15), the cluster's members and its 2025/2026 heads as `demo/org.py` builds them. What is
invented for the demo: every user below, every score, comment and reason, the phase dates and
the 2025 ballot.

- 2026 (annual): self-assessment closed (today−40 … today−5), every sheet submitted; head
  scoring OPEN (today−4 … today+10) with two units only partly scored and one cell scored
  beyond the margin with a reason; council adjustment and locking follow.
- 2025 (annual): fully scored, one council adjustment, locked (SHA-256 snapshot) and a
  closed ballot in which every unit leader voted.

The services check today's date against the phases, so each set is walked through its
phases by moving the phase dates around today (with `set_phases`, as a head would) and the
final dates are set last. The audit trail therefore shows today's times and a few phase
changes; dates are computed from `timezone.localdate()` when a set is created and never
moved on a later run.

Idempotent: a set that exists is left alone, users and roles are found first; a second run
changes nothing and writes no audit entry.
"""

import csv
import datetime
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.enums import Role
from accounts.models import RoleAssignment, User
from accounts.services import assign_role
from clusters.models import EmulationGroup, GroupMembership, GroupTerm, OrgUnit
from scoring import selectors, services
from scoring.enums import CriterionCategory, CriterionType, Period, PhaseKind, Stage, TieBreak
from scoring.models import CriteriaSet

DATA_DIR = Path(__file__).resolve().parent / "data"
CLUSTER = "HY-CUM-01"
YEAR = 2026
PAST_YEAR = 2025
ROLE_START = datetime.date(2025, 7, 1)  # the communes exist from the 01/07/2025 merger
TWO = Decimal("0.01")

XA1_UNIT = "12337"  # Xã Hoàng Hoa Thám
XA2_UNIT = "12391"  # Xã Quang Hưng
OFFICERS = ("truongcum", "xa1", "xa2")  # the demo users who fill their unit's sheet

# The table's text does not give these; read from its notes column.
TARGETS = {"1": Decimal(50)}  # 50 beneficiaries checked at random, 0.4 point each
DEFAULT_TARGET = Decimal(100)  # the other criteria are ratios in %
LEVELS = {"5.1": ("0", "5"), "5.2": ("0", "2", "3", "4", "5"), "5.3": ("0", "5")}
BANDS = (("Xuất sắc", Decimal(100)), ("Tốt", Decimal(85)), ("Khá", Decimal(70)))
MARGIN = Decimal(2)
BONUS_CAP = Decimal(15)

COMMENTS = {
    "1": "Đã có kế hoạch tuyên truyền, kịch bản phát thanh và danh sách ký nhận.",
    "2": "Số liệu theo danh sách chi trả tháng gần nhất.",
    "4": "Bao gồm người được ủy quyền nhận thay.",
}
HEAD_REASON = (
    "Đối chiếu danh sách chi trả của Chi cục Dân số - Xã hội: số người mở mới tài khoản "
    "thấp hơn số đơn vị báo cáo."
)
COUNCIL_REASON = "Hội đồng điều chỉnh theo kết quả phúc tra của Sở Y tế."


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    position: str
    unit_code: str
    roles: tuple[str, ...]


def _fixed_users(head_2026: str, deputy_2026: str, head_2025: str) -> tuple[DemoUser, ...]:
    return (
        DemoUser(
            "truongcum",
            "Nguyễn Văn Thành",
            "Chánh Văn phòng HĐND và UBND phường (trưởng cụm thi đua số 1 năm 2026)",
            head_2026,
            (Role.GROUP_HEAD, Role.UNIT_OFFICER),
        ),
        DemoUser(
            "phocum",
            "Trần Thị Mai",
            "Chánh Văn phòng HĐND và UBND phường (phó cụm thi đua số 1 năm 2026)",
            deputy_2026,
            (Role.GROUP_HEAD,),
        ),
        DemoUser(
            "truongcum2025",
            "Lê Văn Hùng",
            "Chánh Văn phòng HĐND và UBND phường (trưởng cụm thi đua số 1 năm 2025)",
            head_2025,
            (Role.GROUP_HEAD,),
        ),
        DemoUser(
            "xa1",
            "Phạm Thị Hoa",
            "Công chức Văn phòng - Thống kê xã",
            XA1_UNIT,
            (Role.UNIT_OFFICER,),
        ),
        DemoUser(
            "xa2",
            "Đỗ Văn Long",
            "Công chức Văn phòng - Thống kê xã",
            XA2_UNIT,
            (Role.UNIT_OFFICER,),
        ),
    )


class _Counter:
    def __init__(self):
        self.changed = 0

    def add(self, n: int = 1) -> None:
        self.changed += n


@transaction.atomic
def load_scoring_demo() -> int:
    """Load the scoring demo; returns how many objects were created or changed."""
    count = _Counter()
    group = EmulationGroup.objects.get(code=CLUSTER)
    term_2026 = GroupTerm.objects.select_related("head_unit", "deputy_unit").get(
        group=group, year=YEAR
    )
    term_2025 = GroupTerm.objects.select_related("head_unit").get(group=group, year=PAST_YEAR)
    members = _members(group, YEAR)
    demo_users = _fixed_users(
        term_2026.head_unit.code, term_2026.deputy_unit.code, term_2025.head_unit.code
    ) + tuple(
        DemoUser(
            f"lanhdao{unit.code}",
            f"Lãnh đạo {unit.name}",
            f"Chủ tịch UBND {unit.name.lower()}",
            unit.code,
            (Role.UNIT_LEADER,),
        )
        for unit in members
    )
    count.add(_users(demo_users))
    users = {
        u.username: u for u in User.objects.filter(username__in={d.username for d in demo_users})
    }
    staff = {u.username: u for u in User.objects.filter(username__in={"noivu", "hoidong"})}

    today = timezone.localdate()
    if not CriteriaSet.objects.filter(group=group, year=PAST_YEAR, period=Period.ANNUAL).exists():
        _build_2025(group, today, users, staff, count)
    if not CriteriaSet.objects.filter(group=group, year=YEAR, period=Period.ANNUAL).exists():
        _build_2026(group, today, users, count)
    return count.changed


def _members(group, year) -> list[OrgUnit]:
    return [
        m.unit
        for m in GroupMembership.objects.filter(group=group, year=year)
        .select_related("unit")
        .order_by("unit__code")
    ]


def _users(demo_users) -> int:
    changed = 0
    units = {u.code: u for u in OrgUnit.objects.filter(code__in={d.unit_code for d in demo_users})}
    for demo in demo_users:
        user = User.objects.filter(username=demo.username).first()
        if user is None:
            user = User(
                username=demo.username,
                full_name=demo.full_name,
                position=demo.position,
                email=f"{demo.username}@thidua.local",
            )
            user.set_password(settings.DEMO_PASSWORD)
            user.save()
            changed += 1
        for role in demo.roles:
            unit = units[demo.unit_code]
            if not RoleAssignment.objects.filter(user=user, unit=unit, role=role).exists():
                assign_role(user, unit=unit, role=role, actor=None, valid_from=ROLE_START)
                changed += 1
    return changed


def _fresh(user):
    """The user without per-request role caches (roles change while the demo loads)."""
    return User.objects.get(pk=user.pk)


# --- the table -----------------------------------------------------------------------------


def _criteria_rows() -> list[dict]:
    """`services.import_criteria` rows from the real table: group I with criteria 1–4
    (normal), and the bonus item 5 with 5.1–5.3 as a root of its own (bonus points count
    only under a bonus root)."""
    with (DATA_DIR / "criteria-sample.csv").open(encoding="utf-8") as handle:
        source = list(csv.DictReader(handle))
    rows: list[dict] = []
    groups_done = set()
    for row in source:
        code = row["criterion_code"].strip()
        kind = row["kind"].strip()
        group_code = row["group_code"].strip()
        if kind != "bonus" and group_code not in groups_done:
            normal_max = sum(
                Decimal(r["max_points"])
                for r in source
                if r["group_code"] == group_code and r["kind"] != "bonus"
            )
            rows.append(
                {
                    "code": group_code,
                    "text": row["group_name"].strip(),
                    "max_points": str(normal_max),
                    "type": CriterionType.FIXED,
                    "category": CriterionCategory.NORMAL,
                }
            )
            groups_done.add(group_code)
        item = {
            "code": code,
            "text": row["criterion_text"].strip(),
            "max_points": row["max_points"],
        }
        if kind == "quantitative":
            item |= {
                "parent_code": group_code,
                "type": CriterionType.QUANTITATIVE,
                "target": str(TARGETS.get(code, DEFAULT_TARGET)),
            }
        elif kind == "bonus" and "." in code:
            item |= {
                "parent_code": code.split(".")[0],
                "type": CriterionType.GRADED,
                "category": CriterionCategory.BONUS,
                "levels": ";".join(LEVELS[code]),
            }
        elif kind == "bonus":
            item |= {"type": CriterionType.FIXED, "category": CriterionCategory.BONUS}
        else:
            item |= {"parent_code": group_code, "type": CriterionType.FIXED}
        rows.append(item)
    return rows


def _new_set(group, year, *, title, actor, count) -> tuple[CriteriaSet, list]:
    criteria_set = services.create_criteria_set(
        group,
        year=year,
        period=Period.ANNUAL,
        title=title,
        bonus_cap=BONUS_CAP,
        discrepancy_margin=MARGIN,
        tie_break=(TieBreak.CRITERIA, TieBreak.SELF_SUBMITTED_FIRST),
        actor=actor,
    )
    report = services.import_criteria(
        criteria_set, rows=_criteria_rows(), dry_run=False, actor=actor
    )
    if report.errors:
        raise ValueError("; ".join(report.errors))
    bands = services.set_bands(criteria_set, bands=BANDS, actor=actor)
    count.add(1 + report.created + len(bands))
    return criteria_set, selectors.leaves(selectors.criteria_of(criteria_set))


def _phases(criteria_set, today, offsets, *, actor, count) -> None:
    """`offsets`: (self start, self end, head start, head end, council start, council end,
    locked start) in days from today."""
    d = [today + datetime.timedelta(days=n) for n in offsets]
    created = services.set_phases(
        criteria_set,
        phases={
            PhaseKind.SELF_ASSESSMENT: (d[0], d[1]),
            PhaseKind.HEAD_SCORING: (d[2], d[3]),
            PhaseKind.COUNCIL_ADJUSTMENT: (d[4], d[5]),
            PhaseKind.LOCKED: (d[6], None),
        },
        actor=actor,
    )
    count.add(len(created))


# --- scores --------------------------------------------------------------------------------


def _q(value) -> Decimal:
    return Decimal(value).quantize(TWO, rounding=ROUND_HALF_UP)


def _self_values(year, unit, leaves) -> dict[str, dict]:
    """Deterministic self-assessment per unit: achieved numbers for quantitative criteria
    (points follow from the target), a level for graded ones."""
    rng = random.Random(f"{year}-{unit.code}")
    values = {}
    for leaf in leaves:
        if leaf.criterion_type == CriterionType.QUANTITATIVE:
            low = leaf.target * Decimal("0.72")
            achieved = _q(low + (leaf.target - low) * Decimal(rng.randint(0, 100)) / 100)
            if leaf.target == 50:
                achieved = achieved.quantize(Decimal(1), rounding=ROUND_HALF_UP)
            points = services.points_for_achievement(leaf, achieved)
            values[leaf.code] = {"achieved": achieved, "points": points}
        else:
            levels = [Decimal(v) for v in leaf.levels]
            values[leaf.code] = {"achieved": None, "points": _q(rng.choice(levels))}
    return values


def _self_assess(criteria_set, members, leaves, actors, count) -> dict[int, dict]:
    values_by_unit = {}
    for index, unit in enumerate(members):
        actor = actors[unit.code]
        values = _self_values(criteria_set.year, unit, leaves)
        for leaf in leaves:
            comment = COMMENTS.get(leaf.code) if (index + len(leaf.code)) % 3 == 0 else None
            services.save_self_score(
                criteria_set,
                unit_id=unit.pk,
                criterion=leaf,
                value=values[leaf.code]["points"],
                achieved=values[leaf.code]["achieved"],
                comment=comment,
                actor=actor,
            )
            count.add()
        sheet = selectors.sheet_for_unit(criteria_set, unit.pk)
        services.submit_self_assessment(sheet, actor=actor)
        count.add(2)  # the sheet and its status
        values_by_unit[unit.pk] = {code: v["points"] for code, v in values.items()}
    return values_by_unit


def _head_value(leaf, self_points: Decimal, rng) -> Decimal:
    """What the head gives: mostly the self-score, sometimes a little less (within margin)."""
    if leaf.criterion_type == CriterionType.GRADED or rng.random() < 0.6:
        return self_points
    return max(
        self_points - _q(rng.choice((Decimal("0.5"), Decimal(1), Decimal("1.5")))), Decimal(0)
    )


def _head_score(criteria_set, members, leaves, self_values, scorers, *, partial, off_margin):
    """Head-stage scores through `bulk_record_scores`, one call per scorer. `partial`: unit
    codes scored only on their first two criteria; `off_margin`: (unit code, criterion code)
    scored beyond the margin with a reason."""
    items_by_scorer: dict[str, list] = {}
    for unit in members:
        rng = random.Random(f"head-{criteria_set.year}-{unit.code}")
        scorer = scorers(unit)
        for position, leaf in enumerate(leaves):
            if unit.code in partial and position >= 2:
                continue
            self_points = self_values[unit.pk][leaf.code]
            value, reason = _head_value(leaf, self_points, rng), ""
            if off_margin == (unit.code, leaf.code):
                value, reason = max(self_points - MARGIN * 3, Decimal(0)), HEAD_REASON
            items_by_scorer.setdefault(scorer.username, []).append(
                (scorer, services.ScoreInput(unit.pk, leaf.pk, str(value), reason))
            )
    written = 0
    for pairs in items_by_scorer.values():
        scorer = pairs[0][0]
        written += len(
            services.bulk_record_scores(
                criteria_set, stage=Stage.HEAD, items=[i for _s, i in pairs], actor=scorer
            )
        )
    return written


# --- 2026: head scoring open ---------------------------------------------------------------


def _unit_actors(members, users) -> dict[str, User]:
    """Who fills each unit's sheet: its officer where the demo has one, else its leader."""
    actors = {u.code: _fresh(users[f"lanhdao{u.code}"]) for u in members}
    officers = RoleAssignment.objects.filter(
        user__in=[users[name] for name in OFFICERS], role=Role.UNIT_OFFICER
    ).select_related("unit")
    for assignment in officers:
        actors[assignment.unit.code] = _fresh(assignment.user)
    return actors


def _build_2026(group, today, users, count) -> None:
    head, deputy = _fresh(users["truongcum"]), _fresh(users["phocum"])
    members = _members(group, YEAR)
    criteria_set, leaves = _new_set(
        group,
        YEAR,
        title=(
            "Bảng điểm thi đua năm 2026 - phong trào chi trả trợ giúp xã hội, hưu trí xã hội "
            "không dùng tiền mặt"
        ),
        actor=head,
        count=count,
    )
    # Self-assessment open today while the units fill their sheets …
    _phases(criteria_set, today, (-40, 0, 1, 10, 11, 20, 21), actor=head, count=count)
    self_values = _self_assess(criteria_set, members, leaves, _unit_actors(members, users), count)
    # … then the real dates: self-assessment closed, head scoring open now.
    _phases(criteria_set, today, (-40, -5, -4, 10, 11, 20, 21), actor=head, count=count)
    head, deputy = _fresh(head), _fresh(deputy)
    own = {u.pk for u in members if u.pk in selectors.head_scorable_unit_ids(deputy, criteria_set)}
    others = [u for u in members if u.pk not in own]
    count.add(
        _head_score(
            criteria_set,
            members,
            leaves,
            self_values,
            lambda unit: deputy if unit.pk in own else head,
            partial={others[-1].code, others[-2].code},
            off_margin=(XA1_UNIT, "2"),
        )
    )


# --- 2025: locked, with a closed ballot ----------------------------------------------------


def _build_2025(group, today, users, staff, count) -> None:
    office, council = _fresh(staff["noivu"]), _fresh(staff["hoidong"])
    head, deputy = _fresh(users["truongcum2025"]), _fresh(users["truongcum"])
    members = _members(group, PAST_YEAR)
    criteria_set, leaves = _new_set(
        group,
        PAST_YEAR,
        title=(
            "Bảng điểm thi đua năm 2025 - phong trào chi trả trợ giúp xã hội, hưu trí xã hội "
            "không dùng tiền mặt"
        ),
        actor=office,
        count=count,
    )
    _phases(criteria_set, today, (-1, 0, 1, 2, 3, 4, 5), actor=office, count=count)
    self_values = _self_assess(criteria_set, members, leaves, _unit_actors(members, users), count)
    _phases(criteria_set, today, (-2, -1, 0, 1, 2, 3, 4), actor=office, count=count)
    head, deputy = _fresh(head), _fresh(deputy)
    own = {u.pk for u in members if u.pk in selectors.head_scorable_unit_ids(deputy, criteria_set)}
    count.add(
        _head_score(
            criteria_set,
            members,
            leaves,
            self_values,
            lambda unit: deputy if unit.pk in own else head,
            partial=set(),
            off_margin=(XA2_UNIT, "3"),
        )
    )
    _phases(criteria_set, today, (-4, -3, -2, -1, 0, 1, 2), actor=office, count=count)
    adjusted = next(leaf for leaf in leaves if leaf.code == "4")
    unit = members[len(members) // 2]
    line = selectors.lines_of(criteria_set)[(unit.pk, adjusted.pk, Stage.HEAD)]
    services.record_score(
        criteria_set,
        stage=Stage.COUNCIL,
        unit_id=unit.pk,
        criterion_id=adjusted.pk,
        value=str(max(line.value - Decimal(1), Decimal(0))),
        reason=COUNCIL_REASON,
        actor=_fresh(council),
    )
    count.add()
    # The dates the 2025 round really had (around the turn of the year), then lock.
    _phases(
        criteria_set, today, (-335, -320, -319, -310, -309, -300, -299), actor=office, count=count
    )
    services.lock_results(criteria_set, actor=_fresh(office))
    count.add(1 + len(members))
    ballot = services.open_ballot(
        criteria_set,
        title="Bình xét, suy tôn đơn vị dẫn đầu cụm thi đua số 1 năm 2025",
        candidate_count=3,
        seats=1,
        actor=_fresh(head),
    )
    candidates = selectors.candidates_of(ballot)
    count.add(1 + len(candidates))
    for index, unit in enumerate(members):
        # All but one leader approve the first-ranked unit; one prefers the second.
        choice = candidates[1] if index == len(members) - 1 else candidates[0]
        services.cast_ballot(
            ballot,
            unit_id=unit.pk,
            candidate_ids=[choice.pk],
            actor=_fresh(users[f"lanhdao{unit.code}"]),
        )
        count.add()
    services.close_ballot_round(ballot, actor=_fresh(head))
    count.add()
