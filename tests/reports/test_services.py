"""Services of the reports app: same inputs reuse the run, narratives, finalisation and its
register, immutability, the e-mail to the requester, periodic drafts."""

import datetime

import pytest
from django.core import mail
from django.db import InternalError, transaction

from campaigns.enums import RegistrationStatus
from campaigns.models import EmulationRegistration
from core.exceptions import DomainError
from core.models import AuditEntry
from reports import services
from reports.enums import ReportKind, ReportStatus
from reports.models import ReportNumberRegister, ReportRun
from reports.tasks import render_report_task
from tests.factories.accounts import UserFactory
from tests.factories.reports import ReportRunFactory
from tests.reports.conftest import signed

pytestmark = pytest.mark.integration


def test_request_report_reuses_the_run_for_the_same_inputs(province, render_now):
    first = render_now(services.request_report, ReportKind.PROVINCE_FINAL, year=2025)

    again, created = services.request_report(ReportKind.PROVINCE_FINAL, year=2025)

    assert created is False
    assert again.pk == first.pk
    assert list(ReportRun.objects.values_list("pk", flat=True)) == [first.pk]


def test_request_report_makes_a_new_run_when_the_figures_change(province, render_now):
    first = render_now(services.request_report, ReportKind.PROVINCE_FINAL, year=2025)
    EmulationRegistration.objects.filter(unit=province.units["A2"], year=2025).update(
        status=RegistrationStatus.APPROVED
    )

    second, created = services.request_report(ReportKind.PROVINCE_FINAL, year=2025)

    assert created is True
    assert second.pk != first.pk
    assert second.data["totals"]["approved"] == 4
    assert first.data["totals"]["approved"] == 3


def test_request_report_records_figures_prefilled_narrative_and_audit(province, render_now):
    officer = UserFactory(username="can-bo-tdkt")

    run = render_now(
        services.request_report,
        ReportKind.GROUP_PRELIMINARY,
        year=2025,
        group=province.cluster,
        actor=officer,
    )

    assert run.period == "h1"
    assert run.scope == "group"
    assert run.requested_by == officer
    assert run.data["registrations"] == {
        "units": 2,
        "by_status": {"draft": 0, "sent": 1, "approved": 1, "returned": 0},
        "none": 0,
        "late": 1,
    }
    assert (
        run.limitations == "Còn 0 đơn vị chưa đăng ký thi đua; 1 đơn vị gửi đăng ký sau thời hạn."
    )
    assert list(AuditEntry.objects.values_list("action", "actor__username")) == [
        ("reports.report_run.requested", "can-bo-tdkt")
    ]


def test_request_report_refuses_a_group_kind_without_group(province):
    with pytest.raises(DomainError):
        services.request_report(ReportKind.GROUP_FINAL, year=2025)

    assert ReportRun.objects.count() == 0


def test_failed_run_is_queued_again_when_asked_for_again(province, render_now):
    run = render_now(services.request_report, ReportKind.FORM_0601, year=2025)
    ReportRun.objects.filter(pk=run.pk).update(status=ReportStatus.FAILED, error="boom")

    again = render_now(services.request_report, ReportKind.FORM_0601, year=2025)

    assert again.pk == run.pk
    assert again.status == ReportStatus.DONE
    assert again.error == ""
    assert again.attempts == 2


def test_requester_gets_an_email_when_the_report_is_ready(province, render_now):
    officer = UserFactory(username="nguoi-yeu-cau", email="yeu-cau@hungyen.gov.vn")

    run = render_now(services.request_report, ReportKind.FORM_0601, year=2025, actor=officer)

    assert [m.to for m in mail.outbox] == [["yeu-cau@hungyen.gov.vn"]]
    assert f"/reports/{run.pk}/" in mail.outbox[0].body


def test_update_narrative_renders_the_draft_again_with_the_new_text(province, render_now):
    run = render_now(services.request_report, ReportKind.PROVINCE_FINAL, year=2025)
    old_sha = run.pdf_sha256

    edited = render_now(
        services.update_narrative,
        run,
        actor=None,
        assessment="Phong trào thi đua được triển khai sâu rộng.",
        limitations="Một số đơn vị gửi báo cáo chậm.",
        next_tasks="1. Tổ chức Hội nghị tổng kết.\n2. Xét khen thưởng kịp thời.",
        signer_name="Trần Quốc Văn",
        sign_capacity="on_behalf",
    )

    assert edited.status == ReportStatus.DONE
    assert edited.revision == 2
    assert edited.pdf_sha256 != old_sha
    assert edited.signer_name == "Trần Quốc Văn"


def test_finalise_takes_consecutive_numbers_per_symbol_and_year(province, render_now):
    runs = [
        render_now(services.request_report, ReportKind.PROVINCE_FINAL, year=2025),
        render_now(services.request_report, ReportKind.PROVINCE_PRELIMINARY, year=2025),
        render_now(
            services.request_report, ReportKind.GROUP_FINAL, year=2025, group=province.block
        ),
    ]
    issued = datetime.date(2025, 12, 20)

    finals = [
        render_now(services.finalise_report, signed(run), actor=None, issued_on=issued)
        for run in runs
    ]

    assert [f.number_label for f in finals] == ["01/BC-UBND", "02/BC-UBND", "01/BC-KHOI-TH"]
    assert sorted(ReportNumberRegister.objects.values_list("year", "symbol", "last_number")) == [
        (2025, "BC-KHOI-TH", 1),
        (2025, "BC-UBND", 2),
    ]


def test_statistical_form_is_final_without_a_number(province, render_now):
    run = render_now(services.request_report, ReportKind.FORM_0601, year=2025)

    final = render_now(
        services.finalise_report, run, actor=None, issued_on=datetime.date(2025, 12, 15)
    )

    assert final.is_final is True
    assert final.number is None
    assert final.status == ReportStatus.DONE
    assert ReportNumberRegister.objects.count() == 0


def test_final_report_cannot_be_edited_or_finalised_again(province, render_now):
    run = signed(render_now(services.request_report, ReportKind.PROVINCE_FINAL, year=2025))
    final = render_now(services.finalise_report, run, actor=None)

    with pytest.raises(DomainError):
        services.finalise_report(final, actor=None)
    with pytest.raises(DomainError):
        services.update_narrative(
            final,
            actor=None,
            assessment="x",
            limitations="",
            next_tasks="",
            signer_name="",
            sign_capacity="on_behalf",
        )

    final.refresh_from_db()
    assert final.number == 1
    assert final.assessment != "x"


def test_database_refuses_to_change_or_delete_a_final_rendered_report(province):
    final = ReportRunFactory(is_final=True, issued_on=datetime.date(2025, 12, 1))

    with pytest.raises(InternalError), transaction.atomic():
        ReportRun.objects.filter(pk=final.pk).update(assessment="sửa lén")
    with pytest.raises(InternalError), transaction.atomic():
        ReportRun.objects.filter(pk=final.pk).delete()

    final.refresh_from_db()
    assert final.assessment == ""


def test_finalise_refuses_a_run_that_has_not_finished_rendering(province):
    run = ReportRunFactory(status=ReportStatus.RUNNING, progress=40)

    with pytest.raises(DomainError):
        services.finalise_report(run, actor=None)

    run.refresh_from_db()
    assert (run.is_final, run.number) == (False, None)


def test_periodic_drafts_create_the_province_and_every_group_report(province, render_now):
    ids = services.create_periodic_drafts(period="h1", year=2025)

    kinds = list(ReportRun.objects.filter(pk__in=ids).values_list("kind", "group__code"))
    assert sorted(kinds, key=str) == sorted(
        [
            ("province_preliminary", None),
            ("group_preliminary", "CUM1"),
            ("group_preliminary", "KHOI-TH"),
        ],
        key=str,
    )


def test_a_render_that_fails_marks_the_run_failed_with_the_error(province, private_root):
    run = ReportRunFactory(status=ReportStatus.QUEUED, progress=0, data={"year": 2025})

    render_report_task.delay(run_id=run.pk)

    run.refresh_from_db()
    assert (run.status, run.attempts, run.pdf_file.name) == (ReportStatus.FAILED, 1, "")
    assert run.error == "KeyError: 'totals'"


def test_a_review_is_not_finalised_without_the_signers_name(province, render_now):
    run = render_now(services.request_report, ReportKind.PROVINCE_FINAL, year=2025)

    with pytest.raises(DomainError) as refused:
        services.finalise_report(run, actor=None, issued_on=datetime.date(2025, 12, 20))

    run.refresh_from_db()
    assert refused.value.code == "signer_missing"
    assert (run.is_final, run.number) == (False, None)
    assert ReportNumberRegister.objects.count() == 0
