import logging

from celery import shared_task
from django.db import connection

logger = logging.getLogger(__name__)


@shared_task(name="core.ping", acks_late=True)
def ping_task(*, token: str) -> dict:
    """Round trip used by operators and the integration test: proves that a worker is
    consuming, and that it reaches the database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (one,) = cursor.fetchone()
    return {"token": token, "database": one == 1}
