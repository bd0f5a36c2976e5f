"""Demo award dossiers for the current year, built through awards.services.proposals by the
demo users: the unit officers "donvi1" (Huyện Văn Lâm) and "donvi2" (Huyện Văn Giang) prepare
and submit, the Home Affairs officer "noivu" receives, returns and appraises.

What is real: the units (the demo's 2024 organisation), the award types and required documents
of the seeded catalogue, the 10/12 deadline Bắc Ninh uses (Hưng Yên's own date is not
published). What is invented: every person, position, achievement, letter number and reason,
and the small PDF files (a one-page blank PDF each).

Five dossiers show the workflow states: a draft still missing documents, a submitted one, one
under appraisal, one returned with a reason and one appraised. Deadlines are set for the
current and the previous year.

Idempotent: a dossier is found by its unit, year and title first and left alone when it exists;
a deadline is set only when missing. A second run changes nothing and returns 0.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from awards.enums import AwardMethod, DocumentKind, SubjectType
from awards.models import AwardType, Proposal, SubmissionDeadline
from awards.services import catalogue as catalogue_services
from awards.services import proposals as services
from clusters.models import OrgUnit

logger = logging.getLogger(__name__)

OFFICER = "noivu"
DEADLINE_NOTE = "Hạn gửi hồ sơ đề nghị khen thưởng tổng kết năm về Sở Nội vụ (dữ liệu mẫu)."


def demo_pdf(title: str) -> bytes:
    """A minimal valid one-page PDF (no text: the title only goes into the document info)."""
    safe = title.encode("ascii", "ignore").decode().replace("(", "").replace(")", "")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        f"<< /Title ({safe}) /Producer (Thi Dua demo) >>".encode(),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 4 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


@dataclass(frozen=True)
class Person:
    award: str
    subject: str
    name: str
    honorific: str = ""
    birth_year: int | None = None
    position: str = ""
    workplace: str = ""
    category: str = ""
    unit: str = ""  # OrgUnit code of a collective
    achievement: str = ""


@dataclass(frozen=True)
class Dossier:
    user: str
    unit: str
    title: str
    number: str
    letter_day: int  # day of November of the submission letter
    people: tuple[Person, ...]
    state: str  # draft | submitted | under_appraisal | returned | appraised
    complete: bool = True
    reason: str = ""
    approvals: tuple[bool, ...] = field(default_factory=tuple)


def _plans(year: int) -> tuple[Dossier, ...]:
    return (
        Dossier(
            user="donvi1",
            unit="325",
            title=f"Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm {year} (đợt tổng kết)",
            number="112/TTr-UBND",
            letter_day=18,
            state="draft",
            complete=False,
            people=(
                Person(
                    "PROVINCIAL_CERTIFICATE",
                    SubjectType.INDIVIDUAL,
                    "Nguyễn Văn Thắng",
                    "Ông",
                    1975,
                    "Trưởng phòng Kinh tế",
                    "UBND huyện Văn Lâm",
                    "department_leader",
                    achievement="Tham mưu hoàn thành vượt 12% kế hoạch thu ngân sách năm.",
                ),
                Person(
                    "PROVINCIAL_CERTIFICATE",
                    SubjectType.INDIVIDUAL,
                    "Đặng Thị Thu Hằng",
                    "Bà",
                    1986,
                    "Chuyên viên Phòng Văn hóa và Thông tin",
                    "UBND huyện Văn Lâm",
                    "frontline",
                    achievement="Triển khai hiệu quả chuyển đổi số tại bộ phận một cửa.",
                ),
            ),
        ),
        Dossier(
            user="donvi2",
            unit="326",
            title=f"Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm {year}",
            number="87/TTr-UBND",
            letter_day=20,
            state="submitted",
            people=(
                Person(
                    "PROVINCIAL_CERTIFICATE",
                    SubjectType.COLLECTIVE,
                    "Phòng Tài chính - Kế hoạch huyện Văn Giang",
                    achievement="Hoàn thành xuất sắc nhiệm vụ tài chính - ngân sách năm.",
                ),
                Person(
                    "PROVINCIAL_CERTIFICATE",
                    SubjectType.INDIVIDUAL,
                    "Lê Minh Tuấn",
                    "Ông",
                    1980,
                    "Phó Chủ tịch UBND huyện",
                    "UBND huyện Văn Giang",
                    "department_leader",
                    achievement="Chỉ đạo hoàn thành giải phóng mặt bằng các dự án trọng điểm.",
                ),
            ),
        ),
        Dossier(
            user="donvi1",
            unit="325",
            title=f"Đề nghị công nhận danh hiệu Chiến sĩ thi đua cấp tỉnh năm {year}",
            number="115/TTr-UBND",
            letter_day=21,
            state="under_appraisal",
            people=(
                Person(
                    "PROVINCIAL_EMULATION_FIGHTER",
                    SubjectType.INDIVIDUAL,
                    "Trần Thị Phương",
                    "Bà",
                    1979,
                    "Hiệu trưởng Trường THCS Như Quỳnh",
                    "Phòng Giáo dục và Đào tạo huyện Văn Lâm",
                    "other_manager",
                    achievement="Ba năm liền Chiến sĩ thi đua cơ sở; sáng kiến cấp tỉnh về "
                    "dạy học STEM được công nhận.",
                ),
            ),
        ),
        Dossier(
            user="donvi2",
            unit="326",
            title=f"Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho tập thể năm {year}",
            number="90/TTr-UBND",
            letter_day=22,
            state="returned",
            reason=(
                "Báo cáo thành tích của Trạm Y tế xã chưa có xác nhận của thủ trưởng đơn vị "
                "cấp trên; đề nghị bổ sung và gửi lại."
            ),
            people=(
                Person(
                    "PROVINCIAL_CERTIFICATE",
                    SubjectType.COLLECTIVE,
                    "Trạm Y tế xã Phụng Công",
                    achievement="Hoàn thành vượt chỉ tiêu tiêm chủng mở rộng và khám sàng lọc.",
                ),
            ),
        ),
        Dossier(
            user="donvi1",
            unit="325",
            title=f"Đề nghị tặng Cờ thi đua của UBND tỉnh năm {year}",
            number="108/TTr-UBND",
            letter_day=12,
            state="appraised",
            approvals=(True,),
            people=(
                Person(
                    "PROVINCIAL_EMULATION_FLAG",
                    SubjectType.COLLECTIVE,
                    "Huyện Văn Lâm",
                    unit="325",
                    achievement="Đơn vị dẫn đầu khối thi đua các huyện, thành phố năm.",
                ),
            ),
        ),
    )


def _fresh(user):
    """The user without per-request role caches."""
    return User.objects.get(pk=user.pk)


def _deadlines(officer, year: int) -> int:
    changed = 0
    for deadline_year in (year - 1, year):
        if SubmissionDeadline.objects.filter(
            year=deadline_year, method=AwardMethod.REGULAR
        ).exists():
            continue
        catalogue_services.set_submission_deadline(
            actor=_fresh(officer),
            year=deadline_year,
            method=AwardMethod.REGULAR,
            due_on=datetime.date(deadline_year, 12, 10),
            note=DEADLINE_NOTE,
        )
        changed += 1
    return changed


def _upload(proposal, kind, name, actor, nominee=None) -> None:
    upload = ContentFile(demo_pdf(name), name=name)
    services.upload_document(proposal, kind=kind, upload=upload, nominee=nominee, actor=actor)


def _build(plan: Dossier, year: int, users: dict, types: dict, units: dict) -> int:
    actor = _fresh(users[plan.user])
    officer = users[OFFICER]
    proposal = services.create_proposal(
        actor=actor,
        unit=units[plan.unit],
        year=year,
        method=AwardMethod.REGULAR,
        title=plan.title,
        submission_number=plan.number,
        # The letter is dated in November, or today when the demo loads earlier in the year.
        submission_date=min(datetime.date(year, 11, plan.letter_day), timezone.localdate()),
    )
    count = 1
    nominees = []
    for position, person in enumerate(plan.people, start=1):
        nominees.append(
            services.add_nominee(
                proposal,
                actor=_fresh(actor),
                award_type=types[person.award],
                subject_type=person.subject,
                name=person.name,
                honorific=person.honorific,
                birth_year=person.birth_year,
                position=person.position,
                workplace=person.workplace,
                individual_category=person.category,
                org_unit=units.get(person.unit) if person.unit else None,
                achievement=person.achievement,
                sort_order=position,
            )
        )
        count += 1
    _upload(proposal, DocumentKind.SUBMISSION, "to-trinh.pdf", _fresh(actor))
    count += 1
    if not plan.complete:
        return count
    for item in services.missing_documents(proposal):
        suffix = f"-{item.nominee.sort_order}" if item.nominee else ""
        _upload(proposal, item.kind, f"{item.kind}{suffix}.pdf", _fresh(actor), item.nominee)
        count += 1
    if plan.state == "draft":
        return count
    services.submit_proposal(proposal, actor=_fresh(actor))
    count += 1
    if plan.state == "submitted":
        return count
    services.receive_proposal(proposal, actor=_fresh(officer))
    count += 1
    if plan.state == "returned":
        services.return_proposal(proposal, reason=plan.reason, actor=_fresh(officer))
        return count + 1
    if plan.state == "appraised":
        for nominee, approved in zip(nominees, plan.approvals, strict=True):
            services.appraise_nominee(
                nominee,
                approved=approved,
                note="" if approved else "Chưa đủ tiêu chuẩn",
                actor=_fresh(officer),
            )
            count += 1
        services.finish_appraisal(proposal, actor=_fresh(officer))
        count += 1
    return count


@transaction.atomic
def load_dossier_demo() -> int:
    """Create the demo deadlines and dossiers; returns how many objects were created or
    changed (0 on a second run)."""
    year = timezone.localdate().year
    users = {u.username: u for u in User.objects.filter(username__in=["donvi1", "donvi2", OFFICER])}
    if set(users) != {"donvi1", "donvi2", OFFICER}:
        logger.warning("Award dossier demo skipped: load the demo users first.")
        return 0
    plans = _plans(year)
    units = {
        u.code: u for u in OrgUnit.objects.filter(code__in={p.unit for p in plans} | {"325", "326"})
    }
    types = {t.code: t for t in AwardType.objects.all()}
    changed = _deadlines(users[OFFICER], year)
    for plan in plans:
        if Proposal.objects.filter(unit=units[plan.unit], year=year, title=plan.title).exists():
            continue
        changed += _build(plan, year, users, types, units)
    return changed
