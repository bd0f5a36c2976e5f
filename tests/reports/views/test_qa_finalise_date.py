"""QA: a report cannot be issued before the period it covers.

Finalising the 2025 province review with the date 01/01/1999 made it "Số 01/BC-UBND, ngày 01
tháng 01 năm 1999" and took number 01 of the 1999 register."""

import datetime

import pytest
from django.contrib.messages import get_messages

from accounts.enums import Role
from core.exceptions import DomainError
from reports import services
from reports.enums import ReportKind
from reports.models import ReportNumberRegister
from tests.conftest import make_user_with_role
from tests.factories.reports import ReportRunFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def officer(province):
    return make_user_with_role(Role.EMULATION_OFFICER, province.units["B1"], username="tdkt")


def test_finalising_with_a_date_before_the_period_is_refused_with_a_message(
    province, officer, client_for
):
    run = ReportRunFactory(kind=ReportKind.PROVINCE_FINAL, year=2025)
    client = client_for(officer)

    response = client.post(f"/reports/{run.pk}/finalise/", {"issued_on": "1999-01-01"})

    run.refresh_from_db()
    assert response.status_code == 302
    # The Vietnamese is in locale/_pending until the integrator merges it.
    assert [str(m) for m in get_messages(response.wsgi_request)] in (
        ["The date of issue cannot be before the period the report covers (01/12/2024)."],
        ["Ngày ban hành không được trước kỳ báo cáo (từ 01/12/2024)."],
    )
    assert (run.is_final, run.number, run.issued_on) == (False, None, None)
    assert not ReportNumberRegister.objects.exists()


@pytest.mark.parametrize(
    ("kind", "earliest"),
    [
        (ReportKind.PROVINCE_PRELIMINARY, datetime.date(2025, 1, 1)),
        (ReportKind.PROVINCE_FINAL, datetime.date(2024, 12, 1)),
        (ReportKind.FORM_0603, datetime.date(2024, 12, 1)),
    ],
)
def test_the_first_day_of_the_period_is_the_earliest_date_of_issue(province, kind, earliest):
    too_early = ReportRunFactory(kind=kind, year=2025)
    on_time = ReportRunFactory(kind=kind, year=2025)

    with pytest.raises(DomainError):
        services.finalise_report(
            too_early, actor=None, issued_on=earliest - datetime.timedelta(days=1)
        )
    final = services.finalise_report(on_time, actor=None, issued_on=earliest)

    assert final.is_final is True
