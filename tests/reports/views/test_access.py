"""Who sees which report: list, detail, status fragment and downloads (rules in
reports/rules.py). A report the user may not see answers 404, and nothing of it leaks."""

import datetime

import factory
import pytest

from accounts.enums import Role
from reports.enums import ReportKind
from tests.conftest import make_user_with_role
from tests.factories.clusters import OrgUnitFactory
from tests.factories.reports import GroupReportRunFactory, ReportRunFactory

pytestmark = pytest.mark.integration

PDF = b"%PDF-1.7 report bytes"


@pytest.fixture
def runs(province, private_root):
    file = factory.django.FileField(data=PDF, filename="r.pdf")
    return {
        "province": ReportRunFactory(kind=ReportKind.PROVINCE_FINAL, pdf_file=file),
        "form": ReportRunFactory(kind=ReportKind.FORM_0601, pdf_file=file),
        "block_draft": GroupReportRunFactory(group=province.block, pdf_file=file),
        "block_final": GroupReportRunFactory(
            group=province.block,
            pdf_file=file,
            is_final=True,
            number=1,
            symbol="BC-KHOI-TH",
            issued_on=datetime.date(2025, 12, 20),
        ),
        "cluster_draft": GroupReportRunFactory(group=province.cluster, pdf_file=file),
    }


def _actor(name, province):
    u = province.units
    roles = {
        "leadership": (Role.LEADERSHIP, OrgUnitFactory(code="HY-UBND", name="UBND tỉnh")),
        "officer": (Role.EMULATION_OFFICER, u["B1"]),
        "block_head": (Role.GROUP_HEAD, u["B1"]),
        "block_member": (Role.UNIT_OFFICER, u["B3"]),
        "outsider": (Role.UNIT_OFFICER, OrgUnitFactory(code="HY-OUT", name="Đơn vị ngoài")),
    }
    role, unit = roles[name]
    return make_user_with_role(role, unit, username=name)


VISIBLE = {
    "leadership": {"province", "form", "block_draft", "block_final", "cluster_draft"},
    "officer": {"province", "form", "block_draft", "block_final", "cluster_draft"},
    "block_head": {"block_draft", "block_final"},
    "block_member": {"block_final"},
    "outsider": set(),
}


@pytest.mark.parametrize("actor", sorted(VISIBLE))
def test_report_list_shows_exactly_the_reports_the_user_may_see(actor, province, runs, client_for):
    client = client_for(_actor(actor, province))

    response = client.get("/reports/")

    names = {name for name, run in runs.items() if run in response.context["runs"]}
    assert response.status_code == 200
    assert names == VISIBLE[actor]


@pytest.mark.parametrize("actor", sorted(VISIBLE))
@pytest.mark.parametrize("report", ["province", "form", "block_draft", "block_final"])
def test_detail_and_download_answer_404_for_reports_the_user_may_not_see(
    actor, report, province, runs, client_for
):
    client = client_for(_actor(actor, province))
    run = runs[report]

    detail = client.get(f"/reports/{run.pk}/")
    download = client.get(f"/reports/{run.pk}/download/pdf/")
    status = client.get(f"/reports/{run.pk}/status/")

    if report in VISIBLE[actor]:
        assert (detail.status_code, download.status_code, status.status_code) == (200, 200, 200)
        assert b"".join(download.streaming_content) == PDF
        assert download["Content-Type"] == "application/pdf"
    else:
        assert (detail.status_code, download.status_code, status.status_code) == (404, 404, 404)
        assert PDF not in detail.content


def test_anonymous_visitor_is_sent_to_sign_in(runs, client):
    response = client.get(f"/reports/{runs['province'].pk}/download/pdf/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_download_of_a_missing_format_is_404(province, runs, client_for):
    client = client_for(_actor("officer", province))

    response = client.get(f"/reports/{runs['province'].pk}/download/xlsx/")

    assert response.status_code == 404


@pytest.mark.parametrize("item_count", [1, 3])
def test_report_list_query_count_is_constant(
    item_count, province, private_root, client_for, django_assert_num_queries
):
    ReportRunFactory.create_batch(item_count)
    GroupReportRunFactory.create_batch(item_count, group=province.block)
    client = client_for(_actor("leadership", province))

    with django_assert_num_queries(10):
        response = client.get("/reports/?year=2025")

    assert len(response.context["runs"]) == 2 * item_count


@pytest.mark.parametrize("item_count", [1, 3])
def test_report_list_query_count_is_constant_for_a_group_head(
    item_count, province, private_root, client_for, django_assert_num_queries
):
    GroupReportRunFactory.create_batch(item_count, group=province.block)
    client = client_for(_actor("block_head", province))

    with django_assert_num_queries(10):
        response = client.get("/reports/?scope=group")

    assert len(response.context["runs"]) == item_count


def test_report_list_filters_by_kind_and_period(province, runs, client_for):
    client = client_for(_actor("officer", province))

    response = client.get("/reports/?kind=form_0601&period=year")

    assert list(response.context["runs"]) == [runs["form"]]
