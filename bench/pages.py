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
PAGES = [
    ("noivu", "/"),
    ("admin", "/audit/"),
    ("noivu", "/api/v1/units/"),
    ("noivu", "/api/v1/me/"),
]


class QueryCounter(list):
    def __call__(self, execute, sql, params, many, context):
        self.append(sql)
        return execute(sql, params, many, context)


def main():
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
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
