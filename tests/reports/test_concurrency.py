"""Numbers from the yearly register are never duplicated, however many finalisations run at
once (threads, each on its own database connection, all released together)."""

import datetime
import threading

import pytest
from django.db import connection

from core.exceptions import DomainError
from reports import services
from reports.enums import ReportKind
from reports.models import ReportNumberRegister, ReportRun
from tests.factories.reports import ReportRunFactory

pytestmark = pytest.mark.integration

THREADS = 6


def _race(targets):
    """Run `services.finalise_report` on each target in its own thread, all at once."""
    barrier = threading.Barrier(len(targets))
    outcomes = [None] * len(targets)

    def finalise(index, run_id):
        try:
            barrier.wait(timeout=10)
            run = ReportRun.objects.get(pk=run_id)
            outcomes[index] = services.finalise_report(
                run, actor=None, issued_on=datetime.date(2025, 12, 20)
            ).number
        except DomainError as exc:
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [
        threading.Thread(target=finalise, args=(index, run_id))
        for index, run_id in enumerate(targets)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_concurrent_finalisations_take_distinct_consecutive_numbers(broker):
    runs = ReportRunFactory.create_batch(THREADS, kind=ReportKind.PROVINCE_FINAL)

    numbers = _race([run.pk for run in runs])

    assert sorted(numbers) == list(range(1, THREADS + 1))
    assert sorted(ReportRun.objects.values_list("number", flat=True)) == list(range(1, THREADS + 1))
    assert list(ReportNumberRegister.objects.values_list("year", "symbol", "last_number")) == [
        (2025, "BC-UBND", THREADS)
    ]


@pytest.mark.django_db(transaction=True)
def test_the_same_report_finalised_twice_at_once_is_numbered_once(broker):
    run = ReportRunFactory(kind=ReportKind.PROVINCE_FINAL)

    outcomes = _race([run.pk, run.pk, run.pk])

    numbers = [o for o in outcomes if isinstance(o, int)]
    refusals = [o for o in outcomes if isinstance(o, DomainError)]
    assert (numbers, len(refusals)) == ([1], 2)
    assert ReportNumberRegister.objects.get().last_number == 1
