"""A real task through a real worker on the real Redis: no eager mode, no mocked broker."""

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from config.celery import app
from core.tasks import ping_task

pytestmark = pytest.mark.integration


@pytest.fixture
def celery_worker_on_redis():
    redis.Redis.from_url(settings.CELERY_BROKER_URL).flushdb()
    app.conf.task_always_eager = False
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", concurrency=1) as worker:
            yield worker
    finally:
        app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


@pytest.mark.django_db(transaction=True)
def test_ping_task_round_trip_through_worker_on_redis(celery_worker_on_redis):
    result = ping_task.delay(token="xin-chào")

    assert result.get(timeout=20) == {"token": "xin-chào", "database": True}
    assert app.conf.broker_url.startswith("redis://127.0.0.1:6379/")


def test_celery_app_reads_django_settings():
    assert app.conf.task_acks_late is True
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_serializer == "json"
    assert app.conf.result_serializer == "json"
