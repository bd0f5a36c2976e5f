"""Benchmark: server-side time and query count of the main pages and API lists.

Runs against PostgreSQL (BENCH_DATABASE_URL, default database `thidua_bench` on 127.0.0.1,
created if missing) loaded with the demo data. Prints a Markdown table; `make bench` appends it
to bench/RESULTS.md. Timings are measurements to compare, never assertions.
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/thidua_bench")
os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings.local",
    DATABASE_URL=url,
    DEMO_MODE="true",
    DJANGO_DEBUG="false",
    REDIS_URL="",
)
DBNAME = url.rsplit("/", 1)[1]
CREATEDB = ["createdb", "-h", "127.0.0.1", "-U", "postgres", DBNAME]
subprocess.run(CREATEDB, check=False, capture_output=True)  # noqa: S603 -- local tool

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import User  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "100"))
# A year's award records on top of the demo (architecture.md: ~20,000 a year), so the award
# lists are measured at a real size, not at the demo's few dozen rows.
AWARD_RECORDS = int(os.environ.get("BENCH_AWARD_RECORDS", "20000"))
PAGES = [
    ("noivu", "/"),
    ("admin", "/audit/"),
    ("noivu", "/api/v1/units/"),
    ("noivu", "/api/v1/me/"),
    ("noivu", "/awards/proposals/"),
    ("donvi1", "/awards/proposals/"),
    ("noivu", "/awards/decisions/"),
    ("noivu", "/awards/records/"),
    ("noivu", "/awards/records/?year=2025&subject_type=individual"),
    ("donvi1", "/awards/records/"),
    ("noivu", "/awards/catalogue/"),
    ("noivu", "/api/v1/proposals/"),
    ("noivu", "/api/v1/award-records/"),
    ("noivu", "/reports/"),
]
BENCH_TITLE = "Quyết định khen thưởng (bench)"


def add_award_records() -> None:
    """AWARD_RECORDS records of 2025 in issued decisions of 100 lines each (once per database)."""
    import datetime  # noqa: PLC0415 -- bench setup only

    from django.utils import timezone  # noqa: PLC0415

    from awards.models import AwardRecord, AwardType, Decision  # noqa: PLC0415
    from clusters.models import OrgUnit  # noqa: PLC0415

    if Decision.objects.filter(title=BENCH_TITLE).exists():
        return
    author = User.objects.get(username="noivu")
    types = list(AwardType.objects.filter(level="province").order_by("sort_order"))
    units = list(OrgUnit.objects.order_by("pk")[:150])
    decisions = Decision.objects.bulk_create(
        Decision(
            level="province",
            title=BENCH_TITLE,
            number=100_000 + d,
            decided_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=d % 330),
            status="issued",
            issued_at=timezone.now(),
            created_by=author,
        )
        for d in range(AWARD_RECORDS // 100)
    )
    records = []
    for n in range(AWARD_RECORDS):
        award_type = types[n % len(types)]
        subject = next(s for s in ("individual", "collective") if award_type.allows(s))
        unit = units[n % len(units)]
        records.append(
            AwardRecord(
                decision=decisions[n // 100],
                award_type=award_type,
                subject_type=subject,
                name=f"Đối tượng thử nghiệm {n}",
                org_unit=unit if subject == "collective" else None,
                proposer_unit=unit,
                individual_category="frontline" if subject == "individual" else "",
                method="regular",
                year=2025,
            )
        )
    AwardRecord.objects.bulk_create(records, batch_size=2000)


class QueryCounter(list):
    def __call__(self, execute, sql, params, many, context):
        self.append(sql)
        return execute(sql, params, many, context)


def main():
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    add_award_records()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would after a bulk load
    print(f"| page | user | median ms | p95 ms | queries |  ({ROUNDS} rounds)")
    print("| --- | --- | ---: | ---: | ---: |")
    for username, path in PAGES:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(User.objects.get(username=username))
        client.get(path)  # warm up
        timings = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        queries = QueryCounter()
        with connection.execute_wrapper(queries):
            client.get(path)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"| `{path}` | {username} | {statistics.median(timings):.1f} | {p95:.1f} "
            f"| {len(queries)} |"
        )


if __name__ == "__main__":
    main()
