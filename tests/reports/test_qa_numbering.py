"""QA: the yearly register follows the year of issue, and so does the database's guard.

Two reports of one reporting year finalised in different calendar years (a 2025 final review
issued in December 2025, the 2025 preliminary review issued late, in January 2026) each take
number 01 of their own year's register; the unique constraint refused the second one and the
finalisation failed with a server error."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from reports import services
from reports.enums import ReportKind
from tests.factories.reports import ReportRunFactory
from tests.reports.conftest import signed

pytestmark = pytest.mark.integration


def test_reports_of_one_year_finalised_in_two_years_each_take_their_years_number(
    province, render_now
):
    final = signed(render_now(services.request_report, ReportKind.PROVINCE_FINAL, year=2025))
    preliminary = signed(
        render_now(services.request_report, ReportKind.PROVINCE_PRELIMINARY, year=2025)
    )

    first = render_now(
        services.finalise_report, final, actor=None, issued_on=datetime.date(2025, 12, 20)
    )
    second = render_now(
        services.finalise_report, preliminary, actor=None, issued_on=datetime.date(2026, 1, 5)
    )

    assert (first.number_label, first.issued_on.year) == ("01/BC-UBND", 2025)
    assert (second.number_label, second.issued_on.year) == ("01/BC-UBND", 2026)


def test_database_refuses_one_number_twice_in_one_year_of_issue(province):
    issued = datetime.date(2026, 1, 5)
    ReportRunFactory(year=2025, symbol="BC-UBND", number=1, is_final=True, issued_on=issued)

    with pytest.raises(IntegrityError), transaction.atomic():
        ReportRunFactory(year=2026, symbol="BC-UBND", number=1, is_final=True, issued_on=issued)
