"""Benchmark (not a test): time and peak memory of the province final review for one
province's year, about 150 units in 20 clusters/blocks, with the year before for comparison,
and about 20,000 award records a year (architecture.md) with 600 dossiers a year.

How to run (PostgreSQL on 127.0.0.1; the database is thrown away and re-created each run):

    .venv/bin/python bench/province_report.py            # appends a section to bench/RESULTS.md
    BENCH_REPORT_DATABASE_URL=postgres://postgres@127.0.0.1:5432/other .venv/bin/python ...

It measures separately: the award statistics (awards.statistics: forms 0602/0603 cells, the
review breakdown, dossier figures), reading the figures (reports.data), rendering HTML + PDF
(reports.rendering, WeasyPrint), and the whole service path the Celery task runs
(services.render_report: render, store, SHA-256). Peak memory: Python allocations during one
render (tracemalloc) and the process's peak resident size (getrusage ru_maxrss).
Timings are measurements to compare between commits, never assertions.
"""

import datetime
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
URL = os.environ.get(
    "BENCH_REPORT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/thidua_bench_reports"
)
DBNAME = URL.rsplit("/", 1)[1]
PRIVATE = tempfile.mkdtemp(prefix="thidua-bench-reports-")
os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings.local",
    DATABASE_URL=URL,
    DEMO_MODE="false",
    DJANGO_DEBUG="false",
    REDIS_URL="",
    REPORTS_PRIVATE_ROOT=PRIVATE,
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
)
PG = ["-h", "127.0.0.1", "-U", "postgres"]
subprocess.run(["dropdb", *PG, "--if-exists", DBNAME], check=True)  # noqa: S603, S607 -- local tool
subprocess.run(["createdb", *PG, DBNAME], check=True)  # noqa: S603, S607 -- local tool

import logging  # noqa: E402

import django  # noqa: E402

django.setup()
logging.getLogger("weasyprint").setLevel(logging.WARNING)  # its INFO lines are per step
logging.getLogger("celery").setLevel(logging.WARNING)

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone, translation  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from awards import statistics as award_statistics  # noqa: E402
from awards.models import AwardRecord, AwardType, Decision, Proposal  # noqa: E402
from campaigns.enums import LauncherLevel, MovementKind, PledgeStatus  # noqa: E402
from campaigns.models import (  # noqa: E402
    EmulationPledge,
    EmulationRegistration,
    Movement,
    PledgeItem,
    RegisteredIndividual,
)
from clusters.enums import GroupKind, GroupLevel, UnitType  # noqa: E402
from clusters.models import EmulationGroup, GroupMembership, GroupTerm, OrgUnit  # noqa: E402
from reports import data, narrative, rendering, services  # noqa: E402
from reports.enums import ReportKind, ReportPeriod  # noqa: E402
from reports.models import ReportRun  # noqa: E402

YEAR = 2025
GROUPS = 20
UNITS = 150
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
STATUSES = ["approved", "approved", "approved", "sent", "draft", "returned"]
AWARDS_PER_YEAR = int(os.environ.get("BENCH_AWARDS", "20000"))
RECORDS_PER_DECISION = 100
CATEGORIES = ["frontline"] * 6 + ["other_manager", "department_leader", "entrepreneur", ""]
METHODS = ["regular"] * 6 + ["thematic", "ad_hoc", "contribution", "seniority"]
PROPOSAL_STATUSES = ["decided", "decided", "appraised", "returned", "under_appraisal", "rejected"]


def generate() -> None:
    """20 groups (12 clusters of communes, 8 blocks of departments), 150 units spread over
    them, both years; registrations with individuals, pledges with items, 12 movements."""
    units = OrgUnit.objects.bulk_create(
        OrgUnit(
            code=f"BENCH-{n:03d}",
            name=f"{'Xã' if n < 90 else 'Sở'} Thử nghiệm số {n}",
            unit_type=UnitType.COMMUNE if n < 90 else UnitType.DEPARTMENT,
        )
        for n in range(UNITS)
    )
    groups = EmulationGroup.objects.bulk_create(
        EmulationGroup(
            code=f"BG{g:02d}",
            name=(f"Cụm thi đua số {g + 1}" if g < 12 else f"Khối thi đua số {g - 11}"),
            kind=GroupKind.CLUSTER if g < 12 else GroupKind.BLOCK,
            level=GroupLevel.PROVINCIAL,
        )
        for g in range(GROUPS)
    )
    memberships, terms, registrations = [], [], []
    for year in (YEAR - 1, YEAR):
        for index, unit in enumerate(units):
            group = groups[index % GROUPS]
            memberships.append(
                GroupMembership(group=group, unit=unit, year=year, level=group.level)
            )
            status = STATUSES[(index + year) % len(STATUSES)]
            registrations.append(
                EmulationRegistration(
                    unit=unit,
                    year=year,
                    status=status,
                    collective_titles=["ADVANCED_COLLECTIVE"],
                    is_late=index % 9 == 0,
                )
            )
        for g, group in enumerate(groups):
            terms.append(
                GroupTerm(
                    group=group,
                    year=year,
                    head_unit=units[g],
                    deputy_unit=units[g + GROUPS],
                )
            )
    GroupMembership.objects.bulk_create(memberships)
    GroupTerm.objects.bulk_create(terms)
    registrations = EmulationRegistration.objects.bulk_create(registrations)
    RegisteredIndividual.objects.bulk_create(
        RegisteredIndividual(
            registration=registration,
            full_name=f"Nguyễn Văn Thử {i}",
            target_title="ADVANCED_WORKER",
            order=i,
        )
        for registration in registrations
        for i in range(5)
    )
    for year in (YEAR - 1, YEAR):
        pledges = EmulationPledge.objects.bulk_create(
            EmulationPledge(
                group=group,
                year=year,
                title=f"Giao ước thi đua năm {year}",
                status=PledgeStatus.IN_FORCE,
                in_force_at=timezone.now(),
            )
            for group in groups
        )
        PledgeItem.objects.bulk_create(
            PledgeItem(pledge=pledge, order=i, text=f"Chỉ tiêu {i}")
            for pledge in pledges
            for i in range(1, 6)
        )
    Movement.objects.bulk_create(
        Movement(
            name=f"Phong trào thi đua thử nghiệm {m}",
            launcher_level=[LauncherLevel.PROVINCE, LauncherLevel.PRIME_MINISTER][m % 2],
            kind=[MovementKind.THEMATIC, MovementKind.REGULAR][m % 3 == 0],
            start_year=2021 + m % 4,
            end_year=2025,
            launched_on=datetime.date(2021 + m % 4, 3, 1),
        )
        for m in range(12)
    )


def generate_awards(units) -> None:
    """AWARDS_PER_YEAR records a year over every catalogue type with a unit, in decisions of
    100 lines dated through the reporting period; 1 in 200 revoked; 600 dossiers a year."""
    from accounts.models import User  # noqa: PLC0415

    author = User.objects.create(username="bench-awards")
    types = list(AwardType.objects.order_by("sort_order"))
    for year in (YEAR - 1, YEAR):
        start = datetime.date(year - 1, 12, 1)
        decisions = Decision.objects.bulk_create(
            Decision(
                level=types[d % len(types)].level,
                title=f"Quyết định khen thưởng thử nghiệm {d}",
                number=d + 1,
                decided_on=start + datetime.timedelta(days=d % 360),
                status="issued",
                issued_at=timezone.now(),
                created_by=author,
            )
            for d in range(AWARDS_PER_YEAR // RECORDS_PER_DECISION)
        )
        records = []
        for n in range(AWARDS_PER_YEAR):
            decision = decisions[n // RECORDS_PER_DECISION]
            award_type = types[n % len(types)]
            allowed = [s for s in ("individual", "collective", "household") if award_type.allows(s)]
            subject = allowed[(n // len(types)) % len(allowed)]
            unit = units[n % len(units)]
            records.append(
                AwardRecord(
                    decision=decision,
                    award_type=award_type,
                    subject_type=subject,
                    name=f"Đối tượng thử nghiệm {n}",
                    org_unit=unit if subject == "collective" else None,
                    proposer_unit=unit,
                    individual_category=CATEGORIES[n % len(CATEGORIES)]
                    if subject == "individual"
                    else "",
                    is_enterprise=subject == "collective" and n % 11 == 0,
                    method=METHODS[n % len(METHODS)],
                    year=year,
                    revoked_at=timezone.now() if n % 200 == 0 else None,
                    revoked_reason="Thu hồi thử nghiệm" if n % 200 == 0 else "",
                )
            )
        AwardRecord.objects.bulk_create(records, batch_size=2000)
        Proposal.objects.bulk_create(
            Proposal(
                unit=units[p % len(units)],
                year=year,
                title=f"Hồ sơ đề nghị thử nghiệm {p}",
                status=PROPOSAL_STATUSES[p % len(PROPOSAL_STATUSES)],
                submitted_at=timezone.make_aware(
                    datetime.datetime.combine(
                        start + datetime.timedelta(days=p % 360), datetime.time(9)
                    )
                ),
                is_late=p % 7 == 0,
                created_by=author,
            )
            for p in range(600)
        )


def award_statistics_once() -> None:
    start, end = award_statistics.reporting_period(YEAR)
    award_statistics.award_counts(start, end)
    award_statistics.award_breakdown(start, end, group_year=YEAR)
    award_statistics.proposal_figures(start, end)


def timed(function, rounds: int) -> tuple[float, object]:
    timings, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), result


def main() -> None:
    call_command("migrate", verbosity=0)
    generate()
    generate_awards(list(OrgUnit.objects.filter(code__startswith="BENCH-").order_by("code")))
    stats_s, _ = timed(award_statistics_once, max(ROUNDS, 5))
    stats_queries: list[str] = []
    with connection.execute_wrapper(
        lambda execute, sql, *args: stats_queries.append(sql) or execute(sql, *args)
    ):
        award_statistics_once()
    form_run = ReportRun(
        kind=ReportKind.FORM_0603,
        scope="province",
        year=YEAR,
        period=ReportPeriod.YEAR,
        data=data.form_awards_data(YEAR),
    )
    with translation.override("vi"):
        rendering.render_pdf(form_run)
        form_s, _ = timed(lambda: rendering.render_pdf(form_run), ROUNDS)
    gather_s, figures = timed(
        lambda: data.province_review_data(YEAR, ReportPeriod.YEAR), max(ROUNDS, 5)
    )
    run = ReportRun(
        kind=ReportKind.PROVINCE_FINAL,
        scope="province",
        year=YEAR,
        period=ReportPeriod.YEAR,
        data=figures,
        **narrative.prefill(ReportKind.PROVINCE_FINAL, figures),
    )
    with translation.override("vi"):
        rendering.render_pdf(run)  # warm up: imports, fonts
        render_s, pdf = timed(lambda: rendering.render_pdf(run), ROUNDS)
        tracemalloc.start()
        rendering.render_pdf(run)
        _current, peak_python = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    pages = len(PdfReader(BytesIO(pdf)).pages)
    queries: list[str] = []
    with connection.execute_wrapper(
        lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)
    ):
        data.province_review_data(YEAR, ReportPeriod.YEAR)
    saved = services.request_report(ReportKind.PROVINCE_FINAL, year=YEAR)[0]  # eager: renders
    saved.refresh_from_db()

    def full_path():
        ReportRun.objects.filter(pk=saved.pk).update(status="queued")
        return services.render_report(saved.pk)

    task_s, _ = timed(full_path, ROUNDS)
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    units = figures["totals"]["members"]
    groups = figures["totals"]["groups"]
    lines = [
        "",
        f"## Province final review — {datetime.datetime.now(datetime.UTC):%Y-%m-%dT%H:%MZ} "
        f"on {os.cpu_count()} cores (bench/province_report.py)",
        "",
        f"{units} member units in {groups} clusters/blocks, {YEAR} with {YEAR - 1} for "
        f"comparison; {AWARDS_PER_YEAR} award records and 600 dossiers a year; "
        f"{ROUNDS} rounds, medians.",
        "",
        "| step | median s | notes |",
        "| --- | ---: | --- |",
        f"| award statistics (0602/0603 cells, breakdown, dossiers) | {stats_s:.3f} | "
        f"{len(stats_queries)} queries |",
        f"| read the figures (reports.data) | {gather_s:.3f} | {len(queries)} queries |",
        f"| form 0603 HTML + PDF | {form_s:.3f} | |",
        f"| HTML + PDF (WeasyPrint) | {render_s:.3f} | {pages} pages, {len(pdf) / 1024:.0f} KiB |",
        f"| whole task body (render, store, SHA-256) | {task_s:.3f} | services.render_report |",
        "",
        f"Peak Python allocations during one render (tracemalloc): "
        f"{peak_python / 1024 / 1024:.1f} MiB; peak resident size of the process "
        f"(ru_maxrss): {peak_rss_mb:.0f} MiB.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    with (ROOT / "bench" / "RESULTS.md").open("a", encoding="utf-8") as results:
        results.write(text)


if __name__ == "__main__":
    main()
