"""Thin tasks on the `reports` queue (CELERY_TASK_ROUTES): ids in, one service call.

`acks_late` + `reject_on_worker_lost`: a worker killed in the middle of a render leaves the
message unacknowledged, and Redis hands it to the next worker after the visibility timeout.
`render_report` is idempotent, so a second delivery is harmless.
"""

import logging

from celery import shared_task

logger = logging.getLogger(__name__)

MAX_RETRIES = 3


@shared_task(
    name="reports.render_report",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RETRIES,
)
def render_report_task(self, *, run_id: int) -> str | None:
    from reports import services  # noqa: PLC0415 -- leaf: services import this module

    try:
        run = services.render_report(run_id)
    except Exception as exc:
        if self.request.retries < MAX_RETRIES and not self.request.is_eager:
            logger.warning("Rendering report %s failed, retrying: %s", run_id, exc)
            raise self.retry(exc=exc, countdown=5 * (self.request.retries + 1)) from exc
        logger.exception("Rendering report %s failed", run_id)
        services.mark_failed(run_id, f"{type(exc).__name__}: {exc}")
        return None
    return run.status if run is not None else None


@shared_task(name="reports.create_periodic_drafts", acks_late=True, reject_on_worker_lost=True)
def create_periodic_drafts_task(*, period: str, year: int | None = None) -> list[int]:
    """Scheduled by django-celery-beat (mid-year and year-end rows, editable in the admin)."""
    from reports import services  # noqa: PLC0415 -- leaf: services import this module

    return services.create_periodic_drafts(period=period, year=year)
