"""Rendering through real Celery workers on the real Redis: the dedicated `reports` queue,
the e-mail when ready, and a worker killed in the middle of a render (kill -9) whose task
completes on the next worker. The schedule of periodic drafts is checked here too."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core import mail
from django.db import connection
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from config.celery import app
from reports import services
from reports.enums import ReportKind, ReportStatus
from reports.models import ReportRun
from reports.schedule import ensure_periodic_drafts
from tests.factories.accounts import UserFactory
from tests.reports.conftest import build_province, pdf_lines

pytestmark = pytest.mark.integration

ROOT = Path(settings.BASE_DIR)


def _wait_for(run_id: int, statuses: set[str], timeout: float) -> ReportRun:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = ReportRun.objects.get(pk=run_id)
        if run.status in statuses:
            return run
        time.sleep(0.05)
    raise AssertionError(f"run {run_id} did not reach {statuses} in {timeout}s: {run.status}")


def _wait_until_unacked_older_than(client, *, seconds: float, timeout: float) -> None:
    """Until every message a worker took and never acknowledged (kombu's `unacked_index`,
    scored by delivery time) is older than `seconds`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        entries = client.zrange("unacked_index", 0, -1, withscores=True)
        if entries and all(time.time() - score > seconds for _tag, score in entries):
            return
        time.sleep(0.05)
    raise AssertionError(f"no unacknowledged message older than {seconds}s in {timeout}s")


def test_report_tasks_are_routed_to_the_reports_queue_with_late_acks():
    task = app.tasks["reports.render_report"]

    assert app.amqp.router.route({}, "reports.render_report")["queue"].name == "reports"
    assert app.amqp.router.route({}, "core.ping")["queue"].name == "celery"
    assert (task.acks_late, task.reject_on_worker_lost, task.max_retries) == (True, True, 3)


@pytest.mark.django_db(transaction=True)
def test_worker_on_the_reports_queue_renders_and_mails_the_requester(broker, private_root):
    build_province()
    officer = UserFactory(username="tdkt-worker", email="tdkt@hungyen.gov.vn")

    with start_worker(app, perform_ping_check=False, pool="solo", queues=["reports"]):
        run, created = services.request_report(ReportKind.PROVINCE_FINAL, year=2025, actor=officer)
        run = _wait_for(run.pk, {ReportStatus.DONE, ReportStatus.FAILED}, timeout=60)

    assert created is True
    assert (run.status, run.progress, run.attempts) == (ReportStatus.DONE, 100, 1)
    assert "Số đơn vị thành viên 3 5 +2" in pdf_lines(run.pdf_file.path)
    assert [m.to for m in mail.outbox] == [["tdkt@hungyen.gov.vn"]]


def _worker(env: dict) -> subprocess.Popen:
    command = [
        # The celery script of the virtualenv running the tests, wherever it is.
        str(Path(sys.executable).parent / "celery"),
        "-A",
        "config",
        "worker",
        "-Q",
        "reports",
        "-P",
        "solo",
        "--without-gossip",
        "--without-mingle",
        "-l",
        "warning",
    ]
    return subprocess.Popen(  # noqa: S603 -- fixed command line
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.django_db(transaction=True)
def test_task_of_a_worker_killed_mid_render_completes_on_the_next_worker(broker, private_root):
    build_province()
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        # The worker must use this test's database and Redis database.
        "TEST_DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "TEST_REDIS_URL": settings.CELERY_BROKER_URL,
        "REPORTS_PRIVATE_ROOT": str(private_root),
    }
    run, _ = services.request_report(ReportKind.PROVINCE_FINAL, year=2025)

    slow = _worker({**env, "REPORTS_RENDER_PAUSE": "3"})
    try:
        started = _wait_for(run.pk, {ReportStatus.RUNNING}, timeout=60)
        slow.send_signal(signal.SIGKILL)
        slow.wait(timeout=10)
    finally:
        if slow.poll() is None:
            slow.kill()
    killed = ReportRun.objects.get(pk=run.pk)
    # kombu looks for unacknowledged messages when a worker starts, then only every 10th tick
    # of 10 s: the message must already be older than the fresh worker's 1 s visibility
    # timeout when it starts, or it is found only after about 100 s.
    _wait_until_unacked_older_than(broker, seconds=1.5, timeout=30)
    fresh = _worker({**env, "CELERY_VISIBILITY_TIMEOUT": "1"})
    try:
        done = _wait_for(run.pk, {ReportStatus.DONE, ReportStatus.FAILED}, timeout=90)
    finally:
        fresh.send_signal(signal.SIGTERM)
        fresh.wait(timeout=30)

    assert started.attempts == 1
    assert (killed.status, killed.pdf_file.name) == (ReportStatus.RUNNING, "")
    assert (done.status, done.progress, done.attempts) == (ReportStatus.DONE, 100, 2)
    assert "Số đơn vị thành viên 3 5 +2" in pdf_lines(done.pdf_file.path)


@pytest.mark.django_db
def test_periodic_drafts_are_scheduled_mid_year_and_at_year_end():
    PeriodicTask.objects.filter(task="reports.create_periodic_drafts").delete()

    created = ensure_periodic_drafts(CrontabSchedule, PeriodicTask)
    again = ensure_periodic_drafts(CrontabSchedule, PeriodicTask)

    rows = PeriodicTask.objects.filter(task="reports.create_periodic_drafts").order_by("name")
    assert again == []
    assert len(created) == 2
    assert [
        (t.crontab.day_of_month, t.crontab.month_of_year, t.crontab.hour, t.kwargs, t.queue)
        for t in rows
    ] == [
        ("15", "6", "6", '{"period": "h1"}', "reports"),
        ("15", "12", "6", '{"period": "year"}', "reports"),
    ]
