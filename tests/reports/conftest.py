"""A small province with exact, known figures (two groups, two years), and helpers to read
the PDFs the reports app writes."""

import datetime
import subprocess
from dataclasses import dataclass, field

import pytest
import redis
from django.conf import settings
from django.utils import timezone

from campaigns.enums import LauncherLevel, MovementKind, PledgeStatus, RegistrationStatus
from campaigns.models import (
    EmulationPledge,
    EmulationRegistration,
    Movement,
    PledgeItem,
    PledgeSignature,
    RegisteredIndividual,
)
from clusters.enums import GroupKind, GroupLevel, UnitType
from clusters.models import EmulationGroup, GroupMembership, GroupTerm, OrgUnit
from config.celery import app
from reports.models import ReportRun
from tests.factories.accounts import UserFactory


@dataclass
class Province:
    units: dict[str, OrgUnit] = field(default_factory=dict)
    cluster: EmulationGroup | None = None
    block: EmulationGroup | None = None


def _unit(code, name, unit_type=UnitType.DEPARTMENT):
    return OrgUnit.objects.create(code=code, name=name, unit_type=unit_type)


def _members(group, year, units):
    for unit in units:
        GroupMembership.objects.create(group=group, unit=unit, year=year, level=group.level)


def _registration(unit, year, status, *, titles=(), individuals=0, late=False):
    registration = EmulationRegistration.objects.create(
        unit=unit, year=year, status=status, collective_titles=list(titles), is_late=late
    )
    for index in range(individuals):
        RegisteredIndividual.objects.create(
            registration=registration,
            full_name=f"Nguyễn Thị Thử {index}",
            target_title="ADVANCED_WORKER",
            order=index,
        )
    return registration


def build_province() -> Province:
    """2025: a cluster of 2 communes and a block of 3 departments (5 members, 4 registered,
    3 approved, 1 late, 1 pledge in force). 2024: 3 members, 3 registered, 2 approved."""
    p = Province()
    p.units = {
        "A1": _unit("HY-PH", "Phường Phố Hiến", UnitType.WARD),
        "A2": _unit("HY-MH", "Phường Mỹ Hào", UnitType.WARD),
        "B1": _unit("HY-SNV", "Sở Nội vụ"),
        "B2": _unit("HY-STC", "Sở Tài chính"),
        "B3": _unit("HY-SYT", "Sở Y tế"),
    }
    u = p.units
    p.cluster = EmulationGroup.objects.create(
        code="CUM1", name="Cụm thi đua số 1", kind=GroupKind.CLUSTER, level=GroupLevel.PROVINCIAL
    )
    p.block = EmulationGroup.objects.create(
        code="KHOI-TH",
        name="Khối các cơ quan tổng hợp",
        kind=GroupKind.BLOCK,
        level=GroupLevel.PROVINCIAL,
    )
    _members(p.cluster, 2025, [u["A1"], u["A2"]])
    _members(p.block, 2025, [u["B1"], u["B2"], u["B3"]])
    _members(p.cluster, 2024, [u["A1"]])
    _members(p.block, 2024, [u["B1"], u["B2"]])
    GroupTerm.objects.create(
        group=p.cluster,
        year=2025,
        head_unit=u["A1"],
        deputy_unit=u["A2"],
        decision_ref="Quyết định số 15/QĐ-UBND",
    )
    GroupTerm.objects.create(group=p.block, year=2025, head_unit=u["B1"])
    GroupTerm.objects.create(group=p.block, year=2024, head_unit=u["B2"])
    approved, sent, draft = (
        RegistrationStatus.APPROVED,
        RegistrationStatus.SENT,
        RegistrationStatus.DRAFT,
    )
    _registration(u["A1"], 2025, approved, titles=["EXCELLENT_COLLECTIVE"], individuals=2)
    _registration(u["A2"], 2025, sent, late=True)
    _registration(u["B1"], 2025, approved, titles=["ADVANCED_COLLECTIVE"], individuals=1)
    _registration(u["B2"], 2025, approved)
    _registration(u["A1"], 2024, approved)
    _registration(u["B1"], 2024, approved)
    _registration(u["B2"], 2024, draft)
    pledge = EmulationPledge.objects.create(
        group=p.block, year=2025, title="Giao ước thi đua năm 2025", status=PledgeStatus.IN_FORCE
    )
    PledgeItem.objects.create(pledge=pledge, order=1, text="Hoàn thành 100% nhiệm vụ được giao")
    signer = UserFactory(username="ky-giao-uoc")
    for unit in (u["B1"], u["B2"]):
        PledgeSignature.objects.create(
            pledge=pledge, unit=unit, user=signer, signed_at=timezone.now()
        )
    Movement.objects.create(
        name="Hưng Yên đẩy mạnh chuyển đổi số",
        launcher_level=LauncherLevel.PROVINCE,
        kind=MovementKind.THEMATIC,
        start_year=2022,
        end_year=2025,
        launched_on=datetime.date(2022, 3, 1),
    )
    Movement.objects.create(
        name="Thi đua thực hiện nhiệm vụ năm 2025 của Khối",
        launcher_level=LauncherLevel.CLUSTER,
        kind=MovementKind.REGULAR,
        start_date=datetime.date(2025, 1, 10),
        end_date=datetime.date(2025, 12, 31),
        launched_on=datetime.date(2025, 1, 10),
    )
    Movement.objects.create(
        name="Cả nước chung sức xây dựng nông thôn mới",
        launcher_level=LauncherLevel.PRIME_MINISTER,
        kind=MovementKind.THEMATIC,
        start_year=2021,
        end_year=2025,
    )
    return p


@pytest.fixture
def province(db):
    return build_province()


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """Every test here writes its report files under its own temporary folder."""
    settings.REPORTS_PRIVATE_ROOT = tmp_path / "private"
    return settings.REPORTS_PRIVATE_ROOT


def pdf_text(path) -> str:
    """The PDF's text as pdftotext (poppler) reads it, page breaks as form feeds."""
    result = subprocess.run(  # noqa: S603 -- fixed argument list, our own file
        ["/usr/bin/pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def pdf_lines(path) -> list[str]:
    return [" ".join(line.split()) for line in pdf_text(path).splitlines() if line.strip()]


@pytest.fixture
def render_now(django_capture_on_commit_callbacks, private_root):
    """`render_now(service, *args, **kwargs)`: call a service and run what it queued on
    commit (the render task, eagerly), then return the refreshed result."""

    def call(service, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            result = service(*args, **kwargs)
        run = result[0] if isinstance(result, tuple) else result
        run.refresh_from_db()
        return run

    return call


def signed(run, name: str = "Nguyễn Văn Ký"):
    """A draft whose signature block names its signer, as finalising requires."""
    ReportRun.objects.filter(pk=run.pk).update(signer_name=name)
    run.refresh_from_db()
    return run


def pdf_page_text(path, page: int) -> str:
    result = subprocess.run(  # noqa: S603 -- fixed argument list, our own file
        ["/usr/bin/pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


@pytest.fixture
def broker():
    """The real Redis (this run's own database number), emptied, with eager mode off."""
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.flushdb()
    app.conf.task_always_eager = False
    try:
        yield client
    finally:
        app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
        client.flushdb()


def lock_block_scoring(province, *, locked: bool = True):
    """The block's annual criteria set for 2025; when `locked`, its frozen ranking and a
    ballot that acclaimed Sở Nội vụ (built from the scoring models as they stand)."""
    from scoring.models import Ballot, BallotCandidate, CriteriaSet, GroupResult

    criteria_set = CriteriaSet.objects.create(
        group=province.block, year=2025, period="annual", title="Bảng điểm Khối năm 2025"
    )
    if not locked:
        return criteria_set
    rows = [
        ("HY-SNV", "Sở Nội vụ", 1, "95.50", "Xuất sắc"),
        ("HY-STC", "Sở Tài chính", 2, "90.25", "Tốt"),
        ("HY-SYT", "Sở Y tế", 3, "81.00", "Khá"),
    ]
    GroupResult.objects.create(
        criteria_set=criteria_set,
        snapshot={
            "rows": [
                {"unit_code": c, "unit_name": n, "rank": r, "total": t, "classification": k}
                for c, n, r, t, k in rows
            ]
        },
        sha256="ab" * 32,
        locked_by=UserFactory(username="khoa-ket-qua"),
    )
    ballot = Ballot.objects.create(criteria_set=criteria_set, title="Suy tôn năm 2025")
    BallotCandidate.objects.create(
        ballot=ballot, unit=province.units["B1"], rank=1, total="95.50", is_acclaimed=True
    )
    BallotCandidate.objects.create(
        ballot=ballot, unit=province.units["B2"], rank=2, total="90.25", is_acclaimed=False
    )
    return criteria_set
