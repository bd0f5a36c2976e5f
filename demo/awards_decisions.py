"""Demo award decisions: issued provincial and recorded state-level decisions for the two
previous years (so the statistical forms 0602/0603 have figures for both), one revoked award
and one draft for the current year. Built through awards.services.decisions, as the emulation
officer "noivu" would; the lines are entered by hand (no dossier), on the demo's real units.

Idempotent: a decision is found by its symbol, number and date (a draft by its title) first.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from awards.enums import AwardLevel, AwardMethod, DecisionStatus, SignerCapacity, SubjectType
from awards.models import AwardType, Decision
from awards.services import decisions as services
from clusters.models import OrgUnit
from scoring.selectors import acclaimed_candidates

OFFICER = "noivu"
SIGNER = ("Trần Văn Quang", "PHÓ CHỦ TỊCH", SignerCapacity.DEPUTY)
REVOKE_REASON = (
    "Kết luận thanh tra số 12/KL-TTr ngày 15/9/2025: sáng kiến kê khai trong hồ sơ không được "
    "cơ quan có thẩm quyền công nhận; thu hồi Bằng khen và tiền thưởng."
)

C, H = SubjectType.COLLECTIVE, SubjectType.HOUSEHOLD


@dataclass(frozen=True)
class Line:
    award: str
    subject: str
    name: str
    unit: str = ""  # OrgUnit code of the awarded collective
    proposer: str = ""  # OrgUnit code of the proposing unit
    honorific: str = ""
    position: str = ""
    workplace: str = ""
    category: str = ""
    birth_year: int | None = None
    enterprise: bool = False


@dataclass(frozen=True)
class Plan:
    level: str
    symbol: str
    number: int
    decided_on: datetime.date
    title: str
    reason: str
    method: str
    year: int  # achievement year of the lines
    lines: tuple[Line, ...] = field(default_factory=tuple)
    signer: tuple[str, str, str] = SIGNER


def _collective(award, code, name, proposer="HY-SNV", enterprise=False):
    return Line(award, C, name, unit=code, proposer=proposer, enterprise=enterprise)


def _person(award, honorific, name, position, workplace, category, proposer, birth_year=None):
    return Line(
        award,
        SubjectType.INDIVIDUAL,
        name,
        proposer=proposer,
        honorific=honorific,
        position=position,
        workplace=workplace,
        category=category,
        birth_year=birth_year,
    )


BK = "PROVINCIAL_CERTIFICATE"


def _plans(today: datetime.date, acclaimed: list[OrgUnit]) -> list[Plan]:
    y1, y2 = today.year - 2, today.year - 1
    flag_units = [(u.code, u.name) for u in acclaimed] or [("327", "Huyện Yên Mỹ")]
    return [
        Plan(
            AwardLevel.PROVINCE,
            "QĐ-UBND",
            186,
            datetime.date(y1, 1, 25),
            f"Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm {y1 - 1}",
            f"xuất sắc trong thực hiện nhiệm vụ năm {y1 - 1}",
            AwardMethod.REGULAR,
            y1 - 1,
            (
                _collective(BK, "HY-STC", "Phòng Quản lý ngân sách, Sở Tài chính tỉnh Hưng Yên"),
                _collective(BK, "325", "Phòng Giáo dục và Đào tạo huyện Văn Lâm", "325"),
                _collective(BK, "DEMO-DN-03", "Công ty Cổ phần Dệt may Văn Lâm", "HY-BQLKCN", True),
                _collective(BK, "DEMO-DN-04", "Công ty TNHH Thực phẩm Khoái Châu", "330", True),
                _person(
                    BK,
                    "Ông",
                    "Đào Quang Vinh",
                    "Phó Chủ tịch Hội đồng nhân dân tỉnh",
                    "Hội đồng nhân dân tỉnh Hưng Yên",
                    "provincial_leader",
                    "HY-HDND",
                    1969,
                ),
                _person(
                    BK,
                    "Bà",
                    "Nguyễn Thị Thu Hương",
                    "Giám đốc",
                    "Sở Y tế tỉnh Hưng Yên",
                    "department_leader",
                    "HY-SYT",
                    1972,
                ),
                _person(
                    BK,
                    "Ông",
                    "Phạm Đức Thắng",
                    "Tổng Giám đốc",
                    "Công ty Cổ phần Nông sản Phố Hiến",
                    "entrepreneur",
                    "HY-BQLKCN",
                    1975,
                ),
                _person(
                    BK,
                    "Ông",
                    "Lê Văn Hùng",
                    "Trưởng phòng Kế hoạch - Tài chính",
                    "Sở Giáo dục và Đào tạo tỉnh Hưng Yên",
                    "other_manager",
                    "HY-SGDDT",
                    1980,
                ),
                _person(
                    BK,
                    "Bà",
                    "Vũ Thị Mai",
                    "Giáo viên",
                    "Trường THPT Văn Giang, huyện Văn Giang",
                    "frontline",
                    "326",
                    1986,
                ),
                _person(
                    BK,
                    "Ông",
                    "Trịnh Văn Khải",
                    "Công nhân",
                    "Công ty Cổ phần Dệt may Văn Lâm",
                    "frontline",
                    "HY-BQLKCN",
                    1990,
                ),
                Line(
                    BK,
                    H,
                    "Hộ ông Đỗ Văn Tài",
                    proposer="330",
                    workplace="thôn Đông Kết, xã Đông Kết, huyện Khoái Châu",
                ),
            ),
        ),
        Plan(
            AwardLevel.PROVINCE,
            "QĐ-UBND",
            412,
            datetime.date(y1, 2, 20),
            f"Về việc tặng danh hiệu Tập thể lao động xuất sắc năm {y1 - 1}",
            f"hoàn thành xuất sắc nhiệm vụ năm {y1 - 1}",
            AwardMethod.REGULAR,
            y1 - 1,
            (
                _collective("EXCELLENT_COLLECTIVE", "HY-STP", "Sở Tư pháp tỉnh Hưng Yên"),
                _collective("EXCELLENT_COLLECTIVE", "HY-SCT", "Sở Công Thương tỉnh Hưng Yên"),
                _collective("EXCELLENT_COLLECTIVE", "HY-LDLD", "Liên đoàn Lao động tỉnh Hưng Yên"),
            ),
        ),
        Plan(
            AwardLevel.PROVINCE,
            "QĐ-UBND",
            1890,
            datetime.date(y1, 9, 10),
            "Về việc khen thưởng thành tích trong phong trào “Toàn dân đoàn kết xây dựng đời "
            "sống văn hóa”",
            "tiêu biểu trong phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” giai "
            f"đoạn {y1 - 4}-{y1}",
            AwardMethod.THEMATIC,
            y1,
            (
                _collective(BK, "", "Ban Thường trực Ủy ban MTTQ Việt Nam huyện Ân Thi", "HY-MTTQ"),
                Line(
                    BK,
                    H,
                    "Hộ bà Nguyễn Thị Lụa",
                    proposer="331",
                    workplace="thôn Phú Khê, xã Phạm Ngũ Lão, huyện Kim Động",
                ),
                _person(
                    BK,
                    "Ông",
                    "Hoàng Văn Toản",
                    "Trưởng thôn",
                    "thôn An Tảo, thành phố Hưng Yên",
                    "frontline",
                    "323",
                    1962,
                ),
            ),
        ),
        Plan(
            AwardLevel.STATE,
            "QĐ-TTg",
            812,
            datetime.date(y1, 7, 15),
            f"Về việc tặng Bằng khen của Thủ tướng Chính phủ (thành tích năm {y1 - 1})",
            "",
            AwardMethod.REGULAR,
            y1 - 1,
            (
                _collective("PM_CERTIFICATE", "HY-SYT", "Sở Y tế tỉnh Hưng Yên"),
                _person(
                    "PM_CERTIFICATE",
                    "Bà",
                    "Nguyễn Thị Thu Hương",
                    "Giám đốc",
                    "Sở Y tế tỉnh Hưng Yên",
                    "department_leader",
                    "HY-SYT",
                    1972,
                ),
                _person(
                    "PM_CERTIFICATE",
                    "Ông",
                    "Phạm Đức Thắng",
                    "Tổng Giám đốc",
                    "Công ty Cổ phần Nông sản Phố Hiến",
                    "entrepreneur",
                    "HY-BQLKCN",
                    1975,
                ),
            ),
            ("Hoàng Minh Tuấn", "PHÓ THỦ TƯỚNG", SignerCapacity.DEPUTY),
        ),
        Plan(
            AwardLevel.PROVINCE,
            "QĐ-UBND",
            152,
            datetime.date(y2, 1, 20),
            f"Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm {y2 - 1}",
            f"xuất sắc trong thực hiện nhiệm vụ năm {y2 - 1}",
            AwardMethod.REGULAR,
            y2 - 1,
            (
                _collective(BK, "HY-SNNPTNT", "Chi cục Thủy lợi, Sở Nông nghiệp và PTNT"),
                _collective(BK, "326", "Phòng Tài chính - Kế hoạch huyện Văn Giang", "326"),
                _collective(
                    BK, "DEMO-DN-02", "Công ty TNHH Cơ khí chính xác Như Quỳnh", "HY-BQLKCN", True
                ),
                _person(
                    BK,
                    "Ông",
                    "Nguyễn Mạnh Cường",
                    "Giám đốc",
                    "Sở Xây dựng tỉnh Hưng Yên",
                    "department_leader",
                    "HY-SXD",
                    1971,
                ),
                _person(
                    BK,
                    "Bà",
                    "Lương Thị Hạnh",
                    "Phó Trưởng phòng Văn hóa - Thông tin",
                    "Ủy ban nhân dân thị xã Mỹ Hào",
                    "other_manager",
                    "328",
                    1983,
                ),
                _person(
                    BK,
                    "Ông",
                    "Bùi Quang Huy",
                    "Bác sĩ",
                    "Bệnh viện Đa khoa tỉnh Hưng Yên",
                    "frontline",
                    "HY-SYT",
                    1985,
                ),
                _person(
                    BK,
                    "Bà",
                    "Phan Thị Ngọc Ánh",
                    "Giám đốc",
                    "Công ty TNHH Thực phẩm Khoái Châu",
                    "entrepreneur",
                    "330",
                    1978,
                ),
                Line(
                    BK,
                    H,
                    "Hộ ông Trần Văn Bình",
                    proposer="332",
                    workplace="thôn Thiện Phiến, xã Tiên Lữ, huyện Tiên Lữ",
                ),
            ),
        ),
        Plan(
            AwardLevel.PROVINCE,
            "QĐ-UBND",
            1120,
            datetime.date(y2, 6, 12),
            "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho cá nhân có hành động "
            "dũng cảm cứu người",
            f"dũng cảm cứu người bị đuối nước trên sông Luộc ngày 02 tháng 6 năm {y2}",
            AwardMethod.AD_HOC,
            y2,
            (
                _person(
                    BK,
                    "Ông",
                    "Đặng Văn Quyết",
                    "Nông dân",
                    "xã Phù Cừ, huyện Phù Cừ",
                    "frontline",
                    "333",
                    1994,
                ),
            ),
        ),
        Plan(
            AwardLevel.STATE,
            "QĐ-CTN",
            1530,
            datetime.date(y2, 8, 26),
            "Về việc tặng Huân chương Lao động hạng Ba",
            "",
            AwardMethod.REGULAR,
            y2 - 1,
            (
                _collective(
                    "HUAN_CHUONG_LAO_DONG_3", "HY-SGDDT", "Sở Giáo dục và Đào tạo tỉnh Hưng Yên"
                ),
                _person(
                    "HUAN_CHUONG_LAO_DONG_3",
                    "Ông",
                    "Đào Quang Vinh",
                    "Phó Chủ tịch Hội đồng nhân dân tỉnh",
                    "Hội đồng nhân dân tỉnh Hưng Yên",
                    "provincial_leader",
                    "HY-HDND",
                    1969,
                ),
            ),
            ("Phạm Quốc Bảo", "CHỦ TỊCH NƯỚC", SignerCapacity.DIRECT),
        ),
        Plan(
            AwardLevel.PROVINCE,
            "QĐ-UBND",
            2415,
            datetime.date(y2, 11, 25),
            f"Về việc tặng Cờ thi đua của Ủy ban nhân dân tỉnh và danh hiệu Chiến sĩ thi đua "
            f"cấp tỉnh năm {y2}",
            f"xuất sắc, dẫn đầu phong trào thi đua năm {y2}",
            AwardMethod.REGULAR,
            y2,
            (
                *(
                    _collective("PROVINCIAL_EMULATION_FLAG", code, name, code)
                    for code, name in flag_units
                ),
                _person(
                    "PROVINCIAL_EMULATION_FIGHTER",
                    "Bà",
                    "Ngô Thị Thanh Tâm",
                    "Trưởng phòng Thi đua - Khen thưởng",
                    "Sở Nội vụ tỉnh Hưng Yên",
                    "other_manager",
                    "HY-SNV",
                    1979,
                ),
                _person(
                    "PROVINCIAL_EMULATION_FIGHTER",
                    "Ông",
                    "Đinh Công Sơn",
                    "Kỹ sư",
                    "Công ty Cổ phần Xây dựng và Thương mại Tiên Lữ",
                    "frontline",
                    "332",
                    1988,
                ),
            ),
        ),
    ]


def _draft_plan(today: datetime.date) -> Plan:
    return Plan(
        AwardLevel.PROVINCE,
        "QĐ-UBND",
        0,
        today,
        f"Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm {today.year - 1} (dự thảo)",
        f"xuất sắc trong thực hiện nhiệm vụ năm {today.year - 1}",
        AwardMethod.REGULAR,
        today.year - 1,
        (
            _collective(BK, "HY-STNMT", "Văn phòng Đăng ký đất đai, Sở Tài nguyên và Môi trường"),
            _person(
                BK,
                "Bà",
                "Hà Thị Phương",
                "Chuyên viên",
                "Sở Tài chính tỉnh Hưng Yên",
                "frontline",
                "HY-STC",
                1991,
            ),
        ),
    )


def _add_lines(decision, plan: Plan, units: dict[str, OrgUnit], types, officer) -> int:
    for line in plan.lines:
        services.add_line(
            decision,
            actor=officer,
            award_type=types[line.award],
            subject_type=line.subject,
            name=line.name,
            org_unit=units.get(line.unit) if line.unit else None,
            proposer_unit=units.get(line.proposer) if line.proposer else None,
            honorific=line.honorific,
            birth_year=line.birth_year,
            position=line.position,
            workplace=line.workplace,
            individual_category=line.category,
            is_enterprise=line.enterprise,
            method=plan.method,
            year=plan.year,
        )
    return len(plan.lines)


@transaction.atomic
def load_decision_demo() -> int:
    """Create the demo decisions that are missing; returns how many objects were created."""
    officer = User.objects.filter(username=OFFICER).first()
    if officer is None:
        raise RuntimeError("Load the demo users first: the decisions are drafted by 'noivu'.")
    today = timezone.localdate()
    acclaimed = [c.unit for c in acclaimed_candidates(year=today.year - 1)]
    plans = _plans(today, acclaimed)
    draft = _draft_plan(today)
    codes = {
        code
        for plan in (*plans, draft)
        for line in plan.lines
        for code in (line.unit, line.proposer)
    }
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=codes - {""})}
    types = {t.code: t for t in AwardType.objects.all()}
    created = 0
    for plan in plans:
        if Decision.objects.filter(
            symbol=plan.symbol, number=plan.number, decided_on=plan.decided_on
        ).exists():
            continue
        decision = services.create_decision(
            actor=officer,
            level=plan.level,
            title=plan.title,
            reason=plan.reason,
            symbol=plan.symbol,
        )
        created += 1 + _add_lines(decision, plan, units, types, officer)
        name, title, capacity = plan.signer
        services.issue_decision(
            decision,
            actor=officer,
            number=plan.number,
            decided_on=plan.decided_on,
            signer_name=name,
            signer_title=title,
            signer_capacity=capacity,
        )
        if plan.number == 152:
            revoked = decision.records.get(name="Bùi Quang Huy")
            services.revoke_record(revoked, actor=officer, reason=REVOKE_REASON)
            created += 1
    if not Decision.objects.filter(title=draft.title, status=DecisionStatus.DRAFT).exists():
        decision = services.create_decision(
            actor=officer, level=draft.level, title=draft.title, reason=draft.reason
        )
        created += 1 + _add_lines(decision, draft, units, types, officer)
    return created
