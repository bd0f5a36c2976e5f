"""Requesting, watching, editing and finalising a report through the pages."""

import datetime

import pytest
from django.utils import timezone, translation

from accounts.enums import Role
from core.models import AuditEntry
from reports.enums import ReportKind, ReportStatus
from reports.models import ReportRun
from tests.conftest import make_user_with_role
from tests.factories.reports import GroupReportRunFactory, ReportRunFactory
from tests.reports.conftest import signed

pytestmark = pytest.mark.integration


@pytest.fixture
def officer(province):
    return make_user_with_role(Role.EMULATION_OFFICER, province.units["B1"], username="tdkt")


@pytest.fixture
def block_head(province):
    return make_user_with_role(Role.GROUP_HEAD, province.units["B1"], username="truong-khoi")


def test_officer_requests_a_province_report_and_lands_on_its_page(
    province, officer, client_for, django_capture_on_commit_callbacks, private_root
):
    client = client_for(officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/reports/new/", {"kind": "province_final", "year": "2025"})

    run = ReportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/reports/{run.pk}/"
    assert (run.kind, run.year, run.status, run.requested_by) == (
        "province_final",
        2025,
        ReportStatus.DONE,
        officer,
    )


def test_asking_twice_for_the_same_figures_opens_the_same_report(
    province, officer, client_for, django_capture_on_commit_callbacks, private_root
):
    client = client_for(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/reports/new/", {"kind": "form_0601", "year": "2025"})

    response = client.post("/reports/new/", {"kind": "form_0601", "year": "2025"}, follow=True)

    with translation.override("vi"):
        expected = [
            translation.gettext("The report is being rendered."),
            translation.gettext("A report for exactly these figures exists already: here it is."),
        ]
    assert ReportRun.objects.count() == 1
    assert [str(m) for m in response.context["messages"]] == expected


def test_group_head_may_request_their_group_report_only(
    province, block_head, client_for, private_root
):
    client = client_for(block_head)

    own = client.post(
        "/reports/new/", {"kind": "group_final", "year": "2025", "group": province.block.pk}
    )
    other = client.post(
        "/reports/new/", {"kind": "group_final", "year": "2025", "group": province.cluster.pk}
    )
    province_report = client.post("/reports/new/", {"kind": "province_final", "year": "2025"})

    assert own.status_code == 302
    assert (other.status_code, province_report.status_code) == (200, 200)
    assert list(ReportRun.objects.values_list("kind", "group__code")) == [
        ("group_final", "KHOI-TH")
    ]


def test_unit_officer_may_not_request_reports(province, client_for):
    client = client_for(make_user_with_role(Role.UNIT_OFFICER, province.units["B3"]))

    response = client.post("/reports/new/", {"kind": "province_final", "year": "2025"})

    assert response.status_code == 403
    assert ReportRun.objects.count() == 0


def test_status_fragment_polls_while_rendering_and_stops_when_done(
    province, officer, client_for, private_root
):
    running = ReportRunFactory(status=ReportStatus.RUNNING, progress=40)
    done = ReportRunFactory(kind=ReportKind.FORM_0601)
    client = client_for(officer)

    polling = client.get(f"/reports/{running.pk}/status/", HTTP_HX_REQUEST="true")
    finished = client.get(f"/reports/{done.pk}/status/", HTTP_HX_REQUEST="true")

    assert b'hx-trigger="every 2s"' in polling.content
    assert b'value="40"' in polling.content
    assert b"<html" not in polling.content
    assert b"hx-trigger" not in finished.content


def test_officer_edits_the_narrative_of_a_draft(
    province, officer, client_for, django_capture_on_commit_callbacks, private_root
):
    run = GroupReportRunFactory(group=province.block, data={})
    client = client_for(officer)

    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(
            f"/reports/{run.pk}/narrative/",
            {
                "assessment": "Khối hoàn thành tốt nhiệm vụ.",
                "limitations": "",
                "next_tasks": "1. Tổ chức sơ kết.",
                "signer_name": "Nguyễn Văn Trưởng",
                "sign_capacity": "for_head",
            },
        )

    run.refresh_from_db()
    assert response.status_code == 302
    assert len(queued) == 1
    assert (run.assessment, run.signer_name, run.sign_capacity, run.status, run.revision) == (
        "Khối hoàn thành tốt nhiệm vụ.",
        "Nguyễn Văn Trưởng",
        "for_head",
        ReportStatus.QUEUED,
        2,
    )


def test_group_head_sees_the_draft_but_may_not_edit_or_finalise_it(
    province, block_head, client_for
):
    run = GroupReportRunFactory(group=province.block)
    client = client_for(block_head)

    page = client.get(f"/reports/{run.pk}/")
    edit = client.post(f"/reports/{run.pk}/narrative/", {"assessment": "x"})
    finalise = client.post(f"/reports/{run.pk}/finalise/", {"issued_on": "2025-12-20"})

    run.refresh_from_db()
    assert page.status_code == 200
    assert b'data-testid="narrative-form"' not in page.content
    assert (edit.status_code, finalise.status_code) == (403, 403)
    assert (run.assessment, run.is_final) == ("", False)
    assert AuditEntry.objects.filter(action__startswith="reports.").count() == 0


def test_officer_finalises_a_report_and_gets_the_next_number(
    province, officer, client_for, django_capture_on_commit_callbacks, private_root
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(officer).post("/reports/new/", {"kind": "province_final", "year": "2025"})
    run = signed(ReportRun.objects.get())
    client = client_for(officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/reports/{run.pk}/finalise/", {"issued_on": "2025-12-20"})

    run.refresh_from_db()
    page = client.get(f"/reports/{run.pk}/")
    assert response.status_code == 302
    assert (run.is_final, run.number_label, run.issued_on, run.status) == (
        True,
        "01/BC-UBND",
        datetime.date(2025, 12, 20),
        ReportStatus.DONE,
    )
    assert b'data-testid="finalise-form"' not in page.content
    assert b'data-testid="narrative-form"' not in page.content


def test_request_page_offers_a_group_head_only_the_groups_they_head(
    province, block_head, client_for
):
    response = client_for(block_head).get("/reports/new/?year=2025")
    other_year = client_for(block_head).get("/reports/new/?year=2024")

    assert response.status_code == 200
    assert list(response.context["form"].fields["group"].queryset) == [province.block]
    assert list(other_year.context["form"].fields["group"].queryset) == []


def test_finalise_form_offers_today_in_the_date_inputs_iso_format(province, officer, client_for):
    run = ReportRunFactory()

    page = client_for(officer).get(f"/reports/{run.pk}/")

    today = timezone.localdate().isoformat()
    assert f'name="issued_on" value="{today}"' in page.content.decode()
